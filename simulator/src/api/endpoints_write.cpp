// Writes of to-dos and lists: create, replace, reposition, completion.
#include <algorithm>

#include "api/handlers.h"
#include "bcsim/world_loader.h"

namespace bcsim::api {
namespace {

// The to-do fields of a create or full-replace body (content required; the rest cleared when
// omitted, bc-api #174). An error response for invalid input; `t` is then unchanged.
std::optional<ApiResponse> ApplyTodoFields(Ctx& c, const Project& project,
                                           const nlohmann::json& body, Todo& t) {
  Todo next = t;
  auto content = body.find("content");
  if (content == body.end() || !content->is_string() || content->get<std::string>().empty()) {
    return Error(422, "Content can't be blank");
  }
  next.title = content->get<std::string>();
  const nlohmann::json description = body.value("description", nlohmann::json(""));
  if (!description.is_string()) return Error(422, "Description must be text");
  next.description = description.get<std::string>();
  next.assignees.clear();
  if (body.contains("assignee_ids") && !body["assignee_ids"].is_null()) {
    const nlohmann::json& ids = body["assignee_ids"];
    if (!ids.is_array()) return Error(422, "Assignee ids must be a list of people ids");
    const auto& by_id = c.world.index.person_by_id[c.account_index];
    for (const nlohmann::json& id : ids) {
      auto it = id.is_number_integer() ? by_id.find(id.get<Id>()) : by_id.end();
      if (it == by_id.end() || !IsMember(project, c.account.people[it->second].key)) {
        return Error(422, "Assignees must be people on this project");
      }
      const std::string& key = c.account.people[it->second].key;
      if (std::find(next.assignees.begin(), next.assignees.end(), key) == next.assignees.end()) {
        next.assignees.push_back(key);
      }
    }
  }
  for (const char* field : {"due_on", "starts_on"}) {
    std::optional<std::string>& slot = std::string(field) == "due_on" ? next.due_on
                                                                      : next.starts_on;
    slot.reset();
    if (!body.contains(field) || body[field].is_null()) continue;
    if (!body[field].is_string() || !IsValidDate(body[field].get<std::string>())) {
      return Error(422, std::string(field) + " must be a date (YYYY-MM-DD)");
    }
    slot = body[field].get<std::string>();
  }
  if (next.due_on && next.starts_on && *next.starts_on > *next.due_on) {
    return Error(422, "starts_on must not be after due_on");
  }
  t = std::move(next);
  return std::nullopt;
}

// The list fields of a create or full-replace body (name required; description cleared when
// omitted).
std::optional<ApiResponse> ApplyListFields(const nlohmann::json& body, Todolist& l) {
  auto name = body.find("name");
  if (name == body.end() || !name->is_string() || name->get<std::string>().empty()) {
    return Error(422, "Name can't be blank");
  }
  const nlohmann::json description = body.value("description", nlohmann::json(""));
  if (!description.is_string()) return Error(422, "Description must be text");
  l.name = name->get<std::string>();
  l.description = description.get<std::string>();
  return std::nullopt;
}

std::vector<Id> PersonIds(const Ctx& c, const std::vector<std::string>& keys) {
  std::vector<Id> out;
  const auto& by_key = c.world.index.person_by_key[c.account_index];
  for (const std::string& k : keys) {
    auto it = by_key.find(k);
    if (it != by_key.end()) out.push_back(c.account.people[it->second].id);
  }
  return out;
}

ApiResponse RenderTodoById(Ctx& c, Id id, int status) {
  std::optional<RecordingRef> r = FindRecording(c.world, id);
  nlohmann::json body = RenderTodo(c.rc, *r->project, *r->holder(), *r->todo);
  return status == 201 ? Created(body) : Json200(body);
}

ApiResponse RenderListById(Ctx& c, Id id, int status) {
  std::optional<RecordingRef> r = FindRecording(c.world, id);
  nlohmann::json body = RenderTodolist(c.rc, *r->project, *r->set, r->group ? r->list : nullptr,
                                       *r->holder());
  return status == 201 ? Created(body) : Json200(body);
}

}  // namespace

ApiResponse PostTodo(Ctx& c, const std::string& list_id) {
  const std::optional<Id> lid = ParseId(list_id);
  std::optional<Found> f = lid ? FindTodolist(c, *lid) : std::nullopt;
  if (!f) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  Todo t;
  if (auto error = ApplyTodoFields(c, *f->project, *body, t)) return *error;
  t.id = NewId(c.world, "todo");
  t.creator = c.me.key;
  t.created_at = t.updated_at = c.req.now;
  Todolist& holder = *f->holder();
  t.position = static_cast<int>(holder.todos.size()) + 1;
  holder.updated_at = c.req.now;
  const Id id = t.id;
  const std::vector<Id> assigned = PersonIds(c, t.assignees);
  Project& project = *f->project;
  holder.todos.push_back(std::move(t));
  IndexWorld(c.world);
  RecordEvent(project, c.world, id, "created", c.me.key, c.req.now);
  if (!assigned.empty()) {
    RecordEvent(project, c.world, id, "assignment_changed", c.me.key, c.req.now);
    project.events.back().added_person_ids = assigned;
  }
  return RenderTodoById(c, id, 201);
}

ApiResponse PutTodo(Ctx& c, const std::string& todo_id) {
  const std::optional<Id> tid = ParseId(todo_id);
  std::optional<Found> f = tid ? FindTodo(c, *tid) : std::nullopt;
  if (!f) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  Todo& t = *f->todo;
  const Todo before = t;
  if (auto error = ApplyTodoFields(c, *f->project, *body, t)) return *error;
  t.updated_at = c.req.now;
  Project& project = *f->project;
  const std::string& me = c.me.key;
  if (t.title != before.title) RecordEvent(project, c.world, t.id, "title_changed", me, c.req.now);
  if (t.description != before.description) {
    RecordEvent(project, c.world, t.id, "content_changed", me, c.req.now);
  }
  if (t.due_on != before.due_on || t.starts_on != before.starts_on) {
    RecordEvent(project, c.world, t.id, "due_date_changed", me, c.req.now);
  }
  std::vector<std::string> added, removed;
  for (const std::string& k : t.assignees) {
    if (std::find(before.assignees.begin(), before.assignees.end(), k) == before.assignees.end())
      added.push_back(k);
  }
  for (const std::string& k : before.assignees) {
    if (std::find(t.assignees.begin(), t.assignees.end(), k) == t.assignees.end())
      removed.push_back(k);
  }
  if (!added.empty() || !removed.empty()) {
    RecordEvent(project, c.world, t.id, "assignment_changed", me, c.req.now);
    project.events.back().added_person_ids = PersonIds(c, added);
    project.events.back().removed_person_ids = PersonIds(c, removed);
  }
  return Json200(RenderTodo(c.rc, project, *f->holder(), t));
}

// PUT todos/{id}/position.json {position, parent_id?}: the document answers 200, no body.
ApiResponse RepositionTodo(Ctx& c, const std::string& todo_id) {
  const std::optional<Id> tid = ParseId(todo_id);
  std::optional<Found> f = tid ? FindTodo(c, *tid) : std::nullopt;
  if (!f) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  auto position = body->find("position");
  if (position == body->end() || !position->is_number_integer()) {
    return Error(422, "Position must be a whole number");
  }
  std::optional<Id> parent;
  if (body->contains("parent_id") && !(*body)["parent_id"].is_null()) {
    const nlohmann::json& p = (*body)["parent_id"];
    if (!p.is_number_integer()) return Error(422, "parent_id must be a to-do list id");
    if (!FindTodolist(c, p.get<Id>())) return Error(422, "parent_id must be a to-do list id");
    parent = p.get<Id>();
  }
  std::optional<RecordingRef> r = FindRecording(c.world, *tid);
  const long long wanted = position->get<long long>();
  if (wanted < 1 || wanted > 1'000'000) return Error(422, "Position is out of range");
  Status s = RepositionRecording(c.world, *r, static_cast<int>(wanted), parent, c.me.key,
                                 c.req.now);
  if (!s.ok()) return Error(422, s.message());
  ApiResponse ok;
  ok.status = 200;
  return ok;
}

ApiResponse PostTodolist(Ctx& c, const std::string& todoset_id) {
  const std::optional<Id> sid = ParseId(todoset_id);
  std::optional<Found> f = sid ? FindTodoset(c, *sid) : std::nullopt;
  if (!f || !f->set->enabled) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  if (c.me.client) return Forbidden();
  Todolist l;
  if (auto error = ApplyListFields(*body, l)) return *error;
  l.id = NewId(c.world, "todolist");
  l.key = "api-" + std::to_string(l.id);
  l.created_at = l.updated_at = c.req.now;
  l.position = static_cast<int>(f->set->todolists.size()) + 1;
  const Id id = l.id;
  Project& project = *f->project;
  f->set->todolists.push_back(std::move(l));
  f->set->updated_at = c.req.now;
  IndexWorld(c.world);
  RecordEvent(project, c.world, id, "created", c.me.key, c.req.now);
  return RenderListById(c, id, 201);
}

ApiResponse PutTodolist(Ctx& c, const std::string& list_id) {
  const std::optional<Id> lid = ParseId(list_id);
  std::optional<Found> f = lid ? FindTodolist(c, *lid) : std::nullopt;
  if (!f) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  if (c.me.client) return Forbidden();
  Todolist& l = *f->holder();
  const Todolist before = l;
  if (auto error = ApplyListFields(*body, l)) return *error;
  l.updated_at = c.req.now;
  if (l.name != before.name) {
    RecordEvent(*f->project, c.world, l.id, "title_changed", c.me.key, c.req.now);
  }
  if (l.description != before.description) {
    RecordEvent(*f->project, c.world, l.id, "content_changed", c.me.key, c.req.now);
  }
  return RenderListById(c, l.id, 200);
}

ApiResponse SetCompletion(Ctx& c, const std::string& todo_id, bool completed) {
  const std::optional<Id> tid = ParseId(todo_id);
  std::optional<Found> f = tid ? FindTodo(c, *tid) : std::nullopt;
  if (!f) return NotFound();
  Todo& t = *f->todo;
  if (t.completed != completed) {
    t.completed = completed;
    t.completed_at = completed ? std::optional<Millis>(c.req.now) : std::nullopt;
    t.completed_by = completed ? c.me.key : std::string();
    t.updated_at = c.req.now;
    f->holder()->updated_at = c.req.now;
    RecordEvent(*f->project, c.world, t.id, completed ? "completed" : "uncompleted", c.me.key,
                c.req.now);
  }
  return NoContent();
}

ApiResponse PostGroup(Ctx& c, const std::string& list_id) {
  const std::optional<Id> lid = ParseId(list_id);
  std::optional<Found> f = lid ? FindTodolist(c, *lid) : std::nullopt;
  if (!f || f->group != nullptr) return NotFound();  // groups are one level deep
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  if (c.me.client) return Forbidden();
  Todolist g;
  if (auto error = ApplyListFields(*body, g)) return *error;
  g.id = NewId(c.world, "todolist");
  g.key = "api-" + std::to_string(g.id);
  g.is_group = true;
  g.created_at = g.updated_at = c.req.now;
  g.position = static_cast<int>(f->list->groups.size()) + 1;
  const Id id = g.id;
  Project& project = *f->project;
  f->list->groups.push_back(std::move(g));
  f->list->updated_at = c.req.now;
  IndexWorld(c.world);
  RecordEvent(project, c.world, id, "created", c.me.key, c.req.now);
  return RenderListById(c, id, 201);
}

ApiResponse RepositionList(Ctx& c, const std::string& list_id, bool group) {
  const std::optional<Id> lid = ParseId(list_id);
  std::optional<Found> f = lid ? FindTodolist(c, *lid) : std::nullopt;
  if (!f || (f->group != nullptr) != group) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  auto position = body->find("position");
  if (position == body->end() || !position->is_number_integer()) {
    return Error(422, "Position must be a whole number");
  }
  const long long wanted = position->get<long long>();
  if (wanted < 1 || wanted > 1'000'000) return Error(422, "Position is out of range");
  Status s = RepositionRecording(c.world, *FindRecording(c.world, *lid), static_cast<int>(wanted),
                                 std::nullopt, c.me.key, c.req.now);
  if (!s.ok()) return Error(422, s.message());
  ApiResponse ok;
  ok.status = group ? 200 : 204;  // as the document answers each
  return ok;
}

}  // namespace bcsim::api
