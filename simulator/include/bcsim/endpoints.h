// The endpoints the simulator serves, as path templates: what a scenario's `requests`
// expectation or a fault's `match.path` may name. `{account}` is an account's numeric id,
// `{x}` any one segment (`{x}.json` one segment ending in .json), a final `*` the rest.
//
// The table lists the Basecamp API in both forms the router accepts (flat and bucket-scoped)
// and Launchpad's pages. A test in api_test.cpp routes every API template through HandleApi
// against a loaded world, so the table cannot list an endpoint the router lacks. Pure; thread
// safe.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace bcsim {

// True when `path` fits `tmpl`. `account_ids` holds the decimal ids that "{account}" accepts.
// The one matcher of templates: faults use it, and so do the runner's `requests` checks.
// (Implemented with the faults, simulator/src/faults/fault.cpp.)
bool PathMatchesTemplate(const std::string& tmpl, const std::string& path,
                         const std::set<std::string>& account_ids);

struct Endpoint {
  std::string method;  // GET, POST, DELETE, ...
  std::string path;    // template
  std::string part;    // "api" | "launchpad"
};

const std::vector<Endpoint>& ServedEndpoints();

}  // namespace bcsim
