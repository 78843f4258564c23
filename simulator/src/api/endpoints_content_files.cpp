// Files ("Docs & Files"): vaults (the dock tool and folders in it), documents, uploads and
// their versions, attachments, cloud files and Google documents.
//
// fields: an upload's filename/content_type/byte_size/description and `versions` (one per file
// it has had, newest last); a cloud file's `service`, `link` and `description`; a Google
// document's `document_type`, `link` and `description`.
#include <algorithm>
#include <utility>

#include "api/content.h"
#include "bcsim/world_loader.h"

namespace bcsim::api::content {
namespace {

std::string UrlWithout(const std::string& url, const std::string& tail) {
  return url.substr(0, url.size() - 5) + tail;  // "...{id}.json" -> "...{id}" + tail
}

int ActiveChildren(Project& project, Id parent, std::string_view type) {
  return static_cast<int>(ChildrenOf(project, parent, type).size());
}

std::optional<RecordingRef> VisibleVault(Ctx& c, const std::string& id) {
  std::optional<RecordingRef> r = FindVisibleOf(c, id, {"Vault"});
  if (!r || r->recording->status == RecordingStatus::kTrashed) return std::nullopt;
  return r;
}

// ---- shared create/update pieces ----

struct Common {  // what every file-ish create accepts besides its own fields
  std::optional<bool> visible;
  std::optional<std::vector<std::string>> subscribers;
};

std::optional<ApiResponse> ReadCommon(Ctx& c, const RecordingRef& vault, const Json& body,
                                      Common& out) {
  if (auto bad = OptionalBool(body, "visible_to_clients", out.visible)) return bad;
  return OptionalPeople(c, *vault.project, body, "subscriptions", out.subscribers);
}

ApiResponse AddToVault(Ctx& c, const RecordingRef& vault, Recording rec, const Common& common,
                       Json (*render)(Ctx&, const RecordingRef&)) {
  rec.visible_to_clients = c.me.client || common.visible.value_or(vault.recording->visible_to_clients);
  return Created(render(c, AddChild(c, vault, std::move(rec), common.subscribers)));
}

// ---- vaults ----

ApiResponse GetVault(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleVault(c, a[0]);
  if (!r) return NotFound();
  return Json200(RenderVault(c, *r));
}

ApiResponse UpdateVault(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleVault(c, a[0]);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (!MayChange(c, *r->recording)) return Forbidden();
  std::optional<std::string> title;
  if (auto bad = OptionalString(*body, "title", title)) return *bad;
  if (title && title->empty()) return Unprocessable("Title can't be blank");
  if (title && *title != r->recording->title) {
    r->recording->title = *title;
    Touch(c, *r, "title_changed");
  }
  return Json200(RenderVault(c, *r));
}

ApiResponse ListVaults(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleVault(c, a[0]);
  if (!r) return NotFound();
  auto items = ListChildren(c, *r->project, r->id, {"Vault"}, false);
  if (!items) return BadListParams();
  return ListPage(c, *items, [&](const RecordingRef& v) { return RenderVault(c, v); });
}

ApiResponse CreateVault(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleVault(c, a[0]);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  std::optional<std::string> title;
  if (auto bad = OptionalString(*body, "title", title)) return *bad;
  if (!title || title->empty()) return Unprocessable("Title can't be blank");
  Recording rec;
  rec.type = "Vault";
  rec.title = *title;
  return AddToVault(c, *r, std::move(rec), Common{}, RenderVault);
}

// ---- documents ----

ApiResponse ListDocuments(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleVault(c, a[0]);
  if (!r) return NotFound();
  auto items = ListChildren(c, *r->project, r->id, {"Document"}, false);
  if (!items) return BadListParams();
  return ListPage(c, *items, [&](const RecordingRef& d) { return RenderDocument(c, d); });
}

ApiResponse CreateDocument(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleVault(c, a[0]);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (auto bad = CreateStatus(*body)) return *bad;
  std::optional<std::string> title, content;
  if (auto bad = OptionalString(*body, "title", title)) return *bad;
  if (auto bad = OptionalString(*body, "content", content)) return *bad;
  if (!title || title->empty()) return Unprocessable("Title can't be blank");
  Common common;
  if (auto bad = ReadCommon(c, *r, *body, common)) return *bad;
  Recording rec;
  rec.type = "Document";
  rec.title = *title;
  rec.content = content.value_or("");
  return AddToVault(c, *r, std::move(rec), common, RenderDocument);
}

ApiResponse GetDocument(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = FindVisibleOf(c, a[0], {"Document"});
  if (!r) return NotFound();
  return Json200(RenderDocument(c, *r));
}

ApiResponse ReplaceDocument(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = FindVisibleOf(c, a[0], {"Document"});
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (!MayChange(c, *r->recording)) return Forbidden();
  std::optional<std::string> title, content;
  if (auto bad = OptionalString(*body, "title", title)) return *bad;
  if (auto bad = OptionalString(*body, "content", content)) return *bad;
  if (title && title->empty()) return Unprocessable("Title can't be blank");
  Recording& rec = *r->recording;
  if ((title && *title != rec.title) || (content && *content != rec.content)) {
    rec.title = title.value_or(rec.title);
    rec.content = content.value_or(rec.content);
    Touch(c, *r, "content_changed");
  }
  return Json200(RenderDocument(c, *r));
}

// ---- attachments and uploads ----

ApiResponse CreateAttachment(Ctx& c, const PathArgs&) {
  const std::string name = Param(c.req, "name");
  if (name.empty()) return Unprocessable("name (the file's name) is required");
  if (name.find('/') != std::string::npos) return Unprocessable("name must be a file name");
  if (c.req.body.empty()) return Unprocessable("The file is empty");
  const Blob blob{name, ContentTypeOf(name), static_cast<long long>(c.req.body.size())};
  return Json200(Json{{"attachable_sgid", BlobSgid(blob)}}, 201);
}

std::string Extension(const std::string& filename) {
  const std::size_t dot = filename.rfind('.');
  return dot == std::string::npos ? "" : filename.substr(dot);
}

// Sets the upload's current file from `blob` (renamed to base_name + its extension when
// given) and appends it to its versions; `version` is the id of the event that added it.
void SetFile(Recording& rec, const Blob& blob, const std::optional<std::string>& base_name,
             Id version, const std::string& creator, Millis now) {
  const std::string filename = base_name ? *base_name + Extension(blob.filename) : blob.filename;
  rec.title = filename;
  rec.fields["filename"] = filename;
  rec.fields["content_type"] = blob.content_type;
  rec.fields["byte_size"] = blob.byte_size;
  if (!rec.fields.contains("versions")) rec.fields["versions"] = Json::array();
  rec.fields["versions"].push_back({{"id", version},
                                    {"filename", filename},
                                    {"content_type", blob.content_type},
                                    {"byte_size", blob.byte_size},
                                    {"creator", creator},
                                    {"created_at", now}});
}

std::optional<ApiResponse> ReadBlob(const Json& body, Blob& blob,
                                    std::optional<std::string>& base_name) {
  std::optional<std::string> sgid;
  if (auto bad = OptionalString(body, "attachable_sgid", sgid)) return bad;
  if (!sgid) return Unprocessable("attachable_sgid can't be blank");
  std::optional<Blob> found = BlobOf(*sgid);
  if (!found) return Unprocessable("attachable_sgid is not an attachment (POST /attachments.json)");
  blob = *found;
  if (auto bad = OptionalString(body, "base_name", base_name)) return bad;
  if (base_name && base_name->empty()) return Unprocessable("base_name can't be blank");
  return std::nullopt;
}

ApiResponse ListUploads(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleVault(c, a[0]);
  if (!r) return NotFound();
  auto items = ListChildren(c, *r->project, r->id, {"Upload"}, false);
  if (!items) return BadListParams();
  return ListPage(c, *items, [&](const RecordingRef& u) { return RenderUpload(c, u); });
}

ApiResponse CreateUpload(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleVault(c, a[0]);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  Blob blob;
  std::optional<std::string> base_name, description;
  if (auto bad = ReadBlob(*body, blob, base_name)) return *bad;
  if (auto bad = OptionalString(*body, "description", description)) return *bad;
  Common common;
  if (auto bad = ReadCommon(c, *r, *body, common)) return *bad;
  Recording rec;
  rec.type = "Upload";
  rec.fields["description"] = description.value_or("");
  rec.visible_to_clients = c.me.client || common.visible.value_or(false);
  RecordingRef added = AddChild(c, *r, std::move(rec), common.subscribers);
  // The first version is the "created" event AddRecording just recorded.
  SetFile(*added.recording, blob, base_name, added.project->events.back().id, c.me.key, c.req.now);
  return Created(RenderUpload(c, added));
}

ApiResponse GetUpload(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = FindVisibleOf(c, a[0], {"Upload"});
  if (!r) return NotFound();
  return Json200(RenderUpload(c, *r));
}

ApiResponse UpdateUpload(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = FindVisibleOf(c, a[0], {"Upload"});
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (!MayChange(c, *r->recording)) return Forbidden();
  std::optional<std::string> description, base_name;
  if (auto bad = OptionalString(*body, "description", description)) return *bad;
  if (auto bad = OptionalString(*body, "base_name", base_name)) return *bad;
  if (base_name && base_name->empty()) return Unprocessable("base_name can't be blank");
  Recording& rec = *r->recording;
  const Recording before = rec;
  if (description) rec.fields["description"] = *description;
  if (base_name) {
    const std::string filename = *base_name + Extension(rec.fields.value("filename", ""));
    rec.title = filename;
    rec.fields["filename"] = filename;
  }
  if (rec.fields != before.fields) Touch(c, *r, "updated");
  return Json200(RenderUpload(c, *r));
}

ApiResponse ListUploadVersions(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = FindVisibleOf(c, a[0], {"Upload"});
  if (!r) return NotFound();
  const Json versions = r->recording->fields.value("versions", Json::array());
  const Id id = r->id;
  // Newest first, as Basecamp lists them; the newest is the current file.
  Json out = Json::array();
  for (std::size_t i = versions.size(); i-- > 0;) {
    const Json& v = versions[i];
    const std::string filename = v["filename"].get<std::string>();
    out.push_back({{"id", v["id"]},
                   {"recording_id", id},
                   {"action", i == 0 ? "created" : "version_added"},
                   {"details", Json::object()},
                   {"created_at", FormatTimestamp(v["created_at"].get<Millis>())},
                   {"creator", RenderPersonByKey(c.rc, v["creator"].get<std::string>())},
                   {"upload", {{"content_type", v["content_type"]},
                               {"byte_size", v["byte_size"]},
                               {"filename", filename},
                               {"download_url", DownloadUrl(c, v["id"].get<Id>(), filename)},
                               {"app_download_url", DownloadUrl(c, v["id"].get<Id>(), filename)},
                               {"current", i + 1 == versions.size()}}}});
  }
  return Json200(out);
}

ApiResponse CreateUploadVersion(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = FindVisibleOf(c, a[0], {"Upload"});
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (!MayChange(c, *r->recording)) return Forbidden();
  Blob blob;
  std::optional<std::string> base_name, description;
  if (auto bad = ReadBlob(*body, blob, base_name)) return *bad;
  if (auto bad = OptionalString(*body, "description", description)) return *bad;
  std::optional<std::vector<std::string>> subscribers;
  if (auto bad = OptionalPeople(c, *r->project, *body, "subscriptions", subscribers)) return *bad;
  Touch(c, *r, "version_added");
  SetFile(*r->recording, blob, base_name, r->project->events.back().id, c.me.key, c.req.now);
  if (description) r->recording->fields["description"] = *description;
  if (subscribers) r->project->subscriptions[r->id] = *subscribers;
  return Created(RenderUpload(c, *r));
}

// ---- cloud files and Google documents ----

struct Service {
  const char* code;
  const char* name;
  const char* host;  // a valid url contains it
};
const std::vector<Service>& Services() {
  static const std::vector<Service> kServices = {
      {"dropbox", "Dropbox", "dropbox.com"},  {"box", "Box", "box.com"},
      {"onedrive", "OneDrive", "onedrive"},   {"figma", "Figma", "figma.com"},
      {"airtable", "Airtable", "airtable.com"}, {"miro", "Miro", "miro.com"},
      {"google_doc", "Google Docs", "docs.google.com"},
      // The document: "`other` accepts any well-formed HTTPS URL".
      {"other", "Other", ""},
  };
  return kServices;
}

const Service* FindService(const std::string& code) {
  for (const Service& s : Services()) {
    if (code == s.code) return &s;
  }
  return nullptr;
}

// Basecamp answers these two creates with field-keyed errors ({"errors": {"url": [...]}}).
ApiResponse FieldErrors(const std::string& field, const std::string& message) {
  return Json200(Json{{"errors", {{field, Json::array({message})}}}}, 422);
}

bool IsWebUrl(const std::string& url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

// url + (service | document_type) + title + description of a cloud file or Google document
// (both create and update take all of url and its kind). Applied to `rec`.
std::optional<ApiResponse> ApplyLink(const Json& body, bool google, Recording& rec) {
  const char* kind = google ? "document_type" : "service";
  std::optional<std::string> url, kind_value, title, description;
  for (auto [key, slot] : {std::pair{"url", &url}, std::pair{kind, &kind_value},
                           std::pair{"title", &title}, std::pair{"description", &description}}) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) continue;
    if (!it->is_string()) return FieldErrors(key, "must be text");
    *slot = it->get<std::string>();
  }
  if (!url || url->empty()) return FieldErrors("url", "can't be blank");
  if (!kind_value || kind_value->empty()) return FieldErrors(kind, "can't be blank");
  if (google) {
    // The document's enum; its url carries only a presence validation.
    static const std::vector<std::string> kTypes = {"doc", "sheet", "slide", "other"};
    if (std::find(kTypes.begin(), kTypes.end(), *kind_value) == kTypes.end()) {
      return FieldErrors(kind, "is not a valid document type");
    }
  } else {
    const Service* s = FindService(*kind_value);
    if (s == nullptr) return FieldErrors(kind, "is not included in the list");
    const bool other = std::string_view(s->code) == "other";
    if (other ? url->rfind("https://", 0) != 0 || url->size() <= 8
              : !IsWebUrl(*url) || url->find(s->host) == std::string::npos) {
      return FieldErrors("url", "is not a " + std::string(s->name) + " url");
    }
  }
  rec.fields["link"] = *url;
  rec.fields[kind] = *kind_value;
  if (description) rec.fields["description"] = *description;
  if (!rec.fields.contains("description")) rec.fields["description"] = "";
  if (title && !title->empty()) rec.title = *title;
  if (rec.title.empty()) rec.title = *url;
  return std::nullopt;
}

Json RenderLinked(Ctx& c, const RecordingRef& r, bool google) {
  Json out = Base(c, r, {"id", "status", "visible_to_clients", "created_at", "updated_at",
                         "title", "inherits_status", "type", "url", "app_url", "bookmark_url",
                         "subscription_url", "comments_count", "comments_url", "position",
                         "parent", "bucket", "creator", "boosts_count", "boosts_url"});
  const Recording& rec = *r.recording;
  out["description"] = rec.fields.value("description", "");
  out["description_attachments"] = Json::array();
  if (google) {
    out["document_type"] = rec.fields.value("document_type", "doc");
    return out;
  }
  const Service* s = FindService(rec.fields.value("service", ""));
  const std::string code = s != nullptr ? s->code : rec.fields.value("service", "");
  const std::string host = s != nullptr ? s->host : "";
  out["service"] = {{"name", s != nullptr ? s->name : code},
                    {"code", code},
                    {"example_url", "https://" + (host.empty() ? "example.com" : host) + "/..."},
                    {"valid_patterns", Json::array({host.empty() ? "^https://" : host})}};
  // Absent for services that declare none (Other), as the document says.
  if (!host.empty()) out["service"]["supporting_text"] = "Paste a link to a file or folder.";
  return out;
}

Json RenderCloudFile(Ctx& c, const RecordingRef& r) { return RenderLinked(c, r, false); }
Json RenderGoogleDocument(Ctx& c, const RecordingRef& r) { return RenderLinked(c, r, true); }

ApiResponse CreateLinked(Ctx& c, const PathArgs& a, bool google) {
  std::optional<RecordingRef> r = VisibleVault(c, a[0]);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (google) {
    if (auto bad = CreateStatus(*body)) return *bad;
  }
  Recording rec;
  rec.type = google ? "GoogleDocument" : "CloudFile";
  if (auto bad = ApplyLink(*body, google, rec)) return *bad;
  Common common;
  if (auto bad = ReadCommon(c, *r, *body, common)) return *bad;
  return AddToVault(c, *r, std::move(rec), common,
                    google ? RenderGoogleDocument : RenderCloudFile);
}

ApiResponse UpdateLinked(Ctx& c, const PathArgs& a, bool google) {
  std::optional<RecordingRef> r =
      FindVisibleOf(c, a[0], {google ? "GoogleDocument" : "CloudFile"});
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (!MayChange(c, *r->recording)) return Forbidden();
  Recording next = *r->recording;
  if (auto bad = ApplyLink(*body, google, next)) return *bad;
  std::optional<std::vector<std::string>> subscribers;
  if (auto bad = OptionalPeople(c, *r->project, *body, "subscriptions", subscribers)) return *bad;
  if (next.title != r->recording->title || next.fields != r->recording->fields) {
    *r->recording = std::move(next);
    Touch(c, *r, "updated");
  }
  if (subscribers) r->project->subscriptions[r->id] = *subscribers;
  return Json200(google ? RenderGoogleDocument(c, *r) : RenderCloudFile(c, *r));
}

ApiResponse GetLinked(Ctx& c, const PathArgs& a, bool google) {
  std::optional<RecordingRef> r =
      FindVisibleOf(c, a[0], {google ? "GoogleDocument" : "CloudFile"});
  if (!r) return NotFound();
  return Json200(google ? RenderGoogleDocument(c, *r) : RenderCloudFile(c, *r));
}

ApiResponse CreateCloudFile(Ctx& c, const PathArgs& a) { return CreateLinked(c, a, false); }
ApiResponse GetCloudFile(Ctx& c, const PathArgs& a) { return GetLinked(c, a, false); }
ApiResponse UpdateCloudFile(Ctx& c, const PathArgs& a) { return UpdateLinked(c, a, false); }
ApiResponse CreateGoogleDocument(Ctx& c, const PathArgs& a) { return CreateLinked(c, a, true); }
ApiResponse GetGoogleDocument(Ctx& c, const PathArgs& a) { return GetLinked(c, a, true); }
ApiResponse UpdateGoogleDocument(Ctx& c, const PathArgs& a) { return UpdateLinked(c, a, true); }

}  // namespace

