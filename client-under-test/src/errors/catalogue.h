// The sync error catalogue: ONE source of truth for every code a user can meet, with the text
// they read, the likely cause, who can fix it and help. docs/sync-errors.md is generated from
// it (RenderMarkdown) and a unit test checks the two agree. Immutable, thread safe.
#pragma once

#include <string>
#include <vector>

namespace bcsync::errors {

// Stable codes (the scenario's `sync_error {code}` compares them). Never rename one.
inline constexpr const char* kMultipleAccounts = "108";
inline constexpr const char* kNoBasecampAccount = "BC_NO_BC3_ACCOUNT";
inline constexpr const char* kAccountNotInLogin = "BC_ACCOUNT_NOT_IN_LOGIN";
inline constexpr const char* kAccountNotChosen = "BC_ACCOUNT_NOT_CHOSEN";
inline constexpr const char* kWrongAccount = "wrong_account";  // a warning, not a failure
inline constexpr const char* kCompanyOff = "BC_COMPANY_INTEGRATION_OFF";
inline constexpr const char* kPersonalOff = "BC_PERSONAL_INTEGRATION_OFF";
inline constexpr const char* kPasswordChanged = "BC_TOKEN_PASSWORD_CHANGED";
inline constexpr const char* kTokenRevoked = "BC_TOKEN_REVOKED";
inline constexpr const char* kNoAccountsLeft = "BC_IDENTITY_HAS_NO_ACCOUNTS";
inline constexpr const char* kAccountInactive = "BC_ACCOUNT_INACTIVE";
inline constexpr const char* kApiDisabled = "BC_API_DISABLED";
inline constexpr const char* kRateLimited = "BC_RATE_LIMITED";
inline constexpr const char* kUnavailable = "BC_UNAVAILABLE";
inline constexpr const char* kNotVisible = "BC_ITEM_NOT_VISIBLE";
inline constexpr const char* kStateMismatch = "BC_STATE_MISMATCH";
inline constexpr const char* kAccessDenied = "BC_ACCESS_DENIED";
inline constexpr const char* kTokenExchangeFailed = "BC_TOKEN_EXCHANGE_FAILED";
inline constexpr const char* kClientMisconfigured = "BC_CLIENT_MISCONFIGURED";
inline constexpr const char* kSyncSuperseded = "BC_SYNC_SUPERSEDED";
inline constexpr const char* kBadPaginationLink = "BC_BAD_PAGINATION_LINK";
inline constexpr const char* kUnexpectedResponse = "BC_UNEXPECTED_RESPONSE";
inline constexpr const char* kAdminOnly = "BC_ADMIN_ONLY";  // a refused action, not a sync
// Not a sync error: the dashboard's log-in form refuses for a while after too many failures.
inline constexpr const char* kLoginThrottled = "LOGIN_THROTTLED";
// Basecamp answered 403: the login may not do this (a permission problem, not a missing item).
inline constexpr const char* kPermissionDenied = "BC_PERMISSION_DENIED";
// Basecamp answered 507: the account hit a limit of its plan (not retryable).
inline constexpr const char* kPlanLimit = "BC_PLAN_LIMIT";
// Time write-back (timetrack/): a time entry Basecamp refused. Shown on the entry, which is kept.
inline constexpr const char* kTimeRejected = "BC_TIME_REJECTED";      // 422
inline constexpr const char* kTimeForbidden = "BC_TIME_FORBIDDEN";    // 403
inline constexpr const char* kTimeTodoGone = "BC_TIME_TODO_GONE";     // 404
inline constexpr const char* kTimePlanLimit = "BC_TIME_PLAN_LIMIT";   // 507

struct ErrorInfo {
  std::string code;
  std::string title;
  std::string message;  // what the user reads
  std::string cause;    // the likely cause
  std::string fixer;    // who can fix it: you | company owner or admin | Basecamp account admin |
                        // the tracker's operator | nobody (wait) | nobody (report it)
  std::string help;     // what to do
};

const std::vector<ErrorInfo>& Catalogue();
// The entry for a code; an "unknown error" entry when the code is not in the catalogue.
const ErrorInfo& Lookup(const std::string& code);
// True for the codes shown as warnings beside a sync that worked (wrong_account), false for
// the codes a failed sync or a refused action carries.
bool IsWarning(const std::string& code);
// docs/sync-errors.md, byte for byte.
std::string RenderMarkdown();

}  // namespace bcsync::errors
