-- wrk reports the 50th/75th/90th/99th percentiles; we want the 95th as well.
-- Paths given after `--` are requested in turn (the load test's readers); without any, wrk's URL.
local paths = {}
local counter = 0

init = function(args)
  for _, path in ipairs(args) do paths[#paths + 1] = path end
end

request = function()
  if #paths == 0 then return wrk.format() end
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d errors=%d duration_us=%d p95_us=%d\n",
    summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.duration, latency:percentile(95)))
end
