-- wrk script for bench/flood: signatures through the JSON API as a flood would send them, behind
-- our (trusted) proxy on loopback. FLOOD=address: every request from one address, each email at its
-- own domain. FLOOD=domain: every request from its own address, all emails at one catch-all domain.
local counter = 0
threads = {}
OK_STATUS = 202
OK_NAME = "accepted"
dofile("bench/answers.lua")
local run = os.getenv("RUN_ID") or tostring(os.time())
local mode = os.getenv("FLOOD") or "address"

function setup(thread)
  thread:set("prefix", run .. "t" .. #threads)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  ok = 0
  other = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local email, client
  if mode == "address" then
    client = "198.51.100.7"
    email = prefix .. "-" .. counter .. "@d" .. counter .. ".flood.example"
  else
    -- consecutive requests from different /24 networks, so that the domain is what they share
    client = "10." .. counter % 250 .. "." .. math.floor(counter / 250) % 250 .. "." .. tid + 1
    email = prefix .. "-" .. counter .. "@catchall.example"
  end
  wrk.headers["X-Forwarded-For"] = client
  local body = '{"name":"Flood ' .. counter .. '","email":"' .. email ..
      '","country":"CN","publicDisplay":"HIDDEN","emailUpdates":false}'
  return wrk.format(nil, nil, nil, body)
end
