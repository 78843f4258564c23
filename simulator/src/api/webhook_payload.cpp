// Webhook payloads from recorded events (webhook_payload.h).
#include "api/webhook_payload.h"

#include <cctype>

#include "api/activity.h"
#include "api/render.h"
#include "bcsim/recording_types.h"
#include "bcsim/recordings.h"
#include "bcsim/world_loader.h"

namespace bcsim {
namespace {

using Json = nlohmann::json;

// The generic envelope the payload's `recording` keeps: Basecamp's webhook recording omits a
// type's own fields (description, completed, assignees, ...).
constexpr const char* kEnvelope[] = {
    "id",           "status",        "visible_to_clients", "created_at", "updated_at",
    "title",        "inherits_status", "type",             "url",        "app_url",
    "bookmark_url", "subscription_url", "comments_count",  "comments_url", "position",
    "parent",       "bucket",        "creator",            "boosts_count", "boosts_url",
    "content"};


Json Envelope(const Json& full) {
  Json out = Json::object();
  for (const char* key : kEnvelope) {
    auto it = full.find(key);
    if (it != full.end()) out[key] = *it;
  }
  return out;
}

Json Payload(World& world, std::size_t ai, const Project& project, const RecordingEvent& e,
             const RecordingRef& r, const std::string& kind, const std::string& origin) {
  Account& account = world.accounts[ai];
  const std::string api = origin + "/" + std::to_string(account.id);
  const std::string app = origin + "/app/" + std::to_string(account.id);
  api::RenderContext rc{world, account, ai, {api, app, origin}};
  static const Person kNobody;
  ApiRequest req;
  req.origin = origin;
  api::Ctx c{world, req, ai, account, kNobody, rc, project.id};
  Json details = Json::object();
  if (!e.added_person_ids.empty() || !e.removed_person_ids.empty()) {
    details = {{"added_person_ids", e.added_person_ids},
               {"removed_person_ids", e.removed_person_ids}};
  }
  Json out{{"id", e.id},
           {"kind", kind},
           {"details", std::move(details)},
           {"created_at", FormatTimestamp(e.created_at)},
           {"recording", Envelope(api::RenderAnyRecording(c, r))},
           {"creator", api::RenderPersonByKey(rc, e.creator)}};
  if (out.dump().size() > kWebhookPayloadCap) out["recording"].erase("content");
  return out;
}

}  // namespace

const std::set<std::string>& WebhookTypes() {
  static const std::set<std::string> kTypes = {
      "Comment", "Client::Approval::Response", "Client::Forward", "Client::Reply", "CloudFile",
      "Document", "GoogleDocument", "Inbox::Forward", "Kanban::Card", "Kanban::Step", "Message",
      "Question", "Question::Answer", "Schedule::Entry", "Todo", "Todolist", "Upload", "Vault"};
  return kTypes;
}

bool ValidWebhookUrl(const std::string& url) {
  std::string rest;
  if (url.rfind("https://", 0) == 0) {
    rest = url.substr(8);
  } else if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
    const std::string host = rest.substr(0, rest.find_first_of(":/"));
    if (host != "localhost" && host.rfind("127.", 0) != 0 && rest.rfind("[::1]", 0) != 0) {
      return false;
    }
  } else {
    return false;
  }
  const std::string host = rest.substr(0, rest.find_first_of("/?#"));
  return !host.empty() && host.find(' ') == std::string::npos && host.front() != ':' &&
         host.find('@') == std::string::npos;
}

std::string WebhookKind(std::string_view type, std::string_view action) {
  if (action == "comment_created") return "";  // the comment's own "created" says it
  std::string a(action);
  if (a == "title_changed") a = "title_updated";
  if (a == "content_changed") a = "content_updated";
  return SnakeType(type) + "_" + a;
}

bool WebhookWants(const Webhook& w, std::string_view type) {
  if (w.types.empty()) return true;
  for (const std::string& t : w.types) {
    if (t == type) return true;
  }
  return false;
}

std::size_t QueueWebhookDeliveries(World& world, const std::string& origin, Millis now) {
  if (!world.events_pending) return 0;
  world.events_pending = false;
  std::size_t queued = 0;
  for (std::size_t ai = 0; ai < world.accounts.size(); ++ai) {
    for (Project& project : world.accounts[ai].projects) {
      const std::size_t from = std::min(project.events_queued, project.events.size());
      project.events_queued = project.events.size();
      bool any = false;
      for (const Webhook& w : project.webhooks) any = any || w.active;
      if (!any) continue;
      for (std::size_t i = from; i < project.events.size(); ++i) {
        const RecordingEvent e = project.events[i];  // a copy: rendering may index the world
        std::optional<RecordingRef> r = FindRecording(world, e.recording);
        if (!r || r->project != &project) continue;
        const std::string kind = WebhookKind(r->type, e.action);
        if (kind.empty()) continue;
        std::optional<Json> body;
        for (Webhook& w : project.webhooks) {
          if (!w.active || !WebhookWants(w, r->type)) continue;
          if (w.queue.size() >= kWebhookQueueLimit) {
            ++w.dropped;
            continue;
          }
          if (!body) body = Payload(world, ai, project, e, *r, kind, origin);
          w.queue.push_back(PendingDelivery{e.id, *body, 0, now});
          ++queued;
        }
      }
    }
  }
  return queued;
}

void MarkEventsOffered(World& world) {
  world.events_pending = false;
  for (Account& account : world.accounts) {
    for (Project& project : account.projects) project.events_queued = project.events.size();
  }
}

}  // namespace bcsim
