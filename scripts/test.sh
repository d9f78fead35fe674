#!/usr/bin/env bash
# Install everything and run the whole test suite. Extra arguments go to pytest.
# DATABASE_URL=postgres://... runs it on PostgreSQL instead of SQLite.
# Browser tests need Debian's chromium; as root this installs it. With ROADAHEAD_REQUIRE_BROWSER=1
# (as in CI) a missing browser fails the run instead of skipping those tests.
source "$(dirname "$0")/_setup.sh"
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing chromium and poppler-utils for the browser and PDF tests…" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >&2
  else
    echo "chromium is not installed: browser tests will be skipped (apt-get install chromium)." >&2
  fi
fi
# One test process per core (at most four): the suite is a few thousand tests. ROADAHEAD_TEST_WORKERS=0
# runs them in this process, which a debugger needs.
workers=${ROADAHEAD_TEST_WORKERS:-$(python3 -c 'import os; print(min(len(os.sched_getaffinity(0)), 4))')}
parallel=()
if [ "$workers" != 0 ]; then parallel=(-n "$workers"); fi
set +e
.venv/bin/python -m pytest "${parallel[@]}" "$@"
status=$?
set -e
exit $status
