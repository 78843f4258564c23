// IndexWorld: the lookup tables of WorldIndex, rebuilt from World::accounts.
#include "bcsim/world.h"

namespace bcsim {

void IndexWorld(World& world) {
  WorldIndex index;
  const std::size_t n = world.accounts.size();
  std::size_t recordings = 0;  // sized up front: no rehashing on big worlds
  for (const Account& account : world.accounts) {
    for (const Project& project : account.projects) {
      recordings += project.recordings.size() + project.timesheet_entries.size();
      for (const Todoset& set : project.todosets) {
        recordings += 1 + set.todolists.size();
        for (const Todolist& list : set.todolists) {
          recordings += list.todos.size() + list.groups.size();
          for (const Todolist& group : list.groups) recordings += group.todos.size();
        }
      }
    }
  }
  index.recording_by_id.reserve(recordings);
  // Indexes the to-dos of a list or group found at `parent`.
  auto index_todos = [&index](const Todolist& list, const WorldPath& parent) {
    for (std::size_t i = 0; i < list.todos.size(); ++i) {
      WorldPath tp = parent;
      tp.kind = WorldPath::Kind::kTodo;
      tp.todo = static_cast<int>(i);
      index.recording_by_id.emplace(list.todos[i].id, tp);
      if (!list.todos[i].key.empty()) index.by_key.emplace("todo:" + list.todos[i].key, tp);
    }
  };
  index.person_by_identity.resize(n);
  index.person_by_id.resize(n);
  index.person_by_key.resize(n);
  index.project_by_id.resize(n);
  for (std::size_t a = 0; a < n; ++a) {
    const Account& account = world.accounts[a];
    index.account_by_id.emplace(account.id, a);
    index.account_by_key.emplace(account.key, a);
    for (std::size_t p = 0; p < account.people.size(); ++p) {
      const Person& person = account.people[p];
      index.person_by_identity[a].emplace(person.identity, p);
      index.person_by_id[a].emplace(person.id, p);
      index.person_by_key[a].emplace(person.key, p);
    }
    for (std::size_t p = 0; p < account.projects.size(); ++p) {
      const Project& project = account.projects[p];
      index.project_by_id[a].emplace(project.id, p);
      WorldPath path;
      path.account = static_cast<int>(a);
      path.project = static_cast<int>(p);
      index.by_key.emplace("project:" + project.key, path);
      for (std::size_t r = 0; r < project.recordings.size(); ++r) {
        WorldPath rp = path;
        rp.kind = WorldPath::Kind::kRecording;
        rp.recording = static_cast<int>(r);
        const Recording& rec = project.recordings[r];
        index.recording_by_id.emplace(rec.id, rp);
        if (rec.type == "Comment" && rec.status == RecordingStatus::kActive) {
          ++index.comments_count[rec.parent];
        }
      }
      for (std::size_t e = 0; e < project.timesheet_entries.size(); ++e) {
        WorldPath ep = path;
        ep.kind = WorldPath::Kind::kTimesheetEntry;
        ep.entry = static_cast<int>(e);
        index.recording_by_id.emplace(project.timesheet_entries[e].id, ep);
      }
      for (std::size_t t = 0; t < project.todosets.size(); ++t) {
        const Todoset& set = project.todosets[t];
        path.kind = WorldPath::Kind::kTodoset;
        path.todoset = static_cast<int>(t);
        index.recording_by_id.emplace(set.id, path);
        for (std::size_t l = 0; l < set.todolists.size(); ++l) {
          const Todolist& list = set.todolists[l];
          WorldPath lp = path;
          lp.kind = WorldPath::Kind::kTodolist;
          lp.list = static_cast<int>(l);
          index.recording_by_id.emplace(list.id, lp);
          index.by_key.emplace("todolist:" + list.key, lp);
          index_todos(list, lp);
          for (std::size_t g = 0; g < list.groups.size(); ++g) {
            const Todolist& group = list.groups[g];
            WorldPath gp = lp;
            gp.kind = WorldPath::Kind::kGroup;
            gp.group = static_cast<int>(g);
            index.recording_by_id.emplace(group.id, gp);
            index.by_key.emplace("todolist:" + group.key, gp);
            index_todos(group, gp);
          }
        }
      }
    }
  }
  world.index = std::move(index);
}

std::string DefaultCreatorOf(const Account& account) {
  for (const Person& p : account.people) {
    if (p.owner || p.admin) return p.key;
  }
  return account.people.empty() ? std::string() : account.people.front().key;
}

}  // namespace bcsim
