// The semantic checks of a parsed scenario: value types of step and expectation arguments, and
// references to users, browsers, identities and accounts that must exist.
#include <algorithm>
#include <functional>
#include <set>

#include "bcsim/endpoints.h"
#include "bcsim/events.h"
#include "bcsim/scenario_file.h"
#include "bcsim/simulator.h"
#include "bcsim/world_loader.h"
#include "bcsync/app.h"
#include "document.h"
#include "harness/path_template.h"
#include "harness/scenario_parser.h"
#include "registry.h"
#include "suggest.h"

namespace bcsim::harness {
namespace {

const std::vector<std::string>& kPages = PageNames();
const std::vector<std::string>& kStates = IntegrationStates();

// Texts of the tracker's pages that the format's contract names (docs/contracts.md): links,
// buttons and headings the harness's browser relies on.
const std::vector<std::string> kContractTexts = {
    "Tasks", "Settings", "Company Integrations", "Integration Settings", "Log out", "Sync", "Basecamp",
    "Turn it on", "Turn it off", "ON", "OFF", "Use this account", "Connected as",
    "Ask your company owner or admin to turn on an integration.",
    // The dashboard's (docs/contracts.md): navigation, the Basecamp page while an account is
    // picked, the Tasks page's timer buttons.
    "Time", "Tracker settings", "pending choice", "Start timer", "Stop timer",
    "Your company owner or an admin must choose the account."};

std::vector<std::string> Codes(bool warnings) {
  std::vector<std::string> out;
  for (const auto& e : bcsync::ErrorCatalogue())
    if (e.warning == warnings) out.push_back(e.code);
  return out;
}

std::string Keys(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "none" : out;
}
template <typename M>
std::string Keys(const M& m) {
  std::vector<std::string> v;
  for (const auto& kv : m) v.push_back(kv.first);
  return Keys(v);
}

std::string Found(const nlohmann::json& v) {
  if (v.is_string()) return "\"" + v.get<std::string>() + "\"";
  if (v.is_array()) return "a list";
  if (v.is_object()) return "a map";
  if (v.is_null()) return "nothing";
  return v.dump();
}

class Checker {
 public:
  Checker(const Scenario& s) : s_(s) {
    for (const auto& u : s.tracker.user_order) browsers_.insert(u);
  }

  Status Error(const Mark& m, const std::string& what) { return InvalidArgumentError(m.ToString() + ": " + what); }
  // The mark of the argument named first in the message, when there is one.
  Status Error(const Mark& m, const std::string& key, const std::string& what) {
    return Error(at_ ? at_(key) : m, what);
  }

