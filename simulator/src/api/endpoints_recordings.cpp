// The operations every recording type shares: status (trash, archive, unarchive), comments and
// events. Built on bcsim/recordings.h.
#include <algorithm>

#include "api/handlers.h"
#include "api/paginate.h"
#include "bcsim/recording_types.h"
#include "bcsim/world_loader.h"

namespace bcsim::api {
namespace {

std::string CreatorOf(const RecordingRef& r) {
  if (r.todo != nullptr) return r.todo->creator;
  if (r.recording != nullptr) return r.recording->creator;
  if (r.entry != nullptr) return r.entry->creator;
  return "";
}

bool Commentable(const RecordingRef& r) {
  const RecordingType* t = FindRecordingType(r.type);
  return t != nullptr && t->commentable;
}

std::optional<std::string> ContentOf(const nlohmann::json& body) {
  auto it = body.find("content");
  if (it == body.end() || !it->is_string() || it->get<std::string>().empty()) return std::nullopt;
  return it->get<std::string>();
}

ApiResponse SubscriptionBody(Ctx& c, const RecordingRef& r) {
  const std::vector<std::string> keys = Subscribers(r);
  nlohmann::json people = nlohmann::json::array();
  for (const std::string& k : keys) people.push_back(RenderPersonByKey(c.rc, k));
  const bool me = std::find(keys.begin(), keys.end(), c.me.key) != keys.end();
  return Json200({{"subscribed", me},
                  {"count", static_cast<int>(keys.size())},
                  {"url", c.rc.urls.api + "/recordings/" + std::to_string(r.id) +
                              "/subscription.json"},
                  {"subscribers", std::move(people)}});
}

// The person keys of a list of person ids; nullopt when one is not on the project.
std::optional<std::vector<std::string>> MemberKeys(Ctx& c, const Project& project,
                                                   const nlohmann::json& ids) {
  std::vector<std::string> out;
  if (ids.is_null()) return out;
  if (!ids.is_array()) return std::nullopt;
  const auto& by_id = c.world.index.person_by_id[c.account_index];
  for (const nlohmann::json& id : ids) {
    auto it = id.is_number_integer() ? by_id.find(id.get<Id>()) : by_id.end();
    if (it == by_id.end() || !IsMember(project, c.account.people[it->second].key)) {
      return std::nullopt;
    }
    out.push_back(c.account.people[it->second].key);
  }
  return out;
}


}  // namespace

// GET projects/{id}/timeline.json: the project's events, newest first, each on its recording
// (the "comment_created" note a parent gets is the comment's own "created" here).
ApiResponse GetProjectTimeline(Ctx& c, const std::string& project_id) {
  const std::optional<Id> pid = ParseId(project_id);
  Project* project = pid ? FindProject(c, *pid) : nullptr;
  if (project == nullptr) return NotFound();
  std::vector<std::pair<const RecordingEvent*, RecordingRef>> items;
  for (auto it = project->events.rbegin(); it != project->events.rend(); ++it) {
    if (it->action == "comment_created") continue;
    std::optional<RecordingRef> r = FindVisible(c, it->recording);
    if (r) items.emplace_back(&*it, *r);
  }
  return Paginate(c.req, c.world.limits.page_size, items.size(), [&](std::size_t i) {
    const RecordingEvent& e = *items[i].first;
    const RecordingRef& r = items[i].second;
    nlohmann::json parent = RenderParent(c.rc, r);
    return nlohmann::json{{"id", e.id},
                          {"created_at", FormatTimestamp(e.created_at)},
                          {"kind", SnakeType(r.type) + "_" + e.action},
                          {"parent_recording_id", r.parent},
                          {"url", parent["url"]},
                          {"app_url", parent["app_url"]},
                          {"creator", RenderPersonByKey(c.rc, e.creator)},
                          {"action", e.action},
                          {"target", SnakeType(r.type)},
                          {"title", parent["title"]},
                          {"summary_excerpt", ""},
                          {"bucket", {{"id", project->id}, {"name", project->name},
                                      {"type", "Project"}}}};
  });
}

// GET comments.json: every active comment in the projects the person can see, newest first.
ApiResponse GetEverythingComments(Ctx& c) {
  std::vector<const Recording*> comments;
  for (const Project& p : c.account.projects) {
    if (!IsMember(p, c.me.key) || p.status != RecordingStatus::kActive) continue;
    for (const Recording& rec : p.recordings) {
      if (rec.type == "Comment" && rec.status == RecordingStatus::kActive &&
          FindVisible(c, rec.id)) {
        comments.push_back(&rec);
      }
    }
  }
  std::stable_sort(comments.begin(), comments.end(), [](const Recording* a, const Recording* b) {
    return a->created_at > b->created_at;
  });
  return Paginate(c.req, c.world.limits.page_size, comments.size(), [&](std::size_t i) {
    return RenderComment(c.rc, *FindRecording(c.world, comments[i]->id),
                         *FindRecording(c.world, comments[i]->parent));
  });
}

ApiResponse GetSubscription(Ctx& c, const std::string& recording_id) {
  std::optional<RecordingRef> r = FindVisible(c, recording_id);
  if (!r) return NotFound();
  return SubscriptionBody(c, *r);
}

ApiResponse Subscribe(Ctx& c, const std::string& recording_id, bool subscribe) {
  std::optional<RecordingRef> r = FindVisible(c, recording_id);
  if (!r) return NotFound();
  const std::vector<std::string> me = {c.me.key};
  ChangeSubscribers(c.world, *r, subscribe ? me : std::vector<std::string>{},
                    subscribe ? std::vector<std::string>{} : me, c.me.key, c.req.now);
  return subscribe ? SubscriptionBody(c, *r) : NoContent();
}

ApiResponse PutSubscription(Ctx& c, const std::string& recording_id) {
  std::optional<RecordingRef> r = FindVisible(c, recording_id);
  if (!r) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  auto add = MemberKeys(c, *r->project, body->value("subscriptions", nlohmann::json()));
  auto remove = MemberKeys(c, *r->project, body->value("unsubscriptions", nlohmann::json()));
  if (!add || !remove) return Error(422, "Subscribers must be people on this project");
  ChangeSubscribers(c.world, *r, *add, *remove, c.me.key, c.req.now);
  return SubscriptionBody(c, *r);
}

ApiResponse SetStatus(Ctx& c, const std::string& recording_id, RecordingStatus status) {
  std::optional<RecordingRef> r = FindVisible(c, recording_id);
  if (!r) return NotFound();
  if (r->status == nullptr) return Error(422, "A " + std::string(r->type) + " has no status");
  // Clients may only change what they made themselves.
  if (c.me.client && CreatorOf(*r) != c.me.key) return Forbidden();
  Status s = SetRecordingStatus(c.world, *r, status, c.me.key, c.req.now);
  if (!s.ok()) return Error(422, s.message());
  return NoContent();
}

ApiResponse GetComments(Ctx& c, const std::string& recording_id) {
  std::optional<RecordingRef> parent = FindVisible(c, recording_id);
  if (!parent) return NotFound();
  std::vector<Id> ids;
  for (const Recording& rec : parent->project->recordings) {
    if (rec.type == "Comment" && rec.parent == parent->id &&
        rec.status == RecordingStatus::kActive) {
      ids.push_back(rec.id);
    }
  }
  return Paginate(c.req, c.world.limits.page_size, ids.size(), [&](std::size_t i) {
    return RenderComment(c.rc, *FindRecording(c.world, ids[i]), *parent);
  });
}

ApiResponse PostComment(Ctx& c, const std::string& recording_id) {
  std::optional<RecordingRef> parent = FindVisible(c, recording_id);
  if (!parent) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  if (!Commentable(*parent)) return Error(422, "A " + std::string(parent->type) +
                                                   " cannot have comments");
  std::optional<std::string> content = ContentOf(*body);
  if (!content) return Error(422, "Content can't be blank");
  const Id parent_id = parent->id;
  const Id id = AddComment(c.world, *parent, *content, c.me.key, c.req.now);
  return Created(RenderComment(c.rc, *FindRecording(c.world, id),
                               *FindRecording(c.world, parent_id)));
}

ApiResponse GetComment(Ctx& c, const std::string& comment_id) {
  std::optional<RecordingRef> r = FindVisible(c, comment_id);
  if (!r || r->type != "Comment") return NotFound();
  std::optional<RecordingRef> parent = FindRecording(c.world, r->parent);
  if (!parent) return NotFound();
  return Json200(RenderComment(c.rc, *r, *parent));
}

ApiResponse PutComment(Ctx& c, const std::string& comment_id) {
  std::optional<RecordingRef> r = FindVisible(c, comment_id);
  if (!r || r->type != "Comment") return NotFound();
  std::optional<RecordingRef> parent = FindRecording(c.world, r->parent);
  if (!parent) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  if (r->recording->creator != c.me.key) return Forbidden();  // only its author edits a comment
  std::optional<std::string> content = ContentOf(*body);
  if (!content) return Error(422, "Content can't be blank");
  if (r->recording->content != *content) {
    r->recording->content = *content;
    r->recording->updated_at = c.req.now;
    RecordEvent(*r->project, c.world, r->id, "content_changed", c.me.key, c.req.now);
  }
  return Json200(RenderComment(c.rc, *r, *parent));
}

ApiResponse GetEvents(Ctx& c, const std::string& recording_id) {
  std::optional<RecordingRef> r = FindVisible(c, recording_id);
  if (!r) return NotFound();
  std::vector<const RecordingEvent*> events;
  for (const RecordingEvent& e : r->project->events) {
    if (e.recording == r->id) events.push_back(&e);
  }
  return Paginate(c.req, c.world.limits.page_size, events.size(),
                  [&](std::size_t i) { return RenderEvent(c.rc, *events[i]); });
}

}  // namespace bcsim::api
