// Project writes (create with Basecamp's default dock, update, trash, archive, unarchive; 507 at
// the plan's project limit) and templates with their project constructions.
#include <algorithm>

#include "api/endpoints_account.h"
#include "api/paginate.h"
#include "bcsim/world_loader.h"

namespace bcsim::api::account {
namespace {

// Name (required, non-blank) and description (optional text) of a create body; an error
// response when invalid.
std::optional<ApiResponse> ReadNameAndDescription(const nlohmann::json& body, std::string* name,
                                                  std::string* description, bool name_required) {
  auto n = body.find("name");
  if (n != body.end() || name_required) {
    if (n == body.end() || !n->is_string() || n->get<std::string>().empty()) {
      return Unprocessable("Name can't be blank");
    }
    *name = n->get<std::string>();
  }
  auto d = body.find("description");
  if (d != body.end() && !d->is_null()) {
    if (!d->is_string()) return Unprocessable("Description must be text");
    *description = d->get<std::string>();
  }
  return std::nullopt;
}

// A new bucket (project or template) of the caller's, with Basecamp's default dock.
Project NewBucket(Ctx& c, const std::string& kind, const std::string& name,
                  const std::string& description) {
  Project p;
  p.id = FreshId(c.world, kind);
  p.key = "api-" + kind + "-" + std::to_string(p.id);
  p.name = name;
  p.description = description;
  p.members = {c.me.key};
  p.created_at = p.updated_at = c.req.now;
  AddDefaultDock(c.world, p, c.me.key, c.req.now);
  return p;
}

ApiResponse RenderProjectById(Ctx& c, Id id, int status) {
  Project* p = FindProject(c, id);
  const nlohmann::json body = RenderProject(c.rc, *p);
  return status == 201 ? Created(body) : Json200(body);
}

std::optional<ApiResponse> CheckWriter(Ctx& c) {
  if (c.me.client) return Forbidden();
  return std::nullopt;
}

nlohmann::json RenderTemplate(const Ctx& c, const Project& t) {
  nlohmann::json out = RenderProject(c.rc, t);
  const std::string id = std::to_string(t.id);
  out["url"] = c.rc.urls.api + "/templates/" + id + ".json";
  out["app_url"] = c.rc.urls.app + "/templates/" + id;
  for (const char* key : {"purpose", "clients_enabled", "timesheet_enabled", "bookmark_url",
                          "bookmarked", "start_date", "end_date"}) {
    out.erase(key);
  }
  return out;
}

Project* TemplateById(Ctx& c, const std::string& id) {
  const std::optional<Id> tid = ParseId(id);
  if (!tid) return nullptr;
  for (Project& t : c.account.templates) {
    if (t.id == *tid && IsMember(t, c.me.key) && t.status != RecordingStatus::kTrashed) return &t;
  }
  return nullptr;
}

nlohmann::json RenderConstruction(Ctx& c, const ProjectConstruction& pc) {
  nlohmann::json out{{"id", pc.id},
                     {"status", pc.status},
                     {"url", c.rc.urls.api + "/templates/" + std::to_string(pc.template_id) +
                                 "/project_constructions/" + std::to_string(pc.id) + ".json"}};
  if (Project* p = FindProject(c, pc.project_id)) out["project"] = RenderProject(c.rc, *p);
  return out;
}

}  // namespace

ApiResponse PostProject(Ctx& c) {
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (auto denied = CheckWriter(c)) return *denied;
  std::string name, description;
  if (auto error = ReadNameAndDescription(*body, &name, &description, true)) return *error;
  if (auto full = ProjectLimitReached(c)) return *full;
  Project p = NewBucket(c, "project", name, description);
  const Id id = p.id;
  c.account.projects.push_back(std::move(p));
  IndexWorld(c.world);
  return RenderProjectById(c, id, 201);
}

ApiResponse PutProject(Ctx& c, const std::string& project_id) {
  Project* p = ProjectById(c, project_id);
  if (p == nullptr) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (auto denied = CheckWriter(c)) return *denied;
  Project next = *p;
  if (auto error = ReadNameAndDescription(*body, &next.name, &next.description, true)) {
    return *error;
  }
  if (body->contains("admissions") && !(*body)["admissions"].is_null()) {
    const nlohmann::json& a = (*body)["admissions"];
    if (!a.is_string() || (a != "invite" && a != "employee" && a != "team")) {
      return Unprocessable("Admissions must be one of invite, employee, team");
    }
    next.admissions = a.get<std::string>();
  }
  if (body->contains("schedule_attributes") && !(*body)["schedule_attributes"].is_null()) {
    const nlohmann::json& s = (*body)["schedule_attributes"];
    const std::optional<std::string> start = s.is_object() ? StringField(s, "start_date")
                                                           : std::nullopt;
    const std::optional<std::string> end = s.is_object() ? StringField(s, "end_date")
                                                         : std::nullopt;
    if (!start || !end || !IsValidDate(*start) || !IsValidDate(*end)) {
      return Unprocessable("Schedule needs both start_date and end_date (YYYY-MM-DD)");
    }
    if (*start > *end) return Unprocessable("start_date must not be after end_date");
    next.start_date = *start;
    next.end_date = *end;
  }
  next.updated_at = c.req.now;
  *p = std::move(next);
  return RenderProjectById(c, p->id, 200);
}

ApiResponse DeleteProject(Ctx& c, const std::string& project_id) {
  Project* p = ProjectById(c, project_id);
  if (p == nullptr) return NotFound();
  if (auto denied = CheckWriter(c)) return *denied;
  p->status = RecordingStatus::kTrashed;
  p->updated_at = c.req.now;
  return NoContent();
}

ApiResponse SetProjectStatus(Ctx& c, const std::string& project_id, RecordingStatus status) {
  Project* p = ProjectById(c, project_id);
  if (p == nullptr) return NotFound();
  if (auto denied = CheckWriter(c)) return *denied;
  if (p->status == status) return NoContent();
  // Unarchiving adds to the active projects, so the plan's limit applies (the document's 507).
  if (status == RecordingStatus::kActive) {
    if (auto full = ProjectLimitReached(c)) return *full;
  }
  p->status = status;
  p->updated_at = c.req.now;
  return NoContent();
}

ApiResponse GetTemplates(Ctx& c) {
  const std::string status_param = Param(c.req, "status");
  RecordingStatus wanted = RecordingStatus::kActive;
  if (status_param == "archived") wanted = RecordingStatus::kArchived;
  if (status_param == "trashed") wanted = RecordingStatus::kTrashed;
  std::vector<const Project*> found;
  for (const Project& t : c.account.templates) {
    if (t.status == wanted && IsMember(t, c.me.key)) found.push_back(&t);
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Project* a, const Project* b) { return a->created_at > b->created_at; });
  return Paginate(c.req, c.world.limits.page_size, found.size(),
                  [&](std::size_t i) { return RenderTemplate(c, *found[i]); });
}

