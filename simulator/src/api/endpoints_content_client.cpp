// Client features (approvals, correspondences, their replies, client visibility) and Email
// Forwards (the inbox dock tool, its forwards and their replies). The API only reads approvals,
// correspondences and forwards: they come from the world (or a test's AddRecording).
//
// fields: an approval's `due_on`, `approval_status` ("pending" unless given) and `approver`
// (Person key); a forward's `from`.
#include <algorithm>

#include "api/content.h"

namespace bcsim::api::content {
namespace {

constexpr std::string_view kApproval = "Client::Approval";
constexpr std::string_view kCorrespondence = "Client::Correspondence";
constexpr std::string_view kClientReply = "Client::Reply";
constexpr std::string_view kInbox = "Inbox";
constexpr std::string_view kForward = "Inbox::Forward";
constexpr std::string_view kForwardReply = "Inbox::Forward::Reply";

std::string Bare(const std::string& url) { return url.substr(0, url.size() - 5); }

int ActiveCount(Project& project, Id parent, std::string_view type) {
  return static_cast<int>(ChildrenOf(project, parent, type).size());
}

// Recordings of `type` anywhere in `projects` (approvals and correspondences hang off the
// client board), active, newest first unless ?sort/?direction say otherwise.
std::optional<std::vector<Recording*>> InBuckets(Ctx& c, const std::vector<Project*>& projects,
                                                 std::string_view type) {
  std::string sort = Param(c.req, "sort"), direction = Param(c.req, "direction");
  if (sort.empty()) sort = "created_at";
  if (direction.empty()) direction = "desc";
  if ((sort != "created_at" && sort != "updated_at") || (direction != "asc" && direction != "desc")) {
    return std::nullopt;
  }
  std::vector<Recording*> out;
  for (Project* project : projects) {
    for (Recording& r : project->recordings) {
      if (r.type != type || r.status != RecordingStatus::kActive) continue;
      if (c.me.client && !r.visible_to_clients) continue;
      if (r.parent != 0 && !FindVisible(c, r.parent)) continue;
      out.push_back(&r);
    }
  }
  auto key = [&](const Recording* r) { return sort == "created_at" ? r->created_at : r->updated_at; };
  std::stable_sort(out.begin(), out.end(), [&](const Recording* a, const Recording* b) {
    if (key(a) != key(b)) return direction == "asc" ? key(a) < key(b) : key(a) > key(b);
    return direction == "asc" ? a->id < b->id : a->id > b->id;
  });
  return out;
}

Json Replies(const RecordingRef& r, std::string_view reply_type, const std::string& url) {
  return Json{{"replies_count", ActiveCount(*r.project, r.id, reply_type)}, {"replies_url", url}};
}

Json RenderClientThread(Ctx& c, const RecordingRef& r) {
  Json out = Base(c, r, {"id", "status", "visible_to_clients", "created_at", "updated_at",
                         "title", "inherits_status", "type", "url", "app_url", "bookmark_url",
                         "subscription_url", "parent", "bucket", "creator"});
  const Recording& rec = *r.recording;
  out["content"] = rec.content;
  out["content_attachments"] = Json::array();
  out["subject"] = rec.title;
  out.update(Replies(r, kClientReply,
                     c.rc.urls.api + "/buckets/" + Num(r.project->id) + "/client/recordings/" +
                         Num(r.id) + "/replies.json"));
  if (r.type == kApproval) {
    if (rec.fields.contains("due_on")) out["due_on"] = rec.fields["due_on"];
    out["approval_status"] = rec.fields.value("approval_status", "pending");
    if (rec.fields.contains("approver")) {
      out["approver"] = RenderPersonByKey(c.rc, rec.fields["approver"].get<std::string>());
    }
    out["responses"] = Json::array();
  }
  return out;
}

Json RenderReply(Ctx& c, const RecordingRef& r, bool boosts) {
  Json out = Base(c, r, {"id", "status", "visible_to_clients", "created_at", "updated_at",
                         "title", "inherits_status", "type", "url", "app_url", "bookmark_url",
                         "parent", "bucket", "creator", "boosts_count", "boosts_url"});
  if (!boosts) {
    out.erase("boosts_count");
    out.erase("boosts_url");
  }
  out["content"] = r.recording->content;
  out["content_attachments"] = Json::array();
  return out;
}

// The bucket's threads of `type`; without a bucket (the SDK's flat client/approvals.json, which
// Rails also serves) those of every active project the caller is in.
ApiResponse ListThreads(Ctx& c, std::string_view type) {
  std::vector<Project*> projects;
  if (c.bucket) {
    Project* project = FindProject(c, *c.bucket);
    if (project == nullptr) return NotFound();
    projects.push_back(project);
  } else {
    for (Project& p : c.account.projects) {
      if (p.status == RecordingStatus::kActive && IsMember(p, c.me.key)) projects.push_back(&p);
    }
  }
  auto items = InBuckets(c, projects, type);
  if (!items) return BadListParams();
  return ListPage(c, *items, [&](const RecordingRef& r) { return RenderClientThread(c, r); });
}

ApiResponse GetThread(Ctx& c, const std::string& id, std::string_view type) {
  std::optional<RecordingRef> r = FindVisibleOf(c, id, {type});
  if (!r) return NotFound();
  return Json200(RenderClientThread(c, *r));
}

ApiResponse ListClientApprovals(Ctx& c, const PathArgs&) { return ListThreads(c, kApproval); }
ApiResponse ListClientCorrespondences(Ctx& c, const PathArgs&) {
  return ListThreads(c, kCorrespondence);
}
ApiResponse GetClientApproval(Ctx& c, const PathArgs& a) { return GetThread(c, a[0], kApproval); }
ApiResponse GetClientCorrespondence(Ctx& c, const PathArgs& a) {
  return GetThread(c, a[0], kCorrespondence);
}

// Replies of `parent` (a visible recording of one of `parent_types`) of `reply_type`.
ApiResponse ListReplies(Ctx& c, const std::string& parent,
                        std::initializer_list<std::string_view> parent_types,
                        std::string_view reply_type, bool boosts) {
  std::optional<RecordingRef> r = FindVisibleOf(c, parent, parent_types);
  if (!r) return NotFound();
  auto items = ListChildren(c, *r->project, r->id, {reply_type}, false);
  if (!items) return BadListParams();
  return ListPage(c, *items, [&](const RecordingRef& x) { return RenderReply(c, x, boosts); });
}

ApiResponse GetReply(Ctx& c, const std::string& parent, const std::string& id,
                     std::string_view reply_type, bool boosts) {
  std::optional<RecordingRef> r = FindVisibleOf(c, id, {reply_type});
  if (!r || Num(r->parent) != parent) return NotFound();
  return Json200(RenderReply(c, *r, boosts));
}

ApiResponse ListClientReplies(Ctx& c, const PathArgs& a) {
  return ListReplies(c, a[0], {kApproval, kCorrespondence}, kClientReply, false);
}
ApiResponse GetClientReply(Ctx& c, const PathArgs& a) {
  return GetReply(c, a[0], a[1], kClientReply, false);
}

// The generic renderer for a recording of any Content type (the Recording schema).
Json RenderAny(Ctx& c, const RecordingRef& r) {
  if (r.type == "Message") return RenderMessage(c, r);
  if (r.type == "Document") return RenderDocument(c, r);
  if (r.type == "Upload") return RenderUpload(c, r);
  if (r.type == "Vault") return RenderVault(c, r);
  if (r.type == kApproval || r.type == kCorrespondence) return RenderClientThread(c, r);
  return RenderRecordingBase(c.rc, r);
}

ApiResponse SetClientVisibility(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = FindVisible(c, a[0]);
  if (!r) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  if (c.me.client) return Forbidden();  // clients cannot change what clients see
  auto it = body->find("visible_to_clients");
  if (it == body->end() || !it->is_boolean()) {
    return Unprocessable("visible_to_clients must be true or false");
  }
  if (r->recording == nullptr) {
    return Unprocessable("A " + std::string(r->type) + " follows its list's client visibility");
  }
  if (r->recording->visible_to_clients != it->get<bool>()) {
    r->recording->visible_to_clients = it->get<bool>();
    Touch(c, *r, "client_visibility_changed");
  }
  return Json200(RenderAny(c, *r));
}

// ---- Email Forwards ----

Json RenderInbox(Ctx& c, const RecordingRef& r) {
  Json out = Base(c, r, {"id", "status", "visible_to_clients", "created_at", "updated_at",
                         "title", "inherits_status", "type", "url", "app_url", "bookmark_url",
                         "bucket", "creator"});
  const int place = DockPlace(*r.project, r.id);
  if (place > 0) out["position"] = place;
  out["forwards_count"] = ActiveCount(*r.project, r.id, kForward);
  out["forwards_url"] = Bare(RecordingUrl(c.rc, r)) + "/inbox_forwards.json";
  return out;
}

Json RenderForward(Ctx& c, const RecordingRef& r) {
  Json out = Base(c, r, {"id", "status", "visible_to_clients", "created_at", "updated_at",
                         "title", "inherits_status", "type", "url", "app_url", "bookmark_url",
                         "subscription_url", "parent", "bucket", "creator"});
  const Recording& rec = *r.recording;
  out["content"] = rec.content;
  out["content_attachments"] = Json::array();
  out["subject"] = rec.title;
  out["from"] = rec.fields.value("from", "");
  out.update(Replies(r, kForwardReply, Bare(RecordingUrl(c.rc, r)) + "/replies.json"));
  return out;
}

ApiResponse GetInbox(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleTool(c, a[0], kInbox);
  if (!r) return NotFound();
  return Json200(RenderInbox(c, *r));
}

ApiResponse ListForwards(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = VisibleTool(c, a[0], kInbox);
  if (!r) return NotFound();
  auto items = ListChildren(c, *r->project, r->id, {kForward}, true);
  if (!items) return BadListParams();
  return ListPage(c, *items, [&](const RecordingRef& f) { return RenderForward(c, f); });
}

ApiResponse GetForward(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> r = FindVisibleOf(c, a[0], {kForward});
  if (!r) return NotFound();
  return Json200(RenderForward(c, *r));
}

ApiResponse ListForwardReplies(Ctx& c, const PathArgs& a) {
  return ListReplies(c, a[0], {kForward}, kForwardReply, true);
}
ApiResponse GetForwardReply(Ctx& c, const PathArgs& a) {
  return GetReply(c, a[0], a[1], kForwardReply, true);
}

// POST inbox_forwards/{id}/replies.json {content}: a reply by the caller (201, Location).
ApiResponse CreateForwardReply(Ctx& c, const PathArgs& a) {
  std::optional<RecordingRef> forward = FindVisibleOf(c, a[0], {kForward});
  if (!forward) return NotFound();
  std::optional<Json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  std::optional<std::string> content;
  if (auto bad = OptionalString(*body, "content", content)) return *bad;
  if (!content || content->empty()) return Unprocessable("Content can't be blank");
  Recording rec;
  rec.type = std::string(kForwardReply);
  rec.title = "Re: " + forward->recording->title;
  rec.content = *content;
  rec.visible_to_clients = forward->recording->visible_to_clients;
  RecordingRef reply = AddChild(c, *forward, std::move(rec), std::nullopt);
  return Created(RenderReply(c, reply, true));
}

}  // namespace

std::vector<Route> ClientRoutes() {
  return {
      {"GET", "/{accountId}/buckets/{bucketId}/client/approvals.json", ListClientApprovals, false},
      {"GET", "/{accountId}/client/approvals/{approvalId}", GetClientApproval, true},
      {"GET", "/{accountId}/buckets/{bucketId}/client/correspondences.json",
       ListClientCorrespondences, false},
      {"GET", "/{accountId}/client/correspondences/{correspondenceId}", GetClientCorrespondence,
       true},
      {"GET", "/{accountId}/buckets/{bucketId}/client/recordings/{recordingId}/replies.json",
       ListClientReplies, false},
      {"GET", "/{accountId}/buckets/{bucketId}/client/recordings/{recordingId}/replies/{replyId}",
       GetClientReply, false},
      {"PUT", "/{accountId}/recordings/{recordingId}/client_visibility.json", SetClientVisibility,
       true},
      {"GET", "/{accountId}/inboxes/{inboxId}", GetInbox, true},
      {"GET", "/{accountId}/inboxes/{inboxId}/inbox_forwards.json", ListForwards, true},
      {"GET", "/{accountId}/inbox_forwards/{forwardId}", GetForward, true},
      {"GET", "/{accountId}/inbox_forwards/{forwardId}/replies.json", ListForwardReplies, true},
      {"GET", "/{accountId}/inbox_forwards/{forwardId}/replies/{replyId}", GetForwardReply, true},
      // The SDK's forms (Rails routes them too): the client lists and replies without the
      // bucket, the inbox's forwards as forwards.json, and a reply to a forward.
      {"GET", "/{accountId}/client/approvals.json", ListClientApprovals, false},
      {"GET", "/{accountId}/client/correspondences.json", ListClientCorrespondences, false},
      {"GET", "/{accountId}/client/recordings/{recordingId}/replies.json", ListClientReplies,
       false},
      {"GET", "/{accountId}/client/recordings/{recordingId}/replies/{replyId}", GetClientReply,
       false},
      {"GET", "/{accountId}/inboxes/{inboxId}/forwards.json", ListForwards, true},
      {"POST", "/{accountId}/inbox_forwards/{forwardId}/replies.json", CreateForwardReply, true},
  };
}

}  // namespace bcsim::api::content
