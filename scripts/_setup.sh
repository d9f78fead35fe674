# Sourced by scripts/demo.sh and scripts/test.sh: make sure uv is there and the virtualenv matches
# uv.lock. Needs only Python 3.11+ on the machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Road Ahead needs Python 3.11 or newer as '$PYTHON' (set PYTHON=/path/to/python3.11)." >&2
  exit 1
fi
# uv cannot use pyenv's shims, so hand it the real interpreter; it must never download a Python.
export UV_PYTHON
UV_PYTHON=$("$PYTHON" -c 'import sys; print(sys.executable)')
export UV_PYTHON_DOWNLOADS=never
if ! command -v uv >/dev/null 2>&1; then
  echo "Installing uv (the Python package manager Road Ahead uses)…" >&2
  "$PYTHON" -m pip install --quiet uv >&2
  hash -r
fi
if ! command -v uv >/dev/null 2>&1; then
  UV=("$PYTHON" -m uv)
else
  UV=(uv)
fi
"${UV[@]}" sync --locked --quiet