ApiResponse PostTemplate(Ctx& c) {
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (auto denied = CheckWriter(c)) return *denied;
  std::string name, description;
  if (auto error = ReadNameAndDescription(*body, &name, &description, true)) return *error;
  if (c.world.limits.project_limit > 0 && ActiveBuckets(c.account) >= c.world.limits.project_limit) {
    return Error(507, "The project/team limit for this account has been reached.");
  }
  c.account.templates.push_back(NewBucket(c, "template", name, description));
  return Created(RenderTemplate(c, c.account.templates.back()));
}

ApiResponse GetTemplate(Ctx& c, const std::string& template_id) {
  Project* t = TemplateById(c, template_id);
  return t == nullptr ? NotFound() : Json200(RenderTemplate(c, *t));
}

ApiResponse PutTemplate(Ctx& c, const std::string& template_id) {
  Project* t = TemplateById(c, template_id);
  if (t == nullptr) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (auto denied = CheckWriter(c)) return *denied;
  std::string name = t->name, description = t->description;
  if (auto error = ReadNameAndDescription(*body, &name, &description, false)) return *error;
  t->name = name;
  t->description = description;
  t->updated_at = c.req.now;
  return Json200(RenderTemplate(c, *t));
}

ApiResponse DeleteTemplate(Ctx& c, const std::string& template_id) {
  Project* t = TemplateById(c, template_id);
  if (t == nullptr) return NotFound();
  if (auto denied = CheckWriter(c)) return *denied;
  t->status = RecordingStatus::kTrashed;
  t->updated_at = c.req.now;
  return NoContent();
}

// The new project gets the template's description unless the body gives one, and the
// template's dock (titles, which tools are on, their order).
ApiResponse PostConstruction(Ctx& c, const std::string& template_id) {
  Project* t = TemplateById(c, template_id);
  if (t == nullptr) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (auto denied = CheckWriter(c)) return *denied;
  // {"project": {name, description}} as the document writes it, or the attributes at the top
  // level as the SDK sends them (Rails' params wrapper nests a bare JSON body the same way).
  const auto attrs = body->find("project");
  const bool wrapped = attrs != body->end();
  if (wrapped ? !attrs->is_object() : !body->contains("name")) {
    return Unprocessable("project (with a name) is required");
  }
  const nlohmann::json& given = wrapped ? *attrs : *body;
  std::string name, description = t->description;
  if (auto error = ReadNameAndDescription(given, &name, &description, true)) return *error;
  if (auto full = ProjectLimitReached(c)) return *full;
  const Id tid = t->id;
  Project p = NewBucket(c, "project", name, description);
  for (std::size_t i = 0; i < p.todosets.size() && i < t->todosets.size(); ++i) {
    p.todosets[i].title = t->todosets[i].title;
    p.todosets[i].enabled = t->todosets[i].enabled;
  }
  for (Recording& tool : p.recordings) {
    for (const Recording& from : t->recordings) {
      if (from.parent != 0 || from.type != tool.type) continue;
      tool.title = from.title;
      tool.fields["enabled"] = from.fields.value("enabled", true);
      tool.position = from.position;
      break;
    }
  }
  ProjectConstruction pc;
  pc.id = FreshId(c.world, "project_construction");
  pc.template_id = tid;
  pc.project_id = p.id;
  c.account.projects.push_back(std::move(p));
  c.account.constructions.push_back(pc);
  IndexWorld(c.world);
  return Created(RenderConstruction(c, pc));
}

ApiResponse GetConstruction(Ctx& c, const std::string& template_id, const std::string& id) {
  Project* t = TemplateById(c, template_id);
  const std::optional<Id> cid = ParseId(id);
  if (t == nullptr || !cid) return NotFound();
  for (const ProjectConstruction& pc : c.account.constructions) {
    if (pc.id == *cid && pc.template_id == t->id) return Json200(RenderConstruction(c, pc));
  }
  return NotFound();
}

}  // namespace bcsim::api::account
