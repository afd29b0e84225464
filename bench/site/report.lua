-- Sourced by the wrk scripts (pages.lua, api.lua, reader.lua): prints requests/s and the 50th, 95th and 99th
-- percentiles, and the first answer that was not 200 (on stderr). done() runs in wrk's main Lua state, where init()
-- never ran: the caller prints which page or call this was.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("%.0f requests/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %d requests, %d errors, %d not 2xx\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors, summary.errors.status))
end

function response(status, headers, body)
  if status ~= 200 and not reported then
    reported = true
    io.stderr:write("status " .. status .. ": " .. string.sub(body, 1, 200) .. "\n")
  end
end
