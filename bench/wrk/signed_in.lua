-- wrk script: every request is one signed-in person picked at random.
--
--   wrk ... -s signed_in.lua http://127.0.0.1:PORT -- CREDENTIALS TARGETS
--
-- CREDENTIALS: a file with one "session_key token" pair per line (the same person's browser
-- session and API token). TARGETS: "path:auth" pairs separated by commas, auth being "cookie"
-- or "bearer"; with more than one target, each request picks one at random (the mixed run).
-- Any answer other than 200 counts as an error: a page that sends people to the login form
-- or to the safety screen is not the page being measured.
-- At the end it prints one JSON line starting with "RESULT " for bench/load.py.

local sessions, tokens, targets = {}, {}, {}
local threads = {}
local counter = 0
bad = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    local session, token = line:match("^(%S+)%s+(%S+)$")
    if session then
      table.insert(sessions, session)
      table.insert(tokens, token)
    end
  end
  for item in string.gmatch(args[2], "[^,]+") do
    local path, auth = item:match("^(.*):(%a+)$")
    table.insert(targets, { path = path, auth = auth })
  end
  math.randomseed(os.time() * 100 + id)
end

function request()
  local who = math.random(#sessions)
  local target = targets[math.random(#targets)]
  local headers = {}
  if target.auth == "bearer" then
    headers["Authorization"] = "Bearer " .. tokens[who]
  else
    headers["Cookie"] = "sessionid=" .. sessions[who]
  end
  return wrk.format("GET", target.path, headers)
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do
    not_ok = not_ok + thread:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "not_200": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, not_ok, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean))
end
