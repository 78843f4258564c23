// The Everything feeds (to-dos and cards by filter, messages, check-ins, forwards, files) and
// projects/recordings.json for the generic types: computed from the world across the projects
// the caller can see, never stored.
#include <algorithm>

#include "api/activity.h"
#include "api/paginate.h"

namespace bcsim::api {
namespace {

// The task filters every to-do and card feed shares: assignee_ids[] (any of; ids that name
// nobody make the feed empty) and due=with|without|overdue (other values ignored).
struct TaskFilter {
  bool any_assignee = false;
  std::vector<std::string> assignees;  // Person keys
  bool none_known = false;             // assignee ids given, none of them a person
  std::string due;
  std::string today;

  TaskFilter(Ctx& c) : due(Param(c.req, "due")), today(DateOf(c.req.now)) {
    const std::vector<Id> ids = IdParams(c.req, "assignee_ids[]");
    any_assignee = !ids.empty() || c.req.params.count("assignee_ids[]") > 0;
    for (Id id : ids) {
      if (const Person* p = PersonById(c, id)) assignees.push_back(p->key);
    }
    none_known = any_assignee && assignees.empty();
  }

  bool Keeps(const std::vector<std::string>& task_assignees,
             const std::optional<std::string>& due_on) const {
    if (none_known) return false;
    if (any_assignee) {
      bool hit = false;
      for (const std::string& k : task_assignees) {
        hit = hit || std::find(assignees.begin(), assignees.end(), k) != assignees.end();
      }
      if (!hit) return false;
    }
    if (due == "with" && !due_on) return false;
    if (due == "without" && due_on) return false;
    if (due == "overdue" && !(due_on && *due_on < today)) return false;
    return true;
  }
};

// Does a task (completed or not, its assignees, its due date) belong to feed `filter`?
bool InFeed(const std::string& filter, bool completed, bool assigned,
            const std::optional<std::string>& due_on, const std::string& today) {
  if (filter == "completed") return completed;
  if (completed) return false;
  if (filter == "unassigned") return !assigned;
  if (filter == "no_due_date") return !due_on;
  if (filter == "overdue") return due_on && *due_on < today;
  return true;  // open
}

std::vector<Project*> VisibleProjects(Ctx& c) {
  std::vector<Project*> out;
  for (Project& p : c.account.projects) {
    if (IsMember(p, c.me.key) && p.status == RecordingStatus::kActive) out.push_back(&p);
  }
  return out;
}

std::optional<std::string> StringOf(const Json& fields, const char* key) {
  auto it = fields.find(key);
  if (it == fields.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::vector<std::string> KeysOf(const Json& fields, const char* key) {
  std::vector<std::string> out;
  auto it = fields.find(key);
  if (it == fields.end() || !it->is_array()) return out;
  for (const Json& k : *it) {
    if (k.is_string()) out.push_back(k.get<std::string>());
  }
  return out;
}

// The column type a card is in ("" when its parent is not a column).
std::string ColumnType(Ctx& c, const Recording& card) {
  std::optional<RecordingRef> parent = FindRecording(c.world, card.parent);
  return parent ? std::string(parent->type) : std::string();
}

ApiResponse Newest(Ctx& c, std::vector<RecordingRef> items,
                   const std::function<Json(const RecordingRef&)>& render) {
  std::stable_sort(items.begin(), items.end(), [](const RecordingRef& a, const RecordingRef& b) {
    return a.recording->created_at > b.recording->created_at;
  });
  return Paginate(c.req, c.world.limits.page_size, items.size(),
                  [&](std::size_t i) { return render(items[i]); });
}

}  // namespace

ApiResponse GetEverythingTodos(Ctx& c, const std::string& filter) {
  const TaskFilter tf(c);
  struct Group {
    Project* project;
    std::vector<std::pair<const Todolist*, const Todo*>> todos;
  };
  std::vector<Group> groups;
  for (Project* p : VisibleProjects(c)) {
    Group g{p, {}};
    bool matched = false;  // also under hidden tools: the bucket is listed, empty
    for (const Todoset& s : p->todosets) {
      auto consider = [&](const Todolist& holder, const Todo& t) {
        if (t.status != RecordingStatus::kActive) return;
        if (!InFeed(filter, t.completed, !t.assignees.empty(), t.due_on, tf.today)) return;
        if (!tf.Keeps(t.assignees, t.due_on)) return;
        matched = true;
        if (s.enabled && holder.status == RecordingStatus::kActive) g.todos.emplace_back(&holder, &t);
      };
      for (const Todolist& l : s.todolists) {
        for (const Todo& t : l.todos) consider(l, t);
        for (const Todolist& grp : l.groups) {
          for (const Todo& t : grp.todos) consider(grp, t);
        }
      }
    }
    if (matched) groups.push_back(std::move(g));
  }
  if (filter == "overdue") {  // a flat array, not paginated
    Json out = Json::array();
    for (const Group& g : groups) {
      for (const auto& [holder, t] : g.todos) out.push_back(RenderTodo(c.rc, *g.project, *holder, *t));
    }
    return Json200(out);
  }
  return Paginate(c.req, c.world.limits.page_size, groups.size(), [&](std::size_t i) {
    Json todos = Json::array();
    for (const auto& [holder, t] : groups[i].todos) {
      todos.push_back(RenderTodo(c.rc, *groups[i].project, *holder, *t));
    }
    return Json{{"bucket", RenderBucket(*groups[i].project)}, {"todos", std::move(todos)}};
  });
}

ApiResponse GetEverythingCards(Ctx& c, const std::string& filter) {
  const TaskFilter tf(c);
  struct Group {
    Project* project;
    std::vector<RecordingRef> cards;
  };
  std::vector<Group> groups;
  for (Project* p : VisibleProjects(c)) {
    Group g{p, {}};
    bool matched = false;
    std::vector<Id> ids;
    for (const Recording& r : p->recordings) {
      if (r.type == "Kanban::Card" && r.status == RecordingStatus::kActive) ids.push_back(r.id);
    }
    for (Id id : ids) {
      std::optional<RecordingRef> ref = FindRecording(c.world, id);
      const Recording& card = *ref->recording;
      const std::string column = ColumnType(c, card);
      const bool not_now = column == "Kanban::NotNowColumn";
      const bool completed = card.fields.value("completed", false) || column == "Kanban::DoneColumn";
      const std::vector<std::string> assignees = KeysOf(card.fields, "assignees");
      const std::optional<std::string> due_on = StringOf(card.fields, "due_on");
      bool in = filter == "not_now" ? not_now && !completed
                                    : !not_now && InFeed(filter, completed, !assignees.empty(),
                                                         due_on, tf.today);
      if (!in || !tf.Keeps(assignees, due_on)) continue;
      matched = true;
      if (std::optional<RecordingRef> seen = FindVisible(c, id)) g.cards.push_back(*seen);
    }
    if (matched) groups.push_back(std::move(g));
  }
  if (filter == "overdue") {
    Json out = Json::array();
    for (const Group& g : groups) {
      for (const RecordingRef& r : g.cards) out.push_back(RenderCard(c, r));
    }
    return Json200(out);
  }
  return Paginate(c.req, c.world.limits.page_size, groups.size(), [&](std::size_t i) {
    Json cards = Json::array();
    for (const RecordingRef& r : groups[i].cards) cards.push_back(RenderCard(c, r));
    return Json{{"bucket", RenderBucket(*groups[i].project)}, {"cards", std::move(cards)}};
  });
}

ApiResponse GetEverythingOfTypes(Ctx& c, const std::vector<std::string>& types) {
  std::vector<RecordingRef> items;
  for (const RecordingRef& r : VisibleRecordings(c)) {
    if (r.recording == nullptr || r.recording->status != RecordingStatus::kActive) continue;
    if (r.recording->fields.value("draft", false)) continue;  // drafts are only in my/drafts
    if (std::find(types.begin(), types.end(), r.type) != types.end()) items.push_back(r);
  }
  return Newest(c, std::move(items), [&](const RecordingRef& r) { return RenderActivityRecording(c, r); });
}

ApiResponse GetEverythingFiles(Ctx& c) {
  const std::string kind = Param(c.req, "kind");
  const std::vector<Id> people = IdParams(c.req, "people_ids[]");
  auto kind_matches = [&](const std::string& type) {
    if (kind == "images") return type.rfind("image/", 0) == 0;
    if (kind == "videos") return type.rfind("video/", 0) == 0;
    if (kind == "pdfs") return type == "application/pdf";
    if (kind == "documents") {
      return type.rfind("text/", 0) == 0 || type.find("document") != std::string::npos ||
             type.find("msword") != std::string::npos;
    }
    return true;  // all (the default), and values it does not know
  };
  std::vector<RecordingRef> items;
  for (const RecordingRef& r : VisibleRecordings(c)) {
    if (r.recording == nullptr || r.type != "Upload") continue;
    const Recording& rec = *r.recording;
    if (rec.status != RecordingStatus::kActive || rec.fields.value("draft", false)) continue;
    if (!kind_matches(rec.fields.value("content_type", std::string()))) continue;
    if (!people.empty()) {
      const Person* creator = nullptr;
      const auto& by_key = c.world.index.person_by_key[c.account_index];
      if (auto it = by_key.find(rec.creator); it != by_key.end()) creator = &c.account.people[it->second];
      if (creator == nullptr || std::find(people.begin(), people.end(), creator->id) == people.end()) {
        continue;
      }
    }
    items.push_back(r);
  }
  return Newest(c, std::move(items), [&](const RecordingRef& r) {
    const Recording& rec = *r.recording;
    Json out = RenderActivityRecording(c, r);
    const std::string filename = rec.fields.value("filename", rec.title);
    const std::string download = c.rc.urls.api + "/buckets/" + std::to_string(r.project->id) +
                                 "/uploads/" + std::to_string(rec.id) + "/download/" + filename;
    out["attachable_sgid"] = "bcsim-upload-" + std::to_string(rec.id);
    out["filename"] = filename;
    out["content_type"] = rec.fields.value("content_type", std::string("application/octet-stream"));
    out["byte_size"] = rec.fields.value("byte_size", static_cast<Id>(0));
    out["download_url"] = download;
    out["app_download_url"] = download;
    out["width"] = rec.fields.contains("width") ? rec.fields["width"] : Json(nullptr);
    out["height"] = rec.fields.contains("height") ? rec.fields["height"] : Json(nullptr);
    out["description"] = rec.fields.value("description", std::string());
    out["description_attachments"] = Json::array();
    return out;
  });
}

ApiResponse ListGenericRecordings(Ctx& c, const std::string& type, const std::vector<Id>& buckets,
                                  RecordingStatus wanted) {
  std::vector<RecordingRef> items;
  auto in_buckets = [&](const Project& p) {
    return buckets.empty() || std::find(buckets.begin(), buckets.end(), p.id) != buckets.end();
  };
  for (const RecordingRef& r : VisibleRecordings(c)) {
    if (r.type != type || !in_buckets(*r.project) || r.status == nullptr || *r.status != wanted) {
      continue;
    }
    if (r.recording != nullptr && r.recording->fields.value("draft", false)) continue;
    items.push_back(r);
  }
  const bool by_updated = Param(c.req, "sort") == "updated_at";
  const bool ascending = Param(c.req, "direction") == "asc";
  auto created = [](const RecordingRef& r) -> Millis {
    if (r.recording != nullptr) return r.recording->created_at;
    if (r.holder() != nullptr) return r.holder()->created_at;
    return 0;
  };
  std::stable_sort(items.begin(), items.end(), [&](const RecordingRef& a, const RecordingRef& b) {
    const Millis ka = by_updated ? *a.updated_at : created(a);
    const Millis kb = by_updated ? *b.updated_at : created(b);
    return ascending ? ka < kb : ka > kb;
  });
  return Paginate(c.req, c.world.limits.page_size, items.size(),
                  [&](std::size_t i) { return RenderAnyRecording(c, items[i]); });
}

}  // namespace bcsim::api
