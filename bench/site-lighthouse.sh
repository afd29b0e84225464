#!/usr/bin/env bash
# Lighthouse 12 (mobile: its default emulation and throttling) on the home and an article page of the benchmark site that
# bench/site-pages.sh seeds, and the article page's weight (HTML + CSS + JS before images, as served and gzipped).
#   bench/site-lighthouse.sh [DB_PATH]     default /tmp/inertia-site/bench.db
# Needs Lighthouse: npm i -E lighthouse@12.2.3 (in $LIGHTHOUSE_DIR, default /tmp/lh).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-/tmp/inertia-site/bench.db}
port=${PORT:-8192}
lh=${LIGHTHOUSE_DIR:-/tmp/lh}
[ -e "$db" ] || { echo "no $db: run bench/site-pages.sh sqlite first"; exit 1; }
[ -x /tmp/inertia-site/app/inertia ] || dotnet publish -c Release src/Inertia.Web -o /tmp/inertia-site/app >/dev/null
INERTIA__Database__ConnectionString="Data Source=$db" INERTIA__Refresh__Enabled=false INERTIA__Maintenance__Enabled=false \
  INERTIA__Admin__Name=bench INERTIA__Admin__Password=bench-password INERTIA__Catalog__Path=/nonexistent.opml \
  /tmp/inertia-site/app/inertia --urls "http://127.0.0.1:$port" >/tmp/inertia-site/lighthouse-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
base="http://127.0.0.1:$port"
article="$base/articles/123456"

# page weight: the HTML, and the stylesheet and scripts it links
html=$(curl -fs -H 'Accept-Language: zh-CN' "$article")
bytes=${#html}
gz=$(printf '%s' "$html" | gzip -9 | wc -c)
for asset in $(printf '%s' "$html" | grep -oE '(href|src)="/static/[^"]+\.(css|js)[^"]*"' | sed -E 's/^(href|src)="//; s/"$//'); do
  body=$(curl -fs "$base$asset")
  bytes=$((bytes + ${#body}))
  gz=$((gz + $(printf '%s' "$body" | gzip -9 | wc -c)))
done
echo "article page weight: $bytes bytes of HTML+CSS+JS ($(printf '%s' "$html" | wc -c) bytes of HTML); $gz bytes gzipped"

for page in "$base/" "$article"; do
  CHROME_PATH=/usr/bin/chromium "$lh/node_modules/.bin/lighthouse" "$page" --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --output=json --output-path=/tmp/inertia-site/lighthouse.json --only-categories=performance,accessibility,best-practices,seo --quiet
  python3 - "$page" <<'PY'
import json, sys
d = json.load(open('/tmp/inertia-site/lighthouse.json'))
scores = ", ".join(f"{k} {round(v['score'] * 100)}" for k, v in d['categories'].items())
print(f"{sys.argv[1]}: {scores}; LCP {d['audits']['largest-contentful-paint']['displayValue']}, TBT {d['audits']['total-blocking-time']['displayValue']}, CLS {d['audits']['cumulative-layout-shift']['displayValue']}")
PY
done
