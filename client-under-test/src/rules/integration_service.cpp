#include "rules/integration_service.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "errors/catalogue.h"
#include "rules/account_choice.h"
#include "util/crypto.h"
#include "util/macros.h"

namespace bcsync::rules {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

CallbackOutcome Fail(const std::string& code, const std::string& purpose) {
  return CallbackOutcome{false, code, errors::Lookup(code).message, purpose};
}

CallbackOutcome FailWith(const Status& status, const std::string& purpose) {
  std::string code = status.error_code().empty() ? errors::kUnexpectedResponse : status.error_code();
  return Fail(code, purpose);
}

store::PersonalIntegration FromGrant(store::Id user_id, const oauth::TokenGrant& grant,
                                     const oauth::Authorization& auth, Millis now) {
  store::PersonalIntegration p;
  p.user_id = user_id;
  p.identity_id = auth.identity_id;
  p.identity_email = auth.email;
  p.identity_name = auth.name();
  p.access_token = grant.access_token;
  p.refresh_token = grant.refresh_token;
  p.expires_at = grant.expires_at;
  p.connected_at = now;
  p.last_auto_sync_at = now;
  p.auth_snapshot = auth.snapshot;  // redacted (launchpad_client.cpp)
  return p;
}

}  // namespace

IntegrationService::IntegrationService(store::Store* store, oauth::LaunchpadClient* launchpad, const Clock* clock,
                                       std::string account_mode, std::mutex* store_mu)
    : store_(store), launchpad_(launchpad), clock_(clock), account_mode_(std::move(account_mode)),
      store_mu_(store_mu) {}

std::unique_lock<std::mutex> IntegrationService::LockStore() const {
  return store_mu_ != nullptr ? std::unique_lock<std::mutex>(*store_mu_) : std::unique_lock<std::mutex>();
}

StatusOr<std::string> IntegrationService::BeginConnect(const store::User& user, const std::string& session_hash,
                                                       const std::string& purpose) {
  if (purpose == "company") {
    if (!CanManageCompanyIntegrations(user.role)) {
      return PermissionDeniedError("Only your company owner or an admin can turn on Basecamp for the company.");
    }
  } else {
    ASSIGN_OR_RETURN(store::CompanyIntegration company, store_->GetCompanyIntegration(user.company_id));
    if (company.state != "on") {
      return Status(StatusCode::kFailedPrecondition, errors::Lookup(errors::kCompanyOff).message,
                    errors::kCompanyOff);
    }
  }
  const std::string state = util::RandomToken(24);
  RETURN_IF_ERROR(store_->PutOAuthState(
      store::OAuthState{state, user.id, session_hash, purpose, clock_->NowMs() + kOAuthStateTtl}));
  return launchpad_->AuthorizeUrl(state);
}

CallbackOutcome IntegrationService::HandleCallback(const std::string& session_hash,
                                                   const std::map<std::string, std::string>& params) {
  auto state_it = params.find("state");
  if (state_it == params.end() || state_it->second.empty()) return Fail(errors::kStateMismatch, "");
  StatusOr<store::OAuthState> state = NotFoundError("unread");
  StatusOr<store::User> user = NotFoundError("unread");
  {
    auto lock = LockStore();
    state = store_->TakeOAuthState(state_it->second);
    if (state.ok()) user = store_->GetUser(state->user_id);
  }
  if (!state.ok() || state->expires_at < clock_->NowMs() || session_hash.empty() ||
      !util::SafeEquals(state->session_hash, session_hash)) {
    return Fail(errors::kStateMismatch, "");
  }
  const std::string purpose = state->purpose;
  if (!user.ok()) return Fail(errors::kStateMismatch, "");
  if (params.count("error") != 0) return Fail(errors::kAccessDenied, purpose);
  auto code_it = params.find("code");
  if (code_it == params.end() || code_it->second.empty()) return Fail(errors::kTokenExchangeFailed, purpose);

  StatusOr<oauth::TokenGrant> grant = launchpad_->ExchangeCode(code_it->second);
  if (!grant.ok()) return FailWith(grant.status(), purpose);
  StatusOr<oauth::Authorization> auth = launchpad_->GetAuthorization(grant->access_token);
  if (!auth.ok()) return FailWith(auth.status(), purpose);
  if (purpose == "company") {
    if (!CanManageCompanyIntegrations(user->role)) return Fail(errors::kStateMismatch, purpose);
    return ConnectCompany(*user, *grant, *auth);
  }
  return ConnectPersonal(*user, *grant, *auth);
}

