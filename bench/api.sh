#!/usr/bin/env bash
# The client APIs at scale (docs/benchmarks.md, "Client APIs"): a site of FEEDS feeds × ENTRIES entries (bench/site/
# database.sh), USERS readers of SUBSCRIPTIONS feeds each (ApiData), then wrk (8 connections, 2 threads, DURATION s) on
# each API call as api-user-1, signed in with an API password made by `inertia user api-key`.
#   bench/api.sh sqlite [DB_PATH] | bench/api.sh postgres [CONNECTION_STRING]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/site/database.sh "${1:-sqlite}" "${2:-}"
source bench/site/server-time.sh
users=${USERS:-100}
subscriptions=${SUBSCRIPTIONS:-200}
duration=${DURATION:-10}
port=${PORT:-8192}
if [ ! -e "$marker/api-seeded" ]; then
  $benchmarks api-data "$provider" "${target:-$connection}" "$users" "$subscriptions"
  touch "$marker/api-seeded"
fi
dotnet publish -c Release src/Inertia.Web -o /tmp/inertia-site/app >/dev/null
[ "$provider" = sqlite ] && cat "$target" >/dev/null
export INERTIA__Database__Provider=$provider INERTIA__Database__ConnectionString="$connection" INERTIA__Refresh__Enabled=false \
  INERTIA__Maintenance__Enabled=false INERTIA__Catalog__Path=/nonexistent.opml INERTIA__Admin__Name=bench INERTIA__Admin__Password=bench-password
secret=$(/tmp/inertia-site/app/inertia user api-key api-user-1 --label bench | tail -1)
feverkey=$(printf '%s' "api-user-1:$secret" | md5sum | cut -d' ' -f1)
/tmp/inertia-site/app/inertia --urls "http://127.0.0.1:$port" >/tmp/inertia-site/api-server.log 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
userid=$(curl -fs "http://127.0.0.1:$port/api/greader.php/accounts/ClientLogin?Email=api-user-1&Passwd=$secret" | sed -n 's/^Auth=\([0-9]*\)\/.*/\1/p')
base="http://127.0.0.1:$port"
echo "== $provider, $feeds feeds, $((feeds * entries)) entries, $users users × $subscriptions subscriptions; api-user-1 (id $userid):" \
  "$(curl -fs -H "X-Auth-Token: $secret" "$base/v1/entries?status=unread&limit=1" | sed -n 's/^{"total":\([0-9]*\).*/\1/p') unread"
gr=/api/greader.php/reader/api/0
declare -A route=([ids]="$gr/stream/items/ids" [contents]="$gr/stream/contents/[^\"]*" [unread-count]="$gr/unread-count"
  [fever-items]=/api/fever.php [fever-unread]=/api/fever.php [miniflux]=/v1/entries)
for mode in ids contents unread-count fever-items fever-unread miniflux; do
  wrk -t2 -c8 -d3s -s bench/api/api.lua "$base" -- "$mode" "$secret" "$userid" "$feverkey" >/dev/null   # warm up
  before=$(server_buckets "$base" "${route[$mode]}")
  measured=$(wrk -t2 -c8 -d"${duration}s" -s bench/api/api.lua "$base" -- "$mode" "$secret" "$userid" "$feverkey" | tail -1)
  echo "$mode: $measured; server: $(server_p95 "$before" "$(server_buckets "$base" "${route[$mode]}")")"
done
