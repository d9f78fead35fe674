"""Build common-passwords.txt beside this file, offline, from Django's own common-passwords list.

Run: .venv/bin/python src/roadahead/accounts/passwords/build_deny_list.py

Django ships about 20,000 passwords seen most often in breaches (django/contrib/auth/common-passwords.txt.gz,
ordered by frequency). Road Ahead's minimum is 12 characters, so most of them are refused by length alone;
what matters are the ones people make long enough by the usual tricks. This keeps every Django entry of 12
or more characters, then takes the 400 most common shorter entries and adds the ways people stretch a
short password to 12: a year (1995 to 2030) after it, "123", "1234", "12345", "123456", "!", "123!",
"1!", "01", a recent year (2015 to 2030) and "!", the word twice, and the word with its first letter capitalised
(checking lower-cases first, so case variants are covered anyway). Only results of 12 characters or more
are kept. The output is sorted and lower-case, one a line, with this explanation at the top.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import django

HERE = Path(__file__).resolve().parent
SOURCE = Path(django.__file__).parent / "contrib" / "auth" / "common-passwords.txt.gz"
TARGET = HERE / "common-passwords.txt"
MIN_LENGTH = 12
BASES = 400
SUFFIXES = ["123", "1234", "12345", "123456", "!", "!!", "123!", "1!", "01", "1", "12", "007", "69", "99"]
YEARS = [str(year) for year in range(1995, 2031)]

HEADER = """\
# Road Ahead's deny list of common and breached passwords of 12 characters or more.
# Made offline by build_deny_list.py beside this file (read its docstring): every entry of 12 or more
# characters in Django's common-passwords list, plus the 400 most common shorter entries stretched to
# 12 characters the usual ways (a year 1995-2030, "123", "1234", "12345", "123456", "!", "123!", the
# word twice, a year 2015-2030 then "!"). Lower-case, one a line; the validator lower-cases before checking.
"""


def build() -> list[str]:
    with gzip.open(SOURCE, "rt", encoding="utf-8") as handle:
        common = [line.strip().lower() for line in handle if line.strip()]
    found = {word for word in common if len(word) >= MIN_LENGTH}
    for base in common[:BASES]:
        variants = [base + base, base + base + base]
        variants += [base + suffix for suffix in SUFFIXES]
        variants += [base + year for year in YEARS]
        variants += [base + year + "!" for year in YEARS[-16:]]
        found.update(variant for variant in variants if len(variant) >= MIN_LENGTH)
    return sorted(found)


if __name__ == "__main__":
    words = build()
    TARGET.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} passwords written to {TARGET.name}")
