#!/usr/bin/env bash
# The reader at scale (docs/benchmarks.md, "Reader"): a site of FEEDS feeds × ENTRIES entries (bench/site/database.sh),
# the client-API benchmark's 100 readers (ApiData), and two more (ReaderData): reader-heavy with 100,000 unread in four
# categories, reader-light with 50 unread of 200,000. wrk (8 connections, 2 threads, DURATION s) on the unread list,
# a category, a search for a Chinese word and an article, signed in with a session cookie; then one mark-all-read of
# reader-heavy's 100,000, timed by curl.
#   bench/reader.sh sqlite [DB_PATH] | bench/reader.sh postgres [CONNECTION_STRING]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/site/database.sh "${1:-sqlite}" "${2:-}"
source bench/site/server-time.sh
duration=${DURATION:-10}
port=${PORT:-8193}
if [ ! -e "$marker/api-seeded" ]; then
  $benchmarks api-data "$provider" "${target:-$connection}" 100 200
  touch "$marker/api-seeded"
fi
dotnet publish -c Release src/Inertia.Web -o /tmp/inertia-site/app >/dev/null
export INERTIA__Database__Provider=$provider INERTIA__Database__ConnectionString="$connection" INERTIA__Refresh__Enabled=false \
  INERTIA__Maintenance__Enabled=false INERTIA__Catalog__Path=/nonexistent.opml INERTIA__Admin__Name=bench INERTIA__Admin__Password=bench-password
for user in reader-heavy reader-light; do
  echo "$user-password" | /tmp/inertia-site/app/inertia user add "$user" --password-stdin >/dev/null 2>&1 || true
done
$benchmarks reader-data "$provider" "${target:-$connection}"
sql() {
  if [ "$provider" = sqlite ]; then sqlite3 "$target" "$1"; else psql "host=127.0.0.1 port=54360 user=postgres dbname=postgres" -Atc "$1"; fi
}
heavy=$(sql "SELECT id FROM users WHERE name = 'reader-heavy'")
category=$(sql "SELECT MIN(id) FROM categories WHERE user_id = $heavy")
range=$(sql "SELECT MIN(e.id) || ' ' || MAX(e.id) FROM subscriptions s JOIN entries e ON e.feed_id = s.feed_id WHERE s.user_id = $heavy")
[ "$provider" = sqlite ] && cat "$target" >/dev/null
# reader-data has just rewritten 100,000 rows: on PostgreSQL, measure a settled database (as autovacuum leaves it), not
# one whose indexes still point at the rows it deleted (that doubled p95 of the first list measured)
[ "$provider" = postgres ] && sql "VACUUM ANALYZE unread_entries, entry_states, subscriptions" >/dev/null
/tmp/inertia-site/app/inertia --urls "http://127.0.0.1:$port" >/tmp/inertia-site/reader-server.log 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 60); do curl -fs "$base/healthz" >/dev/null && break; sleep 1; done

# a browser's sign-in: the form's antiforgery token, then the session cookie, as one Cookie header
session() {
  local jar; jar=$(mktemp)
  local token; token=$(curl -fs -c "$jar" -b "$jar" "$base/signin" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "UserName=$1" --data-urlencode "Password=$1-password" --data-urlencode "__RequestVerificationToken=$token" "$base/signin"
  awk 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar"
  rm -f "$jar"
}
heavy_cookie=$(session reader-heavy)
light_cookie=$(session reader-light)
search=$(printf '安全' | od -An -tx1 | tr -s ' ' '%' | tr -d '\n' | sed 's/%$//' | tr 'a-f' 'A-F')
echo "== $provider, $((feeds * entries)) entries; reader-heavy (id $heavy) $(sql "SELECT COUNT(*) FROM unread_entries WHERE user_id = $heavy") unread"
run() {
  local name=$1; shift
  local route=reader; [ "$1" = article ] && route='reader/entries/[^"]*'
  wrk -t2 -c8 -d3s -s bench/reader/reader.lua "$base" -- "$@" >/dev/null   # warm up
  local before; before=$(server_buckets "$base" "$route")
  local measured; measured=$(wrk -t2 -c8 -d"${duration}s" -s bench/reader/reader.lua "$base" -- "$@" | tail -1)
  echo "$name: $measured; server: $(server_p95 "$before" "$(server_buckets "$base" "$route")")"
}
run "unread list, 100,000 unread" unread "$heavy_cookie"
run "unread list, 50 unread of 200,000" unread "$light_cookie"
run "category (a quarter of the feeds)" category "$heavy_cookie" "$category"
run "search 安全" search "$heavy_cookie" "$search"
run "article (random, marked read)" article "$heavy_cookie" "" $range
# weight as a browser receives it (brotli, which every browser asks for) and unpacked
sent() { curl -fs -H "Accept-Encoding: br" "$@" | wc -c; }
echo "unread list weight: $(curl -fs -H "Cookie: $heavy_cookie" "$base/reader" | wc -c) bytes of HTML," \
  "$(curl -fs "$base/static/app.css" | wc -c) CSS, $(curl -fs "$base/static/app.js" | wc -c) JS; as sent (br):" \
  "$(sent -H "Cookie: $heavy_cookie" "$base/reader") + $(sent "$base/static/app.css") + $(sent "$base/static/app.js")"
# mark all read: the page's own form, its newest unread id and token
page=$(curl -fs -H "Cookie: $heavy_cookie" "$base/reader")
upto=$(sed -n 's/.*name="upTo" value="\([0-9]*\)".*/\1/p' <<<"$page" | head -1)
token=$(sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' <<<"$page" | head -1)
before=$(sql "SELECT COUNT(*) FROM unread_entries WHERE user_id = $heavy")
took=$(curl -fs -o /dev/null -w '%{time_total}' -H "Cookie: $heavy_cookie" --data-urlencode "upTo=$upto" --data-urlencode "__RequestVerificationToken=$token" "$base/reader?handler=MarkAllRead")
echo "mark all read: $before unread → $(sql "SELECT COUNT(*) FROM unread_entries WHERE user_id = $heavy") in $(awk -v t="$took" 'BEGIN { printf "%.1f", t * 1000 }') ms"
