// Which Basecamp account an authorization links to. Pure functions; thread safe.
//
// Only accounts with product bc3 or bcx count. Company connect:
//   strict: exactly one -> linked; none -> BC_NO_BC3_ACCOUNT; several -> 108.
//   choose: exactly one -> linked; none -> BC_NO_BC3_ACCOUNT; several -> the admin picks.
// Personal connect (the company already linked account X):
//   strict: none -> BC_NO_BC3_ACCOUNT; several -> 108; one that is not X -> BC_ACCOUNT_NOT_IN_LOGIN.
//   choose: X among them -> linked to X; none at all -> BC_NO_BC3_ACCOUNT; else BC_ACCOUNT_NOT_IN_LOGIN.
#pragma once

#include <string>
#include <vector>

#include "oauth/launchpad_client.h"

namespace bcsync::rules {

struct AccountChoice {
  enum class Kind { kLinked, kNeedsChoice, kError };
  Kind kind = Kind::kError;
  oauth::AuthAccount account;                 // kLinked
  std::vector<oauth::AuthAccount> candidates;  // kNeedsChoice
  std::string error_code;                      // kError
};

bool IsBasecampProduct(const std::string& product);
std::vector<oauth::AuthAccount> BasecampAccounts(const std::vector<oauth::AuthAccount>& accounts);
AccountChoice ChooseCompanyAccount(const std::vector<oauth::AuthAccount>& accounts, const std::string& mode);
AccountChoice ChoosePersonalAccount(const std::vector<oauth::AuthAccount>& accounts, const std::string& mode,
                                    std::int64_t company_account_id);

// Roles: only owners and admins manage company integrations.
bool CanManageCompanyIntegrations(const std::string& role);

}  // namespace bcsync::rules
