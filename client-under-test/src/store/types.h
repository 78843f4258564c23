// Plain records the store reads and writes. Tokens and password hashes live only here and in
// the database; nothing that prints a record may print those fields.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bcsync/clock.h"

namespace bcsync::store {

using Id = std::int64_t;

struct Company {
  Id id = 0;
  std::string name;
};

struct User {
  Id id = 0;
  Id company_id = 0;
  std::string email;
  std::string name;
  std::string role;  // owner | admin | user
  std::string password_hash;
};

struct Session {
  std::string token_hash;  // sha256 of the cookie value
  Id user_id = 0;
  std::string csrf;
  Millis created_at = 0;
};

struct OAuthState {
  std::string state;
  Id user_id = 0;
  std::string session_hash;  // the session it was issued to
  std::string purpose;       // "company" | "personal"
  Millis expires_at = 0;
};

// What an owner or admin set on the Tracker settings page; "" / 0 = the App's own option
// (AppOptions::account_mode, auto_sync_interval_ms).
struct TrackerSettings {
  Id company_id = 0;
  std::string account_mode;        // "" | "strict" | "choose"
  Millis auto_sync_interval_ms = 0;
};

// The company-level switch. state: on | off | error | needs_reconnect.
struct CompanyIntegration {
  Id company_id = 0;
  std::string state = "off";
  std::string error_code;
  Id account_id = 0;
  std::string account_name;
  std::string account_href;
  Id connected_by = 0;  // user id
  Millis connected_at = 0;
  std::string auth_snapshot;     // authorization.json at connect time, tokens redacted
  std::string pending_accounts;  // JSON array of {id,name,href,product} awaiting a choice
  std::string account_mode;      // "strict" | "choose" when connected; "" = not recorded
};

// One user's personal connection. state: on | off | error | needs_reconnect.
struct PersonalIntegration {
  Id user_id = 0;
  std::string state = "off";
  std::string error_code;
  Id identity_id = 0;
  std::string identity_email;
  std::string identity_name;
  Id account_id = 0;
  std::string account_name;
  std::string account_href;
  Id person_id = 0;
  std::string access_token;
  std::string refresh_token;
  Millis expires_at = 0;
  Millis connected_at = 0;
  Millis last_auto_sync_at = 0;  // when the automatic sync last ran (or connected_at)
  std::string auth_snapshot;     // authorization.json when it connected, tokens redacted
};

// A webhook bcsync registered in a Basecamp project; deliveries carry its token in the URL.
struct Webhook {
  Id account_id = 0;
  Id project_id = 0;
  Id webhook_id = 0;       // Basecamp's id
  std::string token_hash;  // SHA-256 hex of the receiver URL's token
  Millis created_at = 0;
};

struct Task {
  Id account_id = 0;
  Id basecamp_id = 0;
  Id project_id = 0;
  std::string title;
  std::string project;
  std::string list;
  std::string due_on;
  std::string status = "active";  // active | archived
  std::string archived_reason;    // completed | trashed | archived | reassigned | not_visible
};

struct SyncRun {
  Id id = 0;
  Id user_id = 0;
  Millis started_at = 0;
  Millis finished_at = 0;
  std::string outcome;  // ok | error
  std::string code;
  std::string message;
  std::string counts_json = "{}";
  std::vector<std::string> request_ids;
  // The run's requests as a JSON array (sync/request_log.h): method, path, status, ...
  std::string request_log_json = "{}";
};

struct Warning {
  std::string code;
  std::string message;
};

struct CachedResponse {
  std::string etag;
  std::string body;
  std::string link;  // the Link header that came with the body
};

}  // namespace bcsync::store
