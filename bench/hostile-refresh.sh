#!/usr/bin/env bash
# `inertia refresh` of one feed whose item holds 400,000 escaped <span/> (5 MB): wall time and peak memory, as a separate
# process under /usr/bin/time, the feed served over loopback by python3's http.server.
# Usage: bash bench/hostile-refresh.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
port=18111
dotnet build -c Release "$root/bench/Inertia.Benchmarks" -v q -nologo >/dev/null
dotnet build -c Release "$root/src/Inertia.Web" -v q -nologo >/dev/null
bench="$root/bench/Inertia.Benchmarks/bin/Release/net10.0/Inertia.Benchmarks.dll"
inertia="$root/src/Inertia.Web/bin/Release/net10.0/inertia.dll"
cleanup() { [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/site"
dotnet "$bench" hostile-feed "$work/site/span.xml"
(cd "$work/site" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) & server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/span.xml" -o /dev/null && break; sleep 0.2; done
cd "$work"
export INERTIA__Fetching__AllowPrivateNetworks=true
unset INERTIA__Database__Provider INERTIA__Database__ConnectionString
echo pw | dotnet "$inertia" user add bench --password-stdin >/dev/null
dotnet "$inertia" subscribe "http://127.0.0.1:$port/span.xml" --user bench
echo "document: $(stat -c %s site/span.xml) bytes"
/usr/bin/time -f "wall %e s, CPU %U s user + %S s system, peak RSS %M KB" dotnet "$inertia" refresh
