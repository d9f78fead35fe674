"""The questions a school's first survey starts with, in our own plain words.

Short and concrete; the pupils' questions are easy-read (one idea each, everyday words) so they
work with symbols or an adult reading them aloud. A school's later surveys copy last year's
questions instead, so results can be compared question by question.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadahead.surveys.enums import Group, Kind

P, F, E, S = Group.PUPILS, Group.FAMILIES, Group.EMPLOYERS, Group.STAFF


@dataclass(frozen=True)
class DefaultQuestion:
    text: str
    kind: str
    groups: tuple[str, ...]


DEFAULT_QUESTIONS: tuple[DefaultQuestion, ...] = (
    # Pupils: easy-read.
    DefaultQuestion("Did you enjoy learning about jobs this year?", Kind.YES_NO, (P,)),
    DefaultQuestion("Did you visit a workplace or meet people from work?", Kind.YES_NO, (P,)),
    DefaultQuestion("Do you know what you want to do after school?", Kind.YES_NO, (P,)),
    DefaultQuestion("Did staff listen to what you want for your future?", Kind.YES_NO, (P,)),
    DefaultQuestion("What was the best thing you did?", Kind.TEXT, (P,)),
    # Parents and carers.
    DefaultQuestion("How well does the school tell you about its careers programme?", Kind.RATING, (F,)),
    DefaultQuestion("How well has the school helped your child think about life after school?", Kind.RATING, (F,)),
    DefaultQuestion("Do you know what your child's options are after they leave?", Kind.YES_NO, (F,)),
    DefaultQuestion("Have you been asked what you want for your child's future?", Kind.YES_NO, (F,)),
    # Employers and providers.
    DefaultQuestion("How well did the school prepare pupils for your visit or placement?", Kind.RATING, (E,)),
    DefaultQuestion("How easy was it to work with the school?", Kind.RATING, (E,)),
    DefaultQuestion("Would you work with the school again?", Kind.YES_NO, (E,)),
    # Staff.
    DefaultQuestion("How confident are you to link your teaching to work and adult life?", Kind.RATING, (S,)),
    DefaultQuestion("How useful is the careers programme for the pupils you teach?", Kind.RATING, (S,)),
    DefaultQuestion("Have you had careers training this year?", Kind.YES_NO, (S,)),
    # Everyone but pupils: a question asked of several groups, compared between them.
    DefaultQuestion("How well does the careers programme meet pupils' needs overall?", Kind.RATING, (F, E, S)),
    DefaultQuestion("What should we do differently next year?", Kind.TEXT, (F, E, S)),
)
