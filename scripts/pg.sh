#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL cluster on a loopback port, for tests and benchmarks.
#   eval "$(scripts/pg.sh start)"   prints DATABASE_URL=... and PGROOT=... to export
#   scripts/pg.sh stop              stops the cluster named by $PGROOT
# PostgreSQL refuses to run as root, so as root the server runs as the postgres user.
set -euo pipefail
cmd=${1:-start}
# Without PGPORT, take a free loopback port so a cluster left running elsewhere cannot collide.
export PGPORT=${PGPORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
RUN=()
if [ "$(id -u)" = 0 ]; then RUN=(runuser -u postgres --); fi
case "$cmd" in
  start)
    if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
      echo "Installing PostgreSQL…" >&2
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
      BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    PGROOT=${PGROOT:-$(mktemp -d /tmp/roadahead-pg.XXXXXX)}
    mkdir -p "$PGROOT/data" "$PGROOT/sock"
    if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$PGROOT"; chmod 755 "$PGROOT"; fi
    if [ ! -s "$PGROOT/data/PG_VERSION" ]; then
      "${RUN[@]}" "$BIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    "${RUN[@]}" "$BIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 -o \
      "-p $PGPORT -k $PGROOT/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >&2
    # The database the URL names; pytest makes its own test_ database beside it.
    if ! "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -Atc \
        "select 1 from pg_database where datname = 'roadahead'" | grep -q 1; then
      "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -qc "create database roadahead" >&2
    fi
    echo "export PGROOT=$PGROOT PGPORT=$PGPORT"
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/roadahead"
    ;;
  stop)
    if [ -z "${PGROOT:-}" ]; then echo "scripts/pg.sh stop: set PGROOT to the folder 'start' printed" >&2; exit 2; fi
    "${RUN[@]}" "$BIN/pg_ctl" -D "$PGROOT/data" -m fast stop >&2 || true
    ;;
  *) echo "usage: scripts/pg.sh start|stop" >&2; exit 2 ;;
esac
