"""Every field of every model has a classification, a retention category and a lawful basis (security.md G40)."""

from __future__ import annotations

import os
from pathlib import Path

from roadahead.people.models import Pupil
from roadahead.privacy import classification

DOC = Path(__file__).resolve().parents[2] / "docs" / "admin" / "privacy.md"
START, END = "<!-- classification table: start -->", "<!-- classification table: end -->"


def test_every_model_and_free_text_field_has_a_decision():
    assert classification.unclassified() == [], "classify these in roadahead/privacy/classification.py"
    assert classification.stale() == [], "these entries name models or fields that no longer exist"


def test_every_field_names_a_known_retention_category_and_basis():
    for model in classification.all_models():
        for decided in classification.fields_of(model):
            assert decided.classification in classification.CLASSIFICATIONS, decided
            assert decided.retention in classification.RETENTION, decided
            assert decided.basis in classification.BASES, decided
            if decided.classification == classification.SPECIAL:
                assert decided.basis == "special_category", decided
            if decided.classification != classification.NONE:
                assert decided.basis != "not_personal", decided


def test_the_pupils_special_category_fields():
    special = {f.field for f in classification.fields_of(Pupil) if f.classification == classification.SPECIAL}
    assert {"sen_provision", "looked_after", "communication_notes"} <= special
    assert classification.classify(Pupil, "upn").classification == classification.PERSONAL
    assert classification.classify(Pupil, "ehcp_next_review").retention == "send_record"


def test_a_new_free_text_field_is_not_covered_by_a_default(monkeypatch):
    entry = classification.MODELS["people.pupil"]
    fields = dict(entry.fields)
    fields.pop("communication_notes")
    monkeypatch.setitem(classification.MODELS, "people.pupil",
                        classification.ModelEntry(entry.classification, entry.retention, entry.basis, fields))
    assert classification.unclassified() == ["people.pupil.communication_notes"]


def test_the_admin_guide_has_the_current_table():
    text = DOC.read_text()
    before, rest = text.split(START)
    _old, after = rest.split(END)
    current = f"{before}{START}\n{classification.markdown_table()}{END}{after}"
    if os.environ.get("ROADAHEAD_UPDATE_DOCS"):
        DOC.write_text(current)
    assert text == current, "run ROADAHEAD_UPDATE_DOCS=1 bash scripts/test.sh tests/privacy/test_classification.py"
