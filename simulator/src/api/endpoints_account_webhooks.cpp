// Webhooks (project-level only, api-facts.md §3.9): list, create, get (with recent_deliveries),
// update (payload_url, types, active), delete. Stored on the project (Project::webhooks); the
// delivery engine reads them and appends to recent_deliveries. Clients get 403 on every one.
#include <algorithm>

#include "api/endpoints_account.h"
#include "api/paginate.h"
#include "api/webhook_payload.h"
#include "bcsim/world_loader.h"

namespace bcsim::api::account {
namespace {

constexpr std::size_t kRecentDeliveries = 25;

// 400 with the field map the document gives (BareFieldBadRequestErrorResponseContent).
ApiResponse BadField(const std::string& field, const std::string& message) {
  return Json200(nlohmann::json{{field, nlohmann::json::array({message})}}, 400);
}

// Applies payload_url / types / active from `body` to `w`; an error response when invalid.
std::optional<ApiResponse> ApplyWebhook(const nlohmann::json& body, Webhook& w, bool create) {
  auto url = body.find("payload_url");
  if (url != body.end() || create) {
    if (url == body.end() || !url->is_string() || url->get<std::string>().empty()) {
      return BadField("payload_url", "can't be blank");
    }
    if (!ValidWebhookUrl(url->get<std::string>())) {
      return BadField("payload_url", "is not a valid URL");
    }
    w.payload_url = url->get<std::string>();
  }
  auto types = body.find("types");
  if (types != body.end() && !types->is_null()) {
    if (!types->is_array()) return BadField("types", "must be a list of types");
    std::vector<std::string> next;
    for (const nlohmann::json& t : *types) {
      if (!t.is_string()) return BadField("types", "must be a list of types");
      const std::string name = t.get<std::string>();
      if (name == "all") {
        next.clear();
        break;
      }
      if (WebhookTypes().count(name) == 0) return BadField("types", name + " is not a valid type");
      if (std::find(next.begin(), next.end(), name) == next.end()) next.push_back(name);
    }
    w.types = std::move(next);
  }
  auto active = body.find("active");
  if (active != body.end() && !active->is_null()) {
    if (!active->is_boolean()) return BadField("active", "must be true or false");
    w.active = active->get<bool>();
  }
  return std::nullopt;
}

nlohmann::json RenderWebhook(const Ctx& c, const Project& p, const Webhook& w, bool deliveries) {
  const std::string path = "/buckets/" + std::to_string(p.id) + "/webhooks/" + std::to_string(w.id);
  nlohmann::json types = nlohmann::json::array();
  if (w.types.empty()) types.push_back("all");
  for (const std::string& t : w.types) types.push_back(t);
  nlohmann::json out{{"id", w.id},
                     {"active", w.active},
                     {"created_at", FormatTimestamp(w.created_at)},
                     {"updated_at", FormatTimestamp(w.updated_at)},
                     {"payload_url", w.payload_url},
                     {"types", std::move(types)},
                     {"url", c.rc.urls.api + path + ".json"},
                     {"app_url", c.rc.urls.app + path}};
  if (deliveries) {
    nlohmann::json list = nlohmann::json::array();
    for (const WebhookDelivery& d : w.recent_deliveries) {
      if (list.size() == kRecentDeliveries) break;
      nlohmann::json response{{"headers", d.response_headers}, {"code", d.response_code}};
      if (!d.response_message.empty()) response["message"] = d.response_message;
      response["body"] = d.response_body;
      list.push_back({{"id", d.id},
                      {"created_at", FormatTimestamp(d.created_at)},
                      {"request", {{"headers", d.request_headers}, {"body", d.request_body}}},
                      {"response", std::move(response)}});
    }
    out["recent_deliveries"] = std::move(list);
  }
  return out;
}

struct FoundWebhook {
  Project* project = nullptr;
  Webhook* webhook = nullptr;
};

// The webhook with this id in a project the caller can see (honouring a /buckets/ prefix).
std::optional<FoundWebhook> FindWebhook(Ctx& c, const std::string& id) {
  const std::optional<Id> wid = ParseId(id);
  if (!wid) return std::nullopt;
  for (Project& p : c.account.projects) {
    for (Webhook& w : p.webhooks) {
      if (w.id != *wid) continue;
      if (FindProject(c, p.id) == nullptr) return std::nullopt;
      return FoundWebhook{&p, &w};
    }
  }
  return std::nullopt;
}

std::size_t AccountWebhooks(const Account& a) {
  std::size_t n = 0;
  for (const Project& p : a.projects) n += p.webhooks.size();
  return n;
}

}  // namespace

ApiResponse GetWebhooks(Ctx& c, const std::string& bucket_id) {
  Project* p = ProjectById(c, bucket_id);
  if (p == nullptr) return NotFound();
  if (c.me.client) return Forbidden();
  return Paginate(c.req, c.world.limits.page_size, p->webhooks.size(), [&](std::size_t i) {
    return RenderWebhook(c, *p, p->webhooks[i], false);
  });
}

ApiResponse PostWebhook(Ctx& c, const std::string& bucket_id) {
  Project* p = ProjectById(c, bucket_id);
  if (p == nullptr) return NotFound();
  if (c.me.client) return Forbidden();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  Webhook w;
  if (auto error = ApplyWebhook(*body, w, true)) return *error;
  const int limit = c.world.limits.webhook_limit;
  if (limit > 0 && AccountWebhooks(c.account) >= static_cast<std::size_t>(limit)) {
    return Error(507, "The webhook limit for this account has been reached.");
  }
  w.id = FreshId(c.world, "webhook");
  w.creator = c.me.key;
  w.created_at = w.updated_at = c.req.now;
  p->webhooks.push_back(std::move(w));
  return Created(RenderWebhook(c, *p, p->webhooks.back(), true));
}

ApiResponse GetWebhook(Ctx& c, const std::string& webhook_id) {
  std::optional<FoundWebhook> f = FindWebhook(c, webhook_id);
  if (!f) return NotFound();
  if (c.me.client) return Forbidden();
  return Json200(RenderWebhook(c, *f->project, *f->webhook, true));
}

ApiResponse PutWebhook(Ctx& c, const std::string& webhook_id) {
  std::optional<FoundWebhook> f = FindWebhook(c, webhook_id);
  if (!f) return NotFound();
  if (c.me.client) return Forbidden();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return NotAnObject();
  Webhook next = *f->webhook;
  if (auto error = ApplyWebhook(*body, next, false)) return *error;
  // Turning a webhook back on gives the delivery engine a fresh count of failures.
  if (next.active && !f->webhook->active) next.failed_attempts = 0;
  if (!next.active) next.queue.clear();  // nothing waits for a webhook that is off
  next.updated_at = c.req.now;
  *f->webhook = std::move(next);
  return Json200(RenderWebhook(c, *f->project, *f->webhook, true));
}

ApiResponse DeleteWebhook(Ctx& c, const std::string& webhook_id) {
  std::optional<FoundWebhook> f = FindWebhook(c, webhook_id);
  if (!f) return NotFound();
  if (c.me.client) return Forbidden();
  std::vector<Webhook>& all = f->project->webhooks;
  all.erase(all.begin() + (f->webhook - all.data()));
  return NoContent();
}

}  // namespace bcsim::api::account
