// The support bundle: one tracker user's situation as a versioned JSON document
// (docs/support-bundle.schema.json), for support staff; `bcsim scenario from-bundle` turns it
// into a scenario that reproduces it. Tracker settings, the company and personal integrations
// (states, error codes, the linked identity, the accounts of the authorization snapshot), the
// warnings, the last N syncs with their request logs, the task list, time entries, versions.
//
// Nothing secret goes in: no token, password hash, session, CSRF value, OAuth state, client
// secret or cookie is read; request logs redact secret-named query parameters. With
// redact_people every email and person name is replaced, consistently, by a pseudonym
// (person-N@example.invalid, "Person N"), wherever it appears in the bundle.
//
// The caller holds the store lock (AppCore::mu).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app_core.h"
#include "bcsync/app.h"

namespace bcsync::support {

inline constexpr int kBundleVersion = 1;
inline constexpr int kMaxBundleSyncs = 100;

StatusOr<nlohmann::json> BuildSupportBundle(AppCore& core, const std::string& email,
                                            const SupportBundleOptions& options);

}  // namespace bcsync::support
