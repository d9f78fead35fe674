"""What every field Road Ahead stores is, how long it is kept and why it may be held (security.md G40).

Each model has a default (classification, retention category, lawful basis) and names the fields
that differ. Free text (text, JSON, bytes and character fields without fixed choices) is never
covered by a default: each such field must be named in `fields`, even when its answer is the
model's default, because free text is where a name or a health need turns up. So
`tests/privacy/test_classification.py` fails when a model or a free-text field is new and nobody
has decided about it, and when an entry names a field that no longer exists.

`docs/admin/privacy.md` holds the table `markdown_table()` writes; a test checks it is up to date
(`ROADAHEAD_UPDATE_DOCS=1` rewrites it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db import models

# Classifications
SPECIAL = "special"  # special category (UK GDPR Art 9): SEN needs, EHCP content, health, looked-after status,
# and free text about a pupil that may hold such data
PERSONAL = "personal"  # names, UPN, dates of birth, emails, free text about people
NONE = "none"  # not about an identifiable person
CLASSIFICATIONS = (SPECIAL, PERSONAL, NONE)

# Retention categories: how long, and where that comes from.
RETENTION: dict[str, str] = {
    "pupil_record": "Until the pupil's 25th birthday (date of birth + 25 years). IRMS Information Management "
                    "Toolkit for Schools, pupil file. Careers records and destinations have no line of their own "
                    "and follow the pupil file. Leavers are anonymised sooner on the school's own schedule "
                    "(`roadahead retention`, 3 years after leaving unless the school changes it).",
    "send_record": "Date of birth + 31 years. IRMS toolkit, SEN files and EHCP-related records (an EHCP can "
                   "run to age 25, plus 6 years).",
    "school_record": "While the school uses Road Ahead. The careers leader takes the whole export "
                     "(`roadahead export`) when the school stops; the school's own records policy applies after.",
    "staff_record": "While the person is a member of staff at the school; deactivate the membership when they "
                    "leave and delete the account when the school's staff records policy says.",
    "audit": "6 years from the entry: the six-year limitation period (Limitation Act 1980) the IRMS toolkit "
             "uses for administrative records, so the school can show who saw a child's record.",
    "session": "Until it expires: a sign-in session ends after 30 idle minutes and 10 hours at most; failed "
               "sign-in attempts are kept until the lockout's cool-off ends (django-axes).",
    "import_file": "The uploaded file and its preview rows: until the import is confirmed or cancelled, then "
                   "cleared; the import's counts and first errors stay with the school's records.",
}

# Lawful bases.
BASES: dict[str, str] = {
    "public_task": "UK GDPR Art 6(1)(e) public task: the school's duty to provide careers guidance "
                   "(Education Act 1997 s42A and s45A; DfE statutory guidance on careers guidance and "
                   "provider access).",
    "special_category": "Art 6(1)(e) public task, with Art 9(2)(g) substantial public interest (DPA 2018 "
                        "Sch 1 para 6, statutory purposes): Education Act 1997 s42A and s45A, and the Children and "
                        "Families Act 2014 Part 3 for SEN and EHCPs (Preparing for Adulthood, annual reviews).",
    "security": "Art 6(1)(e) public task and Art 6(1)(c) legal obligation: keeping the records secure and "
                "showing who read or changed them (UK GDPR Art 5(2) accountability, Art 32 security).",
    "not_personal": "Not personal data: no lawful basis needed.",
}


@dataclass(frozen=True)
class Decision:
    classification: str
    retention: str = ""  # empty: the model's
    basis: str = ""  # empty: derived (special → special_category; personal in a non-personal table → public_task)


@dataclass(frozen=True)
class ModelEntry:
    classification: str
    retention: str
    basis: str
    fields: dict[str, str | Decision] = field(default_factory=dict)


@dataclass(frozen=True)
class FieldClass:
    model: str
    field: str
    classification: str
    retention: str
    basis: str


P, S, N = PERSONAL, SPECIAL, NONE
SEND = Decision(SPECIAL, "send_record")
IMPORT_FILE = Decision(PERSONAL, "import_file")


def _e(classification: str, retention: str, basis: str, **fields: str | Decision) -> ModelEntry:
    return ModelEntry(classification, retention, basis, fields)


def _school(**fields: str | Decision) -> ModelEntry:
    return _e(N, "school_record", "not_personal", **fields)


def _pupil(classification: str = P, **fields: str | Decision) -> ModelEntry:
    return _e(classification, "pupil_record", "special_category" if classification == S else "public_task", **fields)


MODELS: dict[str, ModelEntry] = {
    # Django's own and third-party sign-in tables
    "auth.permission": _school(name=N, codename=N),
    "auth.group": _school(name=N),
    "contenttypes.contenttype": _school(app_label=N, model=N),
    "sessions.session": _e(P, "session", "security", session_key=P, session_data=P),
    "otp_totp.totpdevice": _e(P, "staff_record", "security", name=N, key=P),
    "axes.accessattempt": _e(P, "session", "security", user_agent=P, ip_address=P, username=P, http_accept=N,
                             path_info=N, get_data=P, post_data=P),
    "axes.accessattemptexpiration": _e(P, "session", "security"),
    "axes.accessfailurelog": _e(P, "session", "security", user_agent=P, ip_address=P, username=P, http_accept=N,
                                path_info=N),
    "axes.accesslog": _e(P, "audit", "security", user_agent=P, ip_address=P, username=P, http_accept=N,
                         path_info=N, session_hash=P),
    # Road Ahead
    "audit.auditentry": _e(P, "audit", "security", action=N, object_type=N, data=P),
    "schools.school": _school(name=N, urn=N, timezone=N, careers_leader_name=P, careers_leader_email=P,
                              careers_leader_phone=P),
    "schools.academicyear": _school(),
    "schools.term": _school(),
    "schools.phase": _school(name=N, description=N),
    "schools.destinationcategory": _school(name=N, nccis_code=N),
    "schools.pathway": _school(name=N, vision=N),
    "schools.classgroup": _school(name=N),
    "people.user": _e(P, "staff_record", "public_task", password=Decision(P, basis="security"), email=P,
                      full_name=P, is_superuser=N, is_staff=N),
    "people.membership": _e(P, "staff_record", "public_task", job_title=P),
    "people.pupil": _pupil(upn=P, legal_forename=P, legal_surname=P, preferred_forename=P, preferred_surname=P,
                           sen_provision=SEND, ehcp_last_review=SEND, ehcp_next_review=SEND,
                           looked_after=S, communication_notes=SEND, version=N),
    "people.pupilneed": _e(S, "send_record", "special_category"),
    "people.enrolment": _pupil(),
    "people.adviserassignment": _pupil(),
    "accounts.session": _e(P, "session", "security", session_key=P, session_data=P),
    "accounts.backupcodedevice": _e(P, "staff_record", "security", name=N),
    "accounts.backupcode": _e(P, "staff_record", "security", salt=P, digest=P),
    "providers.provider": _school(name=N, offers=N, contact_name=P, contact_email=P, contact_phone=P, website=N,
                                  address=N, town=N, postcode=N, send_adjustments=N, notes=P),
    "benchmarks.benchmark": _school(title=N, summary=N),
    "curriculum.subject": _school(name=N),
    "curriculum.scheme": _school(title=N, careers_statement=N),
    "activities.activitytype": _school(name=N, description=N),
    "activities.series": _school(title=N, purpose=N, learning_outcomes=N, pupils=P),
    "activities.activity": _school(title=N, people_met=P, purpose=N, learning_outcomes=N, import_ref=N,
                                   created_by=P),
    "activities.participation": _pupil(response=S, staff_note=S),
    "activities.participationrevision": _pupil(S, previous=S),
    "events.event": _school(invited=P),
    "events.stallholder": _school(notes=N),
    "events.feedbacklink": _school(token_hash=N, label=P),
    "events.feedback": _pupil(liked=P, improve=P, next_steps=P),
    "lmi.lmiitem": _school(source=N, title=N, summary=N, link=N, added_by=P),
    "lmi.lmishare": _school(notes=N),
    "cpd.cpdrecord": _e(P, "staff_record", "public_task", title=N, provider=N, notes=P),
    "entitlements.entitlementrule": _school(name=N, description=N, source=N, needs=N, settings=N, provider_kinds=N),
    "guidance.guidancemeeting": _pupil(communication=S, support_notes=S, pupil_words=S, discussed=S),
    "guidance.guidanceaction": _pupil(description=S, owner_text=P),
    "skills.framework": _school(name=N, description=N),
    "skills.step": _school(label=N, description=N),
    "skills.skill": _school(name=N, description=N),
    "skills.assessment": _pupil(evidence=S),
    "profiles.profileentry": _pupil(text=S, end_reason=P),
    "profiles.transitionplan": _pupil(pupil_aim=S, family_aim=S, school_aim=S, plan=S),
    "profiles.myfuture": _pupil(next_steps=S),
    "profiles.picture": _pupil(alt_text=P, file_name=P, mime_type=N),
    "placements.placement": _school(title=N, where=N, supervisor_name=P, supervisor_phone=P, supervisor_email=P,
                                    contacts=P, purpose=N, learning_outcomes=N, notes=P, created_by=P),
    "placements.workarea": _school(name=N, tasks=N),
    "placements.assignment": _pupil(),
    "placements.rotationstep": _pupil(),
    "placements.placementsession": _school(),
    "placements.placementreport": _pupil(strengths=S, achievements=S, development=S, employer_feedback=S,
                                         reflection=S, outcome_notes=S),
    "transition.transitionpair": _school(title=N, purpose=N, pupils=P, created_by=P),
    "transition.transitionvisit": _pupil(companions=P, companions_note=P, next_steps=S),
    "destinations.destination": _pupil(notes=S, override_reason=S),
    "destinations.checkin": _pupil(notes=S),
    "destinations.retentionpolicy": _school(),
    "destinations.anonymisation": _e(P, "audit", "security"),
    "reviews.annualreview": _e(S, "send_record", "special_category", attendees=S, pupil_views=S, notes=S),
    "reviews.pfaoutcome": _e(S, "send_record", "special_category", text=S),
    "reviews.pfaprogress": _e(S, "send_record", "special_category", note=S),
    "surveys.survey": _school(title=N),
    "surveys.question": _school(text=N),
    "surveys.surveylink": _school(token=N),
    "surveys.response": _school(),
    "surveys.answer": _school(text=P),
    "evaluation.criterion": _school(code=N, text=N, rule=N),
    "evaluation.evaluation": _school(cohort_note=N, created_by=P),
    "evaluation.mark": _school(evidence=N, updated_by=P),
    "evaluation.action": _school(description=N, owner_text=P, owner_member=P),
    "public.publicpage": _school(leader_name=P, leader_email=P, leader_phone=P, summary=N, impact=N, guidance=N,
                                 pal_how_to_ask=N, pal_contact=P, pal_refusal_grounds=N, pal_premises=N, pal_times=N,
                                 safeguarding=N, easy_read=N),
    "imports.importrun": _e(N, "school_record", "public_task", created_by=P, file_name=N, file_format=N,
                            content=IMPORT_FILE, errors=P, warnings=P, preview=IMPORT_FILE),
    "api.apitoken": _e(P, "staff_record", "security", name=N, key_hash=N),
    "privacy.erasure": _e(P, "audit", "security", reason=P, rows=N),
}


def is_free_text(model_field: models.Field) -> bool:  # type: ignore[type-arg]
    """Text that anyone may type (or a file's bytes): must be classified field by field."""
    if isinstance(model_field, models.TextField | models.JSONField | models.BinaryField):
        return True
    return (isinstance(model_field, models.CharField) and not model_field.choices
            and not isinstance(model_field, models.SlugField))


def all_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if not m._meta.proxy and m._meta.managed]


