// Internal to the Content family (endpoints_content*.cpp): messages, files, campfire, client
// features and forwards. Helpers the parts share, and each part's slice of ContentRoutes().
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/handlers.h"
#include "api/routes.h"

namespace bcsim::api::content {

std::vector<Route> MessageRoutes();  // endpoints_content_messages.cpp
std::vector<Route> FileRoutes();     // endpoints_content_files.cpp
std::vector<Route> ChatRoutes();     // endpoints_content_chat.cpp
std::vector<Route> ClientRoutes();   // endpoints_content_client.cpp (client features, forwards)

std::string Num(Id id);

// Keeps only `keys` of a rendered object: a type's renderer starts from RenderRecordingBase and
// drops what its schema does not name.
void Keep(Json& out, std::initializer_list<const char*> keys);

// The base envelope with `keys` kept (bookmark/subscription/comments urls only where the type
// has them).
Json Base(Ctx& c, const RecordingRef& r, std::initializer_list<const char*> keys);

// A visible dock tool of `type` by id (404 otherwise: wrong type, disabled, not a member).
std::optional<RecordingRef> VisibleTool(Ctx& c, const std::string& id, std::string_view type);

// Clients change only what they made (403 otherwise); employees change anything they can see.
bool MayChange(const Ctx& c, const Recording& rec);

// The children of `parent` of `type`, active unless ?status= says archived or trashed, ordered
// by ?sort= (created_at | updated_at | position) and ?direction= (asc | desc); `newest_first`
// picks the default order (by created_at). nullopt for an unknown status/sort/direction.
std::optional<std::vector<Recording*>> ListChildren(Ctx& c, Project& project, Id parent,
                                                    std::initializer_list<std::string_view> types,
                                                    bool newest_first);
// A 400 answer for an unknown ?status=/?sort=/?direction=.
ApiResponse BadListParams();

// Optional body fields of a create/update: a type error is an answer (422), absence is fine.
// On success `out` holds the value when given.
std::optional<ApiResponse> OptionalString(const Json& body, const char* key,
                                          std::optional<std::string>& out);
std::optional<ApiResponse> OptionalBool(const Json& body, const char* key,
                                        std::optional<bool>& out);
// `subscriptions`: person ids of project members who follow the new recording (422 otherwise).
std::optional<ApiResponse> OptionalPeople(Ctx& c, const Project& project, const Json& body,
                                          const char* key,
                                          std::optional<std::vector<std::string>>& out);
// `status` of a create: absent or "active" (published). Basecamp's drafts are not modelled.
std::optional<ApiResponse> CreateStatus(const Json& body);

// 400 for a body that is not a JSON object.
ApiResponse NotAnObject();

// Adds `rec` under `parent` in the parent's project as the caller, sets its subscribers when
// given, and returns the new recording's ref.
RecordingRef AddChild(Ctx& c, const RecordingRef& parent, Recording rec,
                      const std::optional<std::vector<std::string>>& subscribers);

// Records `action` on the recording and bumps updated_at (the write's event).
void Touch(Ctx& c, const RecordingRef& r, const std::string& action);

// An attachment's metadata as POST /attachments.json issued it (its attachable_sgid carries
// it: the simulator keeps no blob store). nullopt for an sgid it did not issue.
struct Blob {
  std::string filename;
  std::string content_type;
  long long byte_size = 0;
};
std::string BlobSgid(const Blob& blob);
std::optional<Blob> BlobOf(const std::string& sgid);
// A content type from a filename's extension (the API request carries no Content-Type here).
std::string ContentTypeOf(const std::string& filename);
// Where a blob would download from: outside the API (Basecamp's storage host).
std::string DownloadUrl(const Ctx& c, Id recording, const std::string& filename);

// The generic renderer of any Content recording (for client_visibility and lists of mixed
// types); defined in endpoints_content.cpp from the parts' renderers.
Json RenderMessage(Ctx& c, const RecordingRef& r);
Json RenderVault(Ctx& c, const RecordingRef& r);
Json RenderDocument(Ctx& c, const RecordingRef& r);
Json RenderUpload(Ctx& c, const RecordingRef& r);

}  // namespace bcsim::api::content

namespace bcsim::api::content {
// A tool's place in its project's dock (1-based; 0 when disabled or not a tool).
int DockPlace(const Project& project, Id tool);
}  // namespace bcsim::api::content
