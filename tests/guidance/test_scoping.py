"""An adviser never sees or reaches an unassigned pupil's guidance: not through any page, list or API call.

Class staff are held to their own classes the same way. Each test has data that could leak: a
meeting, with an action and words, for a pupil the member may not see.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from roadahead.guidance import urls as guidance_urls
from roadahead.guidance.models import GuidanceMeeting
from tests.api.conftest import ApiClient, token_for
from tests.guidance.factories import action, meeting

pytestmark = pytest.mark.django_db

SECRET = "I am scared of the big college."


@pytest.fixture
def hidden(world):
    """A pupil neither the adviser (not assigned) nor the class teacher (another class) may see."""
    pupil = world.pupils[1]
    assert pupil not in world.adviser_pupils
    assert pupil not in world.class_pupils
    made = meeting(pupil, world.careers_leader, dt.date(2026, 1, 12), pupil_words=SECRET,
                   next_due=dt.date(2026, 3, 1), actions=[action("Secret action", due_on=dt.date(2026, 3, 1))])
    return made


def _kwargs(name: str, hidden: GuidanceMeeting) -> dict[str, int] | None:
    """The hidden pupil's ids for each URL that names one; None for the lists."""
    pattern = next(p for p in guidance_urls.urlpatterns if p.name == name)
    route = str(pattern.pattern)
    if "<int:pupil_pk>" in route:
        return {"pupil_pk": hidden.pupil_id}
    if route.startswith("actions/<int:pk>"):
        return {"pk": hidden.actions.get().pk}
    if "<int:pk>" in route:
        return {"pk": hidden.pk}
    return None


PUPIL_URLS = sorted(p.name for p in guidance_urls.urlpatterns if "<int:" in str(p.pattern))
LIST_URLS = sorted(p.name for p in guidance_urls.urlpatterns if "<int:" not in str(p.pattern))


@pytest.mark.parametrize("role", ["adviser", "class_teacher"])
@pytest.mark.parametrize("name", PUPIL_URLS)
def test_every_guidance_url_for_a_pupil_they_may_not_see_is_404(client, world, hidden, role, name):
    client.force_login(getattr(world, role).user)
    url = reverse(f"guidance:{name}", kwargs={"school_slug": world.school.slug, **_kwargs(name, hidden)})
    # Class staff may not record or edit at all (403 comes first): the page still says nothing.
    allowed = {404, 403} if role == "class_teacher" and name in {"record", "edit", "delete"} else {404}
    if role == "adviser" and name == "delete":
        allowed = {403}
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        if method == "get" and name == "action_done":
            assert response.status_code == 405
            continue
        assert response.status_code in allowed, f"{role} {method} {url}"
        assert SECRET not in response.content.decode()
    hidden.refresh_from_db()
    assert hidden.actions.get().done_on is None


@pytest.mark.parametrize("role", ["adviser", "class_teacher"])
@pytest.mark.parametrize("name", LIST_URLS)
def test_lists_leave_out_pupils_they_may_not_see(client, world, hidden, role, name):
    own = world.adviser_pupils[0]  # assigned to the adviser and in the class teacher's class
    meeting(own, world.adviser, dt.date(2026, 1, 5), next_due=dt.date(2026, 3, 1) if name == "overdue"
            else dt.date(2026, 3, 20), actions=[action("Own action")])
    client.force_login(getattr(world, role).user)

    page = client.get(reverse(f"guidance:{name}", kwargs={"school_slug": world.school.slug})).content.decode()

    # The CSV export names pupils by UPN (names are in separate columns); the pages by name.
    def marker(pupil):
        return pupil.upn if name == "export" else pupil.display_name

    assert marker(own) in page
    assert marker(hidden.pupil) not in page
    assert "Secret action" not in page


def test_every_guidance_api_call_for_an_unassigned_pupil_is_404(world, hidden):
    api = ApiClient(token_for(world.adviser))
    assert api.get(f"/pupils/{hidden.pupil_id}/guidance-meetings").status_code == 404
    response = api.post(f"/pupils/{hidden.pupil_id}/guidance-meetings", {"date": "2026-03-03"})
    assert response.status_code == 404
    assert GuidanceMeeting.objects.count() == 1
    actions = api.get("/guidance/actions")
    assert actions.status_code == 200
    assert actions.json() == []


def test_an_adviser_cannot_record_for_an_unassigned_pupil_through_the_form(client, world, hidden):
    client.force_login(world.adviser.user)
    response = client.post(reverse("guidance:record", kwargs={"school_slug": "oakfield", "pupil_pk": hidden.pupil_id}),
                           {"date": "03/03/2026", "mode": "in_person", "advocate": "none",
                            "actions-TOTAL_FORMS": "0", "actions-INITIAL_FORMS": "0"})
    assert response.status_code == 404
    assert GuidanceMeeting.objects.count() == 1


def test_another_schools_pupil_is_404_even_for_their_careers_leader_here(client, world, other_world):
    theirs = meeting(other_world.pupils[0], other_world.adviser, pupil_words=SECRET)
    client.force_login(world.careers_leader.user)
    for url in (f"/s/oakfield/guidance/{theirs.pk}/", f"/s/oakfield/guidance/pupil/{theirs.pupil_id}/",
                f"/s/oakfield/guidance/pupil/{theirs.pupil_id}/new/"):
        assert client.get(url).status_code == 404
    api = ApiClient(token_for(world.careers_leader))
    assert api.get(f"/pupils/{theirs.pupil_id}/guidance-meetings").status_code == 404
