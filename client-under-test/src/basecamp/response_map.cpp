#include "basecamp/response_map.h"

#include "errors/catalogue.h"

namespace bcsync::basecamp {
namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Launchpad's answer to a wrong client id or secret (OAuth 2 "invalid_client").
bool IsInvalidClient(const HttpResponse& response) {
  return response.status == 401 && Contains(response.body, "invalid_client");
}

Status ClientMisconfigured(const std::string& prefix) {
  return Status(StatusCode::kFailedPrecondition, prefix + " (invalid_client)", errors::kClientMisconfigured);
}

}  // namespace

Status ApiStatus(const std::string& what, const HttpResponse& response) {
  const int code = response.status;
  if ((code >= 200 && code < 300) || code == 304) return OkStatus();
  const std::string prefix = what + ": HTTP " + std::to_string(code);
  if (code == 404 || code == 403) {
    const std::string reason = response.Header("Reason");
    if (reason == "Account Inactive") {
      return Status(StatusCode::kFailedPrecondition, prefix + " (Account Inactive)", errors::kAccountInactive);
    }
    if (reason == "API Disabled") {
      return Status(StatusCode::kFailedPrecondition, prefix + " (API Disabled)", errors::kApiDisabled);
    }
    // Basecamp answers 404 for what a login cannot see and 403 for what it may not do.
    if (code == 403) return Status(StatusCode::kPermissionDenied, prefix, errors::kPermissionDenied);
    return Status(StatusCode::kNotFound, prefix, errors::kNotVisible);
  }
  if (code == 401) return Status(StatusCode::kUnauthenticated, prefix, errors::kTokenRevoked);
  if (code == 429) return Status(StatusCode::kUnavailable, prefix, errors::kRateLimited);
  if (code == 507) return Status(StatusCode::kFailedPrecondition, prefix + " (plan limit)", errors::kPlanLimit);
  if (code >= 500) return Status(StatusCode::kUnavailable, prefix, errors::kUnavailable);
  return Status(StatusCode::kInternal, prefix, errors::kUnexpectedResponse);
}

Status RefreshFailure(const HttpResponse& response) {
  const int code = response.status;
  const std::string prefix = "token refresh: HTTP " + std::to_string(code);
  if (code == 429) return Status(StatusCode::kUnavailable, prefix, errors::kRateLimited);
  if (code >= 500) return Status(StatusCode::kUnavailable, prefix, errors::kUnavailable);
  if (IsInvalidClient(response)) return ClientMisconfigured(prefix);
  const std::string& body = response.body;
  if (Contains(body, "authorization_expired") || Contains(body, "rekeyed its deadbolt")) {
    return Status(StatusCode::kUnauthenticated, prefix + " (password changed)", errors::kPasswordChanged);
  }
  if (Contains(body, "Unknown Basecamp ID")) {
    return Status(StatusCode::kUnauthenticated, prefix + " (no accounts left)", errors::kNoAccountsLeft);
  }
  return Status(StatusCode::kUnauthenticated, prefix + " (revoked)", errors::kTokenRevoked);
}

Status ExchangeFailure(const HttpResponse& response) {
  const int code = response.status;
  const std::string prefix = "code exchange: HTTP " + std::to_string(code);
  if (IsInvalidClient(response)) return ClientMisconfigured(prefix);
  if (code == 429) return Status(StatusCode::kUnavailable, prefix, errors::kRateLimited);
  if (code >= 500) return Status(StatusCode::kUnavailable, prefix, errors::kUnavailable);
  return Status(StatusCode::kUnauthenticated, prefix, errors::kTokenExchangeFailed);
}

Status NoResponse(const Status& transport_status) {
  return Status(StatusCode::kUnavailable, transport_status.message(), errors::kUnavailable);
}

bool IsPermanentAuthFailure(const Status& status) {
  return status.code() == StatusCode::kUnauthenticated;
}

}  // namespace bcsync::basecamp
