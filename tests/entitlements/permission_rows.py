"""Who may reach the entitlement rules pages (gathered by tests/test_permissions.py)."""

from __future__ import annotations

from typing import Any

from tests.permission_table import Objects, Row, all_roles, careers_leader_only


def _rule(objects: Objects, role: str) -> dict[str, Any]:
    from roadahead.entitlements.services import create_rule

    rule = create_rule(school=objects.world.school, by=objects.world.careers_leader.user,
                       name="Employer encounters", required=3, meaningful_only=True)
    return {"pk": rule.pk}


ROWS: dict[str, Row] = {
    # Every member may read the rules: they explain what each pupil is entitled to.
    "rules:list": Row(all_roles(200)),
    "rules:detail": Row(all_roles(200), _rule),
    "rules:create": Row(careers_leader_only()),
    "rules:edit": Row(careers_leader_only(), _rule),
    "rules:set_active": Row(careers_leader_only(302), _rule, method="post"),
}
