#!/usr/bin/env bash
# Refresh benchmark: a farm of FEEDS feeds on 127.0.0.1–64, imported for one user, refreshed twice (all new, then all 304).
# Usage: bash bench/refresh-farm.sh [FEEDS] [sqlite|postgres]    Prints the two summary lines and the peak memory of each run.
set -euo pipefail
feeds=${1:-10000}
provider=${2:-sqlite}
port=18080
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
dotnet build -c Release "$root/bench/Inertia.Benchmarks" -v q -nologo >/dev/null
dotnet build -c Release "$root/src/Inertia.Web" -v q -nologo >/dev/null
bench="$root/bench/Inertia.Benchmarks/bin/Release/net10.0/Inertia.Benchmarks.dll"
inertia="$root/src/Inertia.Web/bin/Release/net10.0/inertia.dll"

cleanup() {
  [ -n "${farm:-}" ] && kill "$farm" 2>/dev/null || true
  if [ -n "${pgdir:-}" ]; then su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $pgdir -m immediate stop" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet "$bench" farm "$feeds" "$port" & farm=$!
dotnet "$bench" farm-opml "$feeds" "$port" > "$work/farm.opml"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/feed/0" >/dev/null && break; sleep 0.2; done

export INERTIA__Fetching__AllowPrivateNetworks=true
if [ "$provider" = postgres ]; then
  pgdir=$(mktemp -d); chown postgres: "$pgdir"
  su postgres -c "/usr/lib/postgresql/15/bin/initdb -D $pgdir -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $pgdir -l $pgdir/log -w -o '-c listen_addresses=127.0.0.1 -p 54339 -k $pgdir' start" >/dev/null
  export INERTIA__Database__Provider=postgres INERTIA__Database__ConnectionString="Host=127.0.0.1;Port=54339;Username=postgres;Database=postgres"
fi

cd "$work"
dotnet "$inertia" user add bench --password bench >/dev/null
dotnet "$inertia" import farm.opml --user bench | head -1
for run in first second; do
  /usr/bin/time -f "peak RSS %M KB" -o "$work/time.$run" dotnet "$inertia" refresh
  cat "$work/time.$run"
done
