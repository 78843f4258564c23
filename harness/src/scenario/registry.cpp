#include "registry.h"

#include <algorithm>

namespace bcsim::harness {
namespace {

using nlohmann::json;

std::string Brief(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// A mutant: a copy of `e` with `edit` applied to its arguments.
Mutant Make(const Expectation& e, const std::string& change, const std::function<void(json&)>& edit,
            const std::string& kind = "") {
  Mutant m{change, e};
  if (!kind.empty()) m.expectation.kind = kind;
  edit(m.expectation.args);
  return m;
}

// Moves list item `i` of args[from] to args[to].
void Move(json& a, const std::string& from, const std::string& to, std::size_t i) {
  json item = a[from][i];
  a[from].erase(i);
  if (a[from].empty()) a.erase(from);
  if (!a.contains(to)) a[to] = json::array();
  a[to].push_back(item);
}

std::vector<Mutant> CountMutants(const Expectation& e, const std::string& key) {
  std::vector<Mutant> out;
  if (!e.args.contains(key) || !e.args[key].is_number_integer()) return out;
  long long n = e.args[key].get<long long>();
  out.push_back(Make(e, key + " " + std::to_string(n) + " -> " + std::to_string(n + 1),
                     [&](json& a) { a[key] = n + 1; }));
  if (n > 0)
    out.push_back(Make(e, key + " " + std::to_string(n) + " -> " + std::to_string(n - 1),
                       [&](json& a) { a[key] = n - 1; }));
  return out;
}

std::vector<Mutant> ToggleAbsent(const Expectation& e) {
  bool absent = e.args.value("absent", false);
  return {Make(e, absent ? "remove absent: true" : "add absent: true", [&](json& a) {
    if (absent) {
      a.erase("absent");
    } else {
      a["absent"] = true;
    }
  })};
}

// The first name of `names` other than `current`, or "".
std::string Other(const std::vector<std::string>& names, const std::string& current) {
  for (const auto& n : names)
    if (n != current) return n;
  return "";
}

std::vector<Mutant> Tasks(const Expectation& e, const MutationNames& names) {
  std::vector<Mutant> out;
  const json& a = e.args;
  bool exactly = a.value("exactly", false);
  for (const char* list : {"titles", "excludes", "archived"}) {
    if (!a.contains(list)) continue;
    const std::string to = std::string(list) == "excludes" ? "titles" : "excludes";
    for (std::size_t i = 0; i < a[list].size(); ++i) {
      std::string t = Brief(a[list][i]);
      if (std::string(list) == "archived") {
        out.push_back(Make(e, "archived [" + t + "] -> titles [" + t + "]",
                           [&](json& m) { Move(m, "archived", "titles", i); }));
        continue;
      }
      out.push_back(Make(e, std::string(list) + " [" + t + "] -> " + to + " [" + t + "]",
                         [&](json& m) { Move(m, list, to, i); }));
    }
  }
  if (a.contains("keys")) {
    for (std::size_t i = 0; i < a["keys"].size(); ++i) {
      std::string key = Brief(a["keys"][i]);
      auto title = names.key_titles.find(key);
      if (title == names.key_titles.end()) continue;
      out.push_back(Make(e, "keys [" + key + "] -> excludes [" + title->second + "]", [&](json& m) {
        m["keys"].erase(i);
        if (m["keys"].empty()) m.erase("keys");
        if (!m.contains("excludes")) m["excludes"] = json::array();
        m["excludes"].push_back(title->second);
      }));
    }
  }
  if (exactly) {
    for (const char* list : {"titles", "keys"}) {
      if (!a.contains(list) || a[list].empty()) continue;
      std::string last = Brief(a[list].back());
      out.push_back(Make(e, "exactly: drop " + last + " from " + list, [&](json& m) {
        m[list].erase(m[list].size() - 1);
        if (m[list].empty()) m.erase(list);
      }));
    }
    if (a.contains("titles")) {
      std::vector<std::string> have;
      for (const auto& t : a["titles"]) have.push_back(Brief(t));
      for (const auto& t : names.titles) {
        if (std::find(have.begin(), have.end(), t) != have.end()) continue;
        out.push_back(Make(e, "exactly: add " + t + " to titles", [&](json& m) { m["titles"].push_back(t); }));
        break;
      }
    }
  }
  auto counts = CountMutants(e, "count");
  out.insert(out.end(), counts.begin(), counts.end());
  return out;
}

std::vector<Mutant> SyncOk(const Expectation& e, const MutationNames& names) {
  if (names.error_codes.empty()) return {};
  std::string code = names.error_codes.front();
  return {Make(e, "sync_ok -> sync_error " + code, [&](json& a) { a["code"] = code; }, "sync_error")};
}

std::vector<Mutant> SyncError(const Expectation& e, const MutationNames& names) {
  std::string code = Brief(e.args.value("code", json("")));
  std::vector<Mutant> out;
  if (std::string other = Other(names.error_codes, code); !other.empty())
    out.push_back(Make(e, "code " + code + " -> " + other, [&](json& a) { a["code"] = other; }));
  out.push_back(Make(e, "sync_error " + code + " -> sync_ok", [&](json& a) { a.erase("code"); }, "sync_ok"));
  return out;
}

std::vector<Mutant> Integration(const Expectation& e, const MutationNames&) {
  std::vector<Mutant> out;
  std::string state = Brief(e.args.value("state", json("")));
  for (const auto& s : IntegrationStates())
    if (s != state) out.push_back(Make(e, "state " + state + " -> " + s, [&](json& a) { a["state"] = s; }));
  return out;
}

std::vector<Mutant> Visible(const Expectation& e, const MutationNames&) {
  std::vector<Mutant> out;
  for (const char* list : {"includes", "excludes"}) {
    if (!e.args.contains(list)) continue;
    const std::string to = std::string(list) == "includes" ? "excludes" : "includes";
    for (std::size_t i = 0; i < e.args[list].size(); ++i) {
      std::string n = Brief(e.args[list][i]);
      out.push_back(Make(e, std::string(list) + " [" + n + "] -> " + to + " [" + n + "]",
                         [&](json& m) { Move(m, list, to, i); }));
    }
  }
  return out;
}

std::vector<Mutant> Swap(const Expectation& e, const std::string& key, const std::vector<std::string>& names) {
  std::string current = Brief(e.args.value(key, json("")));
  std::string other = Other(names, current);
  if (other.empty()) return {};
  return {Make(e, key + " " + current + " -> " + other, [&](json& a) { a[key] = other; })};
}

std::vector<Mutant> Warning(const Expectation& e, const MutationNames& names) {
  std::vector<Mutant> out = ToggleAbsent(e);
  auto swap = Swap(e, "code", names.warning_codes);
  if (!e.args.value("absent", false)) out.insert(out.end(), swap.begin(), swap.end());
  return out;
}

std::vector<Mutant> Requests(const Expectation& e, const MutationNames&) {
  std::vector<Mutant> out = CountMutants(e, "count");
  const json& a = e.args;
  if (a.contains("at_least") && a["at_least"].is_number_integer() && a["at_least"].get<long long>() > 0) {
    long long n = a["at_least"].get<long long>();
    out.push_back(Make(e, "at_least " + std::to_string(n) + " -> at_most " + std::to_string(n - 1), [&](json& m) {
      m.erase("at_least");
      m["at_most"] = n - 1;
    }));
  }
  if (a.contains("at_most") && a["at_most"].is_number_integer()) {
    long long n = a["at_most"].get<long long>();
    out.push_back(Make(e, "at_most " + std::to_string(n) + " -> at_least " + std::to_string(n + 1), [&](json& m) {
      m.erase("at_most");
      m["at_least"] = n + 1;
    }));
  }
  if (!a.contains("count") && !a.contains("at_least") && !a.contains("at_most"))
    out.push_back(Make(e, "some requests -> count 0", [&](json& m) { m["count"] = 0; }));
  // Where the check needs some request (a positive count or lower bound, or no bound at all),
  // a method, status or path that no request has must fail it; a check that ignored the field
  // would still pass.
  auto positive = [&a](const char* key) { return a.contains(key) && a[key].is_number_integer() && a[key] > 0; };
  bool needs_some = positive("count") || positive("at_least") ||
                    (!a.contains("count") && !a.contains("at_least") && !a.contains("at_most"));
  if (needs_some) {
    out.push_back(Make(e, "method -> TRACE (never sent)", [&](json& m) { m["method"] = "TRACE"; }));
    out.push_back(Make(e, "status -> 599 (never answered)", [&](json& m) { m["status"] = 599; }));
    out.push_back(Make(e, "path -> /__bcsim-mutant (never requested)", [&](json& m) { m["path"] = "/__bcsim-mutant"; }));
    // The other direction: an outbound check must not count inbound requests, nor the reverse.
    const bool outbound = a.value("direction", std::string()) == "outbound";
    out.push_back(Make(e, outbound ? "direction outbound -> inbound" : "direction -> outbound",
                       [&](json& m) { m["direction"] = outbound ? "inbound" : "outbound"; }));
    // Each body field with a value no client sent, and one field no body has: a check that
    // ignored body_includes, or read only some of its fields, would still pass.
    if (a.contains("body_includes") && a["body_includes"].is_object()) {
      for (auto it = a["body_includes"].begin(); it != a["body_includes"].end(); ++it) {
        const std::string field = it.key();
        out.push_back(Make(e, "body_includes " + field + " -> \"__bcsim-mutant\" (never sent)",
                           [&](json& m) { m["body_includes"][field] = "__bcsim-mutant"; }));
      }
      out.push_back(Make(e, "body_includes + __bcsim_mutant field (never sent)",
                         [&](json& m) { m["body_includes"]["__bcsim_mutant"] = true; }));
    }
  }
  return out;
}

// timesheet: another total of hours (half an hour more; none when some) and another count.
std::vector<Mutant> Timesheet(const Expectation& e, const MutationNames&) {
  std::vector<Mutant> out;
  if (e.args.contains("hours") && e.args["hours"].is_number()) {
    const double h = e.args["hours"].get<double>();
    out.push_back(Make(e, "hours " + Brief(e.args["hours"]) + " -> " + Brief(json(h + 0.5)),
                       [&](json& a) { a["hours"] = h + 0.5; }));
    if (h > 0) out.push_back(Make(e, "hours " + Brief(e.args["hours"]) + " -> 0", [&](json& a) { a["hours"] = 0; }));
  }
  auto counts = CountMutants(e, "entries");
  out.insert(out.end(), counts.begin(), counts.end());
  return out;
}

// time_entry: every other state (a failed one loses its code), another code, other hours.
std::vector<Mutant> TimeEntryState(const Expectation& e, const MutationNames& names) {
  std::vector<Mutant> out;
  const std::string state = Brief(e.args.value("state", json("")));
  for (const auto& s : TimeEntryStates()) {
    if (s == state) continue;
    out.push_back(Make(e, "state " + state + " -> " + s, [&](json& a) {
      a["state"] = s;
      if (s != "failed") a.erase("code");
    }));
  }
  if (e.args.contains("code")) {
    std::string code = Brief(e.args["code"]);
    if (std::string other = Other(names.error_codes, code); !other.empty())
      out.push_back(Make(e, "code " + code + " -> " + other, [&](json& a) { a["code"] = other; }));
  }
  if (e.args.contains("hours") && e.args["hours"].is_number()) {
    const double h = e.args["hours"].get<double>();
    out.push_back(Make(e, "hours " + Brief(e.args["hours"]) + " -> " + Brief(json(h + 0.5)),
                       [&](json& a) { a["hours"] = h + 0.5; }));
  }
  return out;
}

}  // namespace

const std::vector<std::string>& TimeEntryStates() {
  static const std::vector<std::string> k = {"running", "pending", "written", "failed", "deleted"};
  return k;
}

const std::vector<std::string>& IntegrationStates() {
  static const std::vector<std::string> k = {"on", "off", "error", "needs_reconnect"};
  return k;
}

const std::vector<std::string>& PageNames() {
  static const std::vector<std::string> k = {"tasks", "settings", "company_integrations",
                                             "integration_settings", "basecamp"};
  return k;
}

const std::vector<StepKind>& StepKinds() {
  static const std::vector<StepKind> k = {
      {"browser_login", {"browser", "identity"}, {"browser", "identity"}},
      {"browser_logout", {"browser"}, {"browser"}},
      {"enable_company_integration", {"user", "browser", "grant", "login", "refused"}, {"user"}},
      {"disable_company_integration", {"user", "browser", "refused"}, {"user"}},
      {"enable_personal_integration", {"user", "browser", "grant", "login", "refused"}, {"user"}},
      {"disable_personal_integration", {"user", "browser"}, {"user"}},
      {"choose_account", {"user", "account", "browser"}, {"user", "account"}},
      {"configure_tracker", {"user", "browser", "account_mode", "auto_sync_interval", "refused"}, {"user"}},
      {"sync", {"user", "browser"}, {"user"}},
      {"wait", {"for"}, {"for"}},
      {"restart_app", {"user"}, {}},
      {"track_time", {"user", "task", "for", "description", "browser"}, {"user", "task", "for"}},
      {"basecamp", {}, {}},
      {"add_fault", {}, {}},  // its body is a fault (the simulator checks it, as `faults:` entries)
      {"expect", {}, {}},
  };
  return k;
}

const std::vector<ExpectKind>& ExpectKinds() {
  static const std::vector<ExpectKind> k = {
      {"tasks",
       {"user", "titles", "keys", "exactly", "excludes", "archived", "count"},
       {"user"},
       {"titles", "keys", "excludes", "archived", "count"},
       Tasks},
      {"sync_error", {"user", "code"}, {"user", "code"}, {}, SyncError},
      {"sync_ok", {"user"}, {"user"}, {}, SyncOk},
      {"integration", {"user", "company", "state"}, {"state"}, {}, Integration},
      {"visible_integrations", {"user", "includes", "excludes"}, {"user"}, {"includes", "excludes"}, Visible},
      {"linked_identity",
       {"user", "identity"},
       {"user", "identity"},
       {},
       [](const Expectation& e, const MutationNames& n) { return Swap(e, "identity", n.identities); }},
      {"linked_account",
       {"company", "account", "user"},
       {"account"},
       {},
       [](const Expectation& e, const MutationNames& n) { return Swap(e, "account", n.accounts); }},
      {"warning", {"user", "code", "absent"}, {"user", "code"}, {}, Warning},
      {"page_contains",
       {"user", "page", "text", "absent"},
       {"user", "page", "text"},
       {},
       [](const Expectation& e, const MutationNames&) { return ToggleAbsent(e); }},
      {"requests",
       {"method", "path", "status", "count", "at_least", "at_most", "body_includes", "direction"},
       {"path"},
       {},
       Requests},
      {"timesheet", {"todo", "person", "hours", "entries"}, {"todo", "person"}, {"hours", "entries"}, Timesheet},
      {"time_entry", {"user", "task", "state", "code", "hours"}, {"user", "task", "state"}, {}, TimeEntryState},
  };
  return k;
}

const StepKind* FindStepKind(const std::string& name) {
  for (const auto& k : StepKinds())
    if (k.name == name) return &k;
  return nullptr;
}

const ExpectKind* FindExpectKind(const std::string& name) {
  for (const auto& k : ExpectKinds())
    if (k.name == name) return &k;
  return nullptr;
}

}  // namespace bcsim::harness
