#include "sync/user_tokens.h"

#include "basecamp/response_map.h"
#include "errors/catalogue.h"

namespace bcsync::sync {

StatusOr<std::string> UserTokens::Token() {
  if (p_->state == "needs_reconnect") {
    return Status(StatusCode::kUnauthenticated, "needs reconnecting", p_->error_code);
  }
  if (oauth::NeedsRefresh(p_->expires_at, clock_->NowMs())) return RefreshNow();
  return p_->access_token;
}

StatusOr<std::string> UserTokens::RefreshNow() {
  if (p_->state == "needs_reconnect") {
    return Status(StatusCode::kUnauthenticated, "needs reconnecting", p_->error_code);
  }
  StatusOr<oauth::TokenGrant> grant = launchpad_->Refresh(p_->refresh_token);
  if (!grant.ok()) {
    if (basecamp::IsPermanentAuthFailure(grant.status())) {
      p_->state = "needs_reconnect";
      p_->error_code = grant.status().error_code();
      p_->access_token.clear();
      p_->refresh_token.clear();
      (void)store_->PutPersonal(*p_);
    }
    return grant.status();
  }
  p_->access_token = grant->access_token;
  if (!grant->refresh_token.empty()) p_->refresh_token = grant->refresh_token;
  p_->expires_at = grant->expires_at;
  Status saved = store_->PutPersonal(*p_);
  if (!saved.ok()) return saved;
  return p_->access_token;
}

}  // namespace bcsync::sync
