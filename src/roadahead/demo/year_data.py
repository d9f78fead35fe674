"""Invented wording for the demo's recorded year: schemes of learning, what pupils said, staff
notes, feedback, labour market information and staff training.

Everything here is made up for the demo; none of it is taken from a real school's documents.
"""

from __future__ import annotations

from roadahead.activities.enums import ResponseMethod
from roadahead.lmi.models import LmiFormat

# (subject, title, careers statement, first NC year, last NC year)
PARKSIDE_SCHEMES: list[tuple[str, str, str, str, str]] = [
    ("Science", "Materials and what they are for",
     "Builders, cleaners and cooks all choose the right material for the job; pupils handle the same materials "
     "and find out who uses them.", "R", "9"),
    ("Science", "Plants and how they grow",
     "Gardeners, nursery workers and farmers care for plants every day; growing our own links to gardening work "
     "and to choosing and buying food.", "1", "14"),
    ("Science", "Keeping healthy and safe",
     "Nurses, therapists and care staff help us stay well; pupils learn the routines that make them more "
     "independent with their own care.", "3", "14"),
    ("Maths", "Money and shopping",
     "Shop staff handle money and help customers; recognising coins and paying for things is a step towards "
     "shopping on your own.", "3", "14"),
    ("Maths", "Time and routines",
     "Every job runs on a timetable; reading a now-and-next board or a clock helps pupils manage their own day.",
     "R", "14"),
    ("Computing", "Using technology to talk to people",
     "Office workers, receptionists and support staff use computers and phones all day; pupils use switches, "
     "tablets and email to get their message across.", "1", "14"),
    ("Design and Technology", "Preparing food",
     "Café and kitchen staff follow recipes and keep food safe; pupils prepare snacks with the same care.",
     "3", "14"),
    ("Design and Technology", "Making with tools",
     "Carpenters, bike mechanics and maintenance teams use tools safely; pupils make and mend things with "
     "support.", "7", "14"),
]

HEATHFIELD_SCHEMES: list[tuple[str, str, str, str, str]] = [
    ("Science", "Exploring materials through the senses",
     "Chefs, builders and artists all work with materials; pupils feel, squash and mix them and meet people "
     "who use them.", "N1", "11"),
    ("Science", "Living things and growing",
     "Grounds staff and gardeners look after the school's plants; pupils help water, plant and harvest.",
     "N1", "14"),
    ("Communication", "Talking to new people",
     "Every workplace needs people who can greet and help others; pupils practise greeting and asking "
     "unfamiliar adults.", "R", "14"),
    ("Life skills", "Money and the tuck shop",
     "Counting change and keeping a simple record are real jobs in the staff tuck shop.", "7", "14"),
    ("Life skills", "Looking after our spaces",
     "Caretakers and cleaners keep buildings safe; pupils sort recycling and tidy their classroom.", "N1", "14"),
]

# What pupils said or showed, by how it was captured. Kept short, as staff would write it.
RESPONSES: dict[str, list[str]] = {
    ResponseMethod.OWN_WORDS: [
        "I liked it.", "Can we go again?", "I want to do that job.", "It was too loud.", "I was a bit scared at first.",
        "I liked the people.", "I did it by myself.", "That was hard work.", "I want to work with animals.",
        "I want to work in a shop.", "My favourite bit was the tour.", "I asked a question!", "Not for me.",
        "I would like to try the café.", "I helped the man.", "I was good at it.",
    ],
    ResponseMethod.SYMBOLS: [
        "Pointed to the 'happy' symbol.", "Chose 'more' on the communication book.", "Pointed to 'finished' early.",
        "Chose the 'like' symbol, then the photo of the visitor.", "Used the talker to say 'good'.",
        "Pointed to 'not sure'.", "Chose 'tired' after lunch.", "Signed 'again' and 'good'.",
    ],
    ResponseMethod.OBSERVED: [
        "Smiled and reached towards the visitor.", "Turned away when it got busy; settled with headphones.",
        "Watched closely the whole time.", "Vocalised happily during the demonstration.",
        "Stilled and listened to the music.", "Pushed the object away; returned to it later.",
        "Laughed when the siren sounded.", "Stayed calm and relaxed in a new place.",
    ],
    ResponseMethod.ADVOCATE: [
        "Key worker: enjoyed the hands-on part most.", "Parent said they talked about it at home all evening.",
        "Key worker: calmer than on the last visit; worth another try.", "TA: preferred the quiet room to the hall.",
        "Speech and language therapist: used two new signs during the session.",
    ],
}

