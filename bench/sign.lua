-- wrk script: POST a signature with a unique email per request, and count the answers.
local counter = 0
threads = {}
OK_STATUS = 202
OK_NAME = "accepted"
dofile("bench/answers.lua")
prefix = "t"

-- RUN_ID (from the environment) makes this run's emails unique across runs, so the script that
-- started wrk can count exactly this run's rows afterwards.
local run = os.getenv("RUN_ID") or tostring(os.time())

function setup(thread)
  thread:set("prefix", run .. "t" .. #threads)
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
  local body = '{"name":"Bench Signer ' .. counter .. '","email":"' .. prefix .. "-" .. counter ..
      '@bench.example","country":"CN","city":"Shanghai","publicDisplay":"INITIALS","emailUpdates":false}'
  return wrk.format(nil, nil, nil, body)
end
