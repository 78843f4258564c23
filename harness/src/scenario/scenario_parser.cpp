#include "harness/scenario_parser.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "document.h"
#include "registry.h"
#include "suggest.h"

namespace bcsim::harness {
namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

constexpr Millis kMinAutoSyncIntervalMs = 60'000;
constexpr Millis kMaxWaitMs = 366LL * 86'400'000;

// Reads one document; remembers the first error it meets.
class Parser {
 public:
  explicit Parser(const Document& doc) : doc_(doc) {}

  const Status& Fail(const YAML::Node& at, const std::string& what) {
    if (error_.ok()) error_ = InvalidArgumentError(doc_.MarkOf(at).ToString() + ": " + what);
    return error_;
  }
  bool failed() const { return !error_.ok(); }
  const Status& error() const { return error_; }

  bool ExpectMap(const YAML::Node& n, const std::string& what) {
    if (n.IsMap()) return true;
    Fail(n, "expected " + what + " (a map), found " + Describe(n));
    return false;
  }
  bool ExpectKeys(const YAML::Node& n, const std::vector<std::string>& allowed, const std::string& what) {
    for (const auto& kv : n) {
      std::string k = kv.first.as<std::string>();
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
        Fail(kv.first, "expected one of the keys of " + what + " (" + Join(allowed) + "), found \"" + k + "\"");
        return false;
      }
    }
    return true;
  }
  std::optional<std::string> Text(const YAML::Node& map, const std::string& key, bool required,
                                  const std::string& what) {
    YAML::Node n = map[key];
    if (!n) {
      if (required) Fail(map, "expected \"" + key + "\" in " + what + ", found no such key");
      return std::nullopt;
    }
    if (!n.IsScalar()) {
      Fail(n, "expected text for \"" + key + "\" in " + what + ", found " + Describe(n));
      return std::nullopt;
    }
    return n.Scalar();
  }
  std::vector<std::string> TextList(const YAML::Node& n, const std::string& what) {
    std::vector<std::string> out;
    if (!n.IsSequence()) {
      Fail(n, "expected a list of text for " + what + ", found " + Describe(n));
      return out;
    }
    for (const auto& item : n) {
      if (!item.IsScalar()) {
        Fail(item, "expected text in " + what + ", found " + Describe(item));
        return out;
      }
      out.push_back(item.Scalar());
    }
    return out;
  }
  const Document& doc() const { return doc_; }

 private:
  const Document& doc_;
  Status error_;
};

std::string Capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

void ReadWorld(Parser& p, const YAML::Node& bc, WorldFacts& w) {
  if (!bc) return;
  if (!p.ExpectMap(bc, "basecamp")) return;
  if (YAML::Node ids = bc["identities"]; ids && p.ExpectMap(ids, "basecamp.identities")) {
    for (const auto& kv : ids) {
      WorldIdentity id;
      id.key = kv.first.as<std::string>();
      if (!kv.second.IsMap()) continue;  // the simulator reports the shape
      if (kv.second["email"]) id.email = kv.second["email"].Scalar();
      if (kv.second["password"]) id.password = kv.second["password"].Scalar();
      std::string first = kv.second["first_name"] ? kv.second["first_name"].Scalar() : Capitalised(id.key);
      std::string last = kv.second["last_name"] ? kv.second["last_name"].Scalar() : "";
      id.name = last.empty() ? first : first + " " + last;
      w.identities[id.key] = id;
    }
  }
  if (YAML::Node cls = bc["clients"]; cls && cls.IsMap()) {
    for (const auto& kv : cls) {
      if (!kv.second.IsMap()) continue;
      WorldClient c{kv.first.as<std::string>(), "", ""};
      if (kv.second["client_id"]) c.client_id = kv.second["client_id"].Scalar();
      if (kv.second["client_secret"]) c.client_secret = kv.second["client_secret"].Scalar();
      w.clients[c.key] = c;
    }
  }
  std::function<void(const YAML::Node&)> todos = [&](const YAML::Node& list) {
    if (!list.IsMap()) return;
    if (YAML::Node ts = list["todos"]; ts && ts.IsSequence()) {
      for (const auto& t : ts) {
        if (t.IsMap() && t["title"] && t["title"].IsScalar()) w.titles.push_back(t["title"].Scalar());
        if (!t.IsMap() || !t["key"]) continue;
        std::string key = t["key"].Scalar();
        w.todo_keys.push_back(key);
        if (t["title"]) w.todo_titles[key] = t["title"].Scalar();
        if (t["id"]) w.todo_ids[key] = t["id"].as<std::int64_t>(0);
      }
    }
    if (YAML::Node gs = list["groups"]; gs && gs.IsMap())
      for (const auto& g : gs) todos(g.second);
  };
  if (YAML::Node accs = bc["accounts"]; accs && p.ExpectMap(accs, "basecamp.accounts")) {
    for (const auto& kv : accs) {
      WorldAccount a;
      a.key = kv.first.as<std::string>();
      if (!kv.second.IsMap()) continue;
      a.name = kv.second["name"] ? kv.second["name"].Scalar() : a.key;
      if (kv.second["id"]) a.id = kv.second["id"].as<std::int64_t>(0);
      w.accounts[a.key] = a;
      if (YAML::Node projects = kv.second["projects"]; projects && projects.IsMap()) {
        for (const auto& pr : projects) {
          if (!pr.second.IsMap()) continue;
          if (YAML::Node lists = pr.second["todolists"]; lists && lists.IsMap())
            for (const auto& l : lists) todos(l.second);
        }
      }
    }
  }
}

