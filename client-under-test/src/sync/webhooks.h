// Syncing on Basecamp webhooks (issue 10): bcsync registers one webhook per synced project
// (POST /buckets/{p}/webhooks.json, types Todo) pointing at its own receiver,
// `PUBLIC_URL/webhooks/basecamp?token=T` with an opaque random token per project (the store
// keeps its SHA-256 only). A delivery whose token matches a registered webhook and whose kind
// is a to-do event asks for a sync of the affected users, which the next RunDue runs (within
// seconds: the CLI calls it every 5 s, the scenario runner at every time step); polling at the
// automatic interval stays as the fallback. A webhook Basecamp deactivated (GET shows
// active: false) or forgot (404) is registered again on the next sync.
//
// Registration failures never fail a sync (polling still works); they show nowhere but in the
// sync's request count.
// Thread safety: EnsureWebhooks takes the store lock itself (never while Basecamp is asked);
// AffectedUsers wants the caller to hold it.
#pragma once

#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "basecamp/api_client.h"
#include "store/store.h"

namespace bcsync::sync {

// The receiver's path on bcsync's web server.
inline constexpr const char* kWebhookPath = "/webhooks/basecamp";

// Makes sure each of `projects` (in the account at `account_href`) has a live bcsync webhook:
// registers it when the store has none, or when Basecamp shows the stored one inactive or
// gone. `receiver_base` is "PUBLIC_URL/webhooks/basecamp". Returns how many were registered;
// `*requests` counts the requests sent.
int EnsureWebhooks(store::Store* store, std::mutex* store_mu, basecamp::ApiClient& api,
                   const basecamp::ApiDeps& deps, basecamp::TokenSource& tokens,
                   const std::string& account_href, store::Id account_id,
                   const std::set<store::Id>& projects, const std::string& receiver_base,
                   int* requests);

// What a delivery (the request body) with this URL token asks for. `status`: 404 when the
// token matches no registered webhook, 400 for a body that is not a JSON object, else 204;
// `users`: whom to sync (to-do kinds only: assignment changes name the people added and
// removed; other to-do events the users holding the to-do, or for todo_created everyone
// connected to the account). The caller holds the store lock.
struct DeliveryVerdict {
  int status = 204;
  std::string kind;
  std::vector<store::Id> users;
};
DeliveryVerdict AffectedUsers(store::Store& store, const std::string& token,
                              const std::string& body);

}  // namespace bcsync::sync
