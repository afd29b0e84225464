-- wrk script for the client APIs: `wrk ... -s bench/api/api.lua URL -- MODE SECRET USERID FEVER_KEY`
-- MODE: ids (Google Reader stream/items/ids, 10,000 unread), contents (stream/contents, 50 items), unread-count,
-- fever-items (Fever items, the newest 50), fever-unread (unread_item_ids), miniflux (/v1/entries?status=unread&limit=100).
-- Prints requests/s and the 50th, 95th and 99th percentiles.
local mode, secret, userid, feverkey = "ids", "", "", ""

function init(args)
  mode = args[1] or "ids"
  secret = args[2] or ""
  userid = args[3] or ""
  feverkey = args[4] or ""
end

function request()
  local gr = { ["Authorization"] = "GoogleLogin auth=" .. userid .. "/" .. secret }
  if mode == "ids" then
    return wrk.format("GET", "/api/greader.php/reader/api/0/stream/items/ids?output=json&s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read&n=10000", gr)
  elseif mode == "contents" then
    return wrk.format("GET", "/api/greader.php/reader/api/0/stream/contents/user/-/state/com.google/reading-list?output=json&n=50&xt=user/-/state/com.google/read", gr)
  elseif mode == "unread-count" then
    return wrk.format("GET", "/api/greader.php/reader/api/0/unread-count?output=json", gr)
  elseif mode == "fever-items" then
    return wrk.format("POST", "/api/fever.php?api&items", { ["Content-Type"] = "application/x-www-form-urlencoded" }, "api_key=" .. feverkey)
  elseif mode == "fever-unread" then
    return wrk.format("POST", "/api/fever.php?api&unread_item_ids", { ["Content-Type"] = "application/x-www-form-urlencoded" }, "api_key=" .. feverkey)
  else
    return wrk.format("GET", "/v1/entries?status=unread&limit=100", { ["X-Auth-Token"] = secret })
  end
end

dofile("bench/site/report.lua")
