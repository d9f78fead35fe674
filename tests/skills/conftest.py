from __future__ import annotations

import pytest

from roadahead.skills.models import Skill
from roadahead.skills.services import ensure_default_frameworks


@pytest.fixture
def skills(world):
    """The default frameworks, as {code: Skill}."""
    ensure_default_frameworks(school=world.school, audit=False)
    return {s.code: s for s in Skill.objects.filter(school=world.school).select_related("framework")}
