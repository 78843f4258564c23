// The simulator's single request entry point: assigns the X-Request-Id, routes to the control
// API (/__bcsim/…), the Basecamp API (/{account}/…, through the middleware below) or Launchpad,
// applies faults and journals the exchange.
//
// API middleware order: faults with stage: before_auth → User-Agent (400) → rate limit per
// client IP (429 + Retry-After; 304s count) → Bearer token (401) → Content-Type on writes (415)
// → faults (stage: after_auth, the default) → HandleApi → weak ETag and 304 on a matching
// If-None-Match (GET 200 only).
// Launchpad paths: faults (either stage; Launchpad has no such checks) → Launchpad.
//
// Thread safety: called concurrently from the HTTP worker threads; never throws.
#pragma once

#include <httplib.h>

#include "server/state.h"

namespace bcsim {

void Dispatch(SimState& s, const httplib::Request& req, httplib::Response& res);

// The API path's middleware and handler (exposed for tests).
void ServeApiRequest(SimState& s, const httplib::Request& req, httplib::Response& res,
                     RequestTrace* trace);

}  // namespace bcsim
