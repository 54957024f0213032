-- wrk script for bench/cluster: bench/sign.lua's signatures (unique emails, JSON API), counted by
-- answer and by second, so that a fault test can say how long no signature was taken.
-- done() prints:  RESULT accepted=n other=n server_errors=n no_retry_after=n longest_gap_s=n quiet_at_end_s=n
--                  p50_ms=x p99_ms=y statuses=code:n,...
-- server_errors counts 500s (a fault must never give one: 502 from the proxy while a node is down and
-- 503 from the service while its database is away are expected); longest_gap_s is the longest run of
-- whole seconds, between the first and the last accepted signature, in which none was accepted;
-- no_retry_after counts 503s without a Retry-After header; quiet_at_end_s is how long before the end
-- the last signature was accepted (a service that recovered from a fault takes signatures to the end).
dofile("bench/sign.lua")  -- its signatures (setup, init, request); the answers are counted here
local sign_init = init

function init(args)
  sign_init(args)
  statuses = {}
  no_retry_after = 0
  accepted_at = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 503 and not (headers["Retry-After"] or headers["retry-after"]) then
    no_retry_after = no_retry_after + 1
  end
  if status == 202 then
    local now = os.time()
    accepted_at[now] = (accepted_at[now] or 0) + 1
  end
end

function done(summary, latency, requests)
  local by_status, by_second, missing = {}, {}, 0
  for _, t in ipairs(threads) do
    missing = missing + t:get("no_retry_after")
    for status, n in pairs(t:get("statuses")) do by_status[status] = (by_status[status] or 0) + n end
    for second, n in pairs(t:get("accepted_at")) do by_second[second] = (by_second[second] or 0) + n end
  end
  local first, last
  for second, _ in pairs(by_second) do
    if not first or second < first then first = second end
    if not last or second > last then last = second end
  end
  local gap, longest = 0, 0
  for second = first or 0, last or -1 do
    if by_second[second] then gap = 0 else gap = gap + 1 end
    if gap > longest then longest = gap end
  end
  local accepted, other, server_errors, listed = by_status[202] or 0, 0, by_status[500] or 0, {}
  for status, n in pairs(by_status) do
    if status ~= 202 then other = other + n end
    table.insert(listed, status .. ":" .. n)
  end
  table.sort(listed)
  io.write(string.format("RESULT accepted=%d other=%d server_errors=%d no_retry_after=%d longest_gap_s=%d quiet_at_end_s=%d p50_ms=%.2f p99_ms=%.2f statuses=%s\n",
      accepted, other, server_errors, missing, longest, os.time() - (last or 0),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, table.concat(listed, ",")))
end
