"""The invented people, places and providers of the two demo schools.

Everything here is made up. The schools are modelled on two real special schools' careers
programmes (see examples/programmes/), but no name, sentence or person is taken from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from roadahead.people.enums import NeedType, Role
from roadahead.providers.enums import ProviderKind, SendConfidence

# One password for every demo account. It passes the password validators so people can sign in,
# and it is printed on screen: it is for the demo only, never for real data.
DEMO_PASSWORD = "road-ahead-demo"  # noqa: S105

FORENAMES_F = [
    "Amelia", "Aisha", "Bethany", "Chloe", "Daisy", "Ella", "Evie", "Freya", "Grace", "Hannah", "Imani",
    "Isla", "Jasmine", "Keira", "Layla", "Lily", "Maisie", "Maya", "Mia", "Nadia", "Olivia", "Poppy",
    "Priya", "Rosie", "Ruby", "Safiya", "Sophie", "Tia", "Zara", "Zoe",
]
FORENAMES_M = [
    "Aaron", "Adam", "Alfie", "Ali", "Archie", "Ben", "Callum", "Charlie", "Daniel", "Dylan", "Ethan",
    "Finley", "George", "Harry", "Harvey", "Ibrahim", "Isaac", "Jack", "Jacob", "Jayden", "Kai", "Leo",
    "Liam", "Logan", "Mason", "Mohammed", "Noah", "Oliver", "Oscar", "Reuben", "Riley", "Ryan", "Sam",
    "Theo", "Tyler", "Yusuf", "Zain",
]
SURNAMES = [
    "Adams", "Ahmed", "Ali", "Allen", "Bailey", "Baker", "Barnes", "Bennett", "Brooks", "Campbell", "Carter",
    "Chapman", "Clarke", "Cole", "Cooper", "Davies", "Dixon", "Edwards", "Evans", "Fisher", "Fletcher",
    "Foster", "Gill", "Graham", "Green", "Hall", "Harris", "Hughes", "Hussain", "Jackson", "James",
    "Johnson", "Jones", "Kaur", "Khan", "King", "Lewis", "Lloyd", "Marshall", "Mason", "Mills", "Mitchell",
    "Morgan", "Murphy", "Nowak", "Osei", "Owen", "Parker", "Patel", "Phillips", "Price", "Reid",
    "Richards", "Roberts", "Robinson", "Rogers", "Shaw", "Singh", "Smith", "Stevens", "Taylor", "Thomas",
    "Turner", "Walker", "Ward", "Watson", "White", "Williams", "Wilson", "Wood", "Wright", "Young",
]
# Some pupils are known by a shorter or different name: (legal forename, preferred forename).
PREFERRED = {"Alfie": "Alf", "Charlie": "Chaz", "Daniel": "Danny", "Isaac": "Zac", "Jasmine": "Jas",
             "Olivia": "Liv", "Oliver": "Ollie", "Samuel": "Sam", "Sophie": "Soph", "Mohammed": "Mo"}

# How pupils communicate, by primary need. A pupil's notes are one of these.
COMMUNICATION_NOTES: dict[str, list[str]] = {
    NeedType.PMLD: [
        "Communicates through facial expression, vocal sounds and body movement; responds to objects of reference.",
        "Uses eye-gaze to choose between two photographs; allow plenty of time.",
        "Uses a single switch to say 'more'; watch for a smile as 'yes'.",
    ],
    NeedType.SLD: [
        "Uses symbols and a communication book.",
        "Uses Makaton signs alongside single words.",
        "Understands short sentences with a symbol; answers with a sign or by pointing.",
    ],
    NeedType.ASD: [
        "Uses a now-and-next board; give one instruction at a time.",
        "Talks in short sentences; needs time to process and a quiet space to answer.",
        "Uses symbols and a communication book when anxious.",
    ],
    NeedType.SLCN: [
        "Uses Makaton and a talking app on a tablet.",
        "Understands more than they can say; use simple words and check back.",
    ],
    NeedType.MLD: ["Reads simple text with symbols; prefers information read aloud."],
    NeedType.PD: [
        "Uses an eye-gaze communication aid.",
        "Speaks clearly but tires quickly; uses a tablet to write.",
    ],
    NeedType.HI: ["Uses British Sign Language; book an interpreter for meetings and visits."],
    NeedType.VI: ["Needs large print and tactile symbols; describe new places before visiting."],
    NeedType.MSI: ["Uses on-body signs and objects of reference; works with a familiar intervenor."],
    NeedType.SEMH: ["Prefers to talk side by side rather than face to face; give warning of changes."],
}

# Secondary needs seen alongside a primary need, with weights.
SECONDARY_NEEDS: dict[str, int] = {
    NeedType.SLCN: 5, NeedType.ASD: 4, NeedType.PD: 3, NeedType.VI: 2, NeedType.HI: 2,
    NeedType.SEMH: 2, NeedType.MSI: 1,
}
LEARNING_NEEDS = {NeedType.PMLD, NeedType.SLD, NeedType.MLD}


@dataclass(frozen=True)
class StaffSpec:
    email: str
    full_name: str
    role: str
    job_title: str
    # Class staff: the class (by name) they teach in the current academic year.
    class_name: str = ""


@dataclass(frozen=True)
class ProviderSpec:
    name: str
    kind: str
    offers: str
    town: str
    hosts_send_placements: bool = False
    send_adjustments: str = ""
    send_confidence: str = SendConfidence.UNKNOWN
    contact_name: str = ""
    website: str = ""


@dataclass(frozen=True)
class DemoSchool:
    slug: str
    programme: str  # file name in examples/programmes
    description: str
    seed: str
    pupils_on_roll: int
    leavers: int
    # DfE-style establishment number used to make the demo UPNs (LA 999 is not a real authority).
    estab: str
    need_weights: dict[str, int]
    # NC year -> relative number of pupils.
    year_weights: dict[str, int]
    # Primary need -> [(pathway name, weight)].
    pathways_by_need: dict[str, list[tuple[str, int]]]
    # Phase name -> class names, youngest first (the classes split the phase's years in order).
    classes: dict[str, list[str]]
    staff: list[StaffSpec]
    providers: list[ProviderSpec] = field(default_factory=list)


TRUST_PERSON = StaffSpec("morgan.ellis@trust.example", "Morgan Ellis", Role.CAREERS_LEADER,
                         "Trust careers lead")

PARKSIDE_PROVIDERS = [
    ProviderSpec("Greenshoots Community Enterprise", ProviderKind.CHARITY,
                 "Work placements in three settings: a plant nursery with a small plant sale, a cycle repair "
                 "workshop, and a recycling and packing team. Learners try each before settling on one.",
                 "Westvale", True, "Job coach welcome; visual step-by-step task cards; quiet break room.",
                 SendConfidence.CONFIDENT, "Dee Walsh", "https://greenshoots.example"),
    ProviderSpec("Corner Cup Café Training Project", ProviderKind.TRAINING_PROVIDER,
                 "A 12-week course in a community café for learners aged 18 and over: cooking, food safety, "
                 "serving customers and handling money.", "Westvale", True,
                 "Small groups; recipes with pictures; staff trained in Makaton.", SendConfidence.CONFIDENT,
                 "Marcus Bell"),
    ProviderSpec("Westvale College", ProviderKind.COLLEGE,
                 "Foundation learning and supported courses: independent living, employability and catering.",
                 "Westvale", True, "Learning support team; transition days in the summer term.",
                 SendConfidence.SOME, "Admissions team", "https://westvale-college.example"),
    ProviderSpec("Brindley Specialist College", ProviderKind.SPECIALIST_COLLEGE,
                 "Day and residential places for young people aged 19-25 with complex needs.", "Stourley", True,
                 "On-site therapies; changing places toilet; sensory rooms.", SendConfidence.CONFIDENT),
    ProviderSpec("Millbrook Specialist College", ProviderKind.SPECIALIST_COLLEGE,
                 "Supported study programmes in horticulture, animal care and retail.", "Millbrook", True,
                 "Job coaches; visual timetables.", SendConfidence.CONFIDENT),
    ProviderSpec("Stourley Sixth Form Centre", ProviderKind.SIXTH_FORM,
                 "A-level and vocational courses; taster days for Year 11.", "Stourley"),
    ProviderSpec("Brookside Day Centre", ProviderKind.DAY_SERVICE,
                 "Day opportunities for adults with profound and multiple learning difficulties: sensory "
                 "sessions, hydrotherapy and trips out.", "Westvale", True,
                 "Hoists and changing places toilet; staff who know AAC.", SendConfidence.CONFIDENT),
    ProviderSpec("Hollybush Day Opportunities", ProviderKind.DAY_SERVICE,
                 "Community-based day service: gardening, arts, cooking and travel training.", "Millbrook", True,
                 "", SendConfidence.SOME),
    ProviderSpec("Westvale Careers Service", ProviderKind.ADVICE_SERVICE,
                 "Independent careers guidance by Level 6 qualified advisers; attends EHCP reviews from Year 9.",
                 "Westvale"),
    ProviderSpec("Westvale Disability Service", ProviderKind.ADVICE_SERVICE,
                 "The council's service for disabled adults: assessments, direct payments and support planning.",
                 "Westvale"),
    ProviderSpec("Westvale SENDIAS", ProviderKind.ADVICE_SERVICE,
                 "Free, impartial advice for families about SEND, EHC plans and moving on from school.", "Westvale"),
    ProviderSpec("Benefits and Work Advice Point", ProviderKind.ADVICE_SERVICE,
                 "Advice on benefits, Access to Work and finding a job, for young people and their families.",
                 "Westvale"),
    ProviderSpec("Stepping Stones Supported Employment", ProviderKind.SUPPORTED_EMPLOYMENT,
                 "Job coaching and supported internships with local employers.", "Westvale", True,
                 "Job coach on site; travel training.", SendConfidence.CONFIDENT),
    ProviderSpec("Oakleaf Care", ProviderKind.SOCIAL_CARE,
                 "Personal assistants and short breaks arranged through social care packages.", "Stourley"),
    ProviderSpec("Castlegate Shopping Centre", ProviderKind.EMPLOYER,
                 "Behind-the-scenes tours: security, cleaning, customer service and the management office.",
                 "Westvale", True, "Quiet times before opening.", SendConfidence.SOME),
    ProviderSpec("Westvale Fire Station", ProviderKind.EMPLOYER,
                 "Visits to school and to the station: the people who keep us safe.", "Westvale", True, "",
                 SendConfidence.SOME),
    ProviderSpec("Riverside Leisure Centre", ProviderKind.EMPLOYER,
                 "Work experience on reception, in the café and with the grounds team.", "Westvale", True,
                 "Changing places toilet; a named supervisor.", SendConfidence.NEW),
    ProviderSpec("Fresh Fields Supermarket", ProviderKind.EMPLOYER,
                 "Shelf-stacking and customer service work experience; store tours.", "Millbrook", True, "",
                 SendConfidence.NEW),
    ProviderSpec("Hilltop Adventure Play", ProviderKind.EMPLOYER,
                 "Meet the play workers and the café team, then use the play area as customers.", "Stourley"),
    ProviderSpec("Bright Start Apprenticeships", ProviderKind.TRAINING_PROVIDER,
                 "Apprenticeships and pre-apprenticeship programmes in business admin and hospitality.",
                 "Westvale"),
]

HEATHFIELD_PROVIDERS = [
    ProviderSpec("Rootwork Social Enterprise", ProviderKind.CHARITY,
                 "Supported work in a market garden, a bike recycling shed and a small print workshop.",
                 "Heathbury", True, "Job coach welcome; picture-based instructions.", SendConfidence.CONFIDENT,
                 "Kim Doyle"),
    ProviderSpec("The Kettle Community Café", ProviderKind.TRAINING_PROVIDER,
                 "Hospitality training for young adults: food preparation, till skills and serving.", "Heathbury",
                 True, "Small groups; visual recipes.", SendConfidence.CONFIDENT),
    ProviderSpec("Heathbury College", ProviderKind.COLLEGE,
                 "Supported learning courses and vocational tasters for Post 16 learners.", "Heathbury", True,
                 "Learning support assistants; quiet study room.", SendConfidence.SOME,
                 website="https://heathbury-college.example"),
    ProviderSpec("Ashgrove College", ProviderKind.COLLEGE,
                 "Foundation and entry-level courses in construction, motor vehicles and catering.", "Ashgrove"),
    ProviderSpec("Fernlea Specialist College", ProviderKind.SPECIALIST_COLLEGE,
                 "Specialist further education for learners with sensory and physical needs.", "Fernlea", True,
                 "Sensory rooms; hydrotherapy pool; on-site nursing.", SendConfidence.CONFIDENT),
    ProviderSpec("Lindenholme Specialist College", ProviderKind.SPECIALIST_COLLEGE,
                 "Independent living and work skills programmes for autistic young people.", "Ashgrove", True,
                 "Low-arousal spaces; visual timetables.", SendConfidence.CONFIDENT),
    ProviderSpec("Meadowview Day Service", ProviderKind.DAY_SERVICE,
                 "Day opportunities with sensory, music and outdoor sessions.", "Heathbury", True,
                 "Changing places toilet; hoists.", SendConfidence.CONFIDENT),
    ProviderSpec("Willow Lane Resource Centre", ProviderKind.DAY_SERVICE,
                 "Day centre offering arts, cooking and community trips.", "Ashgrove", True, "",
                 SendConfidence.SOME),
    ProviderSpec("Heathbury Careers Partnership", ProviderKind.ADVICE_SERVICE,
                 "Independent, qualified careers advisers for schools and colleges.", "Heathbury"),
    ProviderSpec("Heathbury SENDIAS", ProviderKind.ADVICE_SERVICE,
                 "Impartial information and advice about SEND for families and young people.", "Heathbury"),
    ProviderSpec("Heathbury Adult Social Care", ProviderKind.SOCIAL_CARE,
                 "Transition assessments and support planning from age 17.", "Heathbury"),
    ProviderSpec("Jobs and Benefits Drop-in", ProviderKind.ADVICE_SERVICE,
                 "Help with benefits, disability employment advice and Access to Work.", "Heathbury"),
    ProviderSpec("Next Step Supported Employment", ProviderKind.SUPPORTED_EMPLOYMENT,
                 "Supported internships and job coaching with local employers.", "Heathbury", True,
                 "Job coach; travel training.", SendConfidence.CONFIDENT),
    ProviderSpec("Heathbury Police Station", ProviderKind.EMPLOYER,
                 "Visits from police officers and community support officers.", "Heathbury"),
    ProviderSpec("Heathbury Ambulance Station", ProviderKind.EMPLOYER,
                 "Paramedics visit to show the ambulance and talk about their work.", "Heathbury"),
    ProviderSpec("Parkway Leisure Centre", ProviderKind.EMPLOYER,
                 "Work experience with the lifeguards, reception and café.", "Ashgrove", True, "",
                 SendConfidence.SOME),
    ProviderSpec("High Street Bakery", ProviderKind.EMPLOYER,
                 "Small groups see bread made and help to serve customers.", "Heathbury", True, "",
                 SendConfidence.NEW),
    ProviderSpec("Sensory Stage Theatre Company", ProviderKind.EMPLOYER,
                 "Multi-sensory theatre performances in school; meet the performers and crew.", "Fernlea", True,
                 "Performances adapted for sensory learners.", SendConfidence.CONFIDENT),
]

PARKSIDE = DemoSchool(
    slug="parkside",
    programme="five-pathway.yaml",
    description="an all-through maintained special school with five pathways",
    seed="roadahead-demo-parkside",
    pupils_on_roll=90,
    leavers=24,  # eight in each of the last three summers, for three years of destinations
    estab="7001",
    need_weights={NeedType.SLD: 34, NeedType.PMLD: 12, NeedType.ASD: 22, NeedType.SLCN: 8, NeedType.MLD: 9,
                  NeedType.PD: 5, NeedType.HI: 2, NeedType.VI: 2, NeedType.MSI: 2, NeedType.SEMH: 4},
    year_weights={"R": 3, **{str(n): 5 for n in range(1, 7)}, **{str(n): 7 for n in range(7, 15)}},
    pathways_by_need={
        NeedType.PMLD: [("Pathway 1", 8), ("Pathway 2", 2)],
        NeedType.MSI: [("Pathway 1", 5), ("Pathway 2", 5)],
        NeedType.SLD: [("Pathway 2", 4), ("Pathway 3", 5), ("Pathway 4", 1)],
        NeedType.PD: [("Pathway 2", 3), ("Pathway 3", 4), ("Pathway 4", 3)],
        NeedType.ASD: [("Pathway 3", 4), ("Pathway 4", 4), ("Pathway 5", 2)],
        NeedType.SLCN: [("Pathway 4", 5), ("Pathway 5", 5)],
        NeedType.MLD: [("Pathway 4", 4), ("Pathway 5", 6)],
        NeedType.HI: [("Pathway 4", 5), ("Pathway 5", 5)],
        NeedType.VI: [("Pathway 3", 5), ("Pathway 4", 5)],
        NeedType.SEMH: [("Pathway 4", 5), ("Pathway 5", 5)],
    },
    classes={"Lower": ["Robins", "Wrens"], "Middle": ["Kestrels", "Owls"], "Upper": ["Herons", "Kingfishers"],
             "14-19": ["Ash", "Birch", "Cedar"]},
    staff=[
        StaffSpec("ruth.ellison@parkside.example", "Ruth Ellison", Role.CAREERS_LEADER,
                  "Assistant headteacher and careers leader"),
        StaffSpec("tom.bradley@parkside.example", "Tom Bradley", Role.STAFF, "Class teacher", "Ash"),
        StaffSpec("jess.okafor@parkside.example", "Jess Okafor", Role.STAFF, "Teaching assistant", "Herons"),
        StaffSpec("dev.sharma@westvale-careers.example", "Dev Sharma", Role.ADVISER, "Careers adviser"),
        StaffSpec("alan.pryce@parkside.example", "Alan Pryce", Role.LEADER, "Chair of governors"),
    ],
    providers=PARKSIDE_PROVIDERS,
)

HEATHFIELD = DemoSchool(
    slug="heathfield",
    programme="four-pathway.yaml",
    description="a special academy for ages 2-19 with four pathways",
    seed="roadahead-demo-heathfield",
    pupils_on_roll=72,
    leavers=24,  # eight in each of the last three summers, for three years of destinations
    estab="7002",
    need_weights={NeedType.SLD: 28, NeedType.PMLD: 18, NeedType.ASD: 26, NeedType.SLCN: 6, NeedType.MLD: 6,
                  NeedType.PD: 8, NeedType.HI: 1, NeedType.VI: 2, NeedType.MSI: 3, NeedType.SEMH: 2},
    year_weights={"N2": 2, "R": 3, **{str(n): 4 for n in range(1, 7)}, **{str(n): 5 for n in range(7, 12)},
                  **{str(n): 7 for n in range(12, 15)}},
    pathways_by_need={
        NeedType.PMLD: [("Sensory", 9), ("Active", 1)],
        NeedType.MSI: [("Sensory", 7), ("Active", 3)],
        NeedType.SLD: [("Active", 5), ("Bridge", 5)],
        NeedType.PD: [("Sensory", 3), ("Active", 4), ("Bridge", 3)],
        NeedType.ASD: [("Active", 2), ("Bridge", 5), ("Intentional", 3)],
        NeedType.SLCN: [("Bridge", 4), ("Intentional", 6)],
        NeedType.MLD: [("Bridge", 3), ("Intentional", 7)],
        NeedType.HI: [("Bridge", 5), ("Intentional", 5)],
        NeedType.VI: [("Active", 5), ("Bridge", 5)],
        NeedType.SEMH: [("Bridge", 4), ("Intentional", 6)],
    },
    classes={"EY to Year 11": ["Acorns", "Bluebells", "Clover", "Damsons", "Elders"],
             "Post 16": ["Foxgloves", "Hawthorns"]},
    staff=[
        StaffSpec("priya.nair@heathfield.example", "Priya Nair", Role.CAREERS_LEADER, "Careers lead"),
        StaffSpec("ben.lowe@heathfield.example", "Ben Lowe", Role.STAFF, "Post 16 teacher", "Foxgloves"),
        StaffSpec("chloe.adams@heathfield.example", "Chloe Adams", Role.STAFF, "Class teacher", "Clover"),
        StaffSpec("sophie.grant@heathbury-careers.example", "Sophie Grant", Role.ADVISER,
                  "Independent careers adviser"),
        StaffSpec("grace.whitfield@heathfield.example", "Grace Whitfield", Role.LEADER, "Deputy headteacher"),
    ],
    providers=HEATHFIELD_PROVIDERS,
)

DEMO_SCHOOLS = (PARKSIDE, HEATHFIELD)
