"""The criteria a school evaluates its programme against, per benchmark, as data.

Written in our own words from the benchmarks as updated for September 2025 (see
docs/user/self-evaluation.md); they are not the national tool's questions. Where a special school's
expectation differs (encounters adapted to pupils' needs, families involved, post-19 providers,
advocates), `special` holds that wording; otherwise both kinds of school use `text`.

`rule` names a suggestion rule in `evaluation.evidence`: a way of reading the school's own records
to suggest a status. Criteria without one are judged by the careers leader alone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultCriterion:
    benchmark: int
    code: str
    text: str
    special: str = ""
    rule: str = ""


DEFAULT_CRITERIA: tuple[DefaultCriterion, ...] = (
    # Benchmark 1: a stable careers programme
    DefaultCriterion(1, "1.1", "Governors and senior leaders have agreed the careers programme and give it time "
                               "and money."),
    DefaultCriterion(1, "1.2", "A named careers leader, trained for the role, runs the programme.",
                     rule="careers_leader_named"),
    DefaultCriterion(1, "1.3", "The programme is planned year on year with learning outcomes and is part of the "
                               "school development plan.",
                     special="The programme is planned year on year with learning outcomes for each pathway, and "
                             "is part of the school development plan."),
    DefaultCriterion(1, "1.4", "The programme is on the school website in a form pupils, families, staff and "
                               "employers can follow.",
                     special="The programme is on the school website in forms pupils and families can use, "
                             "including an easy-read version."),
    DefaultCriterion(1, "1.5", "Staff have had careers training this year.", rule="staff_training"),
    DefaultCriterion(1, "1.6", "The programme is reviewed at least once a year with feedback from pupils, families, "
                               "staff, careers advisers and employers.",
                     special="The programme is reviewed at least once a year with feedback from pupils (in their "
                             "own way of communicating, or through an advocate), families, staff, careers advisers "
                             "and employers."),
    # Benchmark 2: learning from career and labour market information
    DefaultCriterion(2, "2.1", "In every key stage, pupils use information about jobs, courses and the local labour "
                               "market to help them decide.",
                     special="In every key stage, pupils explore information about work, courses and adult life "
                             "in a form they can use: symbols, visits, objects, video.",
                     rule="lmi_pupils"),
    DefaultCriterion(2, "2.2", "Families are encouraged and helped to use careers and labour market information.",
                     special="Families are given information about life after school (the local offer, supported "
                             "employment, adult social care) and helped to use it.",
                     rule="lmi_families"),
    DefaultCriterion(2, "2.3", "Staff are given up-to-date labour market information to use in their teaching.",
                     rule="lmi_staff"),
    # Benchmark 3: addressing the needs of each young person
    DefaultCriterion(3, "3.1", "Each pupil's careers experiences are recorded as they move through school.",
                     rule="pupil_records"),
    DefaultCriterion(3, "3.2", "Advice given, decisions agreed, aspirations and intended destinations are recorded, "
                               "and pupils can see their own record.",
                     special="Advice given, decisions agreed, aspirations and intended destinations are recorded, "
                             "and shared with each pupil in a way they understand and with their family."),
    DefaultCriterion(3, "3.3", "The programme challenges stereotypes and shows pupils a wide range of role models.",
                     special="The programme challenges stereotypes and shows pupils a wide range of role models, "
                             "disabled adults in work and in the community among them."),
    DefaultCriterion(3, "3.4", "Support is fitted to pupils with extra needs: SEND, disadvantaged, looked-after "
                               "and often-absent pupils.",
                     special="Each pupil's careers support is fitted to their EHC plan outcomes and their pathway."),
    DefaultCriterion(3, "3.5", "Leavers' destinations are followed for at least three years and used, with alumni, "
                               "to improve the programme.",
                     rule="destinations_followed"),
    # Benchmark 4: linking curriculum learning to careers
    DefaultCriterion(4, "4.1", "Every subject, every year, shows pupils how what they learn is used in work.",
                     special="Every subject or area of learning, every year, shows pupils how what they learn is "
                             "used in work and adult life.",
                     rule="curriculum_links"),
    DefaultCriterion(4, "4.2", "Teachers and support staff are helped to link their teaching to careers."),
    # Benchmark 5: encounters with employers and employees
    DefaultCriterion(5, "5.1", "Every pupil in the cohort has had at least one encounter with an employer or "
                               "employee this year.",
                     special="Every pupil in the cohort has had at least one encounter with an employer or "
                             "employee this year, prepared with them and adapted to their needs.",
                     rule="employer_encounters"),
    DefaultCriterion(5, "5.2", "Encounters are meaningful: a shared purpose, outcomes fitted to the pupils, "
                               "two-way talk and time to reflect afterwards.",
                     rule="employer_meaningful"),
    DefaultCriterion(5, "5.3", "Over their time at school pupils meet a range of employers: small and large, "
                               "self-employed, local and national.",
                     special="Over their time at school pupils meet a range of employers, inclusive employers and "
                             "supported employment services among them."),
    # Benchmark 6: experiences of workplaces
    DefaultCriterion(6, "6.1", "By 16, every pupil has had meaningful experiences of workplaces.",
                     special="By the end of Year 11, every pupil has had experiences of workplaces, with the "
                             "preparation, support and adjustments they need.",
                     rule="workplace_by_16"),
    DefaultCriterion(6, "6.2", "By 18, every pupil has had at least one more meaningful experience of a workplace.",
                     special="Each post-16 pupil has had an experience of a workplace this year, towards work, "
                             "volunteering or a supported internship.",
                     rule="workplace_post_16"),
    DefaultCriterion(6, "6.3", "Workplace experiences include a task set by the employer and the employer's "
                               "feedback to the pupil.",
                     rule="workplace_meaningful"),
    # Benchmark 7: encounters with further and higher education
    DefaultCriterion(7, "7.1", "By 16, every pupil has had meaningful encounters with the full range of providers: "
                               "sixth forms, colleges, universities and training providers.",
                     special="By 16, every pupil has met providers of the options open to them: colleges, "
                             "specialist colleges, supported internships, day services and other post-19 provision.",
                     rule="providers_by_16"),
    DefaultCriterion(7, "7.2", "Pupils have the provider encounters the Provider Access Legislation requires.",
                     rule="provider_access"),
    DefaultCriterion(7, "7.3", "Pupils thinking about higher education have visited at least two universities "
                               "by 18.",
                     special="Pupils and their families visit the places they might go after school before "
                             "choosing."),
    # Benchmark 8: personal guidance
    DefaultCriterion(8, "8.1", "By 16, every pupil has had a guidance meeting with a qualified careers adviser.",
                     rule="guidance_by_16"),
    DefaultCriterion(8, "8.2", "By 18, every pupil has had a further guidance meeting.",
                     special="Each post-16 pupil has had a guidance meeting this year, before the choices of their "
                             "last years at school.",
                     rule="guidance_post_16"),
    DefaultCriterion(8, "8.3", "The careers leader, adviser and SENCo plan guidance together, timed to each "
                               "pupil's needs.",
                     special="The careers leader, adviser and SENCo plan guidance together, timed with EHC plan "
                             "reviews, with an advocate for pupils who need one."),
    DefaultCriterion(8, "8.4", "Pupils and families are told how to get personal guidance, on the school website "
                               "too."),
)
