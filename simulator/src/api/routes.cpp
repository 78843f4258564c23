#include "api/routes.h"

#include <map>

#include "api/handlers.h"

namespace bcsim::api {
namespace {

ApiResponse Complete(Ctx& c, const PathArgs& a) { return SetCompletion(c, a[0], true); }
ApiResponse Uncomplete(Ctx& c, const PathArgs& a) { return SetCompletion(c, a[0], false); }
ApiResponse Activate(Ctx& c, const PathArgs& a) {
  return SetStatus(c, a[0], RecordingStatus::kActive);
}
ApiResponse Archive(Ctx& c, const PathArgs& a) {
  return SetStatus(c, a[0], RecordingStatus::kArchived);
}
ApiResponse Trash(Ctx& c, const PathArgs& a) {
  return SetStatus(c, a[0], RecordingStatus::kTrashed);
}

ApiResponse SubscribeMe(Ctx& c, const PathArgs& a) { return Subscribe(c, a[0], true); }
ApiResponse UnsubscribeMe(Ctx& c, const PathArgs& a) { return Subscribe(c, a[0], false); }
ApiResponse MoveList(Ctx& c, const PathArgs& a) { return RepositionList(c, a[0], false); }
ApiResponse MoveGroup(Ctx& c, const PathArgs& a) { return RepositionList(c, a[0], true); }
// PUT todolists/{id}/position.json (the SDK's form): a list or a group, each answered as its
// own documented form answers.
ApiResponse MoveListOrGroup(Ctx& c, const PathArgs& a) {
  const std::optional<Id> id = ParseId(a[0]);
  std::optional<Found> f = id ? FindTodolist(c, *id) : std::nullopt;
  if (!f) return NotFound();
  return RepositionList(c, a[0], f->group != nullptr);
}

std::vector<Route> Build() {
  return {
      {"GET", "/{accountId}/my/profile.json", NoArgs<GetMyProfile>, false},
      {"GET", "/{accountId}/people.json", NoArgs<GetPeople>, false},
      {"GET", "/{accountId}/people/{personId}", OneArg<GetPerson>, false},
      {"GET", "/{accountId}/projects.json", NoArgs<GetProjects>, false},
      {"GET", "/{accountId}/projects/recordings.json", NoArgs<GetRecordings>, false},
      {"GET", "/{accountId}/projects/{projectId}", OneArg<GetProject>, false},
      {"GET", "/{accountId}/projects/{projectId}/people.json", OneArg<GetProjectPeople>, false},
      {"GET", "/{accountId}/projects/{projectId}/timesheet.json", OneArg<GetProjectTimesheet>,
       false},
      {"GET", "/{accountId}/projects/{projectId}/timeline.json", OneArg<GetProjectTimeline>,
       false},
      {"GET", "/{accountId}/comments.json", NoArgs<GetEverythingComments>, false},
      {"GET", "/{accountId}/todosets/{todosetId}", OneArg<GetTodoset>, true},
      {"GET", "/{accountId}/todosets/{todosetId}/todolists.json", OneArg<GetTodolists>, true},
      {"POST", "/{accountId}/todosets/{todosetId}/todolists.json", OneArg<PostTodolist>, true},
      {"GET", "/{accountId}/todolists/{id}", OneArg<GetTodolist>, true},
      {"PUT", "/{accountId}/todolists/{id}", OneArg<PutTodolist>, true},
      {"GET", "/{accountId}/todolists/{todolistId}/todos.json", OneArg<GetTodos>, true},
      {"POST", "/{accountId}/todolists/{todolistId}/todos.json", OneArg<PostTodo>, true},
      {"GET", "/{accountId}/todolists/{todolistId}/groups.json", OneArg<GetGroups>, true},
      {"POST", "/{accountId}/todolists/{todolistId}/groups.json", OneArg<PostGroup>, true},
      {"PUT", "/{accountId}/todosets/todolists/{todolistId}/position.json", MoveList, true},
      {"PUT", "/{accountId}/todolists/groups/{groupId}/position.json", MoveGroup, true},
      // The SDK's form of the same (todolistGroups.reposition), which Rails also routes.
      {"PUT", "/{accountId}/todolists/{groupId}/position.json", MoveListOrGroup, true},
      {"GET", "/{accountId}/todos/{todoId}", OneArg<GetTodo>, true},
      {"PUT", "/{accountId}/todos/{todoId}", OneArg<PutTodo>, true},
      // todos.trash in the SDK: Rails' destroy of a to-do trashes it (204), as status/trashed.
      {"DELETE", "/{accountId}/todos/{todoId}", Trash, true},
      {"POST", "/{accountId}/todos/{todoId}/completion.json", Complete, true},
      {"DELETE", "/{accountId}/todos/{todoId}/completion.json", Uncomplete, true},
      {"PUT", "/{accountId}/todos/{todoId}/position.json", OneArg<RepositionTodo>, true},
      {"PUT", "/{accountId}/recordings/{recordingId}/status/active.json", Activate, true},
      {"PUT", "/{accountId}/recordings/{recordingId}/status/archived.json", Archive, true},
      {"PUT", "/{accountId}/recordings/{recordingId}/status/trashed.json", Trash, true},
      {"GET", "/{accountId}/recordings/{recordingId}/comments.json", OneArg<GetComments>, true},
      {"POST", "/{accountId}/recordings/{recordingId}/comments.json", OneArg<PostComment>, true},
      {"GET", "/{accountId}/comments/{commentId}", OneArg<GetComment>, true},
      {"PUT", "/{accountId}/comments/{commentId}", OneArg<PutComment>, true},
      {"GET", "/{accountId}/recordings/{recordingId}/events.json", OneArg<GetEvents>, true},
      {"GET", "/{accountId}/recordings/{recordingId}/subscription.json",
       OneArg<GetSubscription>, true},
      {"POST", "/{accountId}/recordings/{recordingId}/subscription.json", SubscribeMe, true},
      {"DELETE", "/{accountId}/recordings/{recordingId}/subscription.json", UnsubscribeMe, true},
      {"PUT", "/{accountId}/recordings/{recordingId}/subscription.json",
       OneArg<PutSubscription>, true},
      {"GET", "/{accountId}/recordings/{recordingId}/timesheet.json",
       OneArg<GetRecordingTimesheet>, true},
      {"POST", "/{accountId}/recordings/{recordingId}/timesheet/entries.json",
       OneArg<PostTimesheetEntry>, true},
      {"GET", "/{accountId}/timesheet_entries/{entryId}", OneArg<GetTimesheetEntry>, true},
      {"PUT", "/{accountId}/timesheet_entries/{entryId}", OneArg<PutTimesheetEntry>, true},
      {"DELETE", "/{accountId}/timesheet_entries/{entryId}", OneArg<DeleteTimesheetEntry>, true},
      {"GET", "/{accountId}/reports/timesheet.json", NoArgs<GetTimesheetReport>, false},
      {"GET", "/{accountId}/my/assignments.json", NoArgs<GetMyAssignments>, false},
      {"GET", "/{accountId}/reports/todos/assigned.json", NoArgs<GetAssignablePeople>, false},
      {"GET", "/{accountId}/reports/todos/assigned/{personId}", OneArg<GetAssignedReport>, false},
  };
}

// A template's segments after "/{accountId}", with ".json" removed from the last one.
std::vector<std::string> TemplateSegments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = path.find('/', 1);
  while (start != std::string_view::npos) {
    std::size_t end = path.find('/', start + 1);
    out.emplace_back(path.substr(start + 1, end == std::string_view::npos ? end : end - start - 1));
    start = end;
  }
  std::string& last = out.back();
  if (last.size() > 5 && last.compare(last.size() - 5, 5, ".json") == 0) {
    last.resize(last.size() - 5);
  }
  return out;
}

struct Compiled {
  const Route* route;
  std::vector<std::string> segments;
  // The document writes some paths only under /{accountId}/buckets/{bucketId}/... (message
  // types, chatbots, client correspondence): they match only in a bucket, without the prefix,
  // which HandleApi has already taken off into Ctx::bucket.
  bool bucket_only;
};

// The compiled routes grouped by what a request fixes before any comparison: method, number of
// segments and first segment (every template's first segment after the account, or after the
// bucket prefix, is a literal), so a match compares a handful of candidates, not the table.
struct Index {
  static constexpr int kMethods = 4;  // GET, POST, PUT, DELETE
  std::vector<Compiled> compiled;
  // [method][segment count] -> first segment -> candidates, in table order.
  std::vector<std::map<std::string, std::vector<const Compiled*>, std::less<>>> groups[kMethods];
  std::vector<const Compiled*> odd;  // a template whose first segment is a placeholder
};

int MethodIndex(std::string_view method) {
  if (method == "GET" || method == "HEAD") return 0;
  if (method == "POST") return 1;
  if (method == "PUT") return 2;
  if (method == "DELETE") return 3;
  return -1;
}

const Index& RouteIndex() {
  static const Index kIndex = [] {
    Index out;
    out.compiled.reserve(RouteTable().size());
    for (const Route& r : RouteTable()) {
      std::vector<std::string> segments = TemplateSegments(r.path);
      const bool bucket_only = segments.size() > 2 && segments[0] == "buckets";
      if (bucket_only) segments.erase(segments.begin(), segments.begin() + 2);
      out.compiled.push_back({&r, std::move(segments), bucket_only});
    }
    for (const Compiled& c : out.compiled) {
      const int m = MethodIndex(c.route->method);
      if (m < 0 || c.segments.front().front() == '{') {
        out.odd.push_back(&c);
        continue;
      }
      auto& by_size = out.groups[m];
      if (by_size.size() <= c.segments.size()) by_size.resize(c.segments.size() + 1);
      by_size[c.segments.size()][c.segments.front()].push_back(&c);
    }
    return out;
  }();
  return kIndex;
}

}  // namespace

