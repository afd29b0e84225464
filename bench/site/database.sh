# Sourced by the benchmarks at scale (site-pages.sh, api.sh): sets $provider, $connection and $pgdir from "$1" "$2" —
#   sqlite [DB_PATH]              default /tmp/inertia-site/bench.db
#   postgres [CONNECTION_STRING]  default: a PostgreSQL 15 cluster of its own in /tmp/inertia-site/pg, started here
# and seeds the site (FEEDS feeds of ENTRIES entries) once per database. On exit it stops the server the caller started
# (its pid in $server) and the cluster.
server=
pgdir=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -n "$pgdir" ] && su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $pgdir -m fast stop" >/dev/null 2>&1 || true
}
trap cleanup EXIT
provider=${1:-sqlite}
feeds=${FEEDS:-2000}
entries=${ENTRIES:-500}
dotnet build -c Release bench/Inertia.Benchmarks >/dev/null
benchmarks="dotnet bench/Inertia.Benchmarks/bin/Release/net10.0/Inertia.Benchmarks.dll"
if [ "$provider" = postgres ]; then
  connection=${2:-}
  if [ -z "$connection" ]; then
    pgdir=/tmp/inertia-site/pg
    if [ ! -d "$pgdir" ]; then
      mkdir -p "$pgdir"; chown postgres: "$pgdir"
      su postgres -c "/usr/lib/postgresql/15/bin/initdb -D $pgdir -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
    fi
    su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $pgdir -l $pgdir/log -w -o '-c listen_addresses=127.0.0.1 -p 54360 -k $pgdir -c shared_buffers=2GB' start" >/dev/null
    connection="Host=127.0.0.1;Port=54360;Username=postgres;Database=postgres"
  fi
  # seeded once per cluster (a marker beside it; a database given by the caller is seeded every time)
  if [ ! -e "${pgdir:-/nonexistent}/seeded" ]; then
    $benchmarks site-data postgres "$connection" "$feeds" "$entries"
    [ -n "$pgdir" ] && touch "$pgdir/seeded"
  fi
  marker=${pgdir:-/nonexistent}
else
  target=${2:-/tmp/inertia-site/bench.db}
  mkdir -p "$(dirname "$target")"
  connection="Data Source=$target"
  [ -e "$target" ] || $benchmarks site-data sqlite "$target" "$feeds" "$entries"
  marker=$(dirname "$target")
fi
