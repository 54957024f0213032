-- Shared by the wrk scripts (sign.lua, flood.lua, confirm.lua), loaded with dofile: each thread
-- counts the answers with status OK_STATUS (reported as OK_NAME) and the others, and done() prints
-- the one line the run scripts read:  RESULT <OK_NAME>=n other=n p50_ms=x p99_ms=y
-- The loading script sets OK_STATUS, OK_NAME and the global table threads (filled in its setup),
-- and sets ok = 0, other = 0 in its init.

function response(status, headers, body)
  if status == OK_STATUS then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local ok_total, other_total = 0, 0
  for _, t in ipairs(threads) do
    ok_total = ok_total + t:get("ok")
    other_total = other_total + t:get("other")
  end
  io.write(string.format("RESULT %s=%d other=%d p50_ms=%.2f p99_ms=%.2f\n", OK_NAME, ok_total, other_total,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
