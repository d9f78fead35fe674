"""The eight Gatsby Benchmarks as updated for schools from September 2025 (titles are facts; the
summaries are our own words). A programme file may change them for a school."""

from __future__ import annotations

GATSBY_BENCHMARKS: list[tuple[int, str, str]] = [
    (1, "A stable careers programme",
     "A planned, published programme backed by leaders and governors, led by a trained careers leader, "
     "and evaluated with feedback from pupils, families, staff, advisers and employers."),
    (2, "Learning from career and labour market information",
     "In every key stage each pupil uses careers and labour market information, and families are helped "
     "to use it too."),
    (3, "Addressing the needs of each young person",
     "Careers support fitted to each pupil, with records of their experiences, advice, aspirations and "
     "destinations that they can see, and destinations followed for three years."),
    (4, "Linking curriculum learning to careers",
     "Every subject, every year, shows how what pupils learn is used in work and adult life."),
    (5, "Encounters with employers and employees",
     "At least one meaningful encounter with an employer every year from the age of 11."),
    (6, "Experiences of workplaces",
     "Meaningful experiences of workplaces by 16, and at least one more by 18."),
    (7, "Encounters with further and higher education",
     "Meaningful encounters with the full range of colleges, training providers and other post-16 and "
     "post-19 options."),
    (8, "Personal guidance",
     "A guidance meeting with a qualified adviser by 16 and another by 18, timed to each pupil's needs."),
]
