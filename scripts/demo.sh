#!/usr/bin/env bash
# Install everything, build the demo (two special schools, SQLite in ./data) and serve it on
# http://127.0.0.1:8000. The sign-in details are printed before the server starts.
source "$(dirname "$0")/_setup.sh"
exec .venv/bin/roadahead demo "$@"
