#include "bcsim/endpoints.h"

namespace bcsim {
namespace {

// The API routes of api.cpp's Route(), flat form; the bucket-scoped forms are derived below.
const char* const kApiGets[] = {
    "/{account}/my/profile.json",
    "/{account}/people.json",
    "/{account}/people/{person}.json",
    "/{account}/projects.json",
    "/{account}/projects/recordings.json",
    "/{account}/projects/{project}.json",
    "/{account}/projects/{project}/people.json",
    "/{account}/todosets/{todoset}.json",
    "/{account}/todosets/{todoset}/todolists.json",
    "/{account}/todolists/{todolist}.json",
    "/{account}/todolists/{todolist}/todos.json",
    "/{account}/todolists/{todolist}/groups.json",
    "/{account}/todos/{todo}.json",
    "/{account}/my/assignments.json",
    "/{account}/reports/todos/assigned/{person}.json",
};
// Routes that also answer under /{account}/buckets/{project}/...
const char* const kBucketScoped[] = {"/todosets/", "/todolists/", "/todos/", "/recordings/"};

std::vector<Endpoint> Build() {
  std::vector<Endpoint> out;
  auto add_api = [&out](const std::string& method, const std::string& path) {
    out.push_back({method, path, "api"});
    for (const char* scoped : kBucketScoped) {
      const std::string prefix = "/{account}" + std::string(scoped);
      if (path.rfind(prefix, 0) == 0)
        out.push_back({method, "/{account}/buckets/{project}" + path.substr(10), "api"});
    }
  };
  for (const char* p : kApiGets) add_api("GET", p);
  add_api("POST", "/{account}/todos/{todo}/completion.json");
  add_api("DELETE", "/{account}/todos/{todo}/completion.json");
  add_api("POST", "/{account}/recordings/{recording}/timesheet/entries.json");
  out.push_back(
      {"POST", "/{account}/projects/{project}/recordings/{recording}/timesheet/entries.json", "api"});
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
