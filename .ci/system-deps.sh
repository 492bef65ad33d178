#!/usr/bin/env bash
# System packages for the optional tests: Debian's Chromium (browser tests) and PostgreSQL
# (the store's contract tests on a second backend). Without root or apt-get this does nothing
# and those tests skip with a reason. Prints the SITREP_TEST_PG URL when a server is up.
set -uo pipefail
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then exit 0; fi
need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
command -v pg_ctlcluster >/dev/null || need="$need postgresql"
if [ -n "$need" ]; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need; } \
    >/tmp/sitrep-apt.log 2>&1 || { echo "apt-get failed (see /tmp/sitrep-apt.log)" >&2; exit 0; }
fi
if command -v pg_ctlcluster >/dev/null; then
  ver=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
  [ -n "$ver" ] || exit 0
  pg_ctlcluster "$ver" main start >/dev/null 2>&1 || true
  for _ in $(seq 20); do su postgres -c "pg_isready -q" && break; sleep 0.5; done
  su postgres -c "psql -qc \"CREATE ROLE sitrep LOGIN PASSWORD 'sitrep'\"" >/dev/null 2>&1 || true
  su postgres -c "createdb -O sitrep sitrep_test" >/dev/null 2>&1 || true
  echo "postgresql+psycopg://sitrep:sitrep@127.0.0.1/sitrep_test"
fi
