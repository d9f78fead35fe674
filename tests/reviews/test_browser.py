"""Recording a review and the Preparing for Adulthood progress agreed at it, in a browser.

Every page visited is checked with axe-core (WCAG 2.2 A and AA): zero violations.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from roadahead.reviews.enums import PfaArea
from roadahead.reviews.models import AnnualReview, PfaProgress
from tests.browser_support import sign_in
from tests.conftest import PASSWORD
from tests.reviews.factories import outcome, progress

pytestmark = pytest.mark.django_db(transaction=True)


def test_class_teacher_records_a_review_and_its_pfa_progress(page, axe, world):
    pupil = world.class_pupils[0]
    pupil.ehcp_last_review = dt.date(2025, 3, 3)
    pupil.ehcp_next_review = dt.date(2026, 3, 3)
    pupil.save()
    work = outcome(pupil, text="Works in the school cafe for a whole session")
    progress(work, day=dt.date(2025, 11, 4))
    outcome(pupil, area=PfaArea.COMMUNITY, text="Joins a lunchtime club with a friend")
    sign_in(page, world.class_teacher.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))

    page.goto(f"/s/oakfield/pupils/{pupil.pk}/")
    page.get_by_text("The annual review was due on 3 March 2026 and is overdue.").wait_for()
    axe(page)

    page.goto("/s/oakfield/reviews/?status=overdue")
    axe(page)
    page.get_by_role("link", name=pupil.sort_name).click()
    page.wait_for_url(re.compile(r"/reviews/pupil/\d+/$"))
    axe(page)

    page.get_by_role("link", name="Add a review").click()
    page.wait_for_url(re.compile(r"/new/$"))
    axe(page)
    page.get_by_label("Date due").fill("03/03/2026")
    page.get_by_label("Date held").fill("05/03/2026")
    page.get_by_label("Who attended").fill("Mum; Oak class teacher; speech and language therapist")
    page.get_by_label("The pupil's views").fill("Chose the cafe photo twice using the symbol book")
    page.get_by_label("Keep the plan as it is").check()
    page.get_by_role("button", name="Save and record PfA progress").click()
    page.wait_for_url(re.compile(r"/reviews/\d+/progress/$"))
    axe(page)

    cafe = page.locator(f"#outcome-{work.pk}")
    cafe.get_by_label("Secure").check()
    cafe.get_by_label("Note").fill("Served drinks for the whole session with one prompt")
    page.get_by_role("button", name="Save progress").click()
    page.wait_for_url(re.compile(r"/reviews/pupil/\d+/$"))
    page.get_by_text("Progress on 1 outcome is saved.").wait_for()
    axe(page)

    review = AnnualReview.objects.get(pupil=pupil)
    assert review.date_held == dt.date(2026, 3, 5)
    entry = PfaProgress.objects.get(review=review)
    assert (entry.outcome, entry.level, entry.recorded_by) == (work, "secure", world.class_teacher)
    assert "Served drinks for the whole session with one prompt" in page.content()
    pupil.refresh_from_db()
    assert pupil.ehcp_next_review == dt.date(2027, 3, 5)

    page.get_by_role("link", name="Careers and Preparing for Adulthood contribution for the review").click()
    page.wait_for_url(re.compile(r"/contribution/$"))
    axe(page)
    assert "Works in the school cafe for a whole session" in page.content()


def test_outcomes_progress_and_epep_pages_pass_axe(page, axe, world):
    pupil = world.pupils[0]
    pupil.looked_after = True
    pupil.save()
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto(f"/s/oakfield/reviews/pupil/{pupil.pk}/")
    page.get_by_role("link", name="Add an outcome or target").click()
    page.wait_for_url(re.compile(r"/outcomes/new/$"))
    axe(page)
    page.get_by_label("Independent living").check()
    page.get_by_label("Personal provision plan target").check()
    page.get_by_label("Outcome or target").fill("Crosses the road at the lights with a reminder")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/reviews/pupil/\d+/$"))
    axe(page)

    page.get_by_role("link", name=re.compile("^Record progress")).click()
    page.wait_for_url(re.compile(r"/outcomes/\d+/progress/$"))
    axe(page)
    page.get_by_label("Emerging").check()
    page.get_by_label("Note").fill("Waited for the green man twice on the walk to the shop")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/reviews/pupil/\d+/$"))
    assert "Waited for the green man twice" in page.content()

    page.get_by_role("link", name="Careers section of the personal education plan (ePEP)").click()
    page.wait_for_url(re.compile(r"/epep/$"))
    axe(page)
    page.goto("/s/oakfield/reviews/")
    axe(page)


def test_governor_counts_page_passes_axe(page, axe, world):
    sign_in(page, world.leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/reviews/")
    page.locator("#due-counts").wait_for()
    axe(page)
