-- wrk script: cycles through the corridor and observation endpoints of the API, so every
-- connection asks for a mix of cached classifications, briefs' corridors and pages of
-- observations. Non-2xx answers are counted as errors in the summary.
local targets = {
  "/api/v1/corridors?origin=TJK&destination=RUS",
  "/api/v1/corridors?destination=KAZ",
  "/api/v1/corridors?origin=KGZ",
  "/api/v1/observations?indicator=migrant_stock&destination=KAZ&limit=100",
  "/api/v1/observations?indicator=migrant_stock&origin=UZB&limit=100",
  "/api/v1/observations?indicator=refugees&destination=KAZ",
  "/api/v1/observations?indicator=remittances_received_pct_gdp&country=TJK",
}
local counter = 0
local errors = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", targets[(counter % #targets) + 1])
end

response = function(status, headers, body)
  if status < 200 or status > 299 then
    errors = errors + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f "
      .. "socket_errors=%d non2xx=%d (connect %d, read %d, write %d, timeout %d)\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.errors.status, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout))
end