STAFF_NOTES = [
    "Needed a movement break halfway, then rejoined.", "Worked with a familiar adult throughout.",
    "First time in this setting: used a social story beforehand.", "Asked good questions with a prompt card.",
    "Arrived late after a medical appointment.", "Very independent today.", "Found the noise hard; used ear defenders.",
    "Led the group's thank-you to the visitor.", "Needs more practice with money.", "Tried every task offered.",
]
ABSENT_NOTES = ["Ill.", "Medical appointment.", "Hospital appointment.", "Transport did not arrive.", ""]

FEEDBACK_LIKED = {
    "pupil": ["Meeting the college people.", "The bikes.", "The café stall gave me a cake.", "Talking to the man from "
              "the fire station.", "Seeing my friends' work on the wall."],
    "family": ["We found out about day services we had never heard of.",
               "Being able to ask about benefits in one place.",
               "Staff knew our child well and introduced us.", "The college tutors were very approachable.",
               "Plenty of time to talk without rushing."],
    "provider": ["Families came with real questions.", "Well organised; pupils were prepared to talk to us.",
                 "Good to meet pupils in a place they know.", "Useful contacts with other services."],
    "staff": ["Pupils were calm and interested.", "Families stayed longer than last year.",
              "Good range of stalls for every pathway."],
}
FEEDBACK_IMPROVE = ["A quieter space for some pupils.", "More parking.", "An earlier start for working parents.",
                    "More stalls about housing and living independently.", "Name badges for stallholders.", ""]
FEEDBACK_NEXT = ["Visit the college on an open day.", "Find out about short breaks.", "Book a meeting with the careers "
                 "adviser.", "Ask about a supported internship.", "Try a taster day.", ""]

# (title, summary) of each month's labour market update from the careers hub. Invented examples.
LMI_TOPICS: list[tuple[str, str]] = [
    ("Care and support work is recruiting", "Care homes and home care teams locally have more vacancies than last "
     "year, including part-time roles suited to supported employment."),
    ("Hospitality jobs in the town centre", "New cafés and a hotel have opened; kitchen porter and front-of-house "
     "roles are the most advertised."),
    ("Warehouses and delivery", "Two new distribution centres are hiring for picking, packing and cleaning."),
    ("Green jobs and grounds work", "Councils and housing associations need grounds maintenance and recycling "
     "workers."),
    ("Supported internships: new employer places", "The hospital and a supermarket have each offered places for "
     "young people with EHC plans."),
    ("Seasonal retail work", "Shops take on temporary staff before Christmas; some keep them on in January."),
    ("Construction needs new starters", "Local building firms report a shortage of labourers and site "
     "operatives."),
    ("Support roles in the NHS", "Porters, catering assistants and domestic staff are in demand at the local "
     "hospital."),
    ("Office and admin apprenticeships", "Entry-level business admin apprenticeships are advertised every month."),
    ("Leisure centres recruiting", "Reception, café and cleaning staff are wanted across the leisure trust."),
    ("Food production", "A food factory is running open days for school leavers and their families."),
    ("New day opportunities in the local offer", "Two day services have added gardening and cooking sessions for "
     "young adults."),
]
LMI_SHARE_FORMATS = [LmiFormat.DISCUSSION, LmiFormat.EASY_READ, LmiFormat.DISPLAY]

# (title, who ran it, hours, who does it: "leader", "staff" or "all")
CPD_COURSES: list[tuple[str, str, str, str]] = [
    ("Careers leader training (part 1)", "Careers hub", "6", "leader"),
    ("Careers leader training (part 2)", "Careers hub", "6", "leader"),
    ("Termly careers leaders' network meeting", "Careers hub", "2", "leader"),
    ("Using the Gatsby Benchmarks in a special school", "Careers hub", "3", "all"),
    ("Capturing pupil voice with symbols and observation", "Speech and language therapy team", "1.5", "staff"),
    ("Planning meaningful encounters with employers", "Enterprise adviser", "2", "staff"),
    ("Provider access: what schools must do", "Local authority", "1", "leader"),
    ("Preparing for adulthood outcomes in EHCP reviews", "Local authority SEND team", "2.5", "all"),
]
