// The Content family of endpoints (see routes.h): its part of the route table, assembled from
// its parts, and the helpers they share (content.h).
#include <algorithm>
#include <cctype>

#include "api/content.h"

namespace bcsim::api {

std::vector<Route> ContentRoutes() {
  std::vector<Route> all;
  for (std::vector<Route> (*part)() : {content::MessageRoutes, content::FileRoutes,
                                       content::ChatRoutes, content::ClientRoutes}) {
    std::vector<Route> more = part();
    all.insert(all.end(), more.begin(), more.end());
  }
  return all;
}

namespace content {

std::string Num(Id id) { return std::to_string(id); }

void Keep(Json& out, std::initializer_list<const char*> keys) {
  for (auto it = out.begin(); it != out.end();) {
    const bool kept = std::any_of(keys.begin(), keys.end(),
                                  [&](const char* k) { return it.key() == k; });
    it = kept ? std::next(it) : out.erase(it);
  }
}

Json Base(Ctx& c, const RecordingRef& r, std::initializer_list<const char*> keys) {
  Json out = RenderRecordingBase(c.rc, r);
  Keep(out, keys);
  return out;
}

std::optional<RecordingRef> VisibleTool(Ctx& c, const std::string& id, std::string_view type) {
  std::optional<RecordingRef> r = FindVisibleOf(c, id, {type});
  if (!r || r->recording->status == RecordingStatus::kTrashed) return std::nullopt;
  return r;
}

int DockPlace(const Project& project, Id tool) {
  for (const DockEntry& e : Dock(project)) {
    if (e.tool != nullptr && e.tool->id == tool) return e.position > 0 ? e.position : 0;
  }
  return 0;
}

bool MayChange(const Ctx& c, const Recording& rec) {
  return !c.me.client || rec.creator == c.me.key;
}

std::optional<std::vector<Recording*>> ListChildren(Ctx& c, Project& project, Id parent,
                                                    std::initializer_list<std::string_view> types,
                                                    bool newest_first) {
  RecordingStatus status = RecordingStatus::kActive;
  const std::string want = Param(c.req, "status");
  if (want == "archived") status = RecordingStatus::kArchived;
  else if (want == "trashed") status = RecordingStatus::kTrashed;
  else if (!want.empty() && want != "active") return std::nullopt;
  std::string sort = Param(c.req, "sort");
  std::string direction = Param(c.req, "direction");
  if (sort.empty()) sort = newest_first ? "created_at" : "position";
  if (direction.empty()) direction = newest_first ? "desc" : "asc";
  if (sort != "created_at" && sort != "updated_at" && sort != "position") return std::nullopt;
  if (direction != "asc" && direction != "desc") return std::nullopt;
  std::vector<Recording*> out;
  for (std::string_view t : types) {
    std::vector<Recording*> some = ChildrenOf(project, parent, t, status);
    out.insert(out.end(), some.begin(), some.end());
  }
  if (c.me.client) {  // what is hidden from clients is not listed for them
    std::erase_if(out, [](const Recording* r) { return !r->visible_to_clients; });
  }
  auto key = [&](const Recording* r) -> Millis {
    if (sort == "created_at") return r->created_at;
    if (sort == "updated_at") return r->updated_at;
    return r->position;
  };
  std::stable_sort(out.begin(), out.end(), [&](const Recording* a, const Recording* b) {
    if (key(a) != key(b)) return direction == "asc" ? key(a) < key(b) : key(a) > key(b);
    return direction == "asc" ? a->id < b->id : a->id > b->id;
  });
  return out;
}

ApiResponse BadListParams() {
  return Error(400, "status must be active, archived or trashed; sort created_at, updated_at "
                    "or position; direction asc or desc");
}

std::optional<ApiResponse> OptionalString(const Json& body, const char* key,
                                          std::optional<std::string>& out) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) return Unprocessable(std::string(key) + " must be text");
  out = it->get<std::string>();
  return std::nullopt;
}

std::optional<ApiResponse> OptionalBool(const Json& body, const char* key,
                                        std::optional<bool>& out) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) return Unprocessable(std::string(key) + " must be true or false");
  out = it->get<bool>();
  return std::nullopt;
}

