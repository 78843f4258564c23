-- wrk script for ci/bench: Basecamp API headers (the token comes from BCSIM_TOKEN).
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BCSIM_TOKEN") or "")
wrk.headers["User-Agent"] = "bcsim-bench (bench@bcsim.test)"
