#!/usr/bin/env bash
# Does a fetch cost more as the feed's history grows? Refreshes of a feed with 100 stored entries and of one with 100,000.
# Usage: bash bench/history-cost.sh [sqlite|postgres]
set -euo pipefail
provider=${1:-sqlite}
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet build -c Release "$root/bench/Inertia.Benchmarks" -v q -nologo >/dev/null
bench="$root/bench/Inertia.Benchmarks/bin/Release/net10.0/Inertia.Benchmarks.dll"
if [ "$provider" = postgres ]; then
  pgdir=$(mktemp -d); chown postgres: "$pgdir"
  trap 'su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $pgdir -m immediate stop" >/dev/null 2>&1; rm -rf "$pgdir"' EXIT
  su postgres -c "/usr/lib/postgresql/15/bin/initdb -D $pgdir -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $pgdir -l $pgdir/log -w -o '-c listen_addresses=127.0.0.1 -p 54359 -k $pgdir' start" >/dev/null
  dotnet "$bench" history postgres "Host=127.0.0.1;Port=54359;Username=postgres;Database=postgres"
else
  dotnet "$bench" history sqlite
fi