Status IntegrationService::LinkAccount(store::PersonalIntegration& p, const oauth::AuthAccount& account) {
  p.account_id = account.id;
  p.account_name = account.name;
  p.account_href = account.href;
  StatusOr<oauth::Profile> profile = launchpad_->GetProfile(account.href, p.access_token);
  if (!profile.ok()) {
    p.state = "error";
    p.error_code = profile.status().error_code().empty() ? errors::kUnexpectedResponse : profile.status().error_code();
    return profile.status();
  }
  p.person_id = profile->person_id;
  p.state = "on";
  p.error_code.clear();
  return OkStatus();
}

CallbackOutcome IntegrationService::ConnectCompany(const store::User& user, const oauth::TokenGrant& grant,
                                                   const oauth::Authorization& auth) {
  const Millis now = clock_->NowMs();
  store::CompanyIntegration c;
  c.company_id = user.company_id;
  c.connected_by = user.id;
  c.connected_at = now;
  c.auth_snapshot = auth.snapshot;
  c.account_mode = account_mode_;
  {
    auto lock = LockStore();
    StatusOr<store::TrackerSettings> settings = store_->GetTrackerSettings(user.company_id);
    if (settings.ok() && !settings->account_mode.empty()) c.account_mode = settings->account_mode;
  }
  store::PersonalIntegration p = FromGrant(user.id, grant, auth, now);
  AccountChoice choice = ChooseCompanyAccount(auth.accounts, c.account_mode);
  CallbackOutcome outcome{true, "", "Basecamp is on for your company.", "company"};
  if (choice.kind == AccountChoice::Kind::kError) {
    c.state = "error";
    c.error_code = choice.error_code;
    p.state = "error";
    p.error_code = choice.error_code;
    outcome = Fail(choice.error_code, "company");
  } else if (choice.kind == AccountChoice::Kind::kNeedsChoice) {
    nlohmann::json pending = nlohmann::json::array();
    for (const auto& a : choice.candidates) {
      pending.push_back({{"id", a.id}, {"name", a.name}, {"product", a.product}, {"href", a.href}});
    }
    c.state = "off";
    c.pending_accounts = pending.dump();
    p.state = "off";
    outcome.message = "Your Basecamp login holds several accounts. Choose the one to use.";
  } else {
    c.account_id = choice.account.id;
    c.account_name = choice.account.name;
    c.account_href = choice.account.href;
    Status linked = LinkAccount(p, choice.account);
    if (linked.ok()) {
      c.state = "on";
    } else {
      c.state = "error";
      c.error_code = p.error_code;
      outcome = Fail(p.error_code, "company");
    }
  }
  auto lock = LockStore();
  store::Transaction tx(&store_->db());
  if (!tx.begin_status().ok() || !store_->PutCompanyIntegration(c).ok() || !store_->PutPersonal(p).ok() ||
      !CheckIdentity(user, p).ok() || !tx.Commit().ok()) {
    return Fail(errors::kUnexpectedResponse, "company");
  }
  return outcome;
}

CallbackOutcome IntegrationService::ConnectPersonal(const store::User& user, const oauth::TokenGrant& grant,
                                                    const oauth::Authorization& auth) {
  StatusOr<store::CompanyIntegration> c = NotFoundError("unread");
  {
    auto lock = LockStore();
    c = store_->GetCompanyIntegration(user.company_id);
  }
  if (!c.ok() || c->state != "on") return Fail(errors::kCompanyOff, "personal");
  store::PersonalIntegration p = FromGrant(user.id, grant, auth, clock_->NowMs());
  // The mode the company was connected in governs (a restart with another --account-mode
  // does not change how existing links are matched); older records fall back to ours.
  const std::string& mode = c->account_mode.empty() ? account_mode_ : c->account_mode;
  AccountChoice choice = ChoosePersonalAccount(auth.accounts, mode, c->account_id);
  CallbackOutcome outcome{true, "", "Your Basecamp integration is on.", "personal"};
  if (choice.kind == AccountChoice::Kind::kLinked) {
    if (!LinkAccount(p, choice.account).ok()) outcome = Fail(p.error_code, "personal");
  } else {
    p.state = "error";
    p.error_code = choice.error_code;
    outcome = Fail(choice.error_code, "personal");
  }
  auto lock = LockStore();
  store::Transaction tx(&store_->db());
  // The company may have been turned off or relinked while Launchpad answered.
  StatusOr<store::CompanyIntegration> now = store_->GetCompanyIntegration(user.company_id);
  if (!now.ok() || now->state != "on" || now->account_id != c->account_id) {
    return Fail(errors::kCompanyOff, "personal");
  }
  if (!tx.begin_status().ok() || !store_->PutPersonal(p).ok() || !CheckIdentity(user, p).ok() ||
      !tx.Commit().ok()) {
    return Fail(errors::kUnexpectedResponse, "personal");
  }
  return outcome;
}

