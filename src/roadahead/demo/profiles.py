"""Career profiles, intended destinations and My future pages for the demo schools.

What a special school's staff would record: pupils who speak for themselves in their own words,
pupils who choose with symbols or a talker, pupils with profound needs whose likes are seen by
the staff who know them or told by an advocate; families, advisers, event feedback and placement
supervisors adding their view. Some aspirations change from one year to the next (the old entry
is ended and replaced, so the history shows it). From Year 9, each year's review records what the
pupil, the family and the school aim for after school, mostly in keeping with the pupil's pathway
and now and then not. All the words are invented. Everything goes through the profile services.

No pictures are recorded: the demo bundles no photos or symbols.
"""

from __future__ import annotations

import datetime as dt
import random

from roadahead.core import dates
from roadahead.people.enums import NeedType, Role
from roadahead.people.models import Enrolment, Membership, Pupil, PupilNeed
from roadahead.profiles import services
from roadahead.profiles.enums import CaptureMethod, EntryKind, Source
from roadahead.profiles.models import ProfileEntry
from roadahead.schools.models import DestinationCategory, School

NON_VERBAL = {NeedType.PMLD, NeedType.MSI}
SYMBOL_USERS = {NeedType.SLD, NeedType.SLCN, NeedType.PD}

# ## Words: group -> kind -> phrases ##############################################################
WORDS: dict[str, dict[str, list[str]]] = {
    "observed": {
        EntryKind.LIKE: ["Music sessions, especially the drums", "Being outside in the sensory garden",
                         "The hydrotherapy pool", "The swing in the soft play room", "Lights and bubbles in the "
                         "sensory room", "Being read stories with sounds and objects"],
        EntryKind.INTEREST: ["Horses at the riding for the disabled centre", "Rhythm and music",
                             "Water play", "Watching people come and go in the café"],
        EntryKind.DISLIKE: ["Loud, busy rooms", "Being rushed at mealtimes", "Sudden noises like the hand dryer"],
        EntryKind.STRENGTH: ["Shows clearly what they like with eye gaze", "Settles quickly with adults they know",
                             "Chooses between two objects when given time", "Joins in with turn-taking games"],
        EntryKind.ASPIRATION: ["To keep getting out into the community every week",
                               "To have people around who know how they communicate",
                               "To carry on with music sessions after school"],
        EntryKind.WISH: ["Is happiest near familiar people; wants them close",
                         "Enjoys being part of a group activity"],
        EntryKind.WORRY: ["Changes to routine without warning", "Meeting new people without an introduction",
                          "Long journeys in the minibus"],
    },
    "symbols": {
        EntryKind.LIKE: ["Cooking in the school kitchen", "Animals at the city farm", "Music and dancing",
                         "Gardening and watering the plants", "Swimming", "Going to the shop for the class snack"],
        EntryKind.INTEREST: ["Tractors and farm machines", "Buses and trains", "Plants and flowers",
                             "Cakes and baking"],
        EntryKind.DISLIKE: ["The noisy hall", "Messy hands", "Waiting for a long time"],
        EntryKind.STRENGTH: ["Careful and tidy with jobs", "Kind to younger pupils", "Remembers routines well",
                             "Works hard at jobs with pictures to follow"],
        EntryKind.ASPIRATION: ["Work with animals", "Work in a café", "Go to college with friends",
                               "Work at the garden centre", "Work in a shop, putting things on shelves"],
        EntryKind.WISH: ["Wants to be with friends after school", "Wants to go on the bus", "Feels proud "
                         "when helping"],
        EntryKind.WORRY: ["Travelling on my own", "Loud places", "Leaving school friends"],
    },
    "own_words": {
        EntryKind.LIKE: ["I like football and PE", "I like computers and games", "I like doing hair and make-up",
                         "I like fixing bikes", "I like baking cakes", "I like drawing comics"],
        EntryKind.INTEREST: ["Cars and engines", "Looking after animals", "Films and making videos",
                             "Fashion"],
        EntryKind.DISLIKE: ["I don't like being on the phone", "I don't like crowds", "I don't like writing a lot"],
        EntryKind.STRENGTH: ["I am good with money at the tuck shop", "I am good at computers",
                             "I am always on time", "I am good at helping people"],
        EntryKind.ASPIRATION: ["I want to be a mechanic", "I want to work in a shop", "I want to be a "
                               "hairdresser", "I want an apprenticeship", "I want to be a chef",
                               "I want to work at the vets"],
        EntryKind.WISH: ["I want to live in my own flat one day", "I want to learn to drive",
                         "I want a job where people are friendly"],
        EntryKind.WORRY: ["I get nervous talking to new people", "I worry about getting the wrong bus",
                          "Forms and interviews"],
    },
}
OTHER_VOICES = [
    (Source.FAMILY, CaptureMethod.ADVOCATE, EntryKind.INTEREST, "Mum says they love helping at Grandad's allotment"),
    (Source.FAMILY, CaptureMethod.ADVOCATE, EntryKind.WISH, "The family would like them to stay close to home"),
    (Source.FAMILY, CaptureMethod.ADVOCATE, EntryKind.WORRY, "The family worry about money and support after "
                                                             "school"),
    (Source.STAFF, CaptureMethod.OBSERVATION, EntryKind.STRENGTH, "Very focused on practical tasks"),
    (Source.STAFF, CaptureMethod.OBSERVATION, EntryKind.STRENGTH, "Works well in a small team"),
    (Source.ADVISER, CaptureMethod.ADVOCATE, EntryKind.ASPIRATION, "Interested in a supported internship"),
    (Source.EVENT_FEEDBACK, CaptureMethod.OBSERVATION, EntryKind.INTEREST, "Stayed longest at the animal care "
                                                                           "stall at the careers fair"),
    (Source.EVENT_FEEDBACK, CaptureMethod.OWN_WORDS, EntryKind.LIKE, "Said the college taster day was "
                                                                     "'the best day'"),
]
PLACEMENT_VOICES = [
    (EntryKind.STRENGTH, "Placement supervisor: reliable and polite with customers"),
    (EntryKind.STRENGTH, "Placement supervisor: follows the picture checklist without reminders"),
    (EntryKind.DISLIKE, "Found the stockroom too cold and noisy on placement"),
]
PLANS = [
    "Visit two colleges with the family in the spring term. Travel training from the summer term.",
    "Taster day at the specialist college; transition visits in the summer term; college to attend the "
    "annual review.",
    "Work experience at the garden centre one morning a week; ask about a supported internship.",
    "Social worker to start the adult social care assessment; visit the day service with a familiar adult.",
    "Apply to the local college by January; practise the bus route; sort out a bank account.",
]
NEXT_STEPS = {
    "observed": ["Visit the day centre with my teaching assistant", "Keep going to music on Thursdays",
                 "Try the riding centre with Mum"],
    "symbols": ["Visit the college with Mum", "Practise the bus to town", "Try a day at the farm",
                "Help in the school café on Fridays"],
    "own_words": ["Go to the college open evening", "Practise my interview with my teacher",
                  "Fill in my college form with help", "Do my work experience at the garage"],
}


