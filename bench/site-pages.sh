#!/usr/bin/env bash
# The public pages at scale (docs/benchmarks.md, "Public pages"): seeds FEEDS feeds of ENTRIES entries each (unless the
# database exists), serves it with the Release build, and runs wrk (8 connections, 2 threads, DURATION s) on the home page,
# random feed pages and random article pages, with the output cache on (the default) and off.
#   bench/site-pages.sh sqlite [DB_PATH]            default /tmp/inertia-site/bench.db
#   bench/site-pages.sh postgres [CONNECTION_STRING]  default: a PostgreSQL 15 cluster of its own in /tmp/inertia-site/pg
# Before it measures, it reads the SQLite file once so that it sits in the OS's cache (as it would on a server that has
# been up a while: 4 GB for a million entries, on a 24 GB machine).
set -euo pipefail
cd "$(dirname "$0")/.."
provider=${1:-sqlite}
server=
pgdir=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -n "$pgdir" ] && su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $pgdir -m fast stop" >/dev/null 2>&1 || true
}
trap cleanup EXIT
if [ "$provider" = postgres ]; then
  target=${2:-}
  if [ -z "$target" ]; then
    pgdir=/tmp/inertia-site/pg
    if [ ! -d "$pgdir" ]; then
      mkdir -p "$pgdir"; chown postgres: "$pgdir"
      su postgres -c "/usr/lib/postgresql/15/bin/initdb -D $pgdir -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
    fi
    su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $pgdir -l $pgdir/log -w -o '-c listen_addresses=127.0.0.1 -p 54360 -k $pgdir -c shared_buffers=2GB' start" >/dev/null
    target="Host=127.0.0.1;Port=54360;Username=postgres;Database=postgres"
  fi
else
  target=${2:-/tmp/inertia-site/bench.db}
fi
feeds=${FEEDS:-2000}
entries=${ENTRIES:-500}
duration=${DURATION:-15}
port=${PORT:-8191}

dotnet build -c Release bench/Inertia.Benchmarks >/dev/null
dotnet publish -c Release src/Inertia.Web -o /tmp/inertia-site/app >/dev/null
if [ "$provider" = sqlite ]; then
  mkdir -p "$(dirname "$target")"
  connection="Data Source=$target"
  [ -e "$target" ] || dotnet bench/Inertia.Benchmarks/bin/Release/net10.0/Inertia.Benchmarks.dll site-data sqlite "$target" "$feeds" "$entries"
  cat "$target" >/dev/null
else
  connection="$target"
  # seeded once per database (a marker beside the cluster; a database given by the caller is seeded every time)
  if [ ! -e "${pgdir:-/nonexistent}/seeded" ]; then
    dotnet bench/Inertia.Benchmarks/bin/Release/net10.0/Inertia.Benchmarks.dll site-data postgres "$target" "$feeds" "$entries"
    [ -n "$pgdir" ] && touch "$pgdir/seeded"
  fi
fi
total=$((feeds * entries))

for cache in 30 0; do
  INERTIA__Database__Provider=$provider INERTIA__Database__ConnectionString="$connection" INERTIA__Refresh__Enabled=false \
    INERTIA__Maintenance__Enabled=false INERTIA__Public__CacheSeconds=$cache INERTIA__Admin__Name=bench INERTIA__Admin__Password=bench-password \
    INERTIA__Catalog__Path=/nonexistent.opml /tmp/inertia-site/app/inertia --urls "http://127.0.0.1:$port" >/tmp/inertia-site/server.log 2>&1 &
  server=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
  # warm up: JIT, the page compiler, the database's cache
  wrk -t2 -c8 -d5s -s bench/site/pages.lua "http://127.0.0.1:$port" -- article 1 "$total" >/dev/null
  wrk -t2 -c8 -d5s -s bench/site/pages.lua "http://127.0.0.1:$port" -- feed 1 "$feeds" >/dev/null
  echo "== $provider, $feeds feeds, $total entries, output cache ${cache} s"
  echo "home: $(wrk -t2 -c8 -d"${duration}s" -s bench/site/pages.lua "http://127.0.0.1:$port" -- home | tail -1)"
  echo "random feed page: $(wrk -t2 -c8 -d"${duration}s" -s bench/site/pages.lua "http://127.0.0.1:$port" -- feed 1 "$feeds" | tail -1)"
  echo "random article page: $(wrk -t2 -c8 -d"${duration}s" -s bench/site/pages.lua "http://127.0.0.1:$port" -- article 1 "$total" | tail -1)"
  kill $server; wait $server 2>/dev/null || true
  server=
done