Status IntegrationService::CheckIdentity(const store::User& user, const store::PersonalIntegration& p) {
  RETURN_IF_ERROR(store_->ClearWarnings(user.id, errors::kWrongAccount));
  const std::string identity = p.identity_name + " (" + p.identity_email + ")";
  if (Lower(p.identity_email) != Lower(user.email)) {
    RETURN_IF_ERROR(store_->AddWarning(
        user.id, store::Warning{errors::kWrongAccount,
                                "Your tracker login " + user.name + " (" + user.email +
                                    ") is linked to the Basecamp login " + identity +
                                    ". If that is not you, sign out of Basecamp and connect again."}));
  }
  ASSIGN_OR_RETURN(std::vector<store::User> users, store_->ListUsers(user.company_id));
  for (const store::User& other : users) {
    if (other.id == user.id) continue;
    ASSIGN_OR_RETURN(store::PersonalIntegration theirs, store_->GetPersonal(other.id));
    if (theirs.state == "off" || theirs.identity_id != p.identity_id) continue;
    const std::string message = user.name + " (" + user.email + ") and " + other.name + " (" + other.email +
                                ") are both linked to the same Basecamp login " + identity + ".";
    RETURN_IF_ERROR(store_->AddWarning(user.id, store::Warning{errors::kWrongAccount, message}));
    RETURN_IF_ERROR(store_->AddWarning(other.id, store::Warning{errors::kWrongAccount, message}));
  }
  return OkStatus();
}

Status IntegrationService::TurnCompanyOff(const store::User& user) {
  if (!CanManageCompanyIntegrations(user.role)) {
    return PermissionDeniedError("Only your company owner or an admin can turn off Basecamp for the company.");
  }
  store::Transaction tx(&store_->db());
  RETURN_IF_ERROR(tx.begin_status());
  ASSIGN_OR_RETURN(store::CompanyIntegration c, store_->GetCompanyIntegration(user.company_id));
  c.state = "off";
  c.error_code.clear();
  c.pending_accounts.clear();
  RETURN_IF_ERROR(store_->PutCompanyIntegration(c));
  ASSIGN_OR_RETURN(std::vector<store::User> users, store_->ListUsers(user.company_id));
  for (const store::User& u : users) {
    ASSIGN_OR_RETURN(store::PersonalIntegration p, store_->GetPersonal(u.id));
    if (p.state == "off" && p.access_token.empty()) continue;
    p.state = "off";
    p.error_code.clear();
    p.access_token.clear();
    p.refresh_token.clear();
    RETURN_IF_ERROR(store_->PutPersonal(p));
  }
  return tx.Commit();
}

Status IntegrationService::TurnPersonalOff(const store::User& user) {
  ASSIGN_OR_RETURN(store::PersonalIntegration p, store_->GetPersonal(user.id));
  p.state = "off";
  p.error_code.clear();
  p.access_token.clear();
  p.refresh_token.clear();
  return store_->PutPersonal(p);
}

Status IntegrationService::ChooseAccount(const store::User& user, std::int64_t account_id) {
  if (!CanManageCompanyIntegrations(user.role)) {
    return PermissionDeniedError("Only your company owner or an admin can choose the Basecamp account.");
  }
  ASSIGN_OR_RETURN(store::CompanyIntegration c, store_->GetCompanyIntegration(user.company_id));
  nlohmann::json pending = nlohmann::json::parse(c.pending_accounts, nullptr, false);
  if (pending.is_discarded() || !pending.is_array()) return FailedPreconditionError("No account choice is pending.");
  std::optional<oauth::AuthAccount> chosen;
  for (const auto& a : pending) {
    if (a.value("id", std::int64_t{0}) == account_id) {
      chosen = oauth::AuthAccount{account_id, a.value("name", ""), a.value("product", ""), a.value("href", "")};
    }
  }
  if (!chosen) return InvalidArgumentError("That account is not one of the choices.");
  ASSIGN_OR_RETURN(store::PersonalIntegration p, store_->GetPersonal(c.connected_by));
  c.account_id = chosen->id;
  c.account_name = chosen->name;
  c.account_href = chosen->href;
  c.pending_accounts.clear();
  Status linked = LinkAccount(p, *chosen);
  c.state = linked.ok() ? "on" : "error";
  c.error_code = linked.ok() ? "" : p.error_code;
  store::Transaction tx(&store_->db());
  RETURN_IF_ERROR(tx.begin_status());
  RETURN_IF_ERROR(store_->PutCompanyIntegration(c));
  RETURN_IF_ERROR(store_->PutPersonal(p));
  RETURN_IF_ERROR(tx.Commit());
  return linked;
}

StatusOr<std::vector<std::string>> IntegrationService::VisibleIntegrations(const store::User& user) {
  ASSIGN_OR_RETURN(store::CompanyIntegration c, store_->GetCompanyIntegration(user.company_id));
  std::vector<std::string> visible;
  if (c.state == "on") visible.push_back("Basecamp");
  return visible;
}

}  // namespace bcsync::rules
