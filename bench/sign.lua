-- wrk script: POST a signature with a unique email per request, and count the answers.
local counter = 0
local threads = {}
prefix = "t"

-- RUN_ID (from the environment) makes this run's emails unique across runs, so the script that
-- started wrk can count exactly this run's rows afterwards.
local run = os.getenv("RUN_ID") or tostring(os.time())

function setup(thread)
  thread:set("prefix", run .. "t" .. #threads)
  table.insert(threads, thread)
end

function init(args)
  accepted = 0
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

function response(status, headers, body)
  if status == 202 then accepted = accepted + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local acc, oth = 0, 0
  for _, t in ipairs(threads) do
    acc = acc + t:get("accepted")
    oth = oth + t:get("other")
  end
  io.write(string.format("RESULT accepted=%d other=%d p50_ms=%.2f p99_ms=%.2f\n", acc, oth,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