def model_fields(model: type[models.Model]) -> list[models.Field]:  # type: ignore[type-arg]
    return [*model._meta.concrete_fields, *model._meta.many_to_many]


def _resolve(entry: ModelEntry, decision: str | Decision) -> tuple[str, str, str]:
    if isinstance(decision, str):
        decision = Decision(decision)
    classification = decision.classification
    retention = decision.retention or entry.retention
    basis = decision.basis
    if not basis:
        if classification == SPECIAL:
            basis = "special_category"
        elif classification == PERSONAL and entry.basis == "not_personal":
            basis = "public_task"
        else:
            basis = entry.basis
    return classification, retention, basis


def classify(model: type[models.Model], name: str) -> FieldClass:
    """One field's decision. KeyError if its model is not in the registry or a free-text field is not named."""
    label = model._meta.label_lower
    entry = MODELS[label]
    if name in entry.fields:
        decision: str | Decision = entry.fields[name]
    else:
        model_field = model._meta.get_field(name)
        if is_free_text(model_field):  # type: ignore[arg-type]
            raise KeyError(f"{label}.{name}")
        decision = entry.classification
    classification, retention, basis = _resolve(entry, decision)
    return FieldClass(label, name, classification, retention, basis)


def unclassified() -> list[str]:
    """Every model or field with no decision: what the meta-test reports."""
    missing: list[str] = []
    for model in all_models():
        label = model._meta.label_lower
        if label not in MODELS:
            missing.append(label)
            continue
        for model_field in model_fields(model):
            try:
                classify(model, model_field.name)
            except KeyError:
                missing.append(f"{label}.{model_field.name}")
    return missing


