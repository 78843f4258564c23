// The generic recording operations (bcsim/recordings.h).
#include "bcsim/recordings.h"

#include <algorithm>
#include <functional>

namespace bcsim {
namespace {

const char* EventAction(RecordingStatus from, RecordingStatus to) {
  if (to == RecordingStatus::kArchived) return "archived";
  if (to == RecordingStatus::kTrashed) return "trashed";
  return from == RecordingStatus::kTrashed ? "untrashed" : "unarchived";
}

// Moves element `from` of `items` to 0-based place `to`, then numbers positions 1..n.
template <typename T>
void MoveTo(std::vector<T>& items, std::size_t from, std::size_t to) {
  T moving = std::move(items[from]);
  items.erase(items.begin() + static_cast<std::ptrdiff_t>(from));
  items.insert(items.begin() + static_cast<std::ptrdiff_t>(to), std::move(moving));
  for (std::size_t i = 0; i < items.size(); ++i) items[i].position = static_cast<int>(i) + 1;
}

void Follow(Todolist& list, RecordingStatus from, RecordingStatus to, Millis now) {
  for (Todo& t : list.todos) {
    if (t.status != from) continue;
    t.status = to;
    t.updated_at = now;
  }
  for (Todolist& g : list.groups) {
    if (g.status != from) continue;
    g.status = to;
    g.updated_at = now;
    Follow(g, from, to, now);
  }
}

}  // namespace

std::optional<RecordingRef> FindRecording(World& world, Id id) {
  auto it = world.index.recording_by_id.find(id);
  if (it == world.index.recording_by_id.end()) return std::nullopt;
  const WorldPath& path = it->second;
  RecordingRef r;
  r.path = path;
  r.id = id;
  r.account = &world.accounts[static_cast<std::size_t>(path.account)];
  r.project = &r.account->projects[static_cast<std::size_t>(path.project)];
  Project& p = *r.project;
  if (path.kind == WorldPath::Kind::kRecording) {
    r.recording = &p.recordings[static_cast<std::size_t>(path.recording)];
    r.type = r.recording->type;
    r.parent = r.recording->parent;
    if (auto parent = FindRecording(world, r.parent)) r.parent_type = parent->type;
    r.status = &r.recording->status;
    r.updated_at = &r.recording->updated_at;
    return r;
  }
  if (path.kind == WorldPath::Kind::kTimesheetEntry) {
    r.entry = &p.timesheet_entries[static_cast<std::size_t>(path.entry)];
    r.type = "Timesheet::Entry";
    r.parent = r.entry->recording;
    r.parent_type = "Todo";
    r.updated_at = &r.entry->updated_at;
    return r;
  }
  r.set = &p.todosets[static_cast<std::size_t>(path.todoset)];
  if (path.list >= 0) r.list = &r.set->todolists[static_cast<std::size_t>(path.list)];
  if (path.group >= 0) r.group = &r.list->groups[static_cast<std::size_t>(path.group)];
  if (path.todo >= 0) {
    r.todo = &r.holder()->todos[static_cast<std::size_t>(path.todo)];
    r.type = "Todo";
    r.parent = r.holder()->id;
    r.parent_type = "Todolist";
    r.status = &r.todo->status;
    r.updated_at = &r.todo->updated_at;
  } else if (r.list != nullptr) {
    Todolist& self = *r.holder();
    r.type = "Todolist";
    r.parent = r.group != nullptr ? r.list->id : r.set->id;
    r.parent_type = r.group != nullptr ? "Todolist" : "Todoset";
    r.status = &self.status;
    r.updated_at = &self.updated_at;
  } else {
    r.type = "Todoset";
    r.updated_at = &r.set->updated_at;
  }
  return r;
}

Id NewId(World& world, const std::string& kind) {
  for (;;) {
    const Id id = StableId(kind, "api#" + std::to_string(++world.created));
    if (world.index.recording_by_id.count(id) == 0) return id;
  }
}

void RecordEvent(Project& project, World& world, Id recording, const std::string& action,
                 const std::string& creator, Millis now) {
  RecordingEvent e;
  e.id = NewId(world, "event");
  e.recording = recording;
  e.action = action;
  e.creator = creator;
  e.created_at = now;
  project.events.push_back(std::move(e));
  world.events_pending = true;
}

Status SetRecordingStatus(World& world, const RecordingRef& r, RecordingStatus status,
                          const std::string& actor, Millis now) {
  if (r.status == nullptr) {
    return InvalidArgumentError("A " + std::string(r.type) + " has no status");
  }
  const RecordingStatus from = *r.status;
  if (from == status) return OkStatus();
  *r.status = status;
  *r.updated_at = now;
  if (r.todo == nullptr && r.holder() != nullptr) Follow(*r.holder(), from, status, now);
  if (r.recording != nullptr && r.recording->type == "Comment") IndexWorld(world);  // counts
  RecordEvent(*r.project, world, r.id, EventAction(from, status), actor, now);
  return OkStatus();
}

Status RepositionRecording(World& world, const RecordingRef& r, int position,
                           std::optional<Id> new_parent, const std::string& actor, Millis now) {
  if (r.todo != nullptr) {
    Todolist* target = r.holder();
    if (new_parent && *new_parent != target->id) {
      std::optional<RecordingRef> p = FindRecording(world, *new_parent);
      if (!p || p->project != r.project || p->todo != nullptr || p->list == nullptr) {
        return InvalidArgumentError("The parent must be a to-do list or group of this project");
      }
      target = p->holder();
    }
    const bool moving = target != r.holder();
    const std::size_t count = target->todos.size() + (moving ? 1 : 0);
    if (position < 1 || static_cast<std::size_t>(position) > count) {
      return InvalidArgumentError("Position must be between 1 and " + std::to_string(count));
    }
    const Id id = r.id;
    if (moving) {
      Todo t = *r.todo;
      std::vector<Todo>& from = r.holder()->todos;
      from.erase(from.begin() + (r.todo - from.data()));
      for (std::size_t i = 0; i < from.size(); ++i) from[i].position = static_cast<int>(i) + 1;
      target->todos.push_back(std::move(t));
      MoveTo(target->todos, target->todos.size() - 1, static_cast<std::size_t>(position) - 1);
    } else {
      MoveTo(target->todos, static_cast<std::size_t>(r.todo - target->todos.data()),
             static_cast<std::size_t>(position) - 1);
    }
    target->updated_at = now;
    IndexWorld(world);
    if (std::optional<RecordingRef> moved = FindRecording(world, id)) {
      moved->todo->updated_at = now;
    }
    RecordEvent(*r.project, world, id, moving ? "adopted" : "repositioned", actor, now);
    return OkStatus();
  }
  if (r.list == nullptr) {
    return InvalidArgumentError("A " + std::string(r.type) + " cannot be repositioned");
  }
  auto move_in = [&](std::vector<Todolist>& siblings, const Todolist* self) -> Status {
    if (position < 1 || static_cast<std::size_t>(position) > siblings.size()) {
      return InvalidArgumentError("Position must be between 1 and " +
                                  std::to_string(siblings.size()));
    }
    MoveTo(siblings, static_cast<std::size_t>(self - siblings.data()),
           static_cast<std::size_t>(position) - 1);
    return OkStatus();
  };
  const Id id = r.id;
  Status s = r.group != nullptr ? move_in(r.list->groups, r.group)
                                : move_in(r.set->todolists, r.list);
  if (!s.ok()) return s;
  IndexWorld(world);
  RecordEvent(*r.project, world, id, "repositioned", actor, now);
  return OkStatus();
}

Id AddComment(World& world, const RecordingRef& parent, const std::string& content,
              const std::string& creator, Millis now) {
  Recording c;
  c.id = NewId(world, "comment");
  c.type = "Comment";
  c.parent = parent.id;
  c.creator = creator;
  c.content = content;
  c.title = "Re: ";
  if (parent.todo != nullptr) c.title += parent.todo->title;
  else if (parent.holder() != nullptr) c.title += parent.holder()->name;
  else if (parent.recording != nullptr) c.title += parent.recording->title;
  Project& project = *parent.project;
  const Id parent_id = parent.id;
  const Id id = AddRecording(world, project, std::move(c), creator, now);
  RecordEvent(project, world, parent_id, "comment_created", creator, now);
  return id;
}

Id AddRecording(World& world, Project& project, Recording rec, const std::string& actor,
                Millis now) {
  if (rec.id == 0) rec.id = NewId(world, rec.type);
  if (!rec.fields.is_object()) rec.fields = nlohmann::json::object();  // `{}` may arrive as null
  if (rec.creator.empty()) rec.creator = actor;
  if (rec.created_at == 0) rec.created_at = now;
  rec.updated_at = now;
  if (rec.position == 0) {
    int last = 0;
    for (const Recording& r : project.recordings) {
      if (r.type == rec.type && r.parent == rec.parent && r.status == RecordingStatus::kActive) {
        last = std::max(last, r.position);
      }
    }
    rec.position = last + 1;
  }
  // Where the project sits, from any recording already indexed in it (else a full reindex).
  auto locate = [&]() -> std::optional<WorldPath> {
    for (std::size_t a = 0; a < world.accounts.size(); ++a) {
      Account& account = world.accounts[a];
      // std::less: a total order on pointers, also between unrelated arrays.
      const std::less<const Project*> before;
      if (account.projects.empty() || before(&project, account.projects.data()) ||
          !before(&project, account.projects.data() + account.projects.size())) {
        continue;
      }
      WorldPath path;
      path.kind = WorldPath::Kind::kRecording;
      path.account = static_cast<int>(a);
      path.project = static_cast<int>(&project - account.projects.data());
      return path;
    }
    return std::nullopt;
  };
  const Id id = rec.id;
  const bool comment = rec.type == "Comment";
  const Id parent = rec.parent;
  project.recordings.push_back(std::move(rec));
  if (std::optional<WorldPath> path = locate()) {
    path->recording = static_cast<int>(project.recordings.size()) - 1;
    world.index.recording_by_id[id] = *path;
    if (comment) ++world.index.comments_count[parent];
  } else {
    IndexWorld(world);
  }
  RecordEvent(project, world, id, "created", actor, now);
  return id;
}

void MoveCard(World& world, const RecordingRef& card, const RecordingRef& column, int position,
              const std::string& actor, Millis now) {
  auto in_done = [&world](Id parent) {
    std::optional<RecordingRef> col = FindRecording(world, parent);
    return col && col->recording != nullptr && col->recording->type == "Kanban::DoneColumn";
  };
  Recording& moving = *card.recording;
  const bool was_done = in_done(moving.parent);
  moving.parent = column.id;
  std::vector<Recording*> siblings = ChildrenOf(*column.project, column.id, "Kanban::Card");
  siblings.erase(std::remove(siblings.begin(), siblings.end(), &moving), siblings.end());
  const int at = std::clamp(position, 1, static_cast<int>(siblings.size()) + 1);
  siblings.insert(siblings.begin() + (at - 1), &moving);
  for (std::size_t i = 0; i < siblings.size(); ++i) siblings[i]->position = static_cast<int>(i) + 1;
  moving.updated_at = now;
  RecordEvent(*card.project, world, card.id, "moved", actor, now);
  const bool done = in_done(column.id);
  if (done == was_done) return;
  if (done) {
    moving.fields["completed_at"] = now;
    moving.fields["completer"] = actor;
  }
  RecordEvent(*card.project, world, card.id, done ? "completed" : "uncompleted", actor, now);
}

Id AddTimesheetEntry(World& world, Project& project, TimesheetEntry entry,
                     const std::string& actor, Millis now) {
  entry.id = NewId(world, "timesheet_entry");
  entry.creator = actor;
  entry.created_at = entry.updated_at = now;
  const Id id = entry.id;
  project.timesheet_entries.push_back(std::move(entry));
  IndexWorld(world);
  RecordEvent(project, world, id, "created", actor, now);
  return id;
}

std::vector<Recording*> ChildrenOf(Project& project, Id parent, std::string_view type,
                                   RecordingStatus status) {
  std::vector<Recording*> out;
  for (Recording& r : project.recordings) {
    if (r.parent == parent && r.type == type && r.status == status) out.push_back(&r);
  }
  std::stable_sort(out.begin(), out.end(), [](const Recording* a, const Recording* b) {
    return a->position != b->position ? a->position < b->position : a->id < b->id;
  });
  return out;
}

Recording* FindTool(Project& project, std::string_view type) {
  for (Recording& r : project.recordings) {
    if (r.parent == 0 && r.type == type) return &r;
  }
  return nullptr;
}

int CommentsCount(const World& world, Id recording) {
  auto it = world.index.comments_count.find(recording);
  return it == world.index.comments_count.end() ? 0 : it->second;
}

int BoostsCount(const Project& project, Id recording, Id event) {
  int n = 0;
  for (const Boost& b : project.boosts) n += b.recording == recording && b.event == event ? 1 : 0;
  return n;
}

std::vector<std::string> Subscribers(const RecordingRef& r) {
  auto it = r.project->subscriptions.find(r.id);
  if (it != r.project->subscriptions.end()) return it->second;
  std::vector<std::string> out;
  auto add = [&out](const std::string& key) {
    if (!key.empty() && std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
  };
  if (r.todo != nullptr) {
    add(r.todo->creator);
    for (const std::string& k : r.todo->assignees) add(k);
  } else if (r.recording != nullptr) {
    add(r.recording->creator);
  } else if (r.entry != nullptr) {
    add(r.entry->creator);
  }
  return out;
}

void ChangeSubscribers(World& world, const RecordingRef& r, const std::vector<std::string>& add,
                       const std::vector<std::string>& remove, const std::string& actor,
                       Millis now) {
  const std::vector<std::string> before = Subscribers(r);
  std::vector<std::string> after;
  for (const std::string& k : before) {
    if (std::find(remove.begin(), remove.end(), k) == remove.end()) after.push_back(k);
  }
  for (const std::string& k : add) {
    const bool removed = std::find(remove.begin(), remove.end(), k) != remove.end();
    if (!removed && std::find(after.begin(), after.end(), k) == after.end()) after.push_back(k);
  }
  if (after == before) return;
  r.project->subscriptions[r.id] = after;
  RecordEvent(*r.project, world, r.id, "subscribers_changed", actor, now);
}

}  // namespace bcsim
