-- wrk script: a page each signer reaches by a link of their own (confirm, withdraw, unsubscribe) or by
-- mistake (an address that names no campaign), as a browser asks for it (gzip, English). Each request
-- takes the next token of TOKENS (a file, one token a line; the threads start at different lines) and
-- asks for PREFIX .. token; answers with status EXPECT (default 200) count as answered, others as other.
-- done() prints:  RESULT answered=n other=n p50_ms=x p99_ms=y
threads = {}
OK_STATUS = tonumber(os.getenv("EXPECT") or "200")
OK_NAME = "answered"
dofile("bench/answers.lua")
local prefix = os.getenv("PREFIX")
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do
  if line ~= "" then table.insert(tokens, line) end
end

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  ok, other = 0, 0
  n = id * math.floor(#tokens / 2)
  headers = {["Accept-Encoding"] = "gzip", ["Accept-Language"] = "en"}
end

function request()
  n = n % #tokens + 1
  return wrk.format("GET", prefix .. tokens[n], headers)
end
