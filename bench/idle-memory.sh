#!/usr/bin/env bash
# Idle memory of `inertia serve` after start-up: SQLite under a fresh ./data, background refresh on, nothing due.
# Usage: bash bench/idle-memory.sh [SECONDS]    Prints resident and peak memory after SECONDS (default 30) of idling.
set -euo pipefail
wait_s=${1:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
dotnet build -c Release "$root/src/Inertia.Web" -v q -nologo >/dev/null
inertia="$root/src/Inertia.Web/bin/Release/net10.0/inertia.dll"
cleanup() { [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
unset INERTIA__Database__Provider INERTIA__Database__ConnectionString
dotnet "$inertia" serve --urls http://127.0.0.1:18099 >"$work/log" 2>&1 & server=$!
for _ in $(seq 100); do curl -sf http://127.0.0.1:18099/healthz >/dev/null && break; sleep 0.1; done
curl -sf http://127.0.0.1:18099/healthz >/dev/null
sleep "$wait_s"
echo "after ${wait_s} s idle: $(grep -E 'VmRSS|VmHWM' /proc/$server/status | tr -s ' \t' ' ' | paste -sd ';')"