std::optional<ApiResponse> OptionalPeople(Ctx& c, const Project& project, const Json& body,
                                          const char* key,
                                          std::optional<std::vector<std::string>>& out) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_array()) return Unprocessable(std::string(key) + " must be a list of people ids");
  const auto& by_id = c.world.index.person_by_id[c.account_index];
  std::vector<std::string> keys;
  for (const Json& id : *it) {
    auto p = id.is_number_integer() ? by_id.find(id.get<Id>()) : by_id.end();
    if (p == by_id.end() || !IsMember(project, c.account.people[p->second].key)) {
      return Unprocessable(std::string(key) + " must be people on this project");
    }
    const std::string& k = c.account.people[p->second].key;
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  }
  out = std::move(keys);
  return std::nullopt;
}

std::optional<ApiResponse> CreateStatus(const Json& body) {
  std::optional<std::string> status;
  if (auto bad = OptionalString(body, "status", status)) return bad;
  if (status && *status != "active") {
    return Unprocessable("status must be active (drafts are not simulated)");
  }
  return std::nullopt;
}

ApiResponse NotAnObject() { return Error(400, "The request body must be a JSON object"); }

RecordingRef AddChild(Ctx& c, const RecordingRef& parent, Recording rec,
                      const std::optional<std::vector<std::string>>& subscribers) {
  rec.parent = parent.id;
  rec.creator = c.me.key;
  Project& project = *parent.project;
  const Id id = AddRecording(c.world, project, std::move(rec), c.me.key, c.req.now);
  if (subscribers) project.subscriptions[id] = *subscribers;
  return *FindRecording(c.world, id);
}

void Touch(Ctx& c, const RecordingRef& r, const std::string& action) {
  *r.updated_at = c.req.now;
  RecordEvent(*r.project, c.world, r.id, action, c.me.key, c.req.now);
}

namespace {

constexpr std::string_view kBlobPrefix = "bcsim-blob-";

std::string Hex(const std::string& text) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char ch : text) {
    out += kDigits[ch >> 4];
    out += kDigits[ch & 15];
  }
  return out;
}

std::optional<std::string> Unhex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto digit = [](char ch) -> int {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

}  // namespace

std::string BlobSgid(const Blob& blob) {
  const Json meta{{"f", blob.filename}, {"t", blob.content_type}, {"s", blob.byte_size}};
  return std::string(kBlobPrefix) + Hex(meta.dump());
}

std::optional<Blob> BlobOf(const std::string& sgid) {
  if (sgid.rfind(kBlobPrefix, 0) != 0) return std::nullopt;
  std::optional<std::string> text = Unhex(std::string_view(sgid).substr(kBlobPrefix.size()));
  if (!text) return std::nullopt;
  Json meta = Json::parse(*text, nullptr, false);
  if (!meta.is_object() || !meta.contains("f") || !meta["f"].is_string() || !meta.contains("t") ||
      !meta["t"].is_string() || !meta.contains("s") || !meta["s"].is_number_integer()) {
    return std::nullopt;
  }
  return Blob{meta["f"].get<std::string>(), meta["t"].get<std::string>(),
              meta["s"].get<long long>()};
}

std::string ContentTypeOf(const std::string& filename) {
  const std::size_t dot = filename.rfind('.');
  std::string ext = dot == std::string::npos ? "" : filename.substr(dot + 1);
  for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  static const std::vector<std::pair<std::string_view, std::string_view>> kTypes = {
      {"png", "image/png"},        {"jpg", "image/jpeg"},      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},        {"pdf", "application/pdf"}, {"txt", "text/plain"},
      {"csv", "text/csv"},         {"html", "text/html"},      {"json", "application/json"},
      {"zip", "application/zip"},
  };
  for (const auto& [e, type] : kTypes) {
    if (ext == e) return std::string(type);
  }
  return "application/octet-stream";
}

std::string DownloadUrl(const Ctx& c, Id recording, const std::string& filename) {
  return c.rc.urls.origin + "/storage/" + Num(c.account.id) + "/blobs/" + Num(recording) +
         "/download/" + filename;
}

}  // namespace content
}  // namespace bcsim::api
