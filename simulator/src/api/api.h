// The Basecamp 3/4 JSON API over a World: routing, membership checks, JSON rendering and
// pagination. sim-server calls HandleApi for every request whose path IsApiPath, after its
// own middleware (User-Agent, Bearer token -> identity, rate limit, faults, Content-Type).
//
// Thread safety: the caller holds the world lock (shared for GET/HEAD, exclusive otherwise);
// HandleApi does not lock. GETs never mutate the world.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "bcsim/world.h"

namespace bcsim {

struct ApiRequest {
  std::string method;  // "GET", "POST", "DELETE", ...
  std::string path;    // full path without query, e.g. "/4000001/buckets/2/todos/3.json"
  std::multimap<std::string, std::string> params;  // decoded query parameters
  std::string body;
  std::string origin;  // "http://127.0.0.1:PORT": base of url/app_url and Link headers
  Millis now = 0;
  std::string identity;  // authenticated identity key (token already checked by sim-server)
};

struct ApiResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // Content-Type, Link, X-Total-Count, Reason
  std::string body;  // JSON, or empty for 204
};

// True for "/{digits}/..." paths: the API's account-scoped routes.
bool IsApiPath(const std::string& path);

ApiResponse HandleApi(World& world, const ApiRequest& req);

}  // namespace bcsim