def _group(need: str) -> str:
    if need in NON_VERBAL:
        return "observed"
    return "symbols" if need in SYMBOL_USERS else "own_words"


def _how(rng: random.Random, group: str) -> tuple[str, str]:
    if group == "observed":
        return rng.choice([(Source.STAFF, CaptureMethod.OBSERVATION), (Source.STAFF, CaptureMethod.OBSERVATION),
                           (Source.FAMILY, CaptureMethod.ADVOCATE)])
    if group == "symbols":
        return rng.choice([(Source.PUPIL, CaptureMethod.SYMBOLS), (Source.PUPIL, CaptureMethod.SYMBOLS),
                           (Source.PUPIL, CaptureMethod.ADVOCATE), (Source.PUPIL, CaptureMethod.OWN_WORDS)])
    return rng.choice([(Source.PUPIL, CaptureMethod.OWN_WORDS)] * 4 + [(Source.ADVISER, CaptureMethod.OWN_WORDS)])


def _day(rng: random.Random, start_year: int, today: dt.date) -> dt.date | None:
    first, last = dates.academic_year_bounds(start_year)
    first, last = first + dt.timedelta(days=14), min(last - dt.timedelta(days=40), today)
    if last < first:
        return None
    day = first + dt.timedelta(days=rng.randint(0, (last - first).days))
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return max(day, first) if day >= first else None


def record_profiles(*, school: School, today: dt.date, rng: random.Random) -> None:
    """Record profiles for the pupils on roll: entries over their last three years at school, and
    intended destinations and a My future page from Year 9."""
    members = list(Membership.objects.filter(school=school, is_active=True).select_related("user"))
    leader = next((m for m in members if m.role == Role.CAREERS_LEADER), None)
    if leader is None:
        return
    adviser = next((m for m in members if m.role == Role.ADVISER), None)
    needs = dict(PupilNeed.objects.filter(school=school, rank=1).values_list("pupil_id", "need"))
    categories = {c.code: c for c in DestinationCategory.objects.filter(school=school)}
    enrolments: dict[int, list[Enrolment]] = {}
    for enrolment in (Enrolment.objects.filter(school=school).select_related("academic_year", "pathway", "class_group")
                      .prefetch_related("class_group__staff", "pathway__in_keeping_destinations")
                      .order_by("pupil_id", "academic_year__start_year")):
        enrolments.setdefault(enrolment.pupil_id, []).append(enrolment)
    current_year = dates.academic_year_of(today)
    for pupil in Pupil.objects.filter(school=school).order_by("pk"):
        if not pupil.on_roll(today):
            continue
        years = [e for e in enrolments.get(pupil.pk, []) if e.academic_year.start_year <= current_year][-3:]
        if not years or dates.nc_year_ordinal(years[-1].nc_year) is None or rng.random() < 0.08:
            continue  # a few pupils have nothing recorded yet, as in any school
        _record_pupil(school=school, pupil=pupil, years=years, group=_group(needs.get(pupil.pk, "")), rng=rng,
                      today=today, leader=leader, adviser=adviser, categories=categories)