def stale() -> list[str]:
    """Entries naming a model or field that no longer exists."""
    found = {m._meta.label_lower: m for m in all_models()}
    gone: list[str] = [label for label in MODELS if label not in found]
    for label, entry in MODELS.items():
        if label in found:
            names = {f.name for f in model_fields(found[label])}
            gone += [f"{label}.{name}" for name in entry.fields if name not in names]
    return gone


def fields_of(model: type[models.Model]) -> list[FieldClass]:
    return [classify(model, f.name) for f in model_fields(model)]


def markdown_table() -> str:
    """The table in docs/admin/privacy.md: one row per model, naming the fields classified above 'none'."""
    lines = ["| table | default | retention | lawful basis | personal fields | special-category fields |",
             "|---|---|---|---|---|---|"]
    for model in sorted(all_models(), key=lambda m: m._meta.label_lower):
        label = model._meta.label_lower
        entry = MODELS[label]
        classes = fields_of(model)
        personal = [c.field for c in classes if c.classification == PERSONAL and entry.classification != PERSONAL]
        special = [c.field for c in classes if c.classification == SPECIAL and entry.classification != SPECIAL]
        other_retention = sorted({f"{c.field}: {c.retention}" for c in classes if c.retention != entry.retention})
        retention = entry.retention + (f" ({'; '.join(other_retention)})" if other_retention else "")
        lines.append(f"| `{label}` | {entry.classification} | {retention} | {entry.basis} | "
                     f"{', '.join(personal) or '-'} | {', '.join(special) or '-'} |")
    return "\n".join(lines) + "\n"
