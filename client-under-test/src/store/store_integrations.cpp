// Store: company and personal integration records.
#include "store/store.h"
#include "util/crypto.h"
#include "util/macros.h"

namespace bcsync::store {

StatusOr<TrackerSettings> Store::GetTrackerSettings(Id company_id) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "SELECT account_mode, auto_sync_interval_ms FROM tracker_settings WHERE company_id = ?;"));
  s.Bind(1, company_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  TrackerSettings t;
  t.company_id = company_id;
  if (!row) return t;
  t.account_mode = s.Text(0);
  t.auto_sync_interval_ms = s.Int(1);
  return t;
}

Status Store::PutTrackerSettings(const TrackerSettings& t) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "INSERT OR REPLACE INTO tracker_settings (company_id, account_mode, auto_sync_interval_ms) "
      "VALUES (?, ?, ?);"));
  return s.Bind(1, t.company_id).Bind(2, t.account_mode).Bind(3, t.auto_sync_interval_ms).Run();
}

std::string Store::SealToken(Id user_id, const char* column, const std::string& token) const {
  if (token_key_.empty() || token.empty()) return token;
  return util::Seal(token_key_, token,
                    "personal_integrations:" + std::to_string(user_id) + ":" + column);
}

StatusOr<std::string> Store::UnsealToken(Id user_id, const char* column,
                                         const std::string& stored) const {
  if (!util::IsSealed(stored)) return stored;  // in clear: before encryption, or no key
  std::string plain;
  if (token_key_.empty() ||
      !util::Unseal(token_key_, stored,
                    "personal_integrations:" + std::to_string(user_id) + ":" + column, &plain)) {
    return InternalError(
        "the stored Basecamp tokens cannot be decrypted with this key; use the key file "
        "`bcsync init` wrote for this database (--key-file or BCSYNC_KEY_FILE)");
  }
  return plain;
}

StatusOr<int> Store::SealPlaintextTokens() {
  if (token_key_.empty()) return FailedPreconditionError("no token key set");
  std::vector<std::pair<Id, std::pair<std::string, std::string>>> rows;
  {
    ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
        "SELECT user_id, access_token, refresh_token FROM personal_integrations;"));
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      const std::string at = s.Text(1), rt = s.Text(2);
      if ((!at.empty() && !util::IsSealed(at)) || (!rt.empty() && !util::IsSealed(rt)))
        rows.push_back({s.Int(0), {at, rt}});
    }
  }
  if (rows.empty()) return 0;
  Transaction tx(&db_);
  RETURN_IF_ERROR(tx.begin_status());
  for (const auto& [user_id, tokens] : rows) {
    ASSIGN_OR_RETURN(Stmt u, db_.Prepare(
        "UPDATE personal_integrations SET access_token = ?, refresh_token = ? WHERE user_id = ?;"));
    const std::string at = util::IsSealed(tokens.first)
                               ? tokens.first
                               : SealToken(user_id, "access_token", tokens.first);
    const std::string rt = util::IsSealed(tokens.second)
                               ? tokens.second
                               : SealToken(user_id, "refresh_token", tokens.second);
    RETURN_IF_ERROR(u.Bind(1, at).Bind(2, rt).Bind(3, user_id).Run());
  }
  RETURN_IF_ERROR(tx.Commit());
  return static_cast<int>(rows.size());
}

StatusOr<CompanyIntegration> Store::GetCompanyIntegration(Id company_id) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "SELECT company_id, state, error_code, account_id, account_name, account_href, connected_by, "
      "connected_at, auth_snapshot, pending_accounts, account_mode FROM company_integrations WHERE company_id = ?;"));
  s.Bind(1, company_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  CompanyIntegration c;
  c.company_id = company_id;
  if (!row) return c;
  c.state = s.Text(1);
  c.error_code = s.Text(2);
  c.account_id = s.Int(3);
  c.account_name = s.Text(4);
  c.account_href = s.Text(5);
  c.connected_by = s.Int(6);
  c.connected_at = s.Int(7);
  c.auth_snapshot = s.Text(8);
  c.pending_accounts = s.Text(9);
  c.account_mode = s.Text(10);
  return c;
}

Status Store::PutCompanyIntegration(const CompanyIntegration& c) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "INSERT OR REPLACE INTO company_integrations (company_id, state, error_code, account_id, account_name, "
      "account_href, connected_by, connected_at, auth_snapshot, pending_accounts, account_mode) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);"));
  return s.Bind(1, c.company_id).Bind(2, c.state).Bind(3, c.error_code).Bind(4, c.account_id)
      .Bind(5, c.account_name).Bind(6, c.account_href).Bind(7, c.connected_by).Bind(8, c.connected_at)
      .Bind(9, c.auth_snapshot).Bind(10, c.pending_accounts).Bind(11, c.account_mode).Run();
}

StatusOr<PersonalIntegration> Store::GetPersonal(Id user_id) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "SELECT user_id, state, error_code, identity_id, identity_email, identity_name, account_id, "
      "account_name, account_href, person_id, access_token, refresh_token, expires_at, connected_at, "
      "last_auto_sync_at, auth_snapshot FROM personal_integrations WHERE user_id = ?;"));
  s.Bind(1, user_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  PersonalIntegration p;
  p.user_id = user_id;
  if (!row) return p;
  p.state = s.Text(1);
  p.error_code = s.Text(2);
  p.identity_id = s.Int(3);
  p.identity_email = s.Text(4);
  p.identity_name = s.Text(5);
  p.account_id = s.Int(6);
  p.account_name = s.Text(7);
  p.account_href = s.Text(8);
  p.person_id = s.Int(9);
  ASSIGN_OR_RETURN(p.access_token, UnsealToken(user_id, "access_token", s.Text(10)));
  ASSIGN_OR_RETURN(p.refresh_token, UnsealToken(user_id, "refresh_token", s.Text(11)));
  p.expires_at = s.Int(12);
  p.connected_at = s.Int(13);
  p.last_auto_sync_at = s.Int(14);
  p.auth_snapshot = s.Text(15);
  return p;
}

