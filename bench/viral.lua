-- wrk script: a viral hour on one campaign, as a mix of what a crowd sends (issue 16):
--   90% campaign-page views (new visitors, gzip as browsers ask), of which the signers' own views
--       (4 in 90) are read for their form;
--    5% count reads (the JSON API, what the live-count script and the press poll);
--    4% form signatures (bench/form-sign.lua's way: the tokens of a page shown FILL_SECONDS before,
--       sent as from our page, then the redirect followed: the check-your-email view counts as a page view);
--    1% confirmations (the button of a confirmation page, tokens made by bench/run as for confirm.lua).
-- done() prints:  RESULT views=n reads=n signed=n confirmed=n other=n p50_ms=x p99_ms=y
threads = {}
dofile("bench/forms.lua")
local run = os.getenv("RUN_ID") or tostring(os.time())
local confirm_run = os.getenv("CONFIRM_RUN_ID")

function setup(thread)
  thread:set("id", #threads)
  thread:set("prefix", run .. "v" .. #threads)
  table.insert(threads, thread)
end

function init(args)
  views, reads, signed, confirmed, other = 0, 0, 0, 0, 0
  forms_wanted = 0  -- signers' views asked for whose form is not kept yet
  counter, confirmations = 0, 0
  forms, first, last = {}, 1, 0
  redirects = 0
  math.randomseed(os.time() + id)
  local page = "/campaigns/" .. slug
  view_request = wrk.format("GET", page, {["Accept-Encoding"] = "gzip", ["Accept-Language"] = "en"})
  read_request = wrk.format("GET", "/api/v1/campaigns/" .. slug, {["Accept-Encoding"] = "gzip"})
  check_email_request = wrk.format("GET", page .. "/check-email", {["Accept-Encoding"] = "gzip", ["Accept-Language"] = "en"})
  confirm_headers = {["Content-Type"] = "application/x-www-form-urlencoded",
                     ["Cookie"] = "csrf=" .. os.getenv("CSRF_COOKIE"), ["Sec-Fetch-Site"] = "same-origin"}
  confirm_body = "csrfToken=" .. os.getenv("CSRF_TOKEN")
end

local function confirm_token(number)
  local core = confirm_run .. "t" .. id .. "n" .. number
  return string.rep("a", 43 - #core) .. core
end

function request()
  return due_redirect() or mixed_request()
end

-- one request of the mix
function mixed_request()
  local r = math.random(100)
  if r <= 86 then
    return view_request
  elseif r <= 90 then
    forms_wanted = forms_wanted + 1
    return view_request
  elseif r <= 95 then
    return read_request
  elseif r <= 99 then
    return ripe_form("Viral+Signer") or view_request
  else
    confirmations = confirmations + 1
    return wrk.format("POST", "/confirm/" .. confirm_token(confirmations), confirm_headers, confirm_body)
  end
end

function response(status, headers, body)
  if status == 303 then
    if header(headers, "Location"):find("check%-email") then
      signed = signed + 1
      redirects = redirects + 1
    elseif header(headers, "Location"):find("done=1", 1, true) then
      confirmed = confirmed + 1
    else
      other = other + 1
    end
  elseif status == 200 then
    if header(headers, "Content-Type"):find("json") then
      reads = reads + 1
    else
      views = views + 1
      -- every view is the same page, so any view answers a signer's: only as many are unzipped
      if forms_wanted > 0 and keep_form(page_text(headers, body)) then
        forms_wanted = forms_wanted - 1
      end
    end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local totals = {views = 0, reads = 0, signed = 0, confirmed = 0, other = 0}
  for _, t in ipairs(threads) do
    for name, _ in pairs(totals) do totals[name] = totals[name] + t:get(name) end
  end
  io.write(string.format("RESULT views=%d reads=%d signed=%d confirmed=%d other=%d p50_ms=%.2f p99_ms=%.2f\n",
      totals.views, totals.reads, totals.signed, totals.confirmed, totals.other,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