void ReadTracker(Parser& p, const YAML::Node& t, Tracker& tr) {
  if (!t) return;
  if (!p.ExpectMap(t, "tracker")) return;
  if (!p.ExpectKeys(t, {"company", "users", "account_mode", "auto_sync_interval", "webhooks"}, "tracker")) return;
  if (YAML::Node w = t["webhooks"]) {
    if (!w.IsScalar() || (w.Scalar() != "true" && w.Scalar() != "false")) {
      p.Fail(w, "expected true or false for webhooks, found " + (w.IsScalar() ? "\"" + w.Scalar() + "\"" : std::string("a collection")));
      return;
    }
    tr.webhooks = w.Scalar() == "true";
  }
  if (YAML::Node c = t["company"]) {
    if (c.IsScalar()) {
      tr.company = c.Scalar();
    } else if (p.ExpectMap(c, "tracker.company") && p.ExpectKeys(c, {"name"}, "tracker.company")) {
      if (auto n = p.Text(c, "name", true, "tracker.company")) tr.company = *n;
    }
  }
  if (auto mode = p.Text(t, "account_mode", false, "tracker")) {
    if (*mode != "strict" && *mode != "choose") {
      p.Fail(t["account_mode"], "expected strict or choose for account_mode, found \"" + *mode + "\"");
      return;
    }
    tr.account_mode = *mode;
  }
  if (auto iv = p.Text(t, "auto_sync_interval", false, "tracker")) {
    auto ms = ParseDurationText(*iv);
    if (!ms.ok()) {
      p.Fail(t["auto_sync_interval"], "expected a duration like 15m, found \"" + *iv + "\"");
      return;
    }
    if (*ms < kMinAutoSyncIntervalMs || *ms > kMaxWaitMs) {
      p.Fail(t["auto_sync_interval"], "expected an automatic sync interval from 1m to 366d, found \"" + *iv +
                                          "\" (bcsync never syncs more often than once a minute)");
      return;
    }
    tr.auto_sync_interval_ms = *ms;
  }
  YAML::Node users = t["users"];
  if (!users) return;
  if (!p.ExpectMap(users, "tracker.users")) return;
  for (const auto& kv : users) {
    TrackerUser u;
    u.key = kv.first.as<std::string>();
    const YAML::Node& m = kv.second;
    std::string what = "tracker user " + u.key;
    if (!p.ExpectMap(m, what) || !p.ExpectKeys(m, {"email", "password", "role", "name"}, what)) return;
    auto email = p.Text(m, "email", true, what);
    auto pw = p.Text(m, "password", true, what);
    if (!email || !pw) return;
    u.email = *email;
    u.password = *pw;
    if (auto role = p.Text(m, "role", false, what)) {
      if (*role != "owner" && *role != "admin" && *role != "user") {
        p.Fail(m["role"], "expected owner, admin or user for role, found \"" + *role + "\"");
        return;
      }
      u.role = *role;
    }
    u.name = p.Text(m, "name", false, what).value_or(Capitalised(u.key));
    for (const auto& [other_key, other] : tr.users) {
      if (Lower(other.email) != Lower(u.email)) continue;
      YAML::Node first = users[other_key]["email"];
      p.Fail(m["email"], "expected a different email for tracker user " + u.key + ", found " + u.email +
                             ", which tracker user " + other_key + " has (at " + p.doc().MarkOf(first).ToString() +
                             "): the tracker keeps one user per email");
      return;
    }
    tr.users[u.key] = u;
    tr.user_order.push_back(u.key);
  }
}

}  // namespace

