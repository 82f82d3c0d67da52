#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 (Debian's server binaries, trust auth, no disk
# state kept between runs) and prints its URL. Used by .ci/run and by anyone running the server's
# PostgreSQL tests locally: TEST_DATABASE_URL=$(bash scripts/start-postgres.sh) npm test
set -euo pipefail
port=${PGPORT_TEST:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
data=${PGDATA_TEST:-/tmp/inbox-elements-pg}
url="postgres://postgres@127.0.0.1:${port}/postgres"

run_as=()
[ "$(id -u)" = 0 ] && run_as=(runuser -u postgres --)
# pg_ctl refuses to run as root, so the check runs as the cluster's owner like every other call.
if [ -f "$data/postmaster.pid" ] && "${run_as[@]}" "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  echo "$url"
  exit 0
fi
rm -rf "$data"
mkdir -p "$data"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
"${run_as[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
"${run_as[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${data} -c max_connections=200 -c fsync=off" start >/dev/null
echo "$url"
