// The Account family of endpoints (see routes.h): its part of the route table, the helpers its
// files share (endpoints_account.h), and the account's own endpoints (account.json, name, logo).
#include "api/endpoints_account.h"

#include "api/routes.h"
#include "bcsim/recording_types.h"
#include "bcsim/world_loader.h"

namespace bcsim::api {
namespace account {

ApiResponse NotAnObject() { return Error(400, "The request body must be a JSON object"); }

ApiResponse FieldErrors(const std::string& field, const std::string& message) {
  return Json200(nlohmann::json{{"errors", {{field, nlohmann::json::array({message})}}}}, 422);
}

Project* ProjectById(Ctx& c, const std::string& id) {
  const std::optional<Id> pid = ParseId(id);
  return pid ? FindProject(c, *pid) : nullptr;
}

int ActiveBuckets(const Account& account) {
  int n = 0;
  for (const Project& p : account.projects) n += p.status == RecordingStatus::kActive ? 1 : 0;
  for (const Project& t : account.templates) n += t.status == RecordingStatus::kActive ? 1 : 0;
  return n;
}

std::optional<ApiResponse> ProjectLimitReached(Ctx& c) {
  const int limit = c.world.limits.project_limit;
  if (limit <= 0 || ActiveBuckets(c.account) < limit) return std::nullopt;
  return Error(507, "The project limit for this account has been reached.");
}

Id FreshId(World& world, const std::string& kind) {
  for (;;) {
    const Id id = NewId(world, kind);
    bool taken = false;
    for (const auto& by_id : world.index.project_by_id) taken = taken || by_id.count(id) > 0;
    if (!taken) return id;
  }
}

void AddDefaultDock(World& world, Project& p, const std::string& creator, Millis now) {
  Todoset set;
  set.key = p.key + "/todoset";
  set.id = NewId(world, "todoset");
  set.created_at = set.updated_at = now;
  p.todosets.push_back(std::move(set));
  int position = 0;
  for (const RecordingType& t : RecordingTypes()) {
    if (t.dock.empty() || t.dock == "todoset") continue;
    Recording tool;
    tool.id = NewId(world, std::string(t.dock));
    tool.type = std::string(t.type);
    tool.key = p.key + "/" + std::string(t.dock);
    tool.title = std::string(t.title);
    tool.creator = creator;
    tool.position = ++position;
    const bool on = t.dock == "message_board" || t.dock == "vault" || t.dock == "chat" ||
                    t.dock == "schedule";
    tool.fields["enabled"] = on;
    tool.created_at = tool.updated_at = now;
    p.recordings.push_back(std::move(tool));
  }
}

std::string Today(const Ctx& c) { return FormatTimestamp(c.req.now).substr(0, 10); }

namespace {

bool Manager(const Person& p) { return p.owner || p.admin; }

nlohmann::json RenderAccount(Ctx& c) {
  const Account& a = c.account;
  std::string owner_name;
  for (const Person& p : a.people) {
    if (p.owner && owner_name.empty()) owner_name = p.name;
  }
  const int limit = c.world.limits.project_limit;
  nlohmann::json subscription{{"short_name", limit > 0 ? "free" : "business"},
                              {"proper_name", limit > 0 ? "Basecamp Free" : "Basecamp Pro Unlimited"},
                              {"teams", true},
                              {"clients", true},
                              {"templates", true},
                              {"logo", true},
                              {"timesheet", true}};
  if (limit > 0) subscription["project_limit"] = limit;
  nlohmann::json out{
      {"id", a.id},
      {"name", a.name},
      {"owner_name", owner_name},
      {"active", !a.inactive},
      {"created_at", FormatTimestamp(c.world.start_time)},
      {"updated_at", FormatTimestamp(std::max(a.updated_at, c.world.start_time))},
      {"trial", false},
      {"frozen", false},
      {"paused", false},
      {"limits",
       {{"can_create_projects", limit <= 0 || ActiveBuckets(a) < limit},
        {"can_pin_projects", true},
        {"can_create_users", true},
        {"can_upload_files", true}}},
      {"subscription", std::move(subscription)},
      {"settings", {{"company_hq_enabled", false}, {"teams_enabled", true}, {"projects_enabled", true}}}};
  if (!a.logo_url.empty()) out["logo"] = {{"url", a.logo_url}};
  return out;
}

// The `logo` part of a multipart/form-data body, found without the request's Content-Type: the
// body's first line is its boundary. True when a part named "logo" with some content exists.
bool HasLogoPart(const std::string& body) {
  const std::size_t eol = body.find("\r\n");
  if (body.rfind("--", 0) != 0 || eol == std::string::npos) return false;
  const std::string boundary = body.substr(0, eol);
  std::size_t at = 0;
  while ((at = body.find(boundary, at)) != std::string::npos) {
    const std::size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string::npos) return false;
    const std::string headers = body.substr(at, headers_end - at);
    const std::size_t next = body.find(boundary, headers_end);
    const bool named = headers.find("name=\"logo\"") != std::string::npos;
    if (named && next != std::string::npos && next > headers_end + 4 + 2) return true;
    at = headers_end;
  }
  return false;
}

}  // namespace

ApiResponse GetAccount(Ctx& c) { return Json200(RenderAccount(c)); }

// Only the owner renames the account (api-facts.md §2.6).
ApiResponse PutAccountName(Ctx& c) {
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (!c.me.owner) return Forbidden();
  const std::optional<std::string> name = StringField(*body, "name");
  if (!name || name->empty()) return Error(400, "Name can't be blank");
  c.account.name = *name;
  c.account.updated_at = c.req.now;
  return Json200(RenderAccount(c));
}

ApiResponse PutAccountLogo(Ctx& c) {
  if (!Manager(c.me)) return Forbidden();
  if (!HasLogoPart(c.req.body)) return Unprocessable("Logo can't be blank");
  // Served like avatars: a stable address per account and change.
  c.account.logo_url = c.rc.urls.origin + "/logos/" + std::to_string(c.account.id) + "-" +
                       std::to_string(c.req.now) + ".png";
  c.account.updated_at = c.req.now;
  return NoContent();
}

ApiResponse DeleteAccountLogo(Ctx& c) {
  if (!Manager(c.me)) return Forbidden();
  c.account.logo_url.clear();
  c.account.updated_at = c.req.now;
  return NoContent();
}

namespace {

// A route the document writes only under /buckets/{bucketId}/: the router has already taken the
// bucket into Ctx::bucket (routes.cpp), so the handler gets it from there.
template <ApiResponse (*F)(Ctx&, const std::string&)>
ApiResponse BucketArg(Ctx& c, const PathArgs&) { return F(c, std::to_string(*c.bucket)); }

ApiResponse Archive(Ctx& c, const PathArgs& a) {
  return SetProjectStatus(c, a[0], RecordingStatus::kArchived);
}
ApiResponse Unarchive(Ctx& c, const PathArgs& a) {
  return SetProjectStatus(c, a[0], RecordingStatus::kActive);
}

}  // namespace
}  // namespace account