  Status Text(const Mark& m, const nlohmann::json& args, const std::string& key, const std::string& ctx) {
    if (!args.contains(key)) return OkStatus();
    const auto& v = args[key];
    if (v.is_string() || v.is_number()) return OkStatus();
    return Error(m, key, "expected text for \"" + key + "\" in " + ctx + ", found " + Found(v));
  }
  Status List(const Mark& m, const nlohmann::json& args, const std::string& key, const std::string& ctx) {
    if (!args.contains(key)) return OkStatus();
    const auto& v = args[key];
    if (v.is_array() && std::all_of(v.begin(), v.end(), [](const auto& x) { return x.is_string() || x.is_number(); }))
      return OkStatus();
    return Error(m, key, "expected a list of text for \"" + key + "\" in " + ctx + ", found " + Found(v));
  }
  Status Bool(const Mark& m, const nlohmann::json& args, const std::string& key, const std::string& ctx) {
    if (!args.contains(key) || args[key].is_boolean()) return OkStatus();
    return Error(m, key, "expected true or false for \"" + key + "\" in " + ctx + ", found " + Found(args[key]));
  }
  Status Count(const Mark& m, const nlohmann::json& args, const std::string& key, const std::string& ctx) {
    if (!args.contains(key) || (args[key].is_number_integer() && args[key].get<long long>() >= 0)) return OkStatus();
    return Error(m, key, "expected a whole number for \"" + key + "\" in " + ctx + ", found " + Found(args[key]));
  }
  Status OneOf(const Mark& m, const nlohmann::json& args, const std::string& key, const std::vector<std::string>& v,
               const std::string& ctx) {
    if (!args.contains(key)) return OkStatus();
    if (args[key].is_string() && std::find(v.begin(), v.end(), args[key].get<std::string>()) != v.end())
      return OkStatus();
    return Error(m, key, "expected one of " + Keys(v) + " for \"" + key + "\" in " + ctx + ", found " + Found(args[key]));
  }
  Status User(const Mark& m, const nlohmann::json& args, const std::string& ctx) {
    if (!args.contains("user") || !args["user"].is_string()) return OkStatus();
    std::string u = args["user"];
    if (s_.tracker.users.count(u)) return OkStatus();
    return Error(m, "user", "expected a tracker user (" + Keys(s_.tracker.users) + ") for \"user\" in " + ctx +
                        ", found \"" + u + "\"");
  }
  Status Identity(const Mark& m, const nlohmann::json& args, const std::string& key, const std::string& ctx) {
    if (!args.contains(key) || !args[key].is_string()) return OkStatus();
    std::string i = args[key];
    if (s_.world.identities.count(i)) return OkStatus();
    return Error(m, key, "expected a Basecamp identity (" + Keys(s_.world.identities) + ") for \"" + key + "\" in " +
                        ctx + ", found \"" + i + "\"");
  }
  Status Account(const Mark& m, const nlohmann::json& args, const std::string& ctx) {
    if (!args.contains("account") || !args["account"].is_string()) return OkStatus();
    std::string a = args["account"];
    if (s_.world.accounts.count(a)) return OkStatus();
    return Error(m, "account", "expected a Basecamp account (" + Keys(s_.world.accounts) + ") for \"account\" in " + ctx +
                        ", found \"" + a + "\"");
  }
  Status Browser(const Mark& m, const nlohmann::json& args, bool introduces, const std::string& ctx) {
    if (!args.contains("browser") || !args["browser"].is_string()) return OkStatus();
    std::string b = args["browser"];
    if (introduces) {
      browsers_.insert(b);
      return OkStatus();
    }
    if (browsers_.count(b)) return OkStatus();
    return Error(m, "browser", "expected a browser used by an earlier step (" + Keys(std::vector<std::string>(
                        browsers_.begin(), browsers_.end())) + ") for \"browser\" in " + ctx + ", found \"" + b + "\"");
  }

  // `list` values of args[key] must each be one of `known` (what: "a to-do title").
  Status Known(const nlohmann::json& args, const std::string& key, const std::vector<std::string>& known,
               const std::string& what, const std::string& ctx) {
    if (!args.contains(key)) return OkStatus();
    std::vector<nlohmann::json> values;
    if (args[key].is_array()) {
      values.assign(args[key].begin(), args[key].end());
    } else {
      values.push_back(args[key]);
    }
    for (const auto& v : values) {
      std::string name = v.is_string() ? v.get<std::string>() : v.dump();
      if (std::find(known.begin(), known.end(), name) != known.end()) continue;
      return Error(at_ ? at_(key) : Mark{}, key,
                   "expected " + what + " for \"" + key + "\" in " + ctx + " (" + NameList(known) + "), found \"" +
                       name + "\"" + DidYouMean(name, known));
    }
    return OkStatus();
  }