// Declared in references.cpp: the semantic checks over a parsed scenario.
Status CheckReferences(Scenario& s, const Document& doc);
Status ParseStepList(const YAML::Node& steps, const Document& doc, std::vector<Step>& out);

StatusOr<Scenario> ParseScenarioFile(const std::string& path, const std::vector<std::string>& include_roots) {
  auto loaded = LoadDocument(path, include_roots);
  if (!loaded.ok()) return loaded.status();
  const Document& doc = **loaded;
  const YAML::Node& root = doc.root();
  Parser p(doc);
  Scenario s;
  s.file = path;
  s.include_roots = include_roots;
  if (!p.ExpectMap(root, "a scenario")) return p.error();
  if (!p.ExpectKeys(root, {"scenario", "summary", "tags", "include", "basecamp", "tracker", "faults", "steps",
                           "start_time"},
                    "a scenario"))
    return p.error();
  auto name = p.Text(root, "scenario", true, "a scenario");
  if (!name) return p.error();
  s.name = *name;
  s.name_mark = doc.MarkOf(root["scenario"]);
  s.summary = p.Text(root, "summary", false, "a scenario").value_or("");
  if (YAML::Node tags = root["tags"]) {
    s.tags = p.TextList(tags, "tags");
    if (p.failed()) return p.error();
    std::size_t i = 0;
    for (const auto& t : tags) {
      const std::string& tag = s.tags[i++];
      bool plain = !tag.empty() && std::all_of(tag.begin(), tag.end(), [](unsigned char c) {
        return std::islower(c) || std::isdigit(c) || c == '-';
      });
      if (!plain)
        return p.Fail(t, "expected a tag in lower case (letters, digits, -), found \"" + tag + "\"; write \"" +
                             Lower(tag) + "\"");
      if (std::count(s.tags.begin(), s.tags.end(), tag) > 1)
        return p.Fail(t, "expected each tag once, found \"" + tag + "\" twice");
    }
  }
  if (YAML::Node faults = root["faults"]; faults && faults.IsSequence()) {
    for (const auto& f : faults) {
      FaultInfo info{doc.MarkOf(f), false};
      if (f.IsMap() && f["optional"]) {
        const YAML::Node& o = f["optional"];
        if (!o.IsScalar() || (o.Scalar() != "true" && o.Scalar() != "false"))
          return p.Fail(o, "expected true or false for optional, found " + Describe(o));
        info.optional = o.Scalar() == "true";
      }
      s.faults.push_back(info);
    }
  }
  ReadTracker(p, root["tracker"], s.tracker);
  ReadWorld(p, root["basecamp"], s.world);
  if (p.failed()) return p.error();
  if (YAML::Node steps = root["steps"]) {
    if (Status st = ParseStepList(steps, doc, s.steps); !st.ok()) return st;
  }
  if (Status st = CheckReferences(s, doc); !st.ok()) return st;
  bool checks = std::any_of(s.steps.begin(), s.steps.end(), [](const Step& st) { return st.kind == "expect"; });
  if (!checks) {
    YAML::Node at = root["steps"] ? root["steps"] : root;
    return p.Fail(at, "a scenario must check something: add an expect step (" + Join(KnownExpectations()) +
                          ") after the steps it checks");
  }
  return s;
}

