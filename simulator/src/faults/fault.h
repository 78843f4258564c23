// A scripted misbehaviour of the simulator (the scenario's `faults:` list, or POST
// /__bcsim/faults): which requests it matches, when it fires, and what it does instead of (or
// on top of) the normal answer. Plain data plus pure parsing and matching functions.
//
// YAML/JSON shape (scenario-format.md):
//   match: {method, path, query: {k: v}, header: {Name: value}, identity, body: {field: value},
//           direction: inbound | outbound}
//     direction: outbound matches the webhook deliveries the simulator sends (path: the
//     payload_url's path); their actions are respond (the receiver's answer, nothing is sent),
//     delay (>= 10s: a time-out) and drop_connection; no identity or stage.
//     body: the request's JSON body (or form body, values as text) has these fields with these
//     values; maps match as subsets at any depth, anything else must be equal.
//     path is a template: "{account}" = one segment holding an account's numeric id,
//     "{x}" (any other name) = any one segment, "*" = the rest of the path (zero or more
//     segments); other text must be equal. A placeholder may have a literal prefix/suffix
//     inside its segment ("{id}.json").
//   nth: N | times: N | after: N     (none: every matching request)
//   respond: {status, headers: {..}, replace_headers: {..}, body: "text" | {json}}
//     headers are added (a second X-Request-Id...); replace_headers take the place of any
//     header of that name the answer already has.
//   stage: after_auth (default) | before_auth   (API paths: before_auth is tried before the
//     User-Agent, rate-limit and token checks, so it answers even an unauthenticated request)
//   delay: 30s                        (then the normal answer, unless respond is also given)
//   drop_connection: true | truncate_body: N | malformed_json: true
//   drop_after_handling: true  (the request IS handled, e.g. a POST stores its entry, then
//                               the connection is closed without an answer)
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "bcsim/endpoints.h"
#include "bcsim/status.h"
#include "bcsim/world.h"

namespace YAML {
class Node;
}

namespace bcsim {

struct FaultMatch {
  std::string method;  // "" = any
  std::string path;    // template; "" = any
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> header;  // names compared case-insensitively
  std::string identity;                       // identity key; "" = any
  nlohmann::json body;                        // fields the body must include; null = any
  // direction: outbound: the simulator's own webhook deliveries (path = the payload_url's
  // path), never a request it answers; inbound (the default): the other way round.
  bool outbound = false;
};

enum class FaultStage { kAfterAuth, kBeforeAuth };

enum class FaultWhen { kAlways, kNth, kTimes, kAfter };

struct FaultRespond {
  int status = 500;
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::pair<std::string, std::string>> replace_headers;
  std::string body;
};

struct Fault {
  std::string id;  // "f1", "f2"... assigned by the FaultEngine
  FaultMatch match;
  FaultWhen when = FaultWhen::kAlways;
  FaultStage stage = FaultStage::kAfterAuth;
  int n = 0;
  std::optional<FaultRespond> respond;
  Millis delay_ms = 0;
  bool drop_connection = false;
  bool drop_after_handling = false;  // handled (and stored), then closed without an answer
  std::optional<std::size_t> truncate_body;
  bool malformed_json = false;
  nlohmann::json spec;  // as written, for GET /__bcsim/faults
};

// What a fault sees of a request.
struct FaultRequest {
  std::string method;
  std::string path;
  const std::multimap<std::string, std::string>* params = nullptr;
  // Header lookup by (case-insensitive) name; "" when absent.
  std::function<std::string(const std::string&)> header;
  std::string identity;
  // The request body's fields (JsonIncludes is matched against it): a JSON body parsed, a form
  // body as an object of texts, else null. Called only by faults with match.body; may cache.
  std::function<const nlohmann::json&()> body_fields;
  bool outbound = false;  // a webhook delivery the simulator sends
};

// True when every field of `want` is in `have` with an equal value; objects match as subsets
// at any depth, anything else must be equal.
bool JsonIncludes(const nlohmann::json& have, const nlohmann::json& want);

// PathMatchesTemplate (bcsim/endpoints.h) is implemented in fault.cpp.
bool FaultMatches(const FaultMatch& m, const FaultRequest& req,
                  const std::set<std::string>& account_ids);

// An error in a fault spec: where (field path from the fault's root, e.g. {"match","method"})
// and what.
struct FaultSpecError {
  std::vector<std::string> where;
  std::string message;
};

// Parses one fault. On error returns false and fills *error.
bool ParseFault(const nlohmann::json& spec, Fault* out, FaultSpecError* error);
StatusOr<Fault> FaultFromJson(const nlohmann::json& spec);

// Parses a scenario's `faults:` node (a sequence; null/absent = none). `where` formats the
// location of a node ("FILE:LINE:COL"), e.g. via ScenarioDocument::MarkOf.
StatusOr<std::vector<Fault>> FaultsFromYaml(
    const YAML::Node& faults, const std::function<std::string(const YAML::Node&)>& where);

}  // namespace bcsim
