// The dashboard: server-rendered pages and the JSON API of docs/contracts.md, registered on
// an httplib::Server. Handlers take AppCore::mu for their whole run. Borrows the core.
#pragma once

#include <httplib.h>

#include "app_core.h"

namespace bcsync::web {

void RegisterPages(AppCore& core, httplib::Server& server);    // web/pages.cpp
void RegisterSettings(AppCore& core, httplib::Server& server); // web/settings_pages.cpp
void RegisterJsonApi(AppCore& core, httplib::Server& server);  // web/json_api.cpp
void RegisterTrackerSettings(AppCore& core, httplib::Server& server);  // web/tracker_settings_page.cpp
void RegisterTimePages(AppCore& core, httplib::Server& server);  // web/time_pages.cpp (+ /api/time)
void RegisterWebhookReceiver(AppCore& core, httplib::Server& server);  // web/webhook_receiver.cpp

// Shared by the page files.
void Redirect(httplib::Response& res, const std::string& to);
void SendPage(httplib::Response& res, int status, const std::string& html);
struct LoggedIn;
// Layout() for a signed-in viewer: the top bar names them, admins get the admin links.
std::string Page(const LoggedIn& who, const std::string& title, const std::string& body);
// The outcome/code/message/help block for a catalogue code.
std::string ErrorBlock(const std::string& code);
// The Tasks page's Time section: each task's timer button and latest entries (time_pages.cpp).
std::string TimeOnTasks(AppCore& core, const LoggedIn& who, const std::vector<store::Task>& tasks);

}  // namespace bcsync::web
