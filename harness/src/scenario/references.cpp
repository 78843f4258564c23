// The semantic checks of a parsed scenario: value types of step and expectation arguments, and
// references to users, browsers, identities and accounts that must exist.
#include <algorithm>
#include <functional>
#include <set>

#include "document.h"
#include "harness/scenario_parser.h"

namespace bcsim::harness {
namespace {

const std::vector<std::string> kPages = {"tasks", "settings", "company_integrations", "integration_settings",
                                         "basecamp"};
const std::vector<std::string> kStates = {"on", "off", "error", "needs_reconnect"};

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

  Status CheckStep(const Step& st) {
    const auto& a = st.args;
    at_ = [&st](const std::string& key) { return st.At(key); };
    const Mark& m = st.mark;
    const std::string& k = st.kind;
    for (const char* key : {"user", "browser", "identity", "login", "account"})
      if (Status s = Text(m, a, key, k); !s.ok()) return s;
    for (const char* key : {"refused"})
      if (Status s = Bool(m, a, key, k); !s.ok()) return s;
    if (Status s = User(m, a, k); !s.ok()) return s;
    if (Status s = Identity(m, a, "identity", k); !s.ok()) return s;
    if (Status s = Identity(m, a, "login", k); !s.ok()) return s;
    if (k != "basecamp")
      if (Status s = Account(m, a, k); !s.ok()) return s;
    if (Status s = Browser(m, a, k != "browser_logout", k); !s.ok()) return s;
    for (const auto& e : st.expectations)
      if (Status s = CheckExpectation(e); !s.ok()) return s;
    return OkStatus();
  }

  Status CheckExpectation(const Expectation& e) {
    const auto& a = e.args;
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
    if (Status s = OneOf(m, a, "state", kStates, ctx); !s.ok()) return s;
    if (Status s = OneOf(m, a, "page", kPages, ctx); !s.ok()) return s;
    if (Status s = User(m, a, ctx); !s.ok()) return s;
    if (Status s = Identity(m, a, "identity", ctx); !s.ok()) return s;
    if (Status s = Account(m, a, ctx); !s.ok()) return s;
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

}  // namespace

Status CheckReferences(const Scenario& s, const Document&) {
  Scenario with_added = s;  // to-dos a step adds may be named by later expectations
  for (const auto& st : s.steps)
    if (st.kind == "basecamp" && st.change == "add_todo" && st.args.contains("key") && st.args["key"].is_string())
      with_added.world.todo_keys.push_back(st.args["key"]);
  Checker c(with_added);
  for (const auto& st : s.steps)
    if (Status r = c.CheckStep(st); !r.ok()) return r;
  return OkStatus();
}

}  // namespace bcsim::harness
