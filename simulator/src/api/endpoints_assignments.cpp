// Cross-project to-do queries: my/assignments, reports/todos/assigned, projects/recordings.
#include <algorithm>
#include <sstream>

#include "api/activity.h"
#include "api/handlers.h"
#include "api/paginate.h"

namespace bcsim::api {
namespace {

struct Entry {
  const Project* project;
  const Todolist* holder;
  const Todo* todo;
};

// Calls fn for every to-do in projects the current person can see, in file order.
template <typename Fn>
void ForEachVisibleTodo(const Ctx& c, bool enabled_only, Fn fn) {
  for (const Project& p : c.account.projects) {
    if (!IsMember(p, c.me.key)) continue;
    for (const Todoset& s : p.todosets) {
      if (enabled_only && !s.enabled) continue;
      for (const Todolist& l : s.todolists) {
        for (const Todo& t : l.todos) fn(p, l, t);
        for (const Todolist& g : l.groups) {
          for (const Todo& t : g.todos) fn(p, g, t);
        }
      }
    }
  }
}

bool Assigned(const Todo& t, const std::string& person_key) {
  return std::find(t.assignees.begin(), t.assignees.end(), person_key) != t.assignees.end();
}

std::vector<Entry> PendingAssigned(const Ctx& c, const std::string& person_key) {
  std::vector<Entry> out;
  ForEachVisibleTodo(c, true, [&](const Project& p, const Todolist& holder, const Todo& t) {
    if (p.status == RecordingStatus::kActive && t.status == RecordingStatus::kActive && !t.completed &&
        Assigned(t, person_key)) {
      out.push_back({&p, &holder, &t});
    }
  });
  return out;
}

}  // namespace

ApiResponse GetMyAssignments(Ctx& c) {
  if (!c.account.serves_my_assignments) return NotFound();
  nlohmann::json items = nlohmann::json::array();
  // Up Next (my/priorities.json, endpoints_activity_my.cpp) comes first, in its order.
  const PersonalState* state = MyStateIfAny(c);
  const std::vector<Id> none;
  const std::vector<Id>& up_next = state != nullptr ? state->priorities : none;
  std::vector<nlohmann::json> priorities(up_next.size());
  for (const Entry& e : PendingAssigned(c, c.me.key)) {
    nlohmann::json item = RenderMyAssignment(c.rc, *e.project, *e.holder, *e.todo);
    auto at = std::find(up_next.begin(), up_next.end(), e.todo->id);
    if (at == up_next.end()) {
      items.push_back(std::move(item));
      continue;
    }
    item["priority_recording_id"] = e.todo->id;
    priorities[static_cast<std::size_t>(at - up_next.begin())] = std::move(item);
  }
  nlohmann::json first = nlohmann::json::array();
  for (nlohmann::json& p : priorities) {
    if (!p.is_null()) first.push_back(std::move(p));  // a priority no longer pending drops out
  }
  return Json200(nlohmann::json{{"priorities", std::move(first)}, {"non_priorities", std::move(items)}});
}

ApiResponse GetAssignedReport(Ctx& c, const std::string& person_id) {
  if (!c.account.serves_my_assignments) return NotFound();
  const std::optional<Id> pid = ParseId(person_id);
  if (!pid) return NotFound();
  const auto& by_id = c.world.index.person_by_id[c.account_index];
  auto it = by_id.find(*pid);
  if (it == by_id.end()) return NotFound();
  const Person& person = c.account.people[it->second];
  std::vector<Entry> entries = PendingAssigned(c, person.key);
  const bool by_date = Param(c.req, "group_by") == "date";
  if (by_date) {
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      // Dated first, earliest first; undated last.
      if (a.todo->due_on.has_value() != b.todo->due_on.has_value()) return a.todo->due_on.has_value();
      return a.todo->due_on.value_or("") < b.todo->due_on.value_or("");
    });
  }
  nlohmann::json todos = nlohmann::json::array();
  for (const Entry& e : entries) todos.push_back(RenderTodo(c.rc, *e.project, *e.holder, *e.todo));
  return Json200(nlohmann::json{{"person", RenderPerson(c.rc, person)},
                                {"grouped_by", by_date ? "date" : "bucket"},
                                {"todos", std::move(todos)}});
}

// GET reports/todos/assigned.json: the people to-dos can be assigned to (not clients).
ApiResponse GetAssignablePeople(Ctx& c) {
  if (!c.account.serves_my_assignments) return NotFound();
  nlohmann::json out = nlohmann::json::array();
  for (const Person& p : c.account.people) {
    if (!p.client) out.push_back(RenderPerson(c.rc, p));
  }
  return Json200(out);
}

ApiResponse GetRecordings(Ctx& c) {
  static const char* const kTypes[] = {"Comment", "Document", "Door", "Kanban::Card", "Kanban::Step", "Message",
                                       "Question::Answer", "Schedule::Entry", "Todo", "Todolist", "Upload", "Vault"};
  const std::string type = Param(c.req, "type");
  if (std::find(std::begin(kTypes), std::end(kTypes), type) == std::end(kTypes)) {
    return Error(400, "Invalid type '" + type + "'. Valid options: Comment, Document, Door, Kanban::Card, "
                      "Kanban::Step, Message, Question::Answer, Schedule::Entry, Todo, Todolist, Upload, Vault");
  }
  std::vector<Id> buckets;
  std::stringstream bucket_list(Param(c.req, "bucket"));
  for (std::string item; std::getline(bucket_list, item, ',');) {
    if (auto id = ParseId(item)) buckets.push_back(*id);
  }
  const std::string status = Param(c.req, "status");
  RecordingStatus wanted = RecordingStatus::kActive;
  if (status == "archived") wanted = RecordingStatus::kArchived;
  if (status == "trashed") wanted = RecordingStatus::kTrashed;
  // Every other type reads the generic recordings (endpoints_activity_feeds.cpp).
  if (type != "Todo") return ListGenericRecordings(c, type, buckets, wanted);
  std::vector<Entry> entries;
  if (type == "Todo") {
    ForEachVisibleTodo(c, true, [&](const Project& p, const Todolist& holder, const Todo& t) {
      if (p.status != RecordingStatus::kActive || t.status != wanted) return;
      if (!buckets.empty() && std::find(buckets.begin(), buckets.end(), p.id) == buckets.end()) return;
      entries.push_back({&p, &holder, &t});
    });
  }
  const bool by_updated = Param(c.req, "sort") == "updated_at";
  const bool ascending = Param(c.req, "direction") == "asc";
  std::stable_sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
    const Millis ka = by_updated ? a.todo->updated_at : a.todo->created_at;
    const Millis kb = by_updated ? b.todo->updated_at : b.todo->created_at;
    return ascending ? ka < kb : ka > kb;
  });
  return Paginate(c.req, c.world.limits.page_size, entries.size(), [&](std::size_t i) {
    return RenderTodo(c.rc, *entries[i].project, *entries[i].holder, *entries[i].todo);
  });
}

}  // namespace bcsim::api
