// Folders ("stacks", bc3-api sections/folders.md): each person's own grouping of projects on
// their home screen. Only the owner sees a folder; a folder's projects must be ones the owner
// can see and that are active, or the whole create is a 404 and nothing is made.
#include <algorithm>

#include "api/endpoints_account.h"
#include "bcsim/world_loader.h"

namespace bcsim::api::account {
namespace {

nlohmann::json RenderFolder(Ctx& c, const Folder& f, bool with_projects) {
  const std::string id = std::to_string(f.id);
  nlohmann::json out{{"id", f.id},
                     {"name", f.name},
                     {"type", "Stack"},
                     {"created_at", FormatTimestamp(f.created_at)},
                     {"updated_at", FormatTimestamp(f.updated_at)},
                     {"bucket_ids", nlohmann::json::array()},
                     {"is_emoji_only_name", false},
                     {"star_url", c.rc.urls.api + "/buckets/" + id + "/stars.json"},
                     {"gauges_url", nullptr},
                     {"color", nullptr},
                     {"image_url", nullptr},
                     {"url", c.rc.urls.api + "/stacks/" + id + ".json"}};
  nlohmann::json projects = nlohmann::json::array();
  for (Id pid : f.project_ids) {
    Project* p = FindProject(c, pid);
    if (p == nullptr || p->status == RecordingStatus::kTrashed) continue;  // left or trashed since
    out["bucket_ids"].push_back(pid);
    if (!with_projects) continue;
    nlohmann::json rendered = RenderProject(c.rc, *p);
    rendered.erase("bookmarked");  // only the projects index has it
    projects.push_back(std::move(rendered));
  }
  if (with_projects) out["projects"] = std::move(projects);
  return out;
}

Folder* FolderById(Ctx& c, const std::string& id) {
  const std::optional<Id> fid = ParseId(id);
  if (!fid) return nullptr;
  for (Folder& f : c.account.folders) {
    if (f.id == *fid && f.owner == c.me.key) return &f;
  }
  return nullptr;
}

}  // namespace

// The caller's folders, newest first (a new folder goes to the top of the home screen).
ApiResponse GetFolders(Ctx& c) {
  nlohmann::json out = nlohmann::json::array();
  for (auto it = c.account.folders.rbegin(); it != c.account.folders.rend(); ++it) {
    if (it->owner == c.me.key) out.push_back(RenderFolder(c, *it, false));
  }
  return Json200(out);
}

ApiResponse PostFolder(Ctx& c) {
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  Folder f;
  f.name = "New folder";
  auto name = body->find("name");
  if (name != body->end() && !name->is_null()) {
    if (!name->is_string()) return FieldErrors("name", "must be text");
    if (!name->get<std::string>().empty()) f.name = name->get<std::string>();
  }
  auto ids = body->find("project_ids");
  if (ids != body->end() && !ids->is_null()) {
    if (!ids->is_array()) return FieldErrors("project_ids", "must be a list of project ids");
    for (const nlohmann::json& id : *ids) {
      if (!id.is_number_integer()) return FieldErrors("project_ids", "must be a list of project ids");
      Project* p = FindProject(c, id.get<Id>());
      if (p == nullptr || p->status != RecordingStatus::kActive) return NotFound();
      if (std::find(f.project_ids.begin(), f.project_ids.end(), p->id) == f.project_ids.end()) {
        f.project_ids.push_back(p->id);
      }
    }
  }
  f.id = FreshId(c.world, "folder");
  f.owner = c.me.key;
  f.created_at = f.updated_at = c.req.now;
  c.account.folders.push_back(std::move(f));
  return Created(RenderFolder(c, c.account.folders.back(), true));
}

ApiResponse GetFolder(Ctx& c, const std::string& folder_id) {
  Folder* f = FolderById(c, folder_id);
  return f == nullptr ? NotFound() : Json200(RenderFolder(c, *f, true));
}

// Rename only; unlike create, a blank name is refused (the document).
ApiResponse PutFolder(Ctx& c, const std::string& folder_id) {
  Folder* f = FolderById(c, folder_id);
  if (f == nullptr) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  const std::optional<std::string> name = StringField(*body, "name");
  if (!name || name->empty()) return FieldErrors("name", "can't be blank");
  f->name = *name;
  f->updated_at = c.req.now;
  return Json200(RenderFolder(c, *f, true));
}

ApiResponse DeleteFolder(Ctx& c, const std::string& folder_id) {
  Folder* f = FolderById(c, folder_id);
  if (f == nullptr) return NotFound();
  c.account.folders.erase(c.account.folders.begin() + (f - c.account.folders.data()));
  return NoContent();
}

}  // namespace bcsim::api::account