Status ParseStepList(const YAML::Node& steps, const Document& doc, std::vector<Step>& out) {
  Parser p(doc);
  if (!steps.IsSequence()) return p.Fail(steps, "expected a list of steps, found " + Describe(steps));
  std::vector<std::string> known = KnownSteps();
  for (const auto& node : steps) {
    if (!node.IsMap() || node.size() != 1) {
      return p.Fail(node, "expected a step (a map with one key: " + Join(known) + "), found " + Describe(node));
    }
    auto kv = *node.begin();
    Step step;
    step.kind = kv.first.as<std::string>();
    step.mark = doc.MarkOf(kv.first);
    const YAML::Node& body = kv.second;
    if (std::find(known.begin(), known.end(), step.kind) == known.end()) {
      return p.Fail(kv.first, "expected a step (" + Join(known) + "), found \"" + step.kind + "\"" +
                                  DidYouMean(step.kind, known));
    }
    if (step.kind == "restart_app" && (body.IsNull() || !body)) {
      step.args = nlohmann::json::object();
      out.push_back(step);
      continue;
    }
    if (!p.ExpectMap(body, "the arguments of " + step.kind)) return p.error();
    if (step.kind == "add_fault") {  // a fault installed here; the simulator's loader checks it
      YAML::Node o = body["optional"];
      if (o && (!o.IsScalar() || (o.Scalar() != "true" && o.Scalar() != "false")))
        return p.Fail(o, "expected true or false for optional, found " + Describe(o));
      step.args = YamlToJson(body);
      out.push_back(step);
      continue;
    }
    if (step.kind == "basecamp") {
      std::vector<std::string> changes = KnownWorldChanges();
      if (body.size() != 1) return p.Fail(body, "expected one world change (" + Join(changes) + "), found " +
                                                    std::to_string(body.size()));
      auto ch = *body.begin();
      step.change = ch.first.as<std::string>();
      if (std::find(changes.begin(), changes.end(), step.change) == changes.end())
        return p.Fail(ch.first, "expected a world change (" + Join(changes) + "), found \"" + step.change + "\"" +
                                    DidYouMean(step.change, changes));
      if (!p.ExpectMap(ch.second, "the arguments of " + step.change)) return p.error();
      step.args = YamlToJson(ch.second);
      out.push_back(step);
      continue;
    }
    if (step.kind == "expect") {
      std::vector<std::string> kinds = KnownExpectations();
      for (const auto& e : body) {
        std::string k = e.first.as<std::string>();
        const ExpectKind* spec = FindExpectKind(k);
        if (spec == nullptr)
          return p.Fail(e.first, "expected an expectation (" + Join(kinds) + "), found \"" + k + "\"" +
                                     DidYouMean(k, kinds));
        std::vector<YAML::Node> items;
        if (e.second.IsSequence()) {
          for (const auto& i : e.second) items.push_back(i);
        } else {
          items.push_back(e.second);
        }
        for (const auto& item : items) {
          std::string what = "expectation " + k;
          if (!p.ExpectMap(item, what) || !p.ExpectKeys(item, spec->keys, what)) return p.error();
          for (const auto& r : spec->required)
            if (!item[r]) return p.Fail(item, "expected \"" + r + "\" in " + what + ", found no such key");
          if (!spec->checks.empty() &&
              std::none_of(spec->checks.begin(), spec->checks.end(), [&](const std::string& c) { return item[c]; }))
            return p.Fail(item, what + " checks nothing: add " + Join(spec->checks));
          for (const auto& kv : item)
            if (kv.second.IsSequence() && kv.second.size() == 0)
              return p.Fail(kv.second, "expected at least one entry in \"" + kv.first.Scalar() + "\" of " + what +
                                           ", found an empty list, which checks nothing: name one or remove the key");
          Expectation ex{k, doc.MarkOf(item), YamlToJson(item), {}};
          for (const auto& a : item) ex.marks[a.first.as<std::string>()] = doc.MarkOf(a.second);
          step.expectations.push_back(ex);
        }
      }
      if (p.failed()) return p.error();
      if (step.expectations.empty())
        return p.Fail(body, "an expect step must check something: add an expectation (" + Join(kinds) + ")");
      out.push_back(step);
      continue;
    }
    const StepKind& spec = *FindStepKind(step.kind);
    if (!p.ExpectKeys(body, spec.keys, step.kind)) return p.error();
    for (const auto& r : spec.required)
      if (!p.Text(body, r, true, step.kind)) return p.error();
    if (YAML::Node r = body["refused"]) {
      const std::string fix = "say which refusal the person meets: refused: {code: BC_...} (a catalogue code the "
                              "page shows) or refused: {text: \"...\"} (what the page says)";
      if (!r.IsMap())
        return p.Fail(r, "expected a map for refused, found " + Describe(r) + "; " + fix);
      if (!p.ExpectKeys(r, {"code", "text"}, "refused")) return p.error();
      if (r.size() != 1) return p.Fail(r, "expected code or text in refused (one of them); " + fix);
      if (!p.Text(r, r["code"] ? "code" : "text", true, "refused")) return p.error();
    }
    if (auto g = p.Text(body, "grant", false, step.kind); g && *g != "allow" && *g != "deny")
      return p.Fail(body["grant"], "expected allow or deny for grant, found \"" + *g + "\"");
    if (p.failed()) return p.error();
    step.args = YamlToJson(body);
    for (const auto& a : body) step.marks[a.first.as<std::string>()] = doc.MarkOf(a.second);
    if (step.kind == "configure_tracker") {
      if (!body["account_mode"] && !body["auto_sync_interval"])
        return p.Fail(body, "configure_tracker changes nothing: add account_mode (strict or choose) or "
                            "auto_sync_interval (like 15m)");
      if (auto mode = p.Text(body, "account_mode", false, step.kind); mode && *mode != "strict" && *mode != "choose")
        return p.Fail(body["account_mode"], "expected strict or choose for account_mode, found \"" + *mode + "\"");
      if (auto iv = p.Text(body, "auto_sync_interval", false, step.kind)) {
        auto ms = ParseDurationText(*iv);
        if (!ms.ok() || *ms < kMinAutoSyncIntervalMs || *ms > kMaxWaitMs || *ms % 60'000 != 0)
          return p.Fail(body["auto_sync_interval"],
                        "expected whole minutes from 1m to 366d for auto_sync_interval (the settings page takes "
                        "minutes), found \"" + *iv + "\"");
        step.args["interval_ms"] = *ms;
      }
      if (p.failed()) return p.error();
    }
    if (step.kind == "wait") {
      auto ms = ParseDurationText(body["for"].Scalar());
      if (!ms.ok())
        return p.Fail(body["for"], "expected a duration like 15m, 2h or 15d, found \"" + body["for"].Scalar() + "\"");
      if (*ms <= 0 || *ms > kMaxWaitMs)
        return p.Fail(body["for"], "expected a wait from 1ms to 366d, found \"" + body["for"].Scalar() + "\"");
      step.args["ms"] = *ms;
    }
    if (step.kind == "track_time") {  // the timer runs for this long (virtual time)
      auto ms = ParseCompositeDuration(body["for"].Scalar());
      if (!ms.ok() || *ms < 60'000 || *ms > 86'400'000 || *ms % 60'000 != 0)
        return p.Fail(body["for"], "expected whole minutes from 1m to 24h for track_time (like 1h30m, 90m "
                                   "or 2h), found \"" + body["for"].Scalar() + "\"");
      step.args["ms"] = *ms;
    }
    out.push_back(step);
  }
  return OkStatus();
}

// "1h30m": segments of ParseDurationText summed (a single segment is ParseDurationText's).
StatusOr<Millis> ParseCompositeDuration(const std::string& text) {
  Millis total = 0;
  std::size_t pos = 0;
  if (text.empty() || text.size() > 24) return InvalidArgumentError("bad duration \"" + text + "\"");
  while (pos < text.size()) {
    std::size_t end = pos;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
    auto part = ParseDurationText(text.substr(pos, end - pos));
    if (!part.ok()) return InvalidArgumentError("bad duration \"" + text + "\"");
    total += *part;
    pos = end;
  }
  return total;
}

StatusOr<Millis> ParseDurationText(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  if (i == 0 || i > 15) return InvalidArgumentError("bad duration \"" + text + "\"");
  Millis n = std::stoll(text.substr(0, i));
  std::string unit = text.substr(i);
  static const std::map<std::string, Millis> units = {{"", 1000},       {"ms", 1},          {"s", 1000},
                                                      {"m", 60'000},    {"h", 3'600'000},   {"d", 86'400'000},
                                                      {"w", 604'800'000}};
  auto u = units.find(unit);
  if (u == units.end()) return InvalidArgumentError("bad duration \"" + text + "\"");
  return n * u->second;
}

std::string Mark::ToString() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

const std::vector<std::string>& KnownSteps() {
  static const std::vector<std::string> steps = [] {
    std::vector<std::string> out;
    for (const auto& k : StepKinds()) out.push_back(k.name);
    return out;
  }();
  return steps;
}

const std::vector<std::string>& KnownExpectations() {
  static const std::vector<std::string> e = [] {
    std::vector<std::string> out;
    for (const auto& k : ExpectKinds()) out.push_back(k.name);
    return out;
  }();
  return e;
}

const std::vector<std::string>& KnownWorldChanges() {
  static const std::vector<std::string> c = {
      "assign", "complete", "uncomplete", "trash", "archive", "rename", "add_todo", "remove_from_project",
      "password_changed", "revoke_access", "remove_identity", "account_inactive", "api_disabled", "add_account",
      "comment", "move_card", "log_time"};
  return c;
}

}  // namespace bcsim::harness
