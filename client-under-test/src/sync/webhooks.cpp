// Syncing on Basecamp webhooks (webhooks.h).
#include "sync/webhooks.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "util/crypto.h"

namespace bcsync::sync {
namespace {

using nlohmann::json;

std::unique_lock<std::mutex> Lock(std::mutex* mu) {
  return mu != nullptr ? std::unique_lock<std::mutex>(*mu) : std::unique_lock<std::mutex>();
}

// POST buckets/{p}/webhooks.json; the new webhook's id, or 0. A write: never retried blindly.
store::Id Register(const basecamp::ApiDeps& deps, basecamp::TokenSource& tokens,
                   const std::string& url, const std::string& payload_url, int* requests) {
  StatusOr<std::string> token = tokens.Token();
  if (!token.ok()) return 0;
  basecamp::HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.body = json{{"payload_url", payload_url}, {"types", {"Todo"}}}.dump();
  request.content_type = "application/json";
  request.headers = {{"Authorization", "Bearer " + *token},
                     {"User-Agent", deps.user_agent},
                     {"Accept", "application/json"}};
  int sent = 0;
  StatusOr<basecamp::HttpResponse> response = basecamp::SendWithRetry(
      *deps.transport, request, *deps.throttle, *deps.clock, *deps.sleeper, deps.retry, &sent);
  *requests += sent;
  if (!response.ok() || response->status != 201) return 0;
  json body = json::parse(response->body, nullptr, false);
  if (!body.is_object() || !body.contains("id") || !body["id"].is_number_integer()) return 0;
  return body["id"].get<store::Id>();
}

std::vector<store::Id> PersonIds(const json& details, const char* key) {
  std::vector<store::Id> out;
  if (!details.is_object() || !details.contains(key) || !details[key].is_array()) return out;
  for (const json& id : details[key]) {
    if (id.is_number_integer()) out.push_back(id.get<store::Id>());
  }
  return out;
}

}  // namespace

int EnsureWebhooks(store::Store* store, std::mutex* store_mu, basecamp::ApiClient& api,
                   const basecamp::ApiDeps& deps, basecamp::TokenSource& tokens,
                   const std::string& account_href, store::Id account_id,
                   const std::set<store::Id>& projects, const std::string& receiver_base,
                   int* requests) {
  int registered = 0;
  for (store::Id project : projects) {
    StatusOr<std::optional<store::Webhook>> stored = NotFoundError("unread");
    {
      auto lock = Lock(store_mu);
      stored = store->GetWebhook(account_id, project);
    }
    if (!stored.ok()) continue;
    const std::string bucket = account_href + "/buckets/" + std::to_string(project);
    if (stored->has_value()) {
      const int before = api.request_count();
      StatusOr<basecamp::HttpResponse> r =
          api.Get(bucket + "/webhooks/" + std::to_string((*stored)->webhook_id) + ".json");
      *requests += api.request_count() - before;
      if (!r.ok()) continue;  // try again next sync
      bool live = false;
      if (r->status == 200) {
        json w = json::parse(r->body, nullptr, false);
        live = w.is_object() && w.value("active", false);
      } else if (r->status != 404) {
        continue;  // not an answer about the webhook (403, 5xx): leave it
      }
      if (live) continue;
    }
    const std::string token = util::RandomToken(24);
    const std::string payload_url = receiver_base + "?token=" + token;
    const store::Id id = Register(deps, tokens, bucket + "/webhooks.json", payload_url, requests);
    if (id == 0) continue;
    auto lock = Lock(store_mu);
    const store::Webhook row{account_id, project, id, util::Sha256Hex(token), deps.clock->NowMs()};
    if (store->PutWebhook(row).ok()) ++registered;
  }
  return registered;
}

DeliveryVerdict AffectedUsers(store::Store& store, const std::string& token,
                              const std::string& body) {
  DeliveryVerdict v;
  StatusOr<std::optional<store::Webhook>> hook =
      token.empty() ? StatusOr<std::optional<store::Webhook>>(std::optional<store::Webhook>())
                    : store.FindWebhookByTokenHash(util::Sha256Hex(token));
  if (!hook.ok() || !hook->has_value()) {
    v.status = 404;
    return v;
  }
  const json event = json::parse(body, nullptr, false);
  if (!event.is_object()) {
    v.status = 400;
    return v;
  }
  if (event.contains("kind") && event["kind"].is_string()) v.kind = event["kind"].get<std::string>();
  if (v.kind.rfind("todo_", 0) != 0) return v;  // not a to-do event: nothing to sync
  store::Id todo = 0;
  if (event.contains("recording") && event["recording"].is_object() &&
      event["recording"].contains("id") && event["recording"]["id"].is_number_integer()) {
    todo = event["recording"]["id"].get<store::Id>();
  }
  const json details = event.value("details", json::object());
  const std::vector<store::Id> added = PersonIds(details, "added_person_ids");
  const std::vector<store::Id> removed = PersonIds(details, "removed_person_ids");
  StatusOr<store::Company> company = store.FirstCompany();
  if (!company.ok()) return v;
  StatusOr<std::vector<store::User>> users = store.ListUsers(company->id);
  if (!users.ok()) return v;
  for (const store::User& u : *users) {
    StatusOr<store::PersonalIntegration> p = store.GetPersonal(u.id);
    if (!p.ok() || p->state != "on" || p->account_id != (*hook)->account_id) continue;
    bool affected = v.kind == "todo_created";
    const auto named = [&](const std::vector<store::Id>& ids) {
      return std::find(ids.begin(), ids.end(), p->person_id) != ids.end();
    };
    affected = affected || named(added) || named(removed);
    if (!affected && todo != 0) {
      StatusOr<std::vector<store::Task>> tasks = store.ListTasks(u.id);
      if (tasks.ok()) {
        for (const store::Task& t : *tasks) {
          affected = affected || (t.basecamp_id == todo && t.status == "active");
        }
      }
    }
    if (affected) v.users.push_back(u.id);
  }
  return v;
}

}  // namespace bcsync::sync
