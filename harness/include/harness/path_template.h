// Path templates of the `requests` expectation (the same syntax as fault matches; matching a
// template against a path is bcsim::PathMatchesTemplate): `{account}` matches an account's
// numeric id, `{x}` any one non-empty segment, a final `*` the rest of the path; a query in
// the template is ignored. Pure; thread safe.
#pragma once

#include <string>

namespace bcsim::harness {

// True when some path fits both templates (`{x}` placeholders, with a literal prefix or suffix
// inside their segment like `{id}.json`, and a final `*`). Used to check that a scenario's
// template names an endpoint the simulator serves.
bool TemplatesOverlap(const std::string& a, const std::string& b);

}  // namespace bcsim::harness
