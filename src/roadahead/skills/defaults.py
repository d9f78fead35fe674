"""The frameworks every school starts with. All wording here is Road Ahead's own.

The eight essential skills are judged on one shared scale of sixteen steps (0 to 15); confidence
and independence, which teachers in special schools judge more coarsely and often with the pupil,
have a short scale of their own from "not yet" to "on their own".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultStep:
    value: int
    label: str
    description: str = ""


@dataclass(frozen=True)
class DefaultSkill:
    code: str
    name: str
    description: str


@dataclass(frozen=True)
class DefaultFramework:
    code: str
    name: str
    description: str
    steps: tuple[DefaultStep, ...]
    skills: tuple[DefaultSkill, ...]


_STAGES = (
    # (first step, last step, stage, what the stage looks like)
    (0, 0, "Not yet seen", "We have not yet seen the pupil use this skill."),
    (1, 3, "Beginning", "The pupil uses the skill with an adult's help, in a place and with people they know well."),
    (4, 6, "Developing", "The pupil uses the skill more often and needs less help, still mostly in familiar places."),
    (7, 9, "Secure", "The pupil uses the skill without help in familiar places and begins to use it in new ones."),
    (10, 12, "Extending", "The pupil adapts the skill to new people and places and helps others with it."),
    (13, 15, "Confident", "The pupil uses the skill wherever they are, thinks about how it went and gets better."),
)
_WITHIN = ("first", "middle", "top")

ESSENTIAL_STEPS = tuple(
    DefaultStep(value, stage if first == last else f"{stage} ({_WITHIN[value - first]} step)", what)
    for first, last, stage, what in _STAGES for value in range(first, last + 1))

ESSENTIAL_SKILLS = DefaultFramework(
    code="essential-skills",
    name="Essential skills",
    description="Eight skills for life and work, each judged on steps 0 to 15.",
    steps=ESSENTIAL_STEPS,
    skills=(
        DefaultSkill("listening", "Listening",
                     "Taking in and making sense of what other people communicate, however they communicate it."),
        DefaultSkill("speaking", "Speaking",
                     "Getting a message across: by voice, signing, symbols or a communication aid."),
        DefaultSkill("problem-solving", "Problem Solving", "Working out what to do when something is not simple."),
        DefaultSkill("creativity", "Creativity", "Having ideas of one's own and trying them out."),
        DefaultSkill("staying-positive", "Staying Positive",
                     "Keeping going and managing feelings when things are hard or change."),
        DefaultSkill("aiming-high", "Aiming High", "Choosing goals and taking steps towards them."),
        DefaultSkill("leadership", "Leadership", "Encouraging, helping and guiding other people."),
        DefaultSkill("teamwork", "Teamwork", "Working with other people towards something shared."),
    ),
)

CONFIDENCE_AND_INDEPENDENCE = DefaultFramework(
    code="confidence-independence",
    name="Confidence and independence",
    description="How confident the pupil is and how much they do for themselves, on a short scale of 0 to 4.",
    steps=(
        DefaultStep(0, "Not yet", "The pupil does not yet do this, even with help."),
        DefaultStep(1, "With full support", "An adult does most of it with the pupil."),
        DefaultStep(2, "With some support", "The pupil does part of it; an adult prompts or helps with the rest."),
        DefaultStep(3, "With a little support", "The pupil does most of it; an adult is near in case they are needed."),
        DefaultStep(4, "On their own", "The pupil does it without help, including somewhere new."),
    ),
    skills=(
        DefaultSkill("confidence", "Confidence",
                     "Trying new things, meeting new people and making their views known."),
        DefaultSkill("independence", "Independence",
                     "Doing things for themselves: travelling, organising their day, looking after their things."),
    ),
)

DEFAULT_FRAMEWORKS = (ESSENTIAL_SKILLS, CONFIDENCE_AND_INDEPENDENCE)
