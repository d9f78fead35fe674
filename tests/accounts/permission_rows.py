"""Who may reach the two-factor pages (gathered by tests/test_permissions.py).

Set-up, the code page and the backup codes belong to whoever is signed in, whatever their school:
without an authenticator yet, the code page sends them to set-up, and the backup codes page (empty
outside set-up) sends them on. Only a careers leader resets a member's two-factor.
"""

from __future__ import annotations

from tests.permission_table import Row, all_roles, careers_leader_only, pk

SIGNED_IN = {"anonymous": 302, "other_school": 200}

ROWS: dict[str, Row] = {
    "accounts:two_factor_setup": Row({**all_roles(200), **SIGNED_IN}, school=False),
    "accounts:two_factor_verify": Row({**all_roles(302), "anonymous": 302, "other_school": 302}, school=False),
    "accounts:backup_codes": Row({**all_roles(302), "anonymous": 302, "other_school": 302}, school=False),
    "member_security:reset_two_factor": Row(careers_leader_only(302), pk("world.class_teacher"), method="post"),
}
