// Store: opening, migrations, companies, users, sessions and OAuth states.
#include "store/store.h"

#include <utility>

#include "util/macros.h"

namespace bcsync::store {
namespace {

// Each entry moves the schema one version up. Never edit a shipped entry; append.
const char* const kMigrations[] = {
    // 1: the initial schema.
    R"sql(
CREATE TABLE companies (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE users (
  id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL REFERENCES companies(id),
  email TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT NOT NULL, role TEXT NOT NULL,
  password_hash TEXT NOT NULL);
CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
  csrf TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE oauth_states (state TEXT PRIMARY KEY, user_id INTEGER NOT NULL, session_hash TEXT NOT NULL,
  purpose TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE company_integrations (company_id INTEGER PRIMARY KEY REFERENCES companies(id),
  state TEXT NOT NULL, error_code TEXT NOT NULL, account_id INTEGER NOT NULL, account_name TEXT NOT NULL,
  account_href TEXT NOT NULL, connected_by INTEGER NOT NULL, connected_at INTEGER NOT NULL,
  auth_snapshot TEXT NOT NULL, pending_accounts TEXT NOT NULL);
CREATE TABLE personal_integrations (user_id INTEGER PRIMARY KEY REFERENCES users(id),
  state TEXT NOT NULL, error_code TEXT NOT NULL, identity_id INTEGER NOT NULL, identity_email TEXT NOT NULL,
  identity_name TEXT NOT NULL, account_id INTEGER NOT NULL, account_name TEXT NOT NULL,
  account_href TEXT NOT NULL, person_id INTEGER NOT NULL, access_token TEXT NOT NULL,
  refresh_token TEXT NOT NULL, expires_at INTEGER NOT NULL, connected_at INTEGER NOT NULL,
  last_auto_sync_at INTEGER NOT NULL);
CREATE TABLE tasks (user_id INTEGER NOT NULL REFERENCES users(id), account_id INTEGER NOT NULL,
  basecamp_id INTEGER NOT NULL, project_id INTEGER NOT NULL, title TEXT NOT NULL, project TEXT NOT NULL,
  list TEXT NOT NULL, due_on TEXT NOT NULL, status TEXT NOT NULL, archived_reason TEXT NOT NULL,
  PRIMARY KEY (user_id, account_id, basecamp_id));
CREATE TABLE sync_runs (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
  started_at INTEGER NOT NULL, finished_at INTEGER NOT NULL, outcome TEXT NOT NULL, code TEXT NOT NULL,
  message TEXT NOT NULL, counts_json TEXT NOT NULL, request_ids TEXT NOT NULL);
CREATE TABLE warnings (user_id INTEGER NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,
  PRIMARY KEY (user_id, code, message));
CREATE TABLE etag_cache (user_id INTEGER NOT NULL, url TEXT NOT NULL, etag TEXT NOT NULL,
  body TEXT NOT NULL, link TEXT NOT NULL, PRIMARY KEY (user_id, url));
CREATE TABLE account_flags (account_id INTEGER NOT NULL, flag TEXT NOT NULL,
  PRIMARY KEY (account_id, flag));
)sql",
    // 2: the account mode the company integration was connected in ("" = before it was stored).
    R"sql(
ALTER TABLE company_integrations ADD COLUMN account_mode TEXT NOT NULL DEFAULT '';
)sql",
    // 3: tracker settings an owner or admin changed on the Tracker settings page.
    R"sql(
CREATE TABLE tracker_settings (company_id INTEGER PRIMARY KEY REFERENCES companies(id),
  account_mode TEXT NOT NULL, auto_sync_interval_ms INTEGER NOT NULL);
)sql",
    // 4: time entries and their write-back outbox (timetrack/time_store.h).
    R"sql(
CREATE TABLE time_entries (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
  account_id INTEGER NOT NULL, todo_id INTEGER NOT NULL, marker TEXT NOT NULL UNIQUE,
  person_id INTEGER NOT NULL, date TEXT NOT NULL, minutes INTEGER NOT NULL, description TEXT NOT NULL,
  timer_started_at INTEGER NOT NULL, state TEXT NOT NULL, error_code TEXT NOT NULL,
  remote_id INTEGER NOT NULL, outbox TEXT NOT NULL, in_flight INTEGER NOT NULL, sent_json TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL, deleted INTEGER NOT NULL, created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL);
CREATE INDEX time_entries_by_user ON time_entries (user_id, todo_id);
)sql",
    // 5: each sync run's request log (support bundles); runs are kept per user, the newest
    // kSyncRunsKept (store.h); the personal connection's authorization snapshot.
    R"sql(
ALTER TABLE sync_runs ADD COLUMN request_log TEXT NOT NULL DEFAULT '{}';
ALTER TABLE personal_integrations ADD COLUMN auth_snapshot TEXT NOT NULL DEFAULT '';
CREATE INDEX sync_runs_by_user ON sync_runs (user_id, id);
)sql",
    // 6: the webhooks bcsync registered in Basecamp projects (sync/webhooks.h): one per
    // project; the receiver URL's opaque token is kept as its SHA-256 only.
    R"sql(
CREATE TABLE webhooks (account_id INTEGER NOT NULL, project_id INTEGER NOT NULL,
  webhook_id INTEGER NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, project_id));
)sql",
};

