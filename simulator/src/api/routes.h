// The API's one route table: {method, path template as the official OpenAPI document writes it,
// handler}. The router (MatchRoute) and the list of served endpoints (bcsim::ServedEndpoints,
// endpoint_list.cpp) both read it, so they cannot disagree.
//
// A template's `.json` suffix is optional on the wire: Basecamp (Rails) serves
// `/{accountId}/todos/{todoId}` (the document's form, which the official SDK sends with
// `Accept: application/json`) and `/{accountId}/todos/{todoId}.json` alike, both as JSON.
// Routes marked bucket_scoped also answer under the legacy `/{accountId}/buckets/{projectId}/…`
// prefix (api-facts.md §2.1). Pure; thread safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/api.h"

namespace bcsim::api {

struct Ctx;

// The values of a template's placeholders after {accountId}, in template order.
using PathArgs = std::vector<std::string>;
using Handler = ApiResponse (*)(Ctx&, const PathArgs&);

struct Route {
  std::string_view method;  // GET, POST, PUT, DELETE (HEAD is served by GET routes)
  std::string_view path;    // as the document writes it, starting "/{accountId}/"
  Handler handler;
  bool bucket_scoped;       // also served under /{accountId}/buckets/{projectId}/...
};

const std::vector<Route>& RouteTable();

// Adapters from the table's uniform signature to a handler's own (path arguments in order).
template <ApiResponse (*F)(Ctx&)>
ApiResponse NoArgs(Ctx& c, const PathArgs&) { return F(c); }
template <ApiResponse (*F)(Ctx&, const std::string&)>
ApiResponse OneArg(Ctx& c, const PathArgs& a) { return F(c, a[0]); }
template <ApiResponse (*F)(Ctx&, const std::string&, const std::string&)>
ApiResponse TwoArgs(Ctx& c, const PathArgs& a) { return F(c, a[0], a[1]); }

// The table is assembled from one list per family of endpoints, each defined next to its
// handlers (endpoints_<family>.cpp), so a family is added without touching the others.
std::vector<Route> ContentRoutes();   // messages, documents/vaults/uploads, chats, client, forwards
std::vector<Route> WorkRoutes();      // card tables, schedules, check-ins, hill charts, reports
std::vector<Route> AccountRoutes();   // account, people, projects, templates, dock tools, webhooks
std::vector<Route> ActivityRoutes();  // everything feeds, my/*, bookmarks, boosts, gauges, search

// The route for `method` and the path segments after the account id (and after a bucket prefix,
// when `in_bucket`), with the last segment's ".json" already removed; null when none fits.
const Route* MatchRoute(std::string_view method, const std::vector<std::string>& segments,
                        bool in_bucket, PathArgs* args);

}  // namespace bcsim::api
