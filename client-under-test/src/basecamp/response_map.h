// ALL mapping from Basecamp/Launchpad HTTP outcomes to bcsync error codes lives here.
// Pure functions; thread safe.
#pragma once

#include <string>

#include "basecamp/transport.h"
#include "bcsync/status.h"

namespace bcsync::basecamp {

// OkStatus for 2xx and 304; otherwise a Status whose error_code() is the catalogue code:
// 403/404 + Reason: Account Inactive -> BC_ACCOUNT_INACTIVE, + Reason: API Disabled ->
// BC_API_DISABLED; other 404 -> BC_ITEM_NOT_VISIBLE (kNotFound: deleted or not visible);
// other 403 -> BC_PERMISSION_DENIED (kPermissionDenied: the login may not do it);
// 401 -> BC_TOKEN_REVOKED, 429 -> BC_RATE_LIMITED, 507 -> BC_PLAN_LIMIT (kFailedPrecondition:
// an account limit, waiting does not help), other 5xx -> BC_UNAVAILABLE,
// anything else -> BC_UNEXPECTED_RESPONSE.
Status ApiStatus(const std::string& what, const HttpResponse& response);

// A failure of POST /authorization/token (type=refresh) mapped to its code:
// 400 authorization_expired / "rekeyed its deadbolt" -> BC_TOKEN_PASSWORD_CHANGED;
// 401 "Unknown Basecamp ID." -> BC_IDENTITY_HAS_NO_ACCOUNTS; invalid_grant or any other
// 400/401/403 -> BC_TOKEN_REVOKED (all permanent: kUnauthenticated);
// 429/5xx -> BC_RATE_LIMITED / BC_UNAVAILABLE (transient: kUnavailable).
// 401 invalid_client (wrong client id/secret) -> BC_CLIENT_MISCONFIGURED (kFailedPrecondition:
// the operator must fix it; the user's grant is fine, so this never needs a reconnect).
Status RefreshFailure(const HttpResponse& response);

// A failure of POST /authorization/token (type=web_server, the code exchange):
// 401 invalid_client -> BC_CLIENT_MISCONFIGURED; 5xx -> BC_UNAVAILABLE; 429 -> BC_RATE_LIMITED;
// anything else -> BC_TOKEN_EXCHANGE_FAILED.
Status ExchangeFailure(const HttpResponse& response);

// A transport failure (no response) as BC_UNAVAILABLE.
Status NoResponse(const Status& transport_status);

// True for refresh failures that need the user to reconnect (retrying cannot help).
bool IsPermanentAuthFailure(const Status& status);

}  // namespace bcsync::basecamp
