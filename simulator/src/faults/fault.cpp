#include "faults/fault.h"

#include <yaml-cpp/yaml.h>

#include <strings.h>

#include <cctype>
#include <string_view>

#include "bcsim/load_limits.h"
#include "bcsim/world_loader.h"  // ParseDuration
#include "bcsim/yaml_json.h"

namespace bcsim {
namespace {

std::vector<std::string_view> Split(std::string_view s) {
  std::vector<std::string_view> out;
  if (!s.empty() && s.front() == '/') s.remove_prefix(1);
  std::size_t start = 0;
  while (true) {
    std::size_t slash = s.find('/', start);
    out.push_back(s.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

bool SegmentMatches(std::string_view tmpl, std::string_view seg,
                    const std::set<std::string>& account_ids) {
  std::size_t open = tmpl.find('{');
  std::size_t close = open == std::string_view::npos ? open : tmpl.find('}', open);
  if (close == std::string_view::npos) return tmpl == seg;
  std::string_view prefix = tmpl.substr(0, open);
  std::string_view name = tmpl.substr(open + 1, close - open - 1);
  std::string_view suffix = tmpl.substr(close + 1);
  if (seg.size() < prefix.size() + suffix.size()) return false;
  if (seg.substr(0, prefix.size()) != prefix) return false;
  if (seg.substr(seg.size() - suffix.size()) != suffix) return false;
  std::string_view value = seg.substr(prefix.size(), seg.size() - prefix.size() - suffix.size());
  if (value.empty()) return false;
  if (name == "account") return account_ids.count(std::string(value)) > 0;
  return true;
}

// JSON scalar as text: strings as-is, numbers and booleans printed.
bool ScalarText(const nlohmann::json& j, std::string* out) {
  if (j.is_string()) {
    *out = j.get<std::string>();
    return true;
  }
  if (j.is_number() || j.is_boolean()) {
    *out = j.dump();
    return true;
  }
  return false;
}

bool IntValue(const nlohmann::json& j, long long* out) {
  if (j.is_number_integer()) {
    *out = j.get<long long>();
    return true;
  }
  if (j.is_string()) {
    const std::string s = j.get<std::string>();
    if (s.empty() || s.size() > 18) return false;
    for (char c : s)
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    *out = std::stoll(s);
    return true;
  }
  return false;
}

bool BoolValue(const nlohmann::json& j, bool* out) {
  if (j.is_boolean()) {
    *out = j.get<bool>();
    return true;
  }
  return false;
}

bool StringMap(const nlohmann::json& j, std::map<std::string, std::string>* out,
               std::vector<std::string> where, FaultSpecError* err) {
  if (!j.is_object()) {
    *err = {where, "expected a map of names to values, found " + std::string(j.type_name())};
    return false;
  }
  for (const auto& [k, v] : j.items()) {
    std::string text;
    if (!ScalarText(v, &text)) {
      where.push_back(k);
      *err = {where, "expected a text value, found " + std::string(v.type_name())};
      return false;
    }
    (*out)[k] = text;
  }
  return true;
}

bool ParseMatch(const nlohmann::json& j, FaultMatch* m, FaultSpecError* err) {
  if (!j.is_object()) {
    *err = {{"match"}, "expected a map (method, path, query, header, identity, body)"};
    return false;
  }
  for (const auto& [k, v] : j.items()) {
    if (k == "method" || k == "path" || k == "identity") {
      if (!v.is_string()) {
        *err = {{"match", k}, "expected text, found " + std::string(v.type_name())};
        return false;
      }
      std::string s = v.get<std::string>();
      if (k == "method") {
        for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        m->method = s;
      } else if (k == "path") {
        if (s.empty() || s.front() != '/') {
          *err = {{"match", k}, "expected a path starting with '/', found \"" + s + "\""};
          return false;
        }
        m->path = s;
      } else {
        m->identity = s;
      }
    } else if (k == "query") {
      if (!StringMap(v, &m->query, {"match", k}, err)) return false;
    } else if (k == "header" || k == "headers") {
      if (!StringMap(v, &m->header, {"match", k}, err)) return false;
    } else if (k == "body") {
      if (!v.is_object() || v.empty()) {
        *err = {{"match", k},
                "expected a map of the request body's fields to their values, e.g. body: "
                "{completed: true}, found " +
                    (v.is_object() ? std::string("{} (it would match every request)")
                                   : std::string(v.type_name()))};
        return false;
      }
      m->body = v;
    } else if (k == "direction") {
      if (v != "inbound" && v != "outbound") {
        *err = {{"match", k}, "expected inbound (requests the simulator answers, the default) or "
                              "outbound (webhook deliveries it sends), found " + v.dump()};
        return false;
      }
      m->outbound = v == "outbound";
    } else {
      *err = {{"match", k}, "unknown key \"" + k +
                                "\"; expected one of method, path, query, header, identity, body, "
                                "direction"};
      return false;
    }
  }
  return true;
}

bool ParseRespond(const nlohmann::json& j, FaultRespond* r, FaultSpecError* err) {
  if (!j.is_object()) {
    *err = {{"respond"}, "expected a map (status, headers, replace_headers, body)"};
    return false;
  }
  for (const auto& [k, v] : j.items()) {
    if (k == "status") {
      long long s = 0;
      if (!IntValue(v, &s) || s < 100 || s > 599) {
        *err = {{"respond", k},
                "expected an HTTP status from 100 to 599 (e.g. 503), found " + v.dump()};
        return false;
      }
      r->status = static_cast<int>(s);
    } else if (k == "headers") {
      std::map<std::string, std::string> h;
      if (!StringMap(v, &h, {"respond", k}, err)) return false;
      for (auto& [name, value] : h) r->headers.emplace_back(name, value);
    } else if (k == "replace_headers") {
      std::map<std::string, std::string> h;
      if (!StringMap(v, &h, {"respond", k}, err)) return false;
      for (auto& [name, value] : h) r->replace_headers.emplace_back(name, value);
    } else if (k == "body") {
      r->body = v.is_string() ? v.get<std::string>() : v.dump();
    } else {
      *err = {{"respond", k},
              "unknown key \"" + k + "\"; expected one of status, headers, replace_headers, body"};
      return false;
    }
  }
  // One header named in both would be both added and replaced: say which is meant.
  for (const auto& [name, value] : r->replace_headers) {
    for (const auto& [added, v2] : r->headers) {
      if (strcasecmp(name.c_str(), added.c_str()) == 0) {
        *err = {{"respond", "replace_headers", name},
                "\"" + name + "\" is in both headers (added) and replace_headers (replaced); "
                "keep it in one"};
        return false;
      }
    }
  }
  return true;
}

}  // namespace

bool PathMatchesTemplate(const std::string& tmpl, const std::string& path,
                         const std::set<std::string>& account_ids) {
  std::vector<std::string_view> t = Split(tmpl);
  std::vector<std::string_view> p = Split(path);
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == "*") return true;  // the rest, zero or more segments
    if (i >= p.size()) return false;
    if (!SegmentMatches(t[i], p[i], account_ids)) return false;
  }
  return t.size() == p.size();
}

bool JsonIncludes(const nlohmann::json& have, const nlohmann::json& want) {
  if (!want.is_object()) return have == want;
  if (!have.is_object()) return false;
  for (auto it = want.begin(); it != want.end(); ++it) {
    auto found = have.find(it.key());
    if (found == have.end() || !JsonIncludes(*found, *it)) return false;
  }
  return true;
}

bool FaultMatches(const FaultMatch& m, const FaultRequest& req,
                  const std::set<std::string>& account_ids) {
  if (m.outbound != req.outbound) return false;
  if (!m.method.empty() && m.method != req.method) return false;
  if (!m.identity.empty() && m.identity != req.identity) return false;
  if (!m.path.empty() && !PathMatchesTemplate(m.path, req.path, account_ids)) return false;
  for (const auto& [k, v] : m.query) {
    if (req.params == nullptr) return false;
    auto range = req.params->equal_range(k);
    bool found = false;
    for (auto it = range.first; it != range.second; ++it) found = found || it->second == v;
    if (!found) return false;
  }
  for (const auto& [k, v] : m.header) {
    if (!req.header) return false;
    std::string have = req.header(k);
    if (have != v && !(v == "*" && !have.empty())) return false;
  }
  if (!m.body.is_null()) {  // last: the only check that may parse the body
    if (!req.body_fields || !JsonIncludes(req.body_fields(), m.body)) return false;
  }
  return true;
}

bool ParseFault(const nlohmann::json& spec, Fault* out, FaultSpecError* err) {
  if (!spec.is_object()) {
    *err = {{}, "expected a map with match: and an action, found " + std::string(spec.type_name())};
    return false;
  }
  Fault f;
  f.spec = spec;
  int when_count = 0;
  int action_count = 0;
  for (const auto& [k, v] : spec.items()) {
    if (k == "match") {
      if (!ParseMatch(v, &f.match, err)) return false;
    } else if (k == "nth" || k == "times" || k == "after") {
      long long n = 0;
      const long long min = k == "after" ? 0 : 1;
      if (!IntValue(v, &n) || n < min || n > limits::kMaxFaultCount) {
        const char* meaning = k == "nth"     ? "nth: 1 fires on the first matching request only"
                              : k == "times" ? "times: 2 fires on the first two matching requests"
                                             : "after: 2 fires on every matching request after "
                                               "the first two";
        *err = {{k}, "expected a whole number from " + std::to_string(min) + " to " +
                         std::to_string(limits::kMaxFaultCount) + " (" + meaning + "), found " +
                         v.dump()};
        return false;
      }
      f.when = k == "nth" ? FaultWhen::kNth : k == "times" ? FaultWhen::kTimes : FaultWhen::kAfter;
      f.n = static_cast<int>(n);
      ++when_count;
    } else if (k == "respond") {
      FaultRespond r;
      if (!ParseRespond(v, &r, err)) return false;
      f.respond = r;
      ++action_count;
    } else if (k == "delay") {
      StatusOr<Millis> d = v.is_string() ? ParseDuration(v.get<std::string>())
                                         : StatusOr<Millis>(InvalidArgumentError("not text"));
      if (!d.ok() || *d < 0 || *d > limits::kMaxFaultDelayMs) {
        *err = {{k}, "expected a duration from 0 to 1d (one day at most), like 200ms, 30s or 2m, "
                     "found " + v.dump()};
        return false;
      }
      f.delay_ms = *d;
      ++action_count;
    } else if (k == "delay_ms") {
      long long n = 0;
      if (!IntValue(v, &n) || n < 0 || n > limits::kMaxFaultDelayMs) {
        *err = {{k}, "expected a whole number of milliseconds from 0 to " +
                         std::to_string(limits::kMaxFaultDelayMs) + " (one day), found " +
                         v.dump()};
        return false;
      }
      f.delay_ms = n;
      ++action_count;
    } else if (k == "drop_connection" || k == "malformed_json" || k == "drop_after_handling") {
      bool b = false;
      if (!BoolValue(v, &b)) {
        *err = {{k}, "expected true or false, found " + v.dump()};
        return false;
      }
      (k == "drop_connection" ? f.drop_connection : k == "malformed_json" ? f.malformed_json : f.drop_after_handling) = b;
      ++action_count;
    } else if (k == "truncate_body") {
      long long n = 0;
      if (!IntValue(v, &n) || n < 0) {
        *err = {{k}, "expected a byte count >= 0, found " + v.dump()};
        return false;
      }
      f.truncate_body = static_cast<std::size_t>(n);
      ++action_count;
    } else if (k == "stage") {
      if (v != "before_auth" && v != "after_auth") {
        *err = {{k}, "expected before_auth (tried before the User-Agent and token checks) or "
                     "after_auth (the default), found " + v.dump()};
        return false;
      }
      f.stage = v == "before_auth" ? FaultStage::kBeforeAuth : FaultStage::kAfterAuth;
    } else if (k == "optional") {
      bool b = false;
      if (!BoolValue(v, &b)) {
        *err = {{k}, "expected true or false, found " + v.dump()};
        return false;
      }
      // for the scenario runner: a fault that may not fire (it checks that the others did)
    } else if (k == "id" || k == "name") {
      // informational
    } else {
      *err = {{k},
              "unknown key \"" + k +
                  "\"; expected one of match, nth, times, after, stage, respond, delay, "
                  "drop_connection, drop_after_handling, truncate_body, malformed_json"};
      return false;
    }
  }
  if (!spec.contains("match")) {
    *err = {{}, "a fault needs match: (method, path, ...)"};
    return false;
  }
  if (when_count > 1) {
    *err = {{}, "use only one of nth, times, after"};
    return false;
  }
  if (action_count == 0) {
    *err = {{},
            "a fault needs an action: respond, delay, drop_connection, truncate_body or "
            "malformed_json (e.g. respond: {status: 503}); with match: alone it would change "
            "nothing"};
    return false;
  }
  if (f.match.outbound) {
    // A delivery is answered, delayed or dropped; the rest acts on the simulator's own answers.
    const char* refused = f.match.identity.empty() ? nullptr : "match.identity";
    if (f.truncate_body) refused = "truncate_body";
    if (f.malformed_json) refused = "malformed_json";
    if (f.drop_after_handling) refused = "drop_after_handling";
    if (spec.contains("stage")) refused = "stage";
    if (refused != nullptr) {
      *err = {{}, std::string(refused) + " does not apply to direction: outbound (webhook "
                  "deliveries take respond, delay or drop_connection)"};
      return false;
    }
  }
  *out = std::move(f);
  return true;
}

StatusOr<Fault> FaultFromJson(const nlohmann::json& spec) {
  Fault f;
  FaultSpecError err;
  if (!ParseFault(spec, &f, &err)) {
    std::string where;
    for (const auto& w : err.where) where += (where.empty() ? "" : ".") + w;
    return InvalidArgumentError(where.empty() ? err.message : where + ": " + err.message);
  }
  return f;
}

StatusOr<std::vector<Fault>> FaultsFromYaml(
    const YAML::Node& faults, const std::function<std::string(const YAML::Node&)>& where) {
  std::vector<Fault> out;
  if (!faults.IsDefined() || faults.IsNull()) return out;
  if (!faults.IsSequence())
    return InvalidArgumentError(where(faults) + ": faults: expected a list of faults");
  for (const auto& item : faults) {
    Fault f;
    FaultSpecError err;
    if (!ParseFault(YamlToJson(item), &f, &err)) {
      YAML::Node at = item;  // walk to the node the error is about, as far as it exists
      for (const auto& key : err.where) {
        if (!at.IsMap()) break;
        YAML::Node next;
        bool found = false;
        for (const auto& kv : at) {
          if (!found && kv.first.Scalar() == key) {
            next.reset(kv.second);  // reset, not operator=: that would write into the document
            found = true;
          }
        }
        if (!found) break;
        at.reset(next);
      }
      std::string field;
      for (const auto& w : err.where) field += (field.empty() ? "" : ".") + w;
      return InvalidArgumentError(where(at) + ": fault " + (field.empty() ? "" : field + ": ") +
                                  err.message);
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace bcsim
