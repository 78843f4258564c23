// Shared helpers of the handlers: responses, ids, and visibility-checked lookups.
#include <algorithm>

#include "api/handlers.h"
#include "api/paginate.h"

namespace bcsim::api {

ApiResponse Json200(const nlohmann::json& body, int status) {
  ApiResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  r.body = body.dump();
  return r;
}

ApiResponse Error(int status, const std::string& message) {
  return Json200(nlohmann::json{{"error", message}}, status);
}

ApiResponse NotFound() { return Error(404, "Not Found"); }

bool IsMember(const Project& project, const std::string& person_key) {
  return std::find(project.members.begin(), project.members.end(), person_key) != project.members.end();
}

std::optional<Id> ParseId(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return std::nullopt;
  }
  return static_cast<Id>(std::stoll(text));
}

std::string Param(const ApiRequest& req, const std::string& key) {
  auto it = req.params.find(key);
  return it == req.params.end() ? std::string() : it->second;
}

Project* FindProject(Ctx& c, Id id) {
  const auto& by_id = c.world.index.project_by_id[c.account_index];
  auto it = by_id.find(id);
  if (it == by_id.end()) return nullptr;
  Project& project = c.account.projects[it->second];
  if (!IsMember(project, c.me.key)) return nullptr;
  if (c.bucket && *c.bucket != project.id) return nullptr;
  return &project;
}

namespace {

std::optional<Found> Resolve(Ctx& c, Id id) {
  auto it = c.world.index.recording_by_id.find(id);
  if (it == c.world.index.recording_by_id.end()) return std::nullopt;
  const WorldPath& path = it->second;
  if (path.account != static_cast<int>(c.account_index)) return std::nullopt;
  if (path.todoset < 0) return std::nullopt;  // not in a to-do set (comments, entries)
  Found f;
  f.project = &c.account.projects[static_cast<std::size_t>(path.project)];
  if (!IsMember(*f.project, c.me.key)) return std::nullopt;
  if (c.bucket && *c.bucket != f.project->id) return std::nullopt;
  f.set = &f.project->todosets[static_cast<std::size_t>(path.todoset)];
  if (path.list >= 0) f.list = &f.set->todolists[static_cast<std::size_t>(path.list)];
  if (path.group >= 0) f.group = &f.list->groups[static_cast<std::size_t>(path.group)];
  if (path.todo >= 0) f.todo = &f.holder()->todos[static_cast<std::size_t>(path.todo)];
  return f;
}

}  // namespace

std::optional<Found> FindTodoset(Ctx& c, Id id) {
  std::optional<Found> f = Resolve(c, id);
  if (!f || f->list != nullptr) return std::nullopt;
  return f;
}

std::optional<Found> FindTodolist(Ctx& c, Id id) {
  std::optional<Found> f = Resolve(c, id);
  if (!f || f->list == nullptr || f->todo != nullptr || !f->set->enabled) return std::nullopt;
  return f;
}

std::optional<Found> FindTodo(Ctx& c, Id id) {
  std::optional<Found> f = Resolve(c, id);
  if (!f || f->todo == nullptr || !f->set->enabled) return std::nullopt;
  return f;
}

std::optional<RecordingRef> FindVisible(Ctx& c, Id id) {
  std::optional<RecordingRef> r = FindRecording(c.world, id);
  if (!r || r->account != &c.account) return std::nullopt;
  if (!IsMember(*r->project, c.me.key)) return std::nullopt;
  if (c.bucket && *c.bucket != r->project->id) return std::nullopt;
  if (r->set != nullptr && r->list != nullptr && !r->set->enabled) return std::nullopt;
  if (r->recording != nullptr) {
    // A disabled dock tool, and everything in it, is out of reach; so is what is hidden from
    // clients, for a client.
    if (r->recording->parent == 0 && !ToolEnabled(*r->recording)) return std::nullopt;
    if (c.me.client && !r->recording->visible_to_clients) return std::nullopt;
  }
  // A generic recording or timesheet entry is visible when what it is in is.
  if ((r->recording != nullptr || r->entry != nullptr) && r->parent != 0 &&
      !FindVisible(c, r->parent)) {
    return std::nullopt;
  }
  return r;
}

std::optional<RecordingRef> FindVisibleOf(Ctx& c, const std::string& id,
                                          std::initializer_list<std::string_view> types) {
  std::optional<RecordingRef> r = FindVisible(c, id);
  if (!r || r->recording == nullptr) return std::nullopt;
  for (std::string_view t : types) {
    if (r->type == t) return r;
  }
  return std::nullopt;
}

std::optional<RecordingRef> Ref(Ctx& c, const Recording& rec) {
  return FindRecording(c.world, rec.id);
}

ApiResponse ListPage(Ctx& c, const std::vector<Recording*>& items,
                     const std::function<nlohmann::json(const RecordingRef&)>& render) {
  std::vector<Id> ids;
  ids.reserve(items.size());
  for (const Recording* r : items) ids.push_back(r->id);
  return Paginate(c.req, c.world.limits.page_size, ids.size(), [&](std::size_t i) {
    return render(*FindRecording(c.world, ids[i]));
  });
}

std::optional<std::string> StringField(const nlohmann::json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

ApiResponse Unprocessable(const std::string& message) { return Error(422, message); }

std::optional<RecordingRef> FindVisible(Ctx& c, const std::string& id) {
  const std::optional<Id> parsed = ParseId(id);
  return parsed ? FindVisible(c, *parsed) : std::nullopt;
}

std::optional<nlohmann::json> BodyObject(const ApiRequest& req) {
  nlohmann::json body = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) return std::nullopt;
  return body;
}

ApiResponse Created(const nlohmann::json& body) {
  ApiResponse r = Json200(body, 201);
  if (body.contains("url") && body["url"].is_string()) {
    r.headers.emplace_back("Location", body["url"].get<std::string>());
  }
  return r;
}

ApiResponse NoContent() {
  ApiResponse r;
  r.status = 204;
  return r;
}

ApiResponse Forbidden() {
  return Error(403, "You do not have permission to do that");
}

}  // namespace bcsim::api
