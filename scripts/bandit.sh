#!/usr/bin/env bash
# Static security analysis (docs/security.md H48): bandit over the application code, medium and
# high severity. Any finding fails; a deliberate exception carries "# nosec BXXX  # reason" on its
# line, and the suppressions are counted here so the CI log shows them. Needs the dev group
# (scripts/test.sh or `uv sync` installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
# bandit notes every nosec on a line where a different test ran too; those notes are noise here.
.venv/bin/bandit -c pyproject.toml -r src -ll -q 2> >(grep -v "nosec encountered" >&2)
echo "bandit: no medium or high findings; $(grep -rn --include='*.py' '# nosec' src | wc -l) suppressed with a reason:"
grep -rn --include='*.py' -o '# nosec .*' src | sed 's/^/  /' || true
