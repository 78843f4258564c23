// Internal to the API: the per-request context and the endpoint handlers (one per route).
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/api.h"
#include "api/render.h"
#include "bcsim/recordings.h"

namespace bcsim::api {

struct Ctx {
  World& world;
  const ApiRequest& req;
  std::size_t account_index;
  Account& account;
  const Person& me;
  RenderContext rc;
  std::optional<Id> bucket;  // the project id of a /buckets/{p}/... (or legacy /projects/{p}/recordings/...) path
};

// A recording found for the current person; fields below its kind are null.
struct Found {
  Project* project = nullptr;
  Todoset* set = nullptr;
  Todolist* list = nullptr;   // the top-level list (for a group or a to-do in a group too)
  Todolist* group = nullptr;  // the group, when the entry is a group or a to-do in one
  Todo* todo = nullptr;
  Todolist* holder() const { return group != nullptr ? group : list; }  // the to-do's parent
};

ApiResponse Json200(const nlohmann::json& body, int status = 200);
ApiResponse Error(int status, const std::string& message);
ApiResponse NotFound();

bool IsMember(const Project& project, const std::string& person_key);
std::optional<Id> ParseId(const std::string& text);
std::string Param(const ApiRequest& req, const std::string& key);

// The visible project with this id (member; matching the bucket when given).
Project* FindProject(Ctx& c, Id id);
// A visible to-do set / list-or-group / to-do by id, honouring c.bucket. Lists and to-dos of a
// disabled to-do set are not visible.
std::optional<Found> FindTodoset(Ctx& c, Id id);
std::optional<Found> FindTodolist(Ctx& c, Id id);
std::optional<Found> FindTodo(Ctx& c, Id id);
// Any recording (bcsim/recordings.h) the current person can see, honouring c.bucket; things in a
// disabled to-do set are not visible.
std::optional<RecordingRef> FindVisible(Ctx& c, Id id);
std::optional<RecordingRef> FindVisible(Ctx& c, const std::string& id);
// A visible generic recording (r.recording set) of one of `types` ("Message", ...), or nullopt.
std::optional<RecordingRef> FindVisibleOf(Ctx& c, const std::string& id,
                                          std::initializer_list<std::string_view> types);
// The ref of a recording already found (for rendering); nullopt only if it is not indexed.
std::optional<RecordingRef> Ref(Ctx& c, const Recording& rec);
// One page (paginate.h: geared pages, Link, X-Total-Count) of `items`, each rendered by `render`.
ApiResponse ListPage(Ctx& c, const std::vector<Recording*>& items,
                     const std::function<nlohmann::json(const RecordingRef&)>& render);
// body[key] when it is a string.
std::optional<std::string> StringField(const nlohmann::json& body, const char* key);
// 422 with Basecamp's error body ({"error": message}).
ApiResponse Unprocessable(const std::string& message);
// The request body as a JSON object, or nullopt (then answer 400).
std::optional<nlohmann::json> BodyObject(const ApiRequest& req);
// 201 with the body and `Location: url`.
ApiResponse Created(const nlohmann::json& body);
ApiResponse NoContent();
ApiResponse Forbidden();

ApiResponse GetMyProfile(Ctx& c);
ApiResponse GetPeople(Ctx& c);
ApiResponse GetPerson(Ctx& c, const std::string& id);
ApiResponse GetProjectPeople(Ctx& c, const std::string& project_id);
ApiResponse GetProjects(Ctx& c);
ApiResponse GetProject(Ctx& c, const std::string& id);
ApiResponse GetTodoset(Ctx& c, const std::string& id);
ApiResponse GetTodolists(Ctx& c, const std::string& todoset_id);
ApiResponse GetTodolist(Ctx& c, const std::string& id);
ApiResponse GetGroups(Ctx& c, const std::string& list_id);
ApiResponse GetTodos(Ctx& c, const std::string& list_id);
ApiResponse GetTodo(Ctx& c, const std::string& id);
ApiResponse GetMyAssignments(Ctx& c);
ApiResponse GetAssignedReport(Ctx& c, const std::string& person_id);
ApiResponse GetRecordings(Ctx& c);
ApiResponse SetCompletion(Ctx& c, const std::string& todo_id, bool completed);
ApiResponse PostTimesheetEntry(Ctx& c, const std::string& recording_id);
ApiResponse GetRecordingTimesheet(Ctx& c, const std::string& recording_id);
ApiResponse GetProjectTimesheet(Ctx& c, const std::string& project_id);
ApiResponse GetTimesheetReport(Ctx& c);
ApiResponse GetTimesheetEntry(Ctx& c, const std::string& entry_id);
ApiResponse PutTimesheetEntry(Ctx& c, const std::string& entry_id);
ApiResponse DeleteTimesheetEntry(Ctx& c, const std::string& entry_id);
ApiResponse PostTodo(Ctx& c, const std::string& list_id);
ApiResponse PutTodo(Ctx& c, const std::string& todo_id);
ApiResponse RepositionTodo(Ctx& c, const std::string& todo_id);
ApiResponse PostTodolist(Ctx& c, const std::string& todoset_id);
ApiResponse PutTodolist(Ctx& c, const std::string& list_id);
ApiResponse SetStatus(Ctx& c, const std::string& recording_id, RecordingStatus status);
ApiResponse GetComments(Ctx& c, const std::string& recording_id);
ApiResponse PostComment(Ctx& c, const std::string& recording_id);
ApiResponse GetComment(Ctx& c, const std::string& comment_id);
ApiResponse PutComment(Ctx& c, const std::string& comment_id);
ApiResponse GetEvents(Ctx& c, const std::string& recording_id);
ApiResponse GetProjectTimeline(Ctx& c, const std::string& project_id);
ApiResponse GetEverythingComments(Ctx& c);
ApiResponse GetAssignablePeople(Ctx& c);
ApiResponse GetSubscription(Ctx& c, const std::string& recording_id);
// POST (subscribe: 200 with the subscription) or DELETE (unsubscribe: 204) for the caller.
ApiResponse Subscribe(Ctx& c, const std::string& recording_id, bool subscribe);
ApiResponse PutSubscription(Ctx& c, const std::string& recording_id);
ApiResponse PostGroup(Ctx& c, const std::string& list_id);
// PUT todosets/todolists/{id}/position.json (204) and todolists/groups/{id}/position.json (200).
ApiResponse RepositionList(Ctx& c, const std::string& list_id, bool group);

}  // namespace bcsim::api