  // Integration names, by id or by the name the page shows, case-insensitively; rewritten to
  // the shown name so the run compares what the page lists.
  Status Integrations(nlohmann::json& args, const std::string& key, const std::string& ctx) {
    if (!args.contains(key) || !args[key].is_array()) return OkStatus();
    std::vector<std::string> known;
    for (const auto& i : bcsync::KnownIntegrations()) known.push_back(i.name + " (id " + i.id + ")");
    for (auto& v : args[key]) {
      std::string name = v.is_string() ? v.get<std::string>() : v.dump();
      const bcsync::IntegrationInfo* hit = nullptr;
      for (const auto& i : bcsync::KnownIntegrations())
        if (Lower(name) == Lower(i.id) || Lower(name) == Lower(i.name)) hit = &i;
      if (hit == nullptr) {
        std::vector<std::string> names;
        for (const auto& i : bcsync::KnownIntegrations()) names.push_back(i.name);
        return Error(Mark{}, key, "expected an integration the tracker offers (" + NameList(known) + ") in \"" +
                                      key + "\" of " + ctx + ", found \"" + name + "\"" + DidYouMean(name, names));
      }
      v = hit->name;
    }
    return OkStatus();
  }

  // A text checked with `absent: true` must be one the tracker can show, else the check holds
  // whatever happens (a typo is always absent).
  Status ShowableText(const nlohmann::json& args, const std::string& ctx) {
    if (!args.value("absent", false) || !args.contains("text") || !args["text"].is_string()) return OkStatus();
    std::string text = args["text"];
    std::vector<std::string> texts = kContractTexts;
    for (const auto& e : bcsync::ErrorCatalogue()) texts.insert(texts.end(), {e.code, e.title, e.message, e.help});
    texts.insert(texts.end(), s_.world.titles.begin(), s_.world.titles.end());
    for (const auto& [k, id] : s_.world.identities) texts.insert(texts.end(), {id.name, id.email});
    for (const auto& [k, a] : s_.world.accounts) texts.push_back(a.name);
    for (const auto& [k, u] : s_.tracker.users) texts.insert(texts.end(), {u.name, u.email});
    texts.push_back(s_.tracker.company);
    for (const auto& t : texts)
      if (t.find(text) != std::string::npos) return OkStatus();
    return Error(Mark{}, "text", "expected a text the tracker can show for \"text\" in " + ctx +
                                     " with absent: true (a catalogue title or message, a name or title of the "
                                     "world, or a page label), found \"" + text + "\"" + DidYouMean(text, texts) +
                                     ": an absent check of a text no page can show passes whatever happens");
  }

