// Status propagation helpers (internal).
#pragma once

#define BCSYNC_CONCAT_INNER(a, b) a##b
#define BCSYNC_CONCAT(a, b) BCSYNC_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                    \
  do {                                           \
    ::bcsync::Status bcsync_status_ = (expr);    \
    if (!bcsync_status_.ok()) return bcsync_status_; \
  } while (0)

#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(BCSYNC_CONCAT(bcsync_statusor_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(*tmp)
