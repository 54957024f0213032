-- wrk script for bench/bounds: floods one expensive path and tallies the answers by status. Behind
-- our (trusted) proxy on loopback, each request says which client it speaks for (X-Forwarded-For).
--   MODE    signin  | history | sign | confirm | (none: GET of the given URL, the control)
--   SPREAD  how many client networks the requests rotate through (10.x.y.1, each its own /24);
--           1: every request from 198.51.100.7
--   RUN_ID  makes this run's emails and tokens its own
--   CSRF_COOKIE, CSRF_TOKEN  the form token of a page for that cookie (signin, confirm)
-- done() prints:  STATUSES <status>=n ... [socket=n] (connect errors and timeouts)
threads = {}
local mode = os.getenv("MODE")
local spread = tonumber(os.getenv("SPREAD") or "1")
local run = os.getenv("RUN_ID") or tostring(os.time())
local csrf_cookie = os.getenv("CSRF_COOKIE") or ""
local csrf_token = os.getenv("CSRF_TOKEN") or ""
local now = os.time()

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  statuses = {}
  wrk.headers["Cookie"] = "csrf=" .. csrf_cookie
end

local function utc(t)
  return os.date("!%Y-%m-%dT%H:%M:00Z", t)
end

function request()
  if mode == nil then
    return wrk.format("GET")
  end
  counter = counter + 1
  local n = counter * 2 + tid -- distinct across the two threads
  local k = n % spread
  wrk.headers["X-Forwarded-For"] = spread == 1 and "198.51.100.7" or ("10." .. k % 250 .. "." .. math.floor(k / 250) % 250 .. ".1")
  if mode == "signin" then
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format("POST", "/admin/login", nil, "email=guess-" .. run .. "-" .. n .. "%40flood.example&password=not-the-password-" ..
        n .. "&next=%2Fadmin&csrfToken=" .. csrf_token)
  elseif mode == "history" then
    -- long ranges, each new: day by day over four years, hour by hour over 62 days, minute by minute over a day
    local kind = n % 3
    local path = "/api/v1/campaigns/" .. os.getenv("SLUG") .. "/history?"
    if kind == 0 then
      path = path .. "step=day&from=" .. utc(now - (1499 - math.floor(n / 3) % 1400) * 86400)
    elseif kind == 1 then
      local from = now - (1500 + math.floor(n / 3) % 33000) * 3600
      path = path .. "step=hour&from=" .. utc(from) .. "&to=" .. utc(from + 1499 * 3600)
    else
      local from = now - (1500 + math.floor(n / 3) % 2000000) * 60
      path = path .. "step=minute&from=" .. utc(from) .. "&to=" .. utc(from + 1499 * 60)
    end
    return wrk.format("GET", path)
  elseif mode == "sign" then
    wrk.headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/campaigns/" .. os.getenv("SLUG") .. "/signatures", nil,
        '{"name":"Flood ' .. n .. '","email":"' .. run .. "-" .. n .. "@d" .. n % 5000 .. '.flood.example",' ..
        '"country":"CN","publicDisplay":"HIDDEN","emailUpdates":false}')
  else
    -- well-shaped tokens that no signature has: each one a lookup in the confirmation batch
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
    local core = run .. "x" .. n
    return wrk.format("POST", "/confirm/" .. string.rep("b", 43 - #core) .. core, nil, "csrfToken=" .. csrf_token)
  end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, count in pairs(t:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local keys = {}
  for status in pairs(total) do table.insert(keys, status) end
  table.sort(keys)
  local parts = {}
  for _, status in ipairs(keys) do table.insert(parts, status .. "=" .. total[status]) end
  if summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout > 0 then
    table.insert(parts, "socket=" .. (summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  end
  io.write("STATUSES " .. table.concat(parts, " ") .. "\n")
end
