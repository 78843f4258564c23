#include "sync/user_tokens.h"

#include "basecamp/response_map.h"
#include "errors/catalogue.h"

namespace bcsync::sync {

Status SavePersonal(store::Store* store, std::mutex* store_mu, const store::PersonalIntegration& next,
                    const store::PersonalIntegration& seen) {
  std::unique_lock<std::mutex> lock;
  if (store_mu != nullptr) lock = std::unique_lock<std::mutex>(*store_mu);
  StatusOr<bool> written = store->UpdatePersonalIfUnchanged(next, seen);
  if (!written.ok()) return written.status();
  if (!*written) {
    return Status(StatusCode::kFailedPrecondition, "the integration changed during the sync", errors::kSyncSuperseded);
  }
  return OkStatus();
}

StatusOr<std::string> UserTokens::Token() {
  if (p_->state == "needs_reconnect") {
    return Status(StatusCode::kUnauthenticated, "needs reconnecting", p_->error_code);
  }
  if (oauth::NeedsRefresh(p_->expires_at, clock_->NowMs())) return RefreshNow();
  return p_->access_token;
}

Status UserTokens::Save(const store::PersonalIntegration& seen) { return SavePersonal(store_, store_mu_, *p_, seen); }

StatusOr<std::string> UserTokens::RefreshNow() {
  if (p_->state == "needs_reconnect") {
    return Status(StatusCode::kUnauthenticated, "needs reconnecting", p_->error_code);
  }
  const store::PersonalIntegration seen = *p_;
  StatusOr<oauth::TokenGrant> grant = launchpad_->Refresh(p_->refresh_token);
  if (!grant.ok()) {
    if (basecamp::IsPermanentAuthFailure(grant.status())) {
      p_->state = "needs_reconnect";
      p_->error_code = grant.status().error_code();
      p_->access_token.clear();
      p_->refresh_token.clear();
      Status saved = Save(seen);
      if (!saved.ok()) return saved;
    }
    return grant.status();
  }
  p_->access_token = grant->access_token;
  if (!grant->refresh_token.empty()) p_->refresh_token = grant->refresh_token;
  p_->expires_at = grant->expires_at;
  Status saved = Save(seen);
  if (!saved.ok()) return saved;
  return p_->access_token;
}

}  // namespace bcsync::sync
