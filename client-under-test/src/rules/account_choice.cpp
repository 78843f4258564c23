#include "rules/account_choice.h"

#include "errors/catalogue.h"

namespace bcsync::rules {
namespace {

AccountChoice Error(const char* code) {
  AccountChoice choice;
  choice.kind = AccountChoice::Kind::kError;
  choice.error_code = code;
  return choice;
}

AccountChoice Linked(const oauth::AuthAccount& account) {
  AccountChoice choice;
  choice.kind = AccountChoice::Kind::kLinked;
  choice.account = account;
  return choice;
}

}  // namespace

bool IsBasecampProduct(const std::string& product) { return product == "bc3" || product == "bcx"; }

std::vector<oauth::AuthAccount> BasecampAccounts(const std::vector<oauth::AuthAccount>& accounts) {
  std::vector<oauth::AuthAccount> out;
  for (const auto& account : accounts) {
    if (IsBasecampProduct(account.product)) out.push_back(account);
  }
  return out;
}

AccountChoice ChooseCompanyAccount(const std::vector<oauth::AuthAccount>& accounts, const std::string& mode) {
  std::vector<oauth::AuthAccount> candidates = BasecampAccounts(accounts);
  if (candidates.empty()) return Error(errors::kNoBasecampAccount);
  if (candidates.size() == 1) return Linked(candidates[0]);
  if (mode != "choose") return Error(errors::kMultipleAccounts);
  AccountChoice choice;
  choice.kind = AccountChoice::Kind::kNeedsChoice;
  choice.candidates = std::move(candidates);
  return choice;
}

AccountChoice ChoosePersonalAccount(const std::vector<oauth::AuthAccount>& accounts, const std::string& mode,
                                    std::int64_t company_account_id) {
  std::vector<oauth::AuthAccount> candidates = BasecampAccounts(accounts);
  if (candidates.empty()) return Error(errors::kNoBasecampAccount);
  if (mode != "choose") {
    if (candidates.size() > 1) return Error(errors::kMultipleAccounts);
    if (candidates[0].id != company_account_id) return Error(errors::kAccountNotInLogin);
    return Linked(candidates[0]);
  }
  for (const auto& account : candidates) {
    if (account.id == company_account_id) return Linked(account);
  }
  return Error(errors::kAccountNotInLogin);
}

bool CanManageCompanyIntegrations(const std::string& role) { return role == "owner" || role == "admin"; }

}  // namespace bcsync::rules
