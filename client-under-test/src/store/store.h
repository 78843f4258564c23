// The bcsync store: SQLite with versioned schema migrations (table schema_version).
// Owns one connection. Not thread safe: App serialises every call with its mutex.
// Absent rows read as NotFound, except the integration getters, which return the "off"
// default record.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bcsync/status.h"
#include "store/db.h"
#include "store/types.h"

namespace bcsync::store {

class Store {
 public:
  // Opens and migrates (every pending migration in ONE transaction). durable: see Db::Open.
  Status Open(const std::string& path, bool durable = true);
  int schema_version() const { return schema_version_; }
  Db& db() { return db_; }

  // Companies and users.
  StatusOr<Id> CreateCompany(const std::string& name);
  StatusOr<Company> GetCompany(Id id);
  StatusOr<Company> FirstCompany();
  StatusOr<Id> CreateUser(const User& user);
  StatusOr<User> GetUser(Id id);
  StatusOr<User> FindUserByEmail(const std::string& email);
  StatusOr<std::vector<User>> ListUsers(Id company_id);

  // Sessions and OAuth states.
  Status PutSession(const Session& session);
  StatusOr<Session> GetSession(const std::string& token_hash);
  Status DeleteSession(const std::string& token_hash);
  Status PutOAuthState(const OAuthState& state);
  // Removes and returns the state (single use). NotFound when absent.
  StatusOr<OAuthState> TakeOAuthState(const std::string& state);

  // Integrations.
  StatusOr<TrackerSettings> GetTrackerSettings(Id company_id);  // defaults when never saved
  Status PutTrackerSettings(const TrackerSettings& settings);
  StatusOr<CompanyIntegration> GetCompanyIntegration(Id company_id);
  Status PutCompanyIntegration(const CompanyIntegration& integration);
  StatusOr<PersonalIntegration> GetPersonal(Id user_id);
  Status PutPersonal(const PersonalIntegration& integration);
  // Compare-and-set for a sync running outside the store lock: writes next's state, error_code,
  // access_token, refresh_token and expires_at only while the stored row still has seen's
  // state, identity, account and tokens (nobody turned it off or reconnected meanwhile).
  // Returns whether it wrote.
  StatusOr<bool> UpdatePersonalIfUnchanged(const PersonalIntegration& next, const PersonalIntegration& seen);

  // Tokens at rest: once a key (32 bytes) is set, access and refresh tokens are written sealed
  // with AES-256-GCM (util::Seal, bound to the row and column) and read back unsealed; rows
  // still in clear read as they are. Without a key they are stored as given (unit tests).
  void SetTokenKey(std::string key) { token_key_ = std::move(key); }
  // Seals every token still stored in clear (a database from before encryption). Returns how
  // many rows it rewrote. Needs a key.
  StatusOr<int> SealPlaintextTokens();

  // Tasks (the caller wraps ReplaceTasks in a Transaction with the run it belongs to).
  StatusOr<std::vector<Task>> ListTasks(Id user_id);
  Status ReplaceTasks(Id user_id, const std::vector<Task>& tasks);

  // Sync runs. AddSyncRun keeps the user's newest kSyncRunsKept runs (older ones are removed).
  static constexpr int kSyncRunsKept = 100;
  StatusOr<Id> AddSyncRun(const SyncRun& run);
  StatusOr<std::optional<SyncRun>> LastSyncRun(Id user_id);
  // The user's newest `limit` runs, oldest first.
  StatusOr<std::vector<SyncRun>> ListSyncRuns(Id user_id, int limit);

  // Warnings (deduplicated by user+code+message).
  Status AddWarning(Id user_id, const Warning& warning);
  StatusOr<std::vector<Warning>> ListWarnings(Id user_id);
  Status ClearWarnings(Id user_id, const std::string& code);

  // ETag cache per user and URL.
  StatusOr<std::optional<CachedResponse>> GetCached(Id user_id, const std::string& url);
  Status PutCached(Id user_id, const std::string& url, const CachedResponse& response);

  // Per-account facts learned at run time (e.g. "no_assignments").
  StatusOr<bool> GetAccountFlag(Id account_id, const std::string& flag);
  Status SetAccountFlag(Id account_id, const std::string& flag);

  // Webhooks bcsync registered (store_integrations.cpp): one per (account, project).
  StatusOr<std::optional<Webhook>> GetWebhook(Id account_id, Id project_id);
  StatusOr<std::optional<Webhook>> FindWebhookByTokenHash(const std::string& token_hash);
  Status PutWebhook(const Webhook& w);  // replaces the project's row

 private:
  Status Migrate();
  std::string SealToken(Id user_id, const char* column, const std::string& token) const;
  StatusOr<std::string> UnsealToken(Id user_id, const char* column,
                                    const std::string& stored) const;
  Db db_;
  std::string token_key_;
  int schema_version_ = 0;
};

}  // namespace bcsync::store
