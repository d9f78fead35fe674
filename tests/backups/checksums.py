"""Print every table's row count and checksum in the configured database, as JSON (for the tests,
which compare databases they must not open themselves): python -m tests.backups.checksums"""

from __future__ import annotations

import json
import os

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roadahead.settings_test")
    import django

    django.setup()
    from roadahead.core.backups import table_checksums

    print(json.dumps({table: [s.rows, s.md5] for table, s in table_checksums().items()}))
