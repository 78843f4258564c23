// POST /webhooks/basecamp?token=T: Basecamp's webhook deliveries (sync/webhooks.h). No session
// and no CSRF token (Basecamp is not a browser): the opaque per-project token in the URL is
// the check; an unknown one is 404. Bodies are at most 64 KiB (the connection guard) and
// parsed without exceptions. Answers at once (204); the syncs it asks for run with RunDue.
#include "sync/webhooks.h"
#include "web/dashboard.h"

namespace bcsync::web {

void RegisterWebhookReceiver(AppCore& core, httplib::Server& server) {
  server.Post(sync::kWebhookPath, [&core](const httplib::Request& req, httplib::Response& res) {
    sync::DeliveryVerdict v;
    {
      std::lock_guard<std::mutex> lock(core.mu);
      v = sync::AffectedUsers(core.store, req.get_param_value("token"), req.body);
    }
    if (v.status == 204 && !v.users.empty()) core.sync->RequestSync(v.users);
    res.status = v.status;
  });
}

}  // namespace bcsync::web
