// GET handlers for people and projects.
#include <algorithm>

#include "api/handlers.h"
#include "api/paginate.h"

namespace bcsim::api {

ApiResponse GetMyProfile(Ctx& c) { return Json200(RenderPerson(c.rc, c.me)); }

ApiResponse GetPeople(Ctx& c) {
  const auto& people = c.account.people;
  return Paginate(c.req, c.world.limits.page_size, people.size(),
                  [&](std::size_t i) { return RenderPerson(c.rc, people[i]); });
}

ApiResponse GetPerson(Ctx& c, const std::string& id) {
  const std::optional<Id> pid = ParseId(id);
  if (!pid) return NotFound();
  const auto& by_id = c.world.index.person_by_id[c.account_index];
  auto it = by_id.find(*pid);
  if (it == by_id.end()) return NotFound();
  return Json200(RenderPerson(c.rc, c.account.people[it->second]));
}

ApiResponse GetProjectPeople(Ctx& c, const std::string& project_id) {
  const std::optional<Id> pid = ParseId(project_id);
  Project* project = pid ? FindProject(c, *pid) : nullptr;
  if (project == nullptr) return NotFound();
  std::vector<const Person*> people;
  const auto& by_key = c.world.index.person_by_key[c.account_index];
  for (const std::string& key : project->members) {
    if (auto it = by_key.find(key); it != by_key.end()) people.push_back(&c.account.people[it->second]);
  }
  return Paginate(c.req, c.world.limits.page_size, people.size(),
                  [&](std::size_t i) { return RenderPerson(c.rc, *people[i]); });
}

ApiResponse GetProjects(Ctx& c) {
  const std::string status_param = Param(c.req, "status");
  RecordingStatus wanted = RecordingStatus::kActive;
  if (status_param == "archived") wanted = RecordingStatus::kArchived;
  if (status_param == "trashed") wanted = RecordingStatus::kTrashed;
  std::vector<const Project*> projects;
  for (const Project& p : c.account.projects) {
    if (p.status == wanted && IsMember(p, c.me.key)) projects.push_back(&p);
  }
  // Newest first; file order among equals.
  std::stable_sort(projects.begin(), projects.end(),
                   [](const Project* a, const Project* b) { return a->created_at > b->created_at; });
  return PaginateRaw(c.req, c.world.limits.page_size, projects.size(),
                     [&](std::size_t i, JsonOut& out) { WriteProject(c.rc, *projects[i], out); });
}

ApiResponse GetProject(Ctx& c, const std::string& id) {
  const std::optional<Id> pid = ParseId(id);
  Project* project = pid ? FindProject(c, *pid) : nullptr;
  if (project == nullptr) return NotFound();
  ApiResponse r;
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  JsonOut out(r.body);
  WriteProject(c.rc, *project, out);
  return r;
}

}  // namespace bcsim::api