const std::vector<Route>& RouteTable() {
  static const std::vector<Route> kRoutes = [] {
    std::vector<Route> all = Build();
    for (std::vector<Route> (*family)() :
         {ContentRoutes, WorkRoutes, AccountRoutes, ActivityRoutes}) {
      std::vector<Route> more = family();
      all.insert(all.end(), more.begin(), more.end());
    }
    return all;
  }();
  return kRoutes;
}

const Route* MatchRoute(std::string_view method, const std::vector<std::string>& segments,
                        bool in_bucket, PathArgs* args) {
  if (method == "HEAD") method = "GET";
  if (segments.empty()) return nullptr;
  // The match with the most literal segments wins, whatever the table order: `todos/open`
  // is the Everything feed, not the to-do with id "open" (`todos/{todoId}`).
  const Compiled* best = nullptr;
  int best_literals = -1;
  auto consider = [&](const Compiled& c) {
    if (c.route->method != method || c.segments.size() != segments.size()) return;
    if (in_bucket ? !(c.route->bucket_scoped || c.bucket_only) : c.bucket_only) return;
    bool match = true;
    int literals = 0;
    for (std::size_t i = 0; i < segments.size() && match; ++i) {
      const std::string& want = c.segments[i];
      const bool placeholder = want.front() == '{';
      match = placeholder ? !segments[i].empty() : want == segments[i];
      literals += placeholder ? 0 : 1;
    }
    if (!match || literals <= best_literals) return;
    best = &c;
    best_literals = literals;
  };
  const Index& index = RouteIndex();
  const int m = MethodIndex(method);
  if (m >= 0 && segments.size() < index.groups[m].size()) {
    const auto& by_first = index.groups[m][segments.size()];
    auto it = by_first.find(std::string_view(segments.front()));
    if (it != by_first.end()) {
      for (const Compiled* c : it->second) consider(*c);
    }
  }
  for (const Compiled* c : index.odd) consider(*c);
  if (best == nullptr) return nullptr;
  args->clear();
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (best->segments[i].front() == '{') args->push_back(segments[i]);
  }
  return best->route;
}

}  // namespace bcsim::api
