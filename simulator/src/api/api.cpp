// HandleApi: account checks, then routing of /{account}/... paths (the document's form, with or
// without .json, and the bucket-scoped forms) through the route table (routes.h).
#include "api/api.h"

#include "api/handlers.h"
#include "api/routes.h"

namespace bcsim {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

ApiResponse AccountError(const std::string& reason) {
  ApiResponse r = api::NotFound();
  r.headers.emplace_back("Reason", reason);
  return r;
}

}  // namespace

bool IsApiPath(const std::string& path) {
  if (path.size() < 3 || path[0] != '/') return false;
  std::size_t i = 1;
  while (i < path.size() && path[i] >= '0' && path[i] <= '9') ++i;
  return i > 1 && i < path.size() && path[i] == '/';
}

ApiResponse HandleApi(World& world, const ApiRequest& req) {
  if (!IsApiPath(req.path)) return api::NotFound();
  std::vector<std::string> segments = Split(req.path);
  const std::optional<Id> account_id = api::ParseId(segments[0]);
  if (!account_id) return api::NotFound();
  auto account_it = world.index.account_by_id.find(*account_id);
  if (account_it == world.index.account_by_id.end()) return api::NotFound();
  const std::size_t ai = account_it->second;
  Account& account = world.accounts[ai];
  if (account.inactive) return AccountError("Account Inactive");
  if (account.api_disabled) return AccountError("API Disabled");
  if (account.product != "bc3") return api::NotFound();  // other products have other API hosts
  auto person_it = world.index.person_by_identity[ai].find(req.identity);
  if (person_it == world.index.person_by_identity[ai].end()) return api::NotFound();
  auto identity = world.identities.find(req.identity);
  if (identity == world.identities.end() || identity->second.removed) return api::NotFound();
  const Person& me = account.people[person_it->second];

  // ".json" is optional (routes.h); strip it from the last segment.
  std::string& last = segments.back();
  if (last.size() > 5 && last.compare(last.size() - 5, 5, ".json") == 0) {
    last.resize(last.size() - 5);
  } else if (last.find('.') != std::string::npos) {
    return api::NotFound();  // another format (.xml, .html): not this API
  }
  std::vector<std::string> rest(segments.begin() + 1, segments.end());

  const std::string origin_account = req.origin + "/" + std::to_string(account.id);
  api::Ctx c{world, req, ai, account, me,
             api::RenderContext{world, account, ai, {origin_account, req.origin + "/app/" + std::to_string(account.id), req.origin}},
             std::nullopt};
  if (rest.size() >= 3 && rest[0] == "buckets") {
    c.bucket = api::ParseId(rest[1]);
    if (!c.bucket) return api::NotFound();
    rest.erase(rest.begin(), rest.begin() + 2);
  } else if (rest.size() >= 4 && rest[0] == "projects" && rest[2] == "recordings") {
    c.bucket = api::ParseId(rest[1]);  // legacy /projects/{p}/recordings/{r}/timesheet/entries.json
    if (!c.bucket) return api::NotFound();
    rest.erase(rest.begin(), rest.begin() + 2);
  }
  if (c.bucket && api::FindProject(c, *c.bucket) == nullptr) return api::NotFound();
  api::PathArgs args;
  const api::Route* route = api::MatchRoute(req.method, rest, c.bucket.has_value(), &args);
  if (route == nullptr) return api::NotFound();
  return route->handler(c, args);
}

}  // namespace bcsim
