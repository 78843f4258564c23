// Basecamp's model, once: everything in a project (bucket) is a *recording* with a type, a
// parent, a creator, a status (active/archived/trashed), a position, comments, events and
// timestamps (api-facts.md §2.7). The world keeps each type where it always has (to-do sets,
// lists, groups and to-dos in their tree; comments as generic `Recording`s; timesheet entries on
// the project); this header finds any of them by id as one `RecordingRef` and implements the
// operations they share: status changes, repositioning, comments and events.
//
// Not thread safe: the caller holds the world lock (exclusive for the mutating functions).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bcsim/status.h"
#include "bcsim/world.h"

namespace bcsim {

// One recording, wherever its type keeps it. Pointers stay valid until the world's recordings
// are added, removed or moved (then find it again).
struct RecordingRef {
  std::string_view type;  // "Todoset", "Todolist" (lists and groups), "Todo", "Comment", ...
  WorldPath path;
  Account* account = nullptr;
  Project* project = nullptr;
  Id id = 0;
  Id parent = 0;                // 0: directly in the bucket (to-do sets)
  std::string_view parent_type;  // "Todoset", "Todolist", "Todo", ... ("" for none)
  RecordingStatus* status = nullptr;  // null: the type has no status of its own (to-do sets)
  Millis* updated_at = nullptr;
  // The type's own struct (exactly one is set, besides `set` for everything in a to-do set).
  Todoset* set = nullptr;
  Todolist* list = nullptr;   // the top-level list (also for a group and what is in it)
  Todolist* group = nullptr;  // the group, for a group or a to-do in one
  Todo* todo = nullptr;
  Recording* recording = nullptr;
  TimesheetEntry* entry = nullptr;

  bool is_group() const { return group != nullptr && todo == nullptr; }
  bool is_list() const { return list != nullptr && group == nullptr && todo == nullptr; }
  // The list or group holding a to-do; the list or group itself for a list or group.
  Todolist* holder() const { return group != nullptr ? group : list; }
};

// The recording with this id in any account, or nullopt.
std::optional<RecordingRef> FindRecording(World& world, Id id);

// A fresh id for a new recording, event or entry of `kind`: stable for the same sequence of
// writes after the same load, and used by nothing else in the world.
Id NewId(World& world, const std::string& kind);

// Appends an event to the recording's project (the recording's events feed).
void RecordEvent(Project& project, World& world, Id recording, const std::string& action,
                 const std::string& creator, Millis now);

// Sets the recording's status. A list's or group's to-dos and groups that had the list's
// previous status follow it (one event, for the list only: Basecamp since 2024-07). Records
// "archived", "trashed", "unarchived" or "untrashed"; nothing when the status is unchanged.
// Fails (kInvalidArgument) for types without a status.
Status SetRecordingStatus(World& world, const RecordingRef& r, RecordingStatus status,
                          const std::string& actor, Millis now);

// Moves a to-do, list or group to `position` (1-based) among its siblings; a to-do may move to
// another list or group of the same project (`new_parent`). Positions are renumbered 1..n.
// kInvalidArgument for a position outside 1..n or a parent that cannot hold it. Reindexes.
Status RepositionRecording(World& world, const RecordingRef& r, int position,
                           std::optional<Id> new_parent, const std::string& actor, Millis now);

// Adds a comment (HTML `content`) to the recording; records "comment_created" on the parent.
// Returns the comment's id. Reindexes.
Id AddComment(World& world, const RecordingRef& parent, const std::string& content,
              const std::string& creator, Millis now);

// Adds a recording of a generic type (bcsim/recording_types.h) to `project`: gives it an id
// (NewId by type) unless it has one, its timestamps (`now`), the next position among its active
// siblings of the same type and parent (unless set), indexes it (no full reindex) and records
// "created". Returns its id. `rec.parent` must be 0 or a recording of the same project.
Id AddRecording(World& world, Project& project, Recording rec, const std::string& actor,
                Millis now);

// Moves a card (Kanban::Card) into `column` (a column of its card table, maybe the one it is
// in) at 1-based `position` (clamped), numbering the column's cards 1..n; records "moved", and
// "completed" or "uncompleted" when it enters or leaves a done column (entering sets its
// completed_at and completer). The API's card moves and the `move_card` step both come here.
void MoveCard(World& world, const RecordingRef& card, const RecordingRef& column, int position,
              const std::string& actor, Millis now);

// Adds a timesheet entry to `project` (`entry` has its recording, person, date, hours and
// description): gives it an id (NewId "timesheet_entry"), its creator (`actor`) and timestamps,
// indexes it and records "created". Returns its id. The API's POST and `log_time` come here.
Id AddTimesheetEntry(World& world, Project& project, TimesheetEntry entry,
                     const std::string& actor, Millis now);

// The project's recordings of `type` under `parent` (0: directly in the bucket) with `status`,
// ordered by position then id. Pointers stay valid until the project's recordings change.
std::vector<Recording*> ChildrenOf(Project& project, Id parent, std::string_view type,
                                   RecordingStatus status = RecordingStatus::kActive);

// The project's dock tool of `type` ("Message::Board", "Vault", ...): the first one, enabled or
// not; null when the project has none.
Recording* FindTool(Project& project, std::string_view type);

// Active comments on the recording.
int CommentsCount(const World& world, Id recording);
// Boosts on the recording itself (event 0) or on one of its events.
int BoostsCount(const Project& project, Id recording, Id event = 0);

// Person keys subscribed to the recording (notified of its comments): as set through the API,
// else its creator and assignees.
std::vector<std::string> Subscribers(const RecordingRef& r);
// Adds and removes subscribers (keys); records "subscribers_changed" when the set changes.
void ChangeSubscribers(World& world, const RecordingRef& r, const std::vector<std::string>& add,
                       const std::vector<std::string>& remove, const std::string& actor,
                       Millis now);

}  // namespace bcsim
