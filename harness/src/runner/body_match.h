// The `requests` expectation's `body_includes`: which journaled requests wrote given fields.
// The journal (GET /__bcsim/requests?bodies=1) keeps each request body as redacted text; this
// reads it back as fields and matches a subset against them. Pure functions.
#pragma once

#include <nlohmann/json.hpp>

namespace bcsim::harness {

// The fields of a journaled request's body: a JSON body as JSON, a form body
// (application/x-www-form-urlencoded, e.g. the OAuth token POST) as an object of strings;
// null when the entry has no body, or none that reads as fields (elided, not kept).
nlohmann::json BodyFields(const nlohmann::json& entry);

// True when every field of `want` is in `have` with the same value: objects match as subsets,
// at any depth; anything else (strings, numbers, arrays) must be equal.
bool BodyIncludes(const nlohmann::json& have, const nlohmann::json& want);

}  // namespace bcsim::harness
