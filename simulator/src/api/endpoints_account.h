// Internal to the Account family (endpoints_account*.cpp): its handlers, which the route list in
// endpoints_account.cpp names, and the helpers its files share.
#pragma once

#include <string>

#include "api/handlers.h"

namespace bcsim::api::account {

// 400 for a body that is not a JSON object.
ApiResponse NotAnObject();
// 422 with a field-keyed body ({"errors": {"name": ["can't be blank"]}}), for the operations
// whose document gives FieldValidationErrorResponseContent.
ApiResponse FieldErrors(const std::string& field, const std::string& message);
// The visible project (member) with this id text, or null.
Project* ProjectById(Ctx& c, const std::string& id);
// Active projects and templates of the account, for the plan's project limit.
int ActiveBuckets(const Account& account);
// 507 when one more active project would pass the plan's limit (Limits::project_limit).
std::optional<ApiResponse> ProjectLimitReached(Ctx& c);
// A fresh id for a project, template, webhook or folder: unused by any recording or project.
Id FreshId(World& world, const std::string& kind);
// Fills a new bucket's dock as Basecamp does for a new project: message board, to-dos, docs &
// files, chat and schedule enabled; check-ins, email forwards and card table disabled.
void AddDefaultDock(World& world, Project& p, const std::string& creator, Millis now);
// A date string of the request's day (YYYY-MM-DD, UTC).
std::string Today(const Ctx& c);

// Account (endpoints_account.cpp).
ApiResponse GetAccount(Ctx& c);
ApiResponse PutAccountName(Ctx& c);
ApiResponse PutAccountLogo(Ctx& c);
ApiResponse DeleteAccountLogo(Ctx& c);

// People extras (endpoints_account_people.cpp).
ApiResponse GetMyPreferences(Ctx& c);
ApiResponse PutMyPreferences(Ctx& c);
ApiResponse PutMyProfile(Ctx& c);
ApiResponse GetOutOfOffice(Ctx& c, const std::string& person_id);
ApiResponse PostOutOfOffice(Ctx& c, const std::string& person_id);
ApiResponse DeleteOutOfOffice(Ctx& c, const std::string& person_id);
ApiResponse GetPingablePeople(Ctx& c);
ApiResponse PutProjectAccess(Ctx& c, const std::string& project_id);

// Projects and templates (endpoints_account_projects.cpp).
ApiResponse PostProject(Ctx& c);
ApiResponse PutProject(Ctx& c, const std::string& project_id);
ApiResponse DeleteProject(Ctx& c, const std::string& project_id);
ApiResponse SetProjectStatus(Ctx& c, const std::string& project_id, RecordingStatus status);
ApiResponse GetTemplates(Ctx& c);
ApiResponse PostTemplate(Ctx& c);
ApiResponse GetTemplate(Ctx& c, const std::string& template_id);
ApiResponse PutTemplate(Ctx& c, const std::string& template_id);
ApiResponse DeleteTemplate(Ctx& c, const std::string& template_id);
ApiResponse PostConstruction(Ctx& c, const std::string& template_id);
ApiResponse GetConstruction(Ctx& c, const std::string& template_id, const std::string& id);

// Webhooks (endpoints_account_webhooks.cpp).
ApiResponse GetWebhooks(Ctx& c, const std::string& bucket_id);
ApiResponse PostWebhook(Ctx& c, const std::string& bucket_id);
ApiResponse GetWebhook(Ctx& c, const std::string& webhook_id);
ApiResponse PutWebhook(Ctx& c, const std::string& webhook_id);
ApiResponse DeleteWebhook(Ctx& c, const std::string& webhook_id);

// Dock tools (endpoints_account_tools.cpp).
ApiResponse PostTool(Ctx& c, const std::string& bucket_id);
// POST dock/tools.json (the SDK's tools.clone; Rails serves it without the bucket): the
// project is the one of `source_recording_id`.
ApiResponse PostToolOfSource(Ctx& c);
ApiResponse GetTool(Ctx& c, const std::string& tool_id);
ApiResponse PutTool(Ctx& c, const std::string& tool_id);
ApiResponse DeleteTool(Ctx& c, const std::string& tool_id);
ApiResponse EnableTool(Ctx& c, const std::string& tool_id);
ApiResponse RepositionTool(Ctx& c, const std::string& tool_id);
ApiResponse DisableTool(Ctx& c, const std::string& tool_id);

// Folders (endpoints_account_folders.cpp).
ApiResponse GetFolders(Ctx& c);
ApiResponse PostFolder(Ctx& c);
ApiResponse GetFolder(Ctx& c, const std::string& folder_id);
ApiResponse PutFolder(Ctx& c, const std::string& folder_id);
ApiResponse DeleteFolder(Ctx& c, const std::string& folder_id);

}  // namespace bcsim::api::account
