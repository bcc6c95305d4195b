-- POST /api/v1/sessions with a client id that is new on every request.
-- Arguments after "--": a run id and the session date (YYYY-MM-DD).
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  run = args[1]
  day = args[2]
  n = 0
end

function request()
  n = n + 1
  local body = string.format(
    '{"client_id":"%s-%d-%d","date":"%s","slot":"morning","source":"guided",' ..
    '"planned_items":3,"planned_minutes":7.3}', run, tid, n, day)
  return wrk.format("POST", "/api/v1/sessions", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"p50":%d,"p90":%d,"p99":%d,"mean":%.1f,' ..
    '"max":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.mean, latency.max, e.connect, e.read, e.write, e.status,
    e.timeout))
end
