"""The `roadahead` command: Django's management entry point with Road Ahead's settings.

`roadahead demo`, `roadahead import pupils FILE --school SLUG`, `roadahead migrate` and every
other Django command run through here, as does `python -m roadahead`.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roadahead.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["roadahead", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
