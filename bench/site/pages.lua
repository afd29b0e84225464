-- wrk script for the public pages: `wrk ... -s bench/site/pages.lua URL -- MODE LOW HIGH SEED`
-- MODE home: "/" every time; feed: /feeds/N and article: /articles/N with N uniform in [LOW, HIGH] (so, at scale, nearly
-- every request is for a page no one asked for yet). Prints requests/s and the 50th, 95th and 99th percentiles.
local mode, low, high = "home", 1, 1

function init(args)
  mode = args[1] or "home"
  low = tonumber(args[2] or "1")
  high = tonumber(args[3] or "1")
  math.randomseed(tonumber(args[4] or "1") + os.time())
end

function request()
  local path = "/"
  if mode == "feed" then
    path = "/feeds/" .. math.random(low, high)
  elseif mode == "article" then
    path = "/articles/" .. math.random(low, high)
  end
  return wrk.format("GET", path, { ["Accept-Language"] = "zh-CN,zh;q=0.9" })
end

dofile("bench/site/report.lua")
