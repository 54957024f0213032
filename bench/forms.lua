-- Shared by the wrk scripts that sign through the HTML form (form-sign.lua, viral.lua), loaded with
-- dofile: each thread keeps the sign forms it was shown in a queue (forms, first, last) and sends
-- one once it has waited FILL_SECONDS (default 4: the service's 3 s minimum, with os.time()'s whole
-- seconds), as from our page (Sec-Fetch-Site, as every current browser says it). Pages are asked
-- for gzipped, as browsers ask, and unzipped to read their form (bench/gunzip.lua).
dofile("bench/gunzip.lua")
fill = tonumber(os.getenv("FILL_SECONDS") or "4")
slug = os.getenv("SLUG") or "officials-report-assets"

function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- wrk gives headers as the server spelled them
function header(headers, name)
  return headers[name] or headers[name:lower()] or ""
end

-- the page's text: its body, unzipped if it came gzipped ("" if that fails)
function page_text(headers, body)
  if header(headers, "Content-Encoding") == "gzip" then
    return gunzip(body) or ""
  end
  return body
end

-- the check-your-email page (check_email_request) when a signature's redirect is due, else nil
function due_redirect()
  if redirects > 0 then
    redirects = redirects - 1
    return check_email_request
  end
end

-- whether the oldest form shown has waited long enough to be sent
function ripe()
  local form = forms[first]
  return form ~= nil and os.time() - form.at >= fill
end

-- keeps the form of a campaign page just shown; false when the page holds none
function keep_form(body)
  local token = body:match('name="formToken" value="([^"]+)"')
  if not token then
    return false
  end
  last = last + 1
  forms[last] = {token = urlencode(token), at = os.time()}
  return true
end

-- the POST of the oldest form if it is ripe, signed by this thread's next signer (its prefix), else nil
function ripe_form(who)
  if not ripe() then
    return nil
  end
  local form = forms[first]
  forms[first] = nil
  first = first + 1
  counter = counter + 1
  local body = "formToken=" .. form.token .. "&name=" .. who .. "+" .. counter ..
      "&email=" .. prefix .. "-" .. counter .. "%40bench.example&country=CN&city=Shanghai&publicDisplay=INITIALS"
  return wrk.format("POST", "/campaigns/" .. slug .. "/signatures", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Sec-Fetch-Site"] = "same-origin",
    ["Accept-Language"] = "en"}, body)
end