Json RenderVault(Ctx& c, const RecordingRef& r) {
  Json out = Base(c, r, {"id", "status", "visible_to_clients", "created_at", "updated_at",
                         "title", "inherits_status", "type", "url", "app_url", "bookmark_url",
                         "position", "parent", "bucket", "creator"});
  if (r.parent == 0) {  // the dock tool: its place in the dock
    const int place = DockPlace(*r.project, r.id);
    if (place > 0) out["position"] = place;
    else out.erase("position");
  }
  const std::string url = RecordingUrl(c.rc, r);
  out["documents_count"] = ActiveChildren(*r.project, r.id, "Document");
  out["documents_url"] = UrlWithout(url, "/documents.json");
  out["uploads_count"] = ActiveChildren(*r.project, r.id, "Upload");
  out["uploads_url"] = UrlWithout(url, "/uploads.json");
  out["vaults_count"] = ActiveChildren(*r.project, r.id, "Vault");
  out["vaults_url"] = UrlWithout(url, "/vaults.json");
  return out;
}

Json RenderDocument(Ctx& c, const RecordingRef& r) {
  Json out = Base(c, r, {"id", "status", "visible_to_clients", "created_at", "updated_at",
                         "title", "inherits_status", "type", "url", "app_url", "bookmark_url",
                         "subscription_url", "comments_count", "comments_url", "position",
                         "parent", "bucket", "creator", "boosts_count", "boosts_url"});
  out["content"] = r.recording->content;
  out["content_attachments"] = Json::array();
  return out;
}

