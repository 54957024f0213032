-- wrk script: signing as people do it, through the HTML form. A visitor GETs the campaign page,
-- waits the form's fill time, POSTs the form with the page's form time, saying it comes from our
-- page as browsers do (Sec-Fetch-Site), and follows the 303 to the check-your-email page.
-- wrk does not say which connection an answer came on, so each thread keeps the forms it was shown
-- in a queue (bench/forms.lua): a request is the next redirect to follow if one is due, else a form
-- that has waited FILL_SECONDS, else a new page.
-- New visitors arrive as fast as the service takes their signatures: a thread shows a new page while
-- fewer forms wait than one and a half times what it signs while a form ripens (FILL_SECONDS + 1 s,
-- os.time() counting whole seconds), and at least FORMS_WAITING (default 5,000), so that every measured
-- second holds the pages of its signatures and the rate is the service's, not the script's; when that
-- many wait, a connection pauses (delay()) instead of showing pages no one will send. (A fixed bound
-- of 5,000 a thread capped the rate at about 2,200/s; a floor of 1,000 a thread left the first ripe
-- seconds short of forms once mail stopped taking the processors in a burst: 1,580 signatures a
-- second with a sixth of the processors idle, 2,800 with this floor.)
-- done() prints:  RESULT signed=n pages=n followed=n other=n p50_ms=x p99_ms=y
-- where signed counts redirects to check-your-email (acknowledged signatures: bench/run checks each
-- is a durable row).
threads = {}
dofile("bench/forms.lua")
local run = os.getenv("RUN_ID") or tostring(os.time())
local waiting_at_least = tonumber(os.getenv("FORMS_WAITING") or "5000")

function setup(thread)
  thread:set("prefix", run .. "f" .. #threads)
  table.insert(threads, thread)
end

function init(args)
  signed, pages, followed, other = 0, 0, 0, 0
  counter = 0
  forms, first, last = {}, 1, 0
  redirects = 0
  signed_at = {}  -- signatures acknowledged, by the second (os.time()) they were
  local browser = {["Accept-Encoding"] = "gzip", ["Accept-Language"] = "en"}
  page_request = wrk.format("GET", "/campaigns/" .. slug, browser)
  check_email_request = wrk.format("GET", "/campaigns/" .. slug .. "/check-email", browser)
end

-- one and a half times the forms the last whole seconds' signing rate keeps waiting while they ripen
local function forms_wanted()
  local now = os.time()
  local rate = math.max(signed_at[now - 1] or 0, signed_at[now - 2] or 0)
  return math.max(waiting_at_least, 1.5 * (fill + 1) * rate)
end

function delay()
  if redirects > 0 or ripe() or last - first + 1 < forms_wanted() then
    return 0
  end
  return 50
end

function request()
  return due_redirect() or ripe_form("Form+Signer") or page_request
end

function response(status, headers, body)
  if status == 303 and header(headers, "Location"):find("check%-email") then
    signed = signed + 1
    redirects = redirects + 1
    signed_at[os.time()] = (signed_at[os.time()] or 0) + 1
  elseif status == 200 then
    local text = page_text(headers, body)
    if text == "" then
      other = other + 1  -- a page that did not unzip
    elseif keep_form(text) then
      pages = pages + 1
    else
      followed = followed + 1
    end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local totals = {signed = 0, pages = 0, followed = 0, other = 0}
  for _, t in ipairs(threads) do
    for name, _ in pairs(totals) do totals[name] = totals[name] + t:get(name) end
  end
  io.write(string.format("RESULT signed=%d pages=%d followed=%d other=%d p50_ms=%.2f p99_ms=%.2f\n",
      totals.signed, totals.pages, totals.followed, totals.other,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
