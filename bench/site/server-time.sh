# The server's own time for a route, beside wrk's: the app's request-duration histogram (`/metrics`, millisecond buckets
# up to 50 ms: MetricsEndpoint.RequestDurationBounds) read before and after a run. wrk's latency also holds the time its
# own threads wait for the two cores they share with the server; the histogram holds the time from Kestrel's reading the
# request to its writing the last byte. Sourced by bench/reader.sh and bench/api.sh.

# server_buckets BASE ROUTE_REGEX: the route's cumulative bucket counts of 200 answers, one "le count" line per bound
server_buckets() {
  curl -fs "$1/metrics" | awk -v route="http_route=\"$2\"" '
    /^http_server_request_duration_seconds_bucket\{/ && $0 ~ route && index($0, "http_response_status_code=\"200\"") {
      match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5)
      rest = $0; sub(/^.*\} /, "", rest); split(rest, value, " ")   # the last "} ": a route may hold braces
      if (!(le in count)) { order[++k] = le }
      count[le] += value[1]
    }
    END { for (i = 1; i <= k; i++) print order[i], count[order[i]] }'
}

# server_p95 BEFORE AFTER: "p95 N ms (M requests)" of the requests between two snapshots of server_buckets, the 95th
# percentile placed by linear interpolation inside its bucket
server_p95() {
  paste -d' ' <(printf '%s\n' "$1") <(printf '%s\n' "$2") | awk '
    NF == 4 { n++; le[n] = $3; cum[n] = $4 - $2 }
    NF == 2 { n++; le[n] = $1; cum[n] = $2 }   # the route had no answer before
    END {
      total = cum[n]
      if (total <= 0) { print "no requests"; exit }
      want = 0.95 * total; low = 0; below = 0
      for (i = 1; i <= n; i++) {
        if (cum[i] >= want) {
          if (le[i] == "+Inf") { printf "p95 over %s s (%d requests)\n", le[i - 1], total; exit }
          share = cum[i] > below ? (want - below) / (cum[i] - below) : 1
          printf "p95 %.2f ms (%d requests)\n", (low + (le[i] - low) * share) * 1000, total; exit
        }
        low = le[i]; below = cum[i]
      }
    }'
}
