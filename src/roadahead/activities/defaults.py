"""The activity types a school starts with, and the benchmarks each usually evidences.

A programme file may add to them, rename them or change their benchmarks; each activity can also
change its own benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from roadahead.activities.enums import Setting


@dataclass(frozen=True)
class DefaultType:
    code: str
    name: str
    benchmarks: tuple[int, ...]
    setting: str = Setting.ON_SITE
    provider_encounter: bool = False
    workplace: bool = False
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)


DEFAULT_ACTIVITY_TYPES: tuple[DefaultType, ...] = (
    DefaultType("careers-lesson", "Careers lesson", (3,), description="A lesson taught as careers education."),
    DefaultType("curriculum-lesson", "Curriculum lesson with a careers link", (4,),
                description="A subject lesson that shows how its skills are used in work or adult life."),
    DefaultType("employer-talk", "Employer talk or workshop", (5,),
                description="Someone from the world of work visits to talk, run a workshop or answer questions."),
    DefaultType("workplace-visit", "Workplace visit", (5, 6), Setting.OFF_SITE, workplace=True,
                description="Pupils visit a workplace, meet the people who work there and see what they do."),
    DefaultType("work-experience", "Work experience session", (6,), Setting.OFF_SITE, workplace=True,
                description="A session of a work experience placement, on or off site."),
    DefaultType("work-related-learning", "Work-related learning session", (4, 6),
                description="Learning workplace skills in school: following a brief, money, customer service."),
    DefaultType("enterprise-project", "Enterprise project", (4, 6),
                description="Pupils design, make and sell a product or run a small business."),
    DefaultType("careers-event", "Careers fair or event", (2, 3, 7),
                description="An event with stallholders from colleges, services and employers."),
    DefaultType("provider-encounter", "Provider encounter (PAL)", (7,), provider_encounter=True,
                description="A college, training or apprenticeship provider talks to pupils about technical "
                            "education and apprenticeships."),
    DefaultType("provider-visit", "Further education or post-19 provider visit or talk", (7,), Setting.OFF_SITE,
                description="A visit to, or a talk from, a college, specialist college, day service or university."),
    DefaultType("transition-visit", "Transition visit", (3, 7, 8), Setting.OFF_SITE,
                description="A visit to a possible next placement, or its staff visiting the pupil in school."),
    DefaultType("guidance-meeting", "Careers guidance meeting", (8,),
                description="A one-to-one careers guidance meeting with a qualified, independent careers adviser."),
    DefaultType("class-job", "Class job", (6,),
                description="A regular job in school: the register to the office, the lunch trolley, recycling."),
    DefaultType("lmi-session", "Labour market information session", (2,),
                description="Pupils explore which jobs and opportunities there are locally."),
    DefaultType("parents-event", "Parents' and carers' event", (2, 3),
                description="An event helping families find out about options after school."),
)