std::vector<Route> AccountRoutes() {
  using namespace account;  // NOLINT: the family's own handlers
  return {
      {"GET", "/{accountId}/account.json", NoArgs<GetAccount>, false},
      {"PUT", "/{accountId}/account/name.json", NoArgs<PutAccountName>, false},
      {"PUT", "/{accountId}/account/logo.json", NoArgs<PutAccountLogo>, false},
      {"DELETE", "/{accountId}/account/logo.json", NoArgs<DeleteAccountLogo>, false},
      {"GET", "/{accountId}/my/preferences.json", NoArgs<GetMyPreferences>, false},
      {"PUT", "/{accountId}/my/preferences.json", NoArgs<PutMyPreferences>, false},
      {"PUT", "/{accountId}/my/profile.json", NoArgs<PutMyProfile>, false},
      {"GET", "/{accountId}/people/{personId}/out_of_office.json", OneArg<GetOutOfOffice>, false},
      {"POST", "/{accountId}/people/{personId}/out_of_office.json", OneArg<PostOutOfOffice>, false},
      {"DELETE", "/{accountId}/people/{personId}/out_of_office.json", OneArg<DeleteOutOfOffice>,
       false},
      {"GET", "/{accountId}/circles/people.json", NoArgs<GetPingablePeople>, false},
      {"PUT", "/{accountId}/projects/{projectId}/people/users.json", OneArg<PutProjectAccess>,
       false},
      {"POST", "/{accountId}/projects.json", NoArgs<PostProject>, false},
      {"PUT", "/{accountId}/projects/{projectId}", OneArg<PutProject>, false},
      {"DELETE", "/{accountId}/projects/{projectId}", OneArg<DeleteProject>, false},
      {"PUT", "/{accountId}/projects/{projectId}/status/archived.json", Archive, false},
      {"PUT", "/{accountId}/projects/{projectId}/status/active.json", Unarchive, false},
      {"GET", "/{accountId}/templates.json", NoArgs<GetTemplates>, false},
      {"POST", "/{accountId}/templates.json", NoArgs<PostTemplate>, false},
      {"GET", "/{accountId}/templates/{templateId}", OneArg<GetTemplate>, false},
      {"PUT", "/{accountId}/templates/{templateId}", OneArg<PutTemplate>, false},
      {"DELETE", "/{accountId}/templates/{templateId}", OneArg<DeleteTemplate>, false},
      {"POST", "/{accountId}/templates/{templateId}/project_constructions.json",
       OneArg<PostConstruction>, false},
      {"GET", "/{accountId}/templates/{templateId}/project_constructions/{constructionId}",
       TwoArgs<GetConstruction>, false},
      {"GET", "/{accountId}/buckets/{bucketId}/webhooks.json", BucketArg<GetWebhooks>, false},
      {"POST", "/{accountId}/buckets/{bucketId}/webhooks.json", BucketArg<PostWebhook>, false},
      {"GET", "/{accountId}/webhooks/{webhookId}", OneArg<GetWebhook>, true},
      {"PUT", "/{accountId}/webhooks/{webhookId}", OneArg<PutWebhook>, true},
      {"DELETE", "/{accountId}/webhooks/{webhookId}", OneArg<DeleteWebhook>, true},
      {"POST", "/{accountId}/buckets/{bucketId}/dock/tools.json", BucketArg<PostTool>, false},
      {"POST", "/{accountId}/dock/tools.json", NoArgs<PostToolOfSource>, false},
      {"GET", "/{accountId}/dock/tools/{toolId}", OneArg<GetTool>, true},
      {"PUT", "/{accountId}/dock/tools/{toolId}", OneArg<PutTool>, true},
      {"DELETE", "/{accountId}/dock/tools/{toolId}", OneArg<DeleteTool>, true},
      {"POST", "/{accountId}/recordings/{toolId}/position.json", OneArg<EnableTool>, true},
      {"PUT", "/{accountId}/recordings/{toolId}/position.json", OneArg<RepositionTool>, true},
      {"DELETE", "/{accountId}/recordings/{toolId}/position.json", OneArg<DisableTool>, true},
      {"GET", "/{accountId}/stacks.json", NoArgs<GetFolders>, false},
      {"POST", "/{accountId}/stacks.json", NoArgs<PostFolder>, false},
      {"GET", "/{accountId}/stacks/{folderId}", OneArg<GetFolder>, false},
      {"PUT", "/{accountId}/stacks/{folderId}", OneArg<PutFolder>, false},
      {"DELETE", "/{accountId}/stacks/{folderId}", OneArg<DeleteFolder>, false},
  };
}

}  // namespace bcsim::api
