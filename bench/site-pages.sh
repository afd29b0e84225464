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
source bench/site/database.sh "${1:-sqlite}" "${2:-}"
duration=${DURATION:-15}
port=${PORT:-8191}
dotnet publish -c Release src/Inertia.Web -o /tmp/inertia-site/app >/dev/null
[ "$provider" = sqlite ] && cat "$target" >/dev/null
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
