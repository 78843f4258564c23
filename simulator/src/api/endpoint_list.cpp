// ServedEndpoints(): the API part is derived from the one route table (api/routes.h), in every
// URL form the router accepts; Launchpad's pages follow.
#include "bcsim/endpoints.h"

#include "api/routes.h"

namespace bcsim {
namespace {

// "/{accountId}/x/{id}" -> "/{account}/x/{id}" (the template name the checker and faults use).
std::string AccountTemplate(std::string_view path) {
  return "/{account}" + std::string(path.substr(path.find('/', 1)));
}

std::vector<Endpoint> Build() {
  std::vector<Endpoint> out;
  auto both_forms = [&out](std::string_view method, const std::string& path) {
    const bool has_json = path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0;
    const std::string bare = has_json ? path.substr(0, path.size() - 5) : path;
    out.push_back({std::string(method), path, "api"});  // as the document writes it
    out.push_back({std::string(method), has_json ? bare : bare + ".json", "api"});
  };
  for (const api::Route& r : api::RouteTable()) {
    const std::string flat = AccountTemplate(r.path);
    both_forms(r.method, flat);
    if (!r.bucket_scoped) continue;
    const std::string rest = flat.substr(10);  // after "/{account}"
    both_forms(r.method, "/{account}/buckets/{projectId}" + rest);
    if (rest.rfind("/recordings/", 0) == 0) {  // legacy /projects/{p}/recordings/{r}/...
      both_forms(r.method, "/{account}/projects/{projectId}" + rest);
    }
  }
  for (const char* p : {"/", "/signin"}) out.push_back({"GET", p, "launchpad"});
  out.push_back({"POST", "/signin", "launchpad"});
  out.push_back({"POST", "/signout", "launchpad"});
  out.push_back({"GET", "/authorization/new", "launchpad"});
  out.push_back({"POST", "/authorization/new", "launchpad"});
  out.push_back({"POST", "/authorization/token", "launchpad"});
  out.push_back({"GET", "/authorization.json", "launchpad"});
  return out;
}

}  // namespace

const std::vector<Endpoint>& ServedEndpoints() {
  static const std::vector<Endpoint> kAll = Build();
  return kAll;
}

}  // namespace bcsim