  // A `requests` path must name an endpoint the simulator serves.
  Status ServedPath(const nlohmann::json& args, const std::string& ctx) {
    if (!args.contains("path") || !args["path"].is_string()) return OkStatus();
    if (args.contains("direction") && args["direction"] != "inbound" && args["direction"] != "outbound")
      return Error(Mark{}, "direction", "expected inbound or outbound for \"direction\" in " + ctx +
                                            ", found " + args["direction"].dump());
    // Outbound paths are the receivers' (a webhook's payload_url), not the simulator's.
    if (args.value("direction", std::string()) == "outbound") return OkStatus();
    std::string path = args["path"];
    std::string method = args.contains("method") && args["method"].is_string() ? args["method"].get<std::string>() : "";
    std::vector<std::string> all;
    for (const auto& e : bcsim::ServedEndpoints()) {
      all.push_back(e.path);
      if (!method.empty() && e.method != method && !(method == "HEAD" && e.method == "GET")) continue;
      if (TemplatesOverlap(path, e.path)) return OkStatus();
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return Error(Mark{}, "path", "expected a path template that matches an endpoint the simulator serves for \"path\" in " +
                                     ctx + (method.empty() ? "" : " with method " + method) + ", found \"" + path +
                                     "\"" + DidYouMean(path, all) + "; the endpoints: " + NameList(all, 40));
  }

  // A `requests` body_includes: some fields, of a body a request can have, whose values the
  // journal shows.
  Status BodyIncludes(const Mark& m, const nlohmann::json& a, const std::string& ctx) {
    if (!a.contains("body_includes")) return OkStatus();
    const nlohmann::json& b = a["body_includes"];
    if (!b.is_object() || b.empty())
      return Error(m, "body_includes", "expected fields for \"body_includes\" in " + ctx +
                                           " ({field: value, ...}), found " + (b.is_object() ? std::string("{}") : Found(b)) +
                                           ": no fields hold for every request with a body");
    const std::string method = a.contains("method") && a["method"].is_string() ? a["method"].get<std::string>() : "";
    if (method == "GET" || method == "HEAD")
      return Error(m, "method", "expected a method that sends a body with \"body_includes\" in " + ctx +
                                    ", found " + method + ", whose requests have none");
    std::string secret;
    std::function<void(const nlohmann::json&)> find = [&](const nlohmann::json& o) {
      for (auto it = o.begin(); it != o.end() && secret.empty(); ++it) {
        if (bcsim::JournalRedacts(it.key())) secret = it.key();
        else if (it->is_object()) find(*it);
      }
    };
    find(b);
    if (!secret.empty())
      return Error(m, "body_includes", "expected fields the journal shows in \"body_includes\" in " + ctx +
                                           ", found \"" + secret + "\": the journal keeps a secret-named field as "
                                           "[REDACTED], so its value cannot be checked");
    return OkStatus();
  }

  Status CheckStep(Step& st) {
    const auto& a = st.args;
    at_ = [&st](const std::string& key) { return st.At(key); };
    const Mark& m = st.mark;
    const std::string& k = st.kind;
    for (const char* key : {"user", "browser", "identity", "login", "account"})
      if (Status s = Text(m, a, key, k); !s.ok()) return s;
    if (Status s = User(m, a, k); !s.ok()) return s;
    if (Status s = Identity(m, a, "identity", k); !s.ok()) return s;
    if (Status s = Identity(m, a, "login", k); !s.ok()) return s;
    if (k != "basecamp")
      if (Status s = Account(m, a, k); !s.ok()) return s;
    if (Status s = Browser(m, a, k != "browser_logout", k); !s.ok()) return s;
    if (a.contains("refused") && a["refused"].is_object() && a["refused"].contains("code")) {
      at_ = [&st](const std::string&) { return st.At("refused"); };
      if (Status s = Known(a["refused"], "code", Codes(false), "a catalogue code (docs/sync-errors.md)", k); !s.ok())
        return s;
    }
    if (k == "track_time") {
      for (const char* key : {"task", "description"})
        if (Status s = Text(m, a, key, k); !s.ok()) return s;
      if (Status s = Known(a, "task", s_.world.titles, "a to-do title of the world (the task's title)", k); !s.ok())
        return s;
    }
    for (auto& e : st.expectations)
      if (Status s = CheckExpectation(e); !s.ok()) return s;
    return OkStatus();
  }

  // timesheet {todo: KEY, person: IDENTITY, hours, entries}; time_entry {task, state, code, hours}.
  Status TimeChecks(const Expectation& e, const std::string& ctx) {
    const auto& a = e.args;
    const Mark& m = e.mark;
    auto hours = [&]() -> Status {
      if (!a.contains("hours")) return OkStatus();
      if (a["hours"].is_number() && a["hours"].get<double>() >= 0 && a["hours"].get<double>() <= 10000) return OkStatus();
      return Error(m, "hours", "expected a number of hours like 1.5 for \"hours\" in " + ctx + ", found " +
                                   Found(a["hours"]));
    };
    if (e.kind == "timesheet") {
      for (const char* key : {"todo", "person"})
        if (Status s = Text(m, a, key, ctx); !s.ok()) return s;
      if (Status s = Count(m, a, "entries", ctx); !s.ok()) return s;
      if (Status s = hours(); !s.ok()) return s;
      if (Status s = Identity(m, a, "person", ctx); !s.ok()) return s;
      if (Status s = Known(a, "todo", s_.world.todo_keys, "a to-do key of the world", ctx); !s.ok()) return s;
    }
    if (e.kind == "time_entry") {
      if (Status s = Text(m, a, "task", ctx); !s.ok()) return s;
      if (Status s = hours(); !s.ok()) return s;
      if (Status s = Known(a, "task", s_.world.titles, "a to-do title of the world (the task's title)", ctx); !s.ok())
        return s;
      if (Status s = Known(a, "code", Codes(false), "an error code of the catalogue (docs/sync-errors.md)", ctx); !s.ok())
        return s;
      if (a.contains("code") && a.value("state", "") != "failed" && a.value("state", "") != "pending")
        return Error(m, "code", "a code goes with state failed (or pending: the last transient failure) in " + ctx +
                                    ", found state " + Found(a.value("state", nlohmann::json(""))));
    }
    return OkStatus();
  }

  Status CheckExpectation(Expectation& e) {
    auto& a = e.args;
    at_ = [&e](const std::string& key) { return e.At(key); };
    const Mark& m = e.mark;
    std::string ctx = "expectation " + e.kind;
    for (const char* key : {"user", "code", "identity", "account", "text", "method", "path"})
      if (Status s = Text(m, a, key, ctx); !s.ok()) return s;
    for (const char* key : {"titles", "keys", "excludes", "archived", "includes"})
      if (Status s = List(m, a, key, ctx); !s.ok()) return s;
    for (const char* key : {"exactly", "absent"})
      if (Status s = Bool(m, a, key, ctx); !s.ok()) return s;
    for (const char* key : {"count", "at_least", "at_most", "status"})
      if (Status s = Count(m, a, key, ctx); !s.ok()) return s;
    if (Status s = OneOf(m, a, "state", e.kind == "time_entry" ? TimeEntryStates() : kStates, ctx); !s.ok())
      return s;
    if (Status s = TimeChecks(e, ctx); !s.ok()) return s;
    if (Status s = OneOf(m, a, "page", kPages, ctx); !s.ok()) return s;
    if (Status s = User(m, a, ctx); !s.ok()) return s;
    if (Status s = Identity(m, a, "identity", ctx); !s.ok()) return s;
    if (Status s = Account(m, a, ctx); !s.ok()) return s;
    if (e.kind == "tasks")
      for (const char* key : {"titles", "excludes", "archived"})
        if (Status s = Known(a, key, s_.world.titles, "a to-do title of the world", ctx); !s.ok()) return s;
    if (e.kind == "sync_error")
      if (Status s = Known(a, "code", Codes(false), "an error code of the catalogue (docs/sync-errors.md)", ctx);
          !s.ok())
        return s;
    if (e.kind == "warning")
      if (Status s = Known(a, "code", Codes(true), "a warning code of the catalogue (docs/sync-errors.md)", ctx);
          !s.ok())
        return s;
    if (e.kind == "visible_integrations")
      for (const char* key : {"includes", "excludes"})
        if (Status s = Integrations(a, key, ctx); !s.ok()) return s;
    if (e.kind == "page_contains")
      if (Status s = ShowableText(a, ctx); !s.ok()) return s;
    if (e.kind == "requests" && a.contains("at_least") && a["at_least"] == 0 && !a.contains("at_most") &&
        !a.contains("count"))
      return Error(m, "at_least", "at_least: 0 in " + ctx + " holds whatever happens: say at_least: 1, a count, or at_most");
    if (e.kind == "requests") {
      if (Status s = OneOf(m, a, "method", {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}, ctx); !s.ok())
        return s;
      if (a.contains("status") && a["status"].is_number_integer() &&
          (a["status"].get<int>() < 100 || a["status"].get<int>() > 599))
        return Error(m, "status", "expected an HTTP status from 100 to 599 for \"status\" in " + ctx + ", found " +
                                      a["status"].dump());
      if (Status s = ServedPath(a, ctx); !s.ok()) return s;
      if (Status s = BodyIncludes(m, a, ctx); !s.ok()) return s;
    }
    if (e.kind == "integration" && a.contains("company") && a["company"] != true)
      return Error(m, "company", "expected company: true in " + ctx + " (or user: KEY), found " + Found(a["company"]));
    if (e.kind == "integration" && a.contains("user") && a.contains("company"))
      return Error(m, "expected \"user\" or \"company\" in " + ctx + ", found both");
    if (e.kind == "integration" && !a.contains("user") && !a.contains("company"))
      return Error(m, "expected \"user\" or \"company\" in " + ctx + ", found neither");
    if (e.kind == "tasks" && a.contains("keys") && a["keys"].is_array()) {
      for (const auto& key : a["keys"]) {
        std::string k = key.is_string() ? key.get<std::string>() : key.dump();
        if (std::find(s_.world.todo_keys.begin(), s_.world.todo_keys.end(), k) == s_.world.todo_keys.end())
          return Error(m, "keys", "expected a to-do key (" + Keys(s_.world.todo_keys) + ") in " + ctx + ", found \"" + k +
                              "\"");
      }
    }
    return OkStatus();
  }

 private:
  const Scenario& s_;
  std::set<std::string> browsers_;
  std::function<Mark(const std::string&)> at_;
};

// Plays the `basecamp:` steps on the world the simulator loads from the file, in order: each
// change is checked by the simulator's own event code (its names, its rules), and the to-do
// titles it adds or renames to become names later expectations may use.
Status DryRunWorldChanges(Scenario& s, const Document& doc) {
  auto world = bcsim::LoadWorld(doc.simulator_document(), {{"tracker", "http://127.0.0.1:0"}});
  if (!world.ok()) return OkStatus();  // likewise the loader's
  for (const auto& acc : world->accounts) s.world.account_ids.insert(std::to_string(acc.id));
  // The to-do titles (and keys) the world holds, as the simulator loaded them.
  auto collect = [&s](const bcsim::World& w) {
    auto add = [&s](const bcsim::Todo& t) {
      s.world.titles.push_back(t.title);
      if (!t.key.empty()) {
        s.world.todo_titles.emplace(t.key, t.title);
        s.world.todo_ids[t.key] = t.id;  // as the simulator assigns it (a clash moves it on)
      }
    };
    for (const auto& acc : w.accounts)
      for (const auto& pr : acc.projects)
        for (const auto& set : pr.todosets)
          for (const auto& list : set.todolists) {
            for (const auto& t : list.todos) add(t);
            for (const auto& g : list.groups)
              for (const auto& t : g.todos) add(t);
          }
  };
  collect(*world);
  Millis now = s.start_time_ms.value_or(0);
  for (const Step& st : s.steps) {
    if (st.kind != "basecamp") continue;
    nlohmann::json event = st.args;
    event["event"] = st.change;
    if (Status applied = bcsim::ApplyEvent(*world, event, now); !applied.ok())
      return InvalidArgumentError(st.mark.ToString() + ": basecamp " + st.change + ": " + applied.message());
    collect(*world);
    if (st.change == "add_account" && st.args.contains("key") && st.args["key"].is_string()) {
      WorldAccount a;
      a.key = st.args["key"];
      a.name = st.args.value("name", a.key);
      s.world.accounts.emplace(a.key, a);
    }
  }
  std::sort(s.world.titles.begin(), s.world.titles.end());
  s.world.titles.erase(std::unique(s.world.titles.begin(), s.world.titles.end()), s.world.titles.end());
  return OkStatus();
}

}  // namespace

Status CheckReferences(Scenario& s, const Document& doc) {
  for (const auto& st : s.steps)
    if (st.kind == "basecamp" && st.change == "add_todo" && st.args.contains("key") && st.args["key"].is_string())
      s.world.todo_keys.push_back(st.args["key"]);
  if (Status dry = DryRunWorldChanges(s, doc); !dry.ok()) return dry;
  Checker c(s);
  for (auto& st : s.steps)
    if (Status r = c.CheckStep(st); !r.ok()) return r;
  return OkStatus();
}

}  // namespace bcsim::harness