constexpr int kSchemaVersion = sizeof(kMigrations) / sizeof(kMigrations[0]);

User ReadUser(const Stmt& s) {
  return User{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5)};
}

constexpr const char* kUserColumns = "id, company_id, email, name, role, password_hash";

}  // namespace

Status Store::Open(const std::string& path, bool durable) {
  RETURN_IF_ERROR(db_.Open(path, durable));
  return Migrate();
}

Status Store::Migrate() {
  // One transaction for the whole upgrade: one commit (one fsync when durable), and a failed
  // migration leaves the database at its old version.
  Transaction tx(&db_);
  RETURN_IF_ERROR(tx.begin_status());
  RETURN_IF_ERROR(db_.Exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);"));
  int version = 0;
  {
    ASSIGN_OR_RETURN(Stmt read, db_.Prepare("SELECT MAX(version) FROM schema_version;"));
    ASSIGN_OR_RETURN(bool row, read.Step());
    version = row ? static_cast<int>(read.Int(0)) : 0;
  }
  if (version > kSchemaVersion) {
    return FailedPreconditionError("database schema version " + std::to_string(version) +
                                   " is newer than this bcsync (" + std::to_string(kSchemaVersion) + ")");
  }
  for (int next = version; next < kSchemaVersion; ++next) {
    RETURN_IF_ERROR(db_.Exec(kMigrations[next]));
    RETURN_IF_ERROR(db_.Exec("INSERT INTO schema_version (version) VALUES (" + std::to_string(next + 1) + ");"));
  }
  RETURN_IF_ERROR(tx.Commit());
  schema_version_ = kSchemaVersion;
  return OkStatus();
}

StatusOr<Id> Store::CreateCompany(const std::string& name) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare("INSERT INTO companies (name) VALUES (?);"));
  RETURN_IF_ERROR(s.Bind(1, name).Run());
  return db_.LastInsertId();
}

StatusOr<Company> Store::GetCompany(Id id) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare("SELECT id, name FROM companies WHERE id = ?;"));
  s.Bind(1, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundError("no company " + std::to_string(id));
  return Company{s.Int(0), s.Text(1)};
}

StatusOr<Company> Store::FirstCompany() {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare("SELECT id, name FROM companies ORDER BY id LIMIT 1;"));
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundError("no company yet (run `bcsync init`)");
  return Company{s.Int(0), s.Text(1)};
}

StatusOr<Id> Store::CreateUser(const User& user) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "INSERT INTO users (company_id, email, name, role, password_hash) VALUES (?, ?, ?, ?, ?);"));
  s.Bind(1, user.company_id).Bind(2, user.email).Bind(3, user.name).Bind(4, user.role).Bind(5, user.password_hash);
  Status status = s.Run();
  if (!status.ok()) return AlreadyExistsError("cannot add user " + user.email + ": " + status.message());
  return db_.LastInsertId();
}

StatusOr<User> Store::GetUser(Id id) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?;"));
  s.Bind(1, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundError("no user " + std::to_string(id));
  return ReadUser(s);
}

StatusOr<User> Store::FindUserByEmail(const std::string& email) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE email = ?;"));
  s.Bind(1, email);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundError("no user with email " + email);
  return ReadUser(s);
}

StatusOr<std::vector<User>> Store::ListUsers(Id company_id) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(std::string("SELECT ") + kUserColumns +
                                       " FROM users WHERE company_id = ? ORDER BY id;"));
  s.Bind(1, company_id);
  std::vector<User> users;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    users.push_back(ReadUser(s));
  }
  return users;
}

Status Store::PutSession(const Session& session) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "INSERT OR REPLACE INTO sessions (token_hash, user_id, csrf, created_at) VALUES (?, ?, ?, ?);"));
  return s.Bind(1, session.token_hash).Bind(2, session.user_id).Bind(3, session.csrf).Bind(4, session.created_at).Run();
}

StatusOr<Session> Store::GetSession(const std::string& token_hash) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "SELECT token_hash, user_id, csrf, created_at FROM sessions WHERE token_hash = ?;"));
  s.Bind(1, token_hash);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundError("no such session");
  return Session{s.Text(0), s.Int(1), s.Text(2), s.Int(3)};
}

Status Store::DeleteSession(const std::string& token_hash) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare("DELETE FROM sessions WHERE token_hash = ?;"));
  return s.Bind(1, token_hash).Run();
}

Status Store::PutOAuthState(const OAuthState& state) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "INSERT INTO oauth_states (state, user_id, session_hash, purpose, expires_at) VALUES (?, ?, ?, ?, ?);"));
  return s.Bind(1, state.state).Bind(2, state.user_id).Bind(3, state.session_hash).Bind(4, state.purpose)
      .Bind(5, state.expires_at).Run();
}

StatusOr<OAuthState> Store::TakeOAuthState(const std::string& state) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "SELECT state, user_id, session_hash, purpose, expires_at FROM oauth_states WHERE state = ?;"));
  s.Bind(1, state);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundError("unknown OAuth state");
  OAuthState found{s.Text(0), s.Int(1), s.Text(2), s.Text(3), s.Int(4)};
  ASSIGN_OR_RETURN(Stmt del, db_.Prepare("DELETE FROM oauth_states WHERE state = ?;"));
  RETURN_IF_ERROR(del.Bind(1, state).Run());
  return found;
}

}  // namespace bcsync::store
