-- wrk script of bench/serve_bench.py: each connection is one user who asks for the page, reads
-- it, and asks again after a pause. The pause is drawn uniformly from [mean/2, 3*mean/2] ms
-- (mean: the script's argument), so that the users' requests do not arrive in step; wrk's
-- latency is measured from the request's send, so the pause is not in it.
--
--   wrk -t1 -c50 -d30s -H 'Cookie: tilsyn_session=...' -s bench/serve_steady.lua URL -- 2000
--
-- done() prints one line RESULT key=value ... with the counts and percentiles (microseconds),
-- and the responses that were not 200 (wrk itself counts only statuses from 400 up: a 303 to
-- the login page would pass unnoticed).
local threads = {}
local next_id = 1

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

function init(args)
   mean = tonumber(args[1])
   math.randomseed(id * 7919)
   not_ok = 0
end

function delay()
   return math.random(math.floor(mean / 2), math.floor(mean * 3 / 2))
end

function response(status, headers, body)
   if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
   local bad = 0
   for _, t in ipairs(threads) do bad = bad + t:get("not_ok") end
   local e = summary.errors
   io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d " ..
      "connect=%d read=%d write=%d timeout=%d not_ok=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      latency.max, e.connect, e.read, e.write, e.timeout, bad))
end