Json RenderUpload(Ctx& c, const RecordingRef& r) {
  Json out = Base(c, r, {"id", "status", "visible_to_clients", "created_at", "updated_at",
                         "title", "inherits_status", "type", "url", "app_url", "bookmark_url",
                         "subscription_url", "comments_count", "comments_url", "position",
                         "parent", "bucket", "creator", "boosts_count", "boosts_url"});
  const Json& f = r.recording->fields;
  const std::string filename = f.value("filename", r.recording->title);
  out["description"] = f.value("description", "");
  out["description_attachments"] = Json::array();
  out["content_type"] = f.value("content_type", ContentTypeOf(filename));
  out["byte_size"] = f.value("byte_size", 0LL);
  out["filename"] = filename;
  out["download_url"] = DownloadUrl(c, r.id, filename);
  return out;
}

std::vector<Route> FileRoutes() {
  return {
      {"POST", "/{accountId}/attachments.json", CreateAttachment, false},
      {"GET", "/{accountId}/vaults/{vaultId}", GetVault, true},
      {"PUT", "/{accountId}/vaults/{vaultId}", UpdateVault, true},
      {"GET", "/{accountId}/vaults/{vaultId}/vaults.json", ListVaults, true},
      {"POST", "/{accountId}/vaults/{vaultId}/vaults.json", CreateVault, true},
      {"GET", "/{accountId}/vaults/{vaultId}/documents.json", ListDocuments, true},
      {"POST", "/{accountId}/vaults/{vaultId}/documents.json", CreateDocument, true},
      {"GET", "/{accountId}/documents/{documentId}", GetDocument, true},
      {"PUT", "/{accountId}/documents/{documentId}", ReplaceDocument, true},
      {"GET", "/{accountId}/vaults/{vaultId}/uploads.json", ListUploads, true},
      {"POST", "/{accountId}/vaults/{vaultId}/uploads.json", CreateUpload, true},
      {"GET", "/{accountId}/uploads/{uploadId}", GetUpload, true},
      {"PUT", "/{accountId}/uploads/{uploadId}", UpdateUpload, true},
      {"GET", "/{accountId}/uploads/{uploadId}/versions.json", ListUploadVersions, true},
      {"POST", "/{accountId}/uploads/{uploadId}/versions.json", CreateUploadVersion, true},
      {"POST", "/{accountId}/buckets/{bucketId}/vaults/{vaultId}/cloud_files.json",
       CreateCloudFile, false},
      {"GET", "/{accountId}/cloud_files/{cloudFileId}", GetCloudFile, true},
      {"PUT", "/{accountId}/cloud_files/{cloudFileId}", UpdateCloudFile, true},
      {"POST", "/{accountId}/buckets/{bucketId}/vaults/{vaultId}/google_documents.json",
       CreateGoogleDocument, false},
      {"GET", "/{accountId}/google_documents/{googleDocumentId}", GetGoogleDocument, true},
      {"PUT", "/{accountId}/google_documents/{googleDocumentId}", UpdateGoogleDocument, true},
  };
}

}  // namespace bcsim::api::content
