-- Shared by the wrk scripts that sign through the HTML form (form-sign.lua, viral.lua), loaded with
-- dofile: each thread keeps the sign forms it was shown in a queue (forms, first, last) and sends
-- one once it has waited FILL_SECONDS (default 4: the service's 3 s minimum, with os.time()'s whole
-- seconds), as from our page (Sec-Fetch-Site, as every current browser says it).
fill = tonumber(os.getenv("FILL_SECONDS") or "4")
slug = os.getenv("SLUG") or "officials-report-assets"

function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- wrk gives headers as the server spelled them
function header(headers, name)
  return headers[name] or headers[name:lower()] or ""
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

-- the POST of the oldest ripe form, signed by signer number n of this thread (its prefix)
function send_form(who, n)
  local form = forms[first]
  forms[first] = nil
  first = first + 1
  local body = "formToken=" .. form.token .. "&name=" .. who .. "+" .. n ..
      "&email=" .. prefix .. "-" .. n .. "%40bench.example&country=CN&city=Shanghai&publicDisplay=INITIALS"
  return wrk.format("POST", "/campaigns/" .. slug .. "/signatures", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Sec-Fetch-Site"] = "same-origin",
    ["Accept-Language"] = "en"}, body)
end
