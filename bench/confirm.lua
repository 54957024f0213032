-- wrk script: confirm signatures by POSTing the button of their confirmation page, one token per
-- request, with a CSRF cookie and its form token as a browser would send them. The tokens are
-- made by bench/run in the database (only their SHA-256 is stored, as the service does): thread t
-- confirms the tokens of RUN_ID, t, 1, 2, 3...; see token() and bench/run.
threads = {}
OK_STATUS = 303
OK_NAME = "confirmed"
dofile("bench/answers.lua")
local run = os.getenv("RUN_ID")

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  ok = 0
  other = 0
  n = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = "csrf=" .. os.getenv("CSRF_COOKIE")
  wrk.body = "csrfToken=" .. os.getenv("CSRF_TOKEN")
end

local function token(thread, number)
  local core = run .. "t" .. thread .. "n" .. number
  return string.rep("a", 43 - #core) .. core
end

function request()
  n = n + 1
  return wrk.format(nil, "/confirm/" .. token(id, n))
end