Status Store::PutPersonal(const PersonalIntegration& p) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "INSERT OR REPLACE INTO personal_integrations (user_id, state, error_code, identity_id, identity_email, "
      "identity_name, account_id, account_name, account_href, person_id, access_token, refresh_token, "
      "expires_at, connected_at, last_auto_sync_at, auth_snapshot) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);"));
  return s.Bind(1, p.user_id).Bind(2, p.state).Bind(3, p.error_code).Bind(4, p.identity_id)
      .Bind(5, p.identity_email).Bind(6, p.identity_name).Bind(7, p.account_id).Bind(8, p.account_name)
      .Bind(9, p.account_href).Bind(10, p.person_id)
      .Bind(11, SealToken(p.user_id, "access_token", p.access_token))
      .Bind(12, SealToken(p.user_id, "refresh_token", p.refresh_token))
      .Bind(13, p.expires_at).Bind(14, p.connected_at).Bind(15, p.last_auto_sync_at)
      .Bind(16, p.auth_snapshot).Run();
}

StatusOr<bool> Store::UpdatePersonalIfUnchanged(const PersonalIntegration& next, const PersonalIntegration& seen) {
  // Sealed tokens differ byte for byte each time they are written (random nonces), so the
  // tokens are compared unsealed here, and the UPDATE matches the exact stored bytes.
  std::string stored_at, stored_rt;
  {
    ASSIGN_OR_RETURN(Stmt read, db_.Prepare(
        "SELECT access_token, refresh_token FROM personal_integrations WHERE user_id = ? AND "
        "state = ? AND identity_id = ? AND account_id = ?;"));
    read.Bind(1, seen.user_id).Bind(2, seen.state).Bind(3, seen.identity_id)
        .Bind(4, seen.account_id);
    ASSIGN_OR_RETURN(bool row, read.Step());
    if (!row) return false;
    stored_at = read.Text(0);
    stored_rt = read.Text(1);
  }
  ASSIGN_OR_RETURN(std::string at, UnsealToken(seen.user_id, "access_token", stored_at));
  ASSIGN_OR_RETURN(std::string rt, UnsealToken(seen.user_id, "refresh_token", stored_rt));
  if (at != seen.access_token || rt != seen.refresh_token) return false;
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(
      "UPDATE personal_integrations SET state = ?, error_code = ?, access_token = ?, refresh_token = ?, "
      "expires_at = ? WHERE user_id = ? AND state = ? AND identity_id = ? AND account_id = ? "
      "AND access_token = ? AND refresh_token = ?;"));
  s.Bind(1, next.state).Bind(2, next.error_code)
      .Bind(3, SealToken(seen.user_id, "access_token", next.access_token))
      .Bind(4, SealToken(seen.user_id, "refresh_token", next.refresh_token))
      .Bind(5, next.expires_at).Bind(6, seen.user_id).Bind(7, seen.state).Bind(8, seen.identity_id)
      .Bind(9, seen.account_id).Bind(10, stored_at).Bind(11, stored_rt);
  RETURN_IF_ERROR(s.Run());
  return db_.Changes() == 1;
}

StatusOr<bool> Store::GetAccountFlag(Id account_id, const std::string& flag) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare("SELECT 1 FROM account_flags WHERE account_id = ? AND flag = ?;"));
  s.Bind(1, account_id).Bind(2, flag);
  return s.Step();
}

Status Store::SetAccountFlag(Id account_id, const std::string& flag) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare("INSERT OR IGNORE INTO account_flags (account_id, flag) VALUES (?, ?);"));
  return s.Bind(1, account_id).Bind(2, flag).Run();
}

namespace {
Webhook ReadWebhook(const Stmt& s) {
  return Webhook{s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.Int(4)};
}
constexpr const char* kWebhookColumns =
    "account_id, project_id, webhook_id, token_hash, created_at";
}  // namespace

StatusOr<std::optional<Webhook>> Store::GetWebhook(Id account_id, Id project_id) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(std::string("SELECT ") + kWebhookColumns +
                                       " FROM webhooks WHERE account_id = ? AND project_id = ?;"));
  s.Bind(1, account_id).Bind(2, project_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<Webhook>();
  return std::optional<Webhook>(ReadWebhook(s));
}

StatusOr<std::optional<Webhook>> Store::FindWebhookByTokenHash(const std::string& token_hash) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare(std::string("SELECT ") + kWebhookColumns +
                                       " FROM webhooks WHERE token_hash = ?;"));
  s.Bind(1, token_hash);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<Webhook>();
  return std::optional<Webhook>(ReadWebhook(s));
}

Status Store::PutWebhook(const Webhook& w) {
  ASSIGN_OR_RETURN(Stmt s, db_.Prepare("INSERT OR REPLACE INTO webhooks (account_id, "
                                       "project_id, webhook_id, token_hash, created_at) "
                                       "VALUES (?, ?, ?, ?, ?);"));
  return s.Bind(1, w.account_id).Bind(2, w.project_id).Bind(3, w.webhook_id).Bind(4, w.token_hash)
      .Bind(5, w.created_at).Run();
}

}  // namespace bcsync::store
