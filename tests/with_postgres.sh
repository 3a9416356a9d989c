#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: initdb in a temporary folder, a server
# on a free loopback port, DATABASE_URL exported for the command, everything removed afterwards.
# PostgreSQL refuses to run as root, so the cluster belongs to the "postgres" user when we are root.
set -euo pipefail

find_bin() {
  if command -v "$1" >/dev/null 2>&1; then command -v "$1"; return; fi
  ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1
}

initdb_bin=$(find_bin initdb)
if [ -z "$initdb_bin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "PostgreSQL server not found: installing Debian's postgresql package."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  initdb_bin=$(find_bin initdb)
fi
if [ -z "$initdb_bin" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL's initdb is required under CI and was not found." >&2
    exit 1
  fi
  echo "PostgreSQL's initdb not found: skipping the PostgreSQL run (required under CI=true)."
  exit 0
fi
pg_ctl_bin=$(dirname "$initdb_bin")/pg_ctl
[ -x "$pg_ctl_bin" ] || pg_ctl_bin=$(find_bin pg_ctl)

as_owner=()
if [ "$(id -u)" = 0 ]; then
  as_owner=(runuser -u postgres --)
fi

cluster=$(mktemp -d /tmp/summit-pg.XXXXXX)
chmod 755 "$cluster"
[ "$(id -u)" = 0 ] && chown postgres "$cluster"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

cleanup() {
  "${as_owner[@]}" "$pg_ctl_bin" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap cleanup EXIT

"${as_owner[@]}" "$initdb_bin" -D "$cluster/data" -U postgres --auth=trust -E UTF8 \
  --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 || { cat "$cluster/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$pg_ctl_bin" -D "$cluster/data" -l "$cluster/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k $cluster -c fsync=off -c synchronous_commit=off -c max_connections=200 -c jit=off -c autovacuum=off" \
  start >/dev/null || { cat "$cluster/server.log" >&2; exit 1; }

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/summit"
echo "PostgreSQL $("$initdb_bin" --version | awk '{print $3}') running on 127.0.0.1:$port"
"$@"
