// JSON shapes of the Basecamp 3/4 API (shared/basecamp/api-facts.md §2.7, §3), rendered from a
// World. `Urls` builds url/app_url from the request's origin: API urls are
// ORIGIN/{account}/..., app urls ORIGIN/app/{account}/...
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "api/json_out.h"
#include "bcsim/recording_types.h"
#include "bcsim/recordings.h"
#include "bcsim/world.h"

namespace bcsim::api {

using Json = nlohmann::json;

struct Urls {
  std::string api;  // ORIGIN/{account}
  std::string app;  // ORIGIN/app/{account}
  std::string origin;
};

// What rendering needs besides the entry itself.
struct RenderContext {
  const World& world;
  const Account& account;
  std::size_t account_index;
  Urls urls;
};

std::string StatusName(RecordingStatus status);

Json RenderPerson(const RenderContext& c, const Person& person);
// The person with that key, or a stand-in for one removed from the account.
Json RenderPersonByKey(const RenderContext& c, const std::string& key);
Json RenderProject(const RenderContext& c, const Project& project);
// The same project JSON, written straight to `out` (projects.json is the hot path).
void WriteProject(const RenderContext& c, const Project& project, JsonOut& out);
Json RenderTodoset(const RenderContext& c, const Project& project, const Todoset& set, int dock_position);
// A list (parent = the to-do set) or a group (parent = `list`, non-null).
Json RenderTodolist(const RenderContext& c, const Project& project, const Todoset& set,
                    const Todolist* list, const Todolist& entry);
// `parent` is the list or group holding the to-do.
Json RenderTodo(const RenderContext& c, const Project& project, const Todolist& parent, const Todo& todo);
Json RenderMyAssignment(const RenderContext& c, const Project& project, const Todolist& parent, const Todo& todo);
Json RenderTimesheetEntry(const RenderContext& c, const Project& project, const Todolist& parent,
                          const Todo& todo, const TimesheetEntry& entry);

// Any recording as a `parent` ({id, title, type, url, app_url}); its API url and app url.
Json RenderParent(const RenderContext& c, const RecordingRef& r);
std::string RecordingUrl(const RenderContext& c, const RecordingRef& r);
std::string RecordingAppUrl(const RenderContext& c, const RecordingRef& r);
// A comment (r.recording of type "Comment"); `parent` is what it is on.
Json RenderComment(const RenderContext& c, const RecordingRef& r, const RecordingRef& parent);
Json RenderEvent(const RenderContext& c, const RecordingEvent& e);

// {id, name, type: "Project"}.
Json RenderBucket(const Project& project);
// The envelope every generic recording (r.recording) shares: id, status, visible_to_clients,
// timestamps, title, type, url, app_url, bookmark/subscription/comments/boosts urls and counts,
// position, parent (when it has one), bucket, creator. A type's renderer adds its own fields and
// erases the ones its schema does not have.
Json RenderRecordingBase(const RenderContext& c, const RecordingRef& r);

// One entry of a project's dock: a tool (a Recording of a dock type) or a to-do set.
struct DockEntry {
  const RecordingType* type;
  const Recording* tool;  // null for a to-do set
  int todoset;            // index in Project::todosets, or -1
  bool enabled;
  int position;  // 1-based among enabled entries; -1 when disabled (rendered as null)
};
// The dock in Basecamp's order: the message board, the to-do sets, then the other tools.
std::vector<DockEntry> Dock(const Project& project);
// The dock position of each to-do set (message board is 1); -1 for disabled ones.
int DockPosition(const Project& project, std::size_t todoset_index);
// A tool's `enabled` (fields["enabled"], true when absent).
bool ToolEnabled(const Recording& tool);

}  // namespace bcsim::api
