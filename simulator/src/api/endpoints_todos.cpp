// GET handlers for to-do sets, lists, groups and to-dos.
#include "api/handlers.h"
#include "api/paginate.h"

namespace bcsim::api {
namespace {

RecordingStatus WantedStatus(const ApiRequest& req) {
  const std::string s = Param(req, "status");
  if (s == "archived") return RecordingStatus::kArchived;
  if (s == "trashed") return RecordingStatus::kTrashed;
  return RecordingStatus::kActive;
}

}  // namespace

ApiResponse GetTodoset(Ctx& c, const std::string& id) {
  const std::optional<Id> tid = ParseId(id);
  std::optional<Found> f = tid ? FindTodoset(c, *tid) : std::nullopt;
  if (!f) return NotFound();
  const std::size_t index = static_cast<std::size_t>(f->set - f->project->todosets.data());
  return Json200(RenderTodoset(c.rc, *f->project, *f->set, DockPosition(*f->project, index)));
}

ApiResponse GetTodolists(Ctx& c, const std::string& todoset_id) {
  const std::optional<Id> tid = ParseId(todoset_id);
  std::optional<Found> f = tid ? FindTodoset(c, *tid) : std::nullopt;
  if (!f) return NotFound();
  const RecordingStatus wanted = WantedStatus(c.req);
  std::vector<const Todolist*> lists;
  if (f->set->enabled) {
    for (const Todolist& l : f->set->todolists) {
      if (l.status == wanted) lists.push_back(&l);
    }
  }
  return Paginate(c.req, c.world.limits.page_size, lists.size(), [&](std::size_t i) {
    return RenderTodolist(c.rc, *f->project, *f->set, nullptr, *lists[i]);
  });
}

ApiResponse GetTodolist(Ctx& c, const std::string& id) {
  const std::optional<Id> lid = ParseId(id);
  std::optional<Found> f = lid ? FindTodolist(c, *lid) : std::nullopt;
  if (!f) return NotFound();
  if (f->group != nullptr) return Json200(RenderTodolist(c.rc, *f->project, *f->set, f->list, *f->group));
  return Json200(RenderTodolist(c.rc, *f->project, *f->set, nullptr, *f->list));
}

ApiResponse GetGroups(Ctx& c, const std::string& list_id) {
  const std::optional<Id> lid = ParseId(list_id);
  std::optional<Found> f = lid ? FindTodolist(c, *lid) : std::nullopt;
  if (!f) return NotFound();
  const RecordingStatus wanted = WantedStatus(c.req);
  std::vector<const Todolist*> groups;
  if (f->group == nullptr) {  // groups have no groups
    for (const Todolist& g : f->list->groups) {
      if (g.status == wanted) groups.push_back(&g);
    }
  }
  return Paginate(c.req, c.world.limits.page_size, groups.size(), [&](std::size_t i) {
    return RenderTodolist(c.rc, *f->project, *f->set, f->list, *groups[i]);
  });
}

ApiResponse GetTodos(Ctx& c, const std::string& list_id) {
  const std::optional<Id> lid = ParseId(list_id);
  std::optional<Found> f = lid ? FindTodolist(c, *lid) : std::nullopt;
  if (!f) return NotFound();
  const Todolist& holder = *f->holder();
  const bool completed = Param(c.req, "completed") == "true";
  const bool by_status = !Param(c.req, "status").empty();
  const RecordingStatus wanted = WantedStatus(c.req);
  std::vector<const Todo*> todos;
  for (const Todo& t : holder.todos) {  // a group's to-dos are not the list's
    if (t.status != wanted) continue;
    if (completed && !t.completed) continue;
    if (!completed && !by_status && t.completed) continue;  // default: pending only
    todos.push_back(&t);
  }
  return Paginate(c.req, c.world.limits.page_size, todos.size(), [&](std::size_t i) {
    return RenderTodo(c.rc, *f->project, holder, *todos[i]);
  });
}

ApiResponse GetTodo(Ctx& c, const std::string& id) {
  const std::optional<Id> tid = ParseId(id);
  std::optional<Found> f = tid ? FindTodo(c, *tid) : std::nullopt;
  if (!f) return NotFound();
  return Json200(RenderTodo(c.rc, *f->project, *f->holder(), *f->todo));
}

}  // namespace bcsim::api
