-- wrk script for the reader's pages: `wrk ... -s bench/reader/reader.lua URL -- MODE COOKIE [ARG] [LOW HIGH]`
-- MODE: unread (/reader), category (/reader?category=ARG), search (/reader?q=ARG), article (/reader/entries/{random id
-- in LOW..HIGH}, which marks it read as a reader's click does). COOKIE: the signed-in session's cookies.
-- Prints requests/s and the 50th, 95th and 99th percentiles.
local mode, cookie, arg, low, high = "unread", "", "", 0, 0

function init(args)
  mode = args[1] or "unread"
  cookie = args[2] or ""
  arg = args[3] or ""
  low = tonumber(args[4] or "0")
  high = tonumber(args[5] or "0")
  math.randomseed(42)
end

function request()
  local headers = { ["Cookie"] = cookie, ["Accept-Language"] = "zh-CN" }
  if mode == "category" then
    return wrk.format("GET", "/reader?category=" .. arg, headers)
  elseif mode == "search" then
    return wrk.format("GET", "/reader?q=" .. arg, headers)
  elseif mode == "article" then
    return wrk.format("GET", "/reader/entries/" .. math.random(low, high), headers)
  else
    return wrk.format("GET", "/reader", headers)
  end
end

dofile("bench/site/report.lua")
