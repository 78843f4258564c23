// Building a World from the `basecamp:` section of a scenario document
// (format: shared/scenario-format.md, extended as described in docs/contracts.md).
//
// Every error is InvalidArgument "FILE:LINE:COL: what was expected, what was found" and no
// World is returned: nothing is half-loaded. Ids come from `id:` or StableId(kind, key);
// defaults: project members = every person of the account, todoset enabled, creation times =
// the world's start time (`basecamp.start_time`, default 2026-12-01T09:00:00Z).
// Pure functions, thread safe.
#pragma once

#include <map>
#include <string>

#include "bcsim/scenario_file.h"
#include "bcsim/status.h"
#include "bcsim/world.h"

namespace bcsim {

// `vars` substitutes `{name}` in redirect URIs (e.g. {"tracker", "http://127.0.0.1:8123"});
// placeholders with no var are left as written.
StatusOr<World> LoadWorld(const ScenarioDocument& doc, const std::map<std::string, std::string>& vars);

// What `bcsim validate FILE` checks: the file reads (within the limits, includes only from the
// allowed folders), includes merge, the world loads (with `{tracker}` standing for
// http://127.0.0.1:0) and its `faults:` parse, with the same code `run` and `serve` use.
// Steps and expectations are the harness's to check.
Status ValidateScenarioFile(const std::string& path, const ReadOptions& options = {});
// The same for a document already read.
Status ValidateScenarioDocument(const ScenarioDocument& doc);

// "500ms", "10s", "15m", "2h", "14d", "2w" -> milliseconds; a bare number counts seconds.
StatusOr<Millis> ParseDuration(const std::string& text);

// "2026-12-01" -> true when it is a real calendar date in YYYY-MM-DD form.
bool IsValidDate(const std::string& text);

// "2026-12-01T09:00:00Z", "2026-12-01T09:00:00.250Z", "2026-12-01T10:00:00+01:00" or a date
// "2026-12-01" (midnight UTC) -> milliseconds since the epoch.
StatusOr<Millis> ParseTimestamp(const std::string& text);

// Millis -> "2026-12-01T09:00:00.000Z".
std::string FormatTimestamp(Millis ms);


}  // namespace bcsim