def _record_pupil(*, school: School, pupil: Pupil, years: list[Enrolment], group: str, rng: random.Random,
                  today: dt.date, leader: Membership, adviser: Membership | None,
                  categories: dict[str, DestinationCategory]) -> None:
    words = WORDS[group]
    aspiration: ProfileEntry | None = None
    for enrolment in years:
        start_year = enrolment.academic_year.start_year
        staff = list(enrolment.class_group.staff.all()) if enrolment.class_group else []
        teacher = staff[0] if staff else leader
        ordinal = dates.nc_year_ordinal(enrolment.nc_year) or 0
        kinds = rng.sample([EntryKind.LIKE, EntryKind.INTEREST, EntryKind.STRENGTH, EntryKind.DISLIKE,
                            EntryKind.WISH, EntryKind.WORRY], rng.choice([2, 3, 3, 4]))
        for kind in kinds:
            day = _day(rng, start_year, today)
            if day is None:
                continue
            source, captured = _how(rng, group)
            by = adviser if source == Source.ADVISER and adviser else teacher
            services.add_entry(school=school, pupil=pupil, member=by, kind=kind, text=rng.choice(words[kind]),
                               source=source, captured=captured, recorded_on=day)
        day = _day(rng, start_year, today)
        if day is not None and ordinal >= 7:
            # Aspirations change as pupils try things: end last year's and record this year's.
            text = rng.choice(words[EntryKind.ASPIRATION])
            source, captured = _how(rng, group)
            if aspiration is not None and aspiration.text != text and rng.random() < 0.6:
                aspiration = services.end_entry(
                    entry=aspiration, member=teacher, expected_version=aspiration.version, ended_on=day,
                    reason=rng.choice(["After the work experience week", "After the college taster day",
                                       "Talked it through at the guidance meeting"]), replacement=text)
            elif aspiration is None:
                aspiration = services.add_entry(school=school, pupil=pupil, member=teacher,
                                                kind=EntryKind.ASPIRATION, text=text, source=source,
                                                captured=captured, recorded_on=day)
        if day is not None and rng.random() < 0.35:
            source, captured, kind, text = rng.choice(OTHER_VOICES)
            by = adviser if source == Source.ADVISER and adviser else teacher
            services.add_entry(school=school, pupil=pupil, member=by, kind=kind, text=text, source=source,
                               captured=captured, recorded_on=day)
        if day is not None and ordinal >= 10 and rng.random() < 0.5:
            kind, text = rng.choice(PLACEMENT_VOICES)
            services.add_entry(school=school, pupil=pupil, member=teacher, kind=kind, text=text,
                               source=Source.PLACEMENT, captured=CaptureMethod.OBSERVATION, recorded_on=day)
        if ordinal >= 9:
            _plan(school=school, pupil=pupil, enrolment=enrolment, member=adviser or leader, rng=rng, today=today,
                  categories=categories, aim=aspiration.text if aspiration else "")
    if (dates.nc_year_ordinal(years[-1].nc_year) or 0) >= 9:
        current = ProfileEntry.objects.filter(school=school, pupil=pupil, ended_on__isnull=True)
        chosen = [e.pk for e in current if e.kind in {EntryKind.LIKE, EntryKind.INTEREST, EntryKind.STRENGTH,
                                                      EntryKind.ASPIRATION} and rng.random() < 0.8]
        services.save_my_future(school=school, pupil=pupil, member=leader, chosen_entry_ids=chosen,
                                next_steps="\n".join(rng.sample(NEXT_STEPS[group], 2)))


def _plan(*, school: School, pupil: Pupil, enrolment: Enrolment, member: Membership, rng: random.Random,
          today: dt.date, categories: dict[str, DestinationCategory], aim: str) -> None:
    day = _day(rng, enrolment.academic_year.start_year, today)
    if day is None:
        return
    in_keeping = list(enrolment.pathway.in_keeping_destinations.all()) if enrolment.pathway else []
    others = [c for c in categories.values() if c not in in_keeping and c.code not in {"neet", "not-known"}]

    def choose(keep: float) -> DestinationCategory | None:
        if in_keeping and (rng.random() < keep or not others):
            return rng.choice(in_keeping)
        return rng.choice(others) if others else None

    pupil_category = choose(0.8)
    family_category = pupil_category if rng.random() < 0.6 else choose(0.9)
    services.save_plan(
        school=school, pupil=pupil, member=member, start_year=enrolment.academic_year.start_year,
        pupil_category=pupil_category, pupil_aim=aim,
        family_category=family_category,
        family_aim=rng.choice(["", "Somewhere close to home with people who know them.",
                               "A college course first, then see.", "Something with routine and support."]),
        school_category=choose(1.0), school_aim=rng.choice(["", "Builds on the work experience so far.",
                                                           "Keeps the friendships and routines that work now."]),
        plan=rng.choice(PLANS), reviewed_on=day)
