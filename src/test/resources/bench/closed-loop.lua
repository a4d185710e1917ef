-- wrk script for make bench (WrkLoad): GET requests one after another on each connection, and at the
-- end one JSON line that the bench reads: counts, and every latency wrk recorded (microseconds) with
-- how often, so that the bench's own histograms give the percentiles.
-- Arguments after --: a path in which {n} is replaced, per request, by a random whole number in
-- [low, high]; then low and high (leave them out when the path has no {n}).
local template, low, high

function init(args)
  template = args[1]
  low = tonumber(args[2] or "0")
  high = tonumber(args[3] or "0")
  math.randomseed(os.time())
end

function request()
  local path = template
  if high > low then
    path = template:gsub("{n}", tostring(math.random(low, high)))
  end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  local values = {}
  for i = 1, #latency do
    local value, count = latency(i)
    values[#values + 1] = string.format("[%d,%d]", value, count)
  end
  io.write(string.format('{"requests":%d,"micros":%d,"errors":%d,"latencies":[%s]}\n', summary.requests,
    summary.duration, e.status + e.connect + e.read + e.write + e.timeout, table.concat(values, ",")))
end
