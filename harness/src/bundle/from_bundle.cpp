#include "harness/from_bundle.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>
#include <vector>

namespace bcsim::harness {
namespace {

using nlohmann::json;

// ---- checking the bundle ---------------------------------------------------------------

const valijson::Schema* BundleSchema(std::string* error) {
  static std::once_flag once;
  static std::unique_ptr<valijson::Schema> schema;
  static std::string problem;
  std::call_once(once, [] {
    std::ifstream in(BCSIM_BUNDLE_SCHEMA);
    if (!in) {
      problem = std::string(BCSIM_BUNDLE_SCHEMA) + ": cannot read the support bundle schema";
      return;
    }
    try {
      json doc = json::parse(in);
      schema = std::make_unique<valijson::Schema>();
      valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
      valijson::adapters::NlohmannJsonAdapter adapter(doc);
      parser.populateSchema(adapter, *schema);
    } catch (const std::exception& e) {
      schema.reset();
      problem = std::string(BCSIM_BUNDLE_SCHEMA) + ": bad schema: " + e.what();
    }
  });
  *error = problem;
  return schema.get();
}

std::string Describe(const json& v) {
  if (v.is_null()) return "null";
  if (v.is_object()) return "a map";
  if (v.is_array()) return "a list of " + std::to_string(v.size());
  std::string text = v.dump();
  return text.size() > 60 ? text.substr(0, 60) + "..." : text;
}

// valijson's context ("<root>", "[syncs]", "[0]") as a JSON pointer, and the value there.
std::string Pointer(const std::vector<std::string>& context, const json& root, const json** at) {
  std::string out;
  const json* node = &root;
  for (const auto& part : context) {
    if (part.size() < 2 || part.front() != '[' || part.back() != ']') continue;
    std::string key = part.substr(1, part.size() - 2);
    out += "/" + key;
    if (node == nullptr) continue;
    if (node->is_array() && !key.empty() &&
        std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
      std::size_t i = std::stoul(key);
      node = i < node->size() ? &(*node)[i] : nullptr;
    } else if (node->is_object() && node->contains(key)) {
      node = &(*node)[key];
    } else {
      node = nullptr;
    }
  }
  *at = node;
  return out.empty() ? "/" : out;
}

std::string Expected(const std::string& d, const json* at) {
  const std::string found = at ? Describe(*at) : "nothing";
  auto quoted = [&d]() {
    std::size_t close = d.rfind('\'');
    std::size_t open =
        close == std::string::npos || close == 0 ? std::string::npos : d.rfind('\'', close - 1);
    return open == std::string::npos ? std::string() : d.substr(open + 1, close - open - 1);
  };
  if (d.rfind("Missing required property", 0) == 0)
    return "expected the key \"" + quoted() + "\", found none";
  if (d.find("could not be validated") != std::string::npos)
    return "expected only the keys of docs/support-bundle.schema.json, found \"" + quoted() + "\"";
  if (d.rfind("Value type not permitted", 0) == 0)
    return "expected another type of value, found " + found;
  if (d.find("enum") != std::string::npos)
    return "expected one of the schema's values, found " + found;
  if (d.find("maxItems") != std::string::npos || d.find("more than") != std::string::npos ||
      d.find("maxLength") != std::string::npos || d.find("exceeds") != std::string::npos)
    return "expected at most the schema's size (a bound of docs/support-bundle.schema.json), "
           "found " +
           found;
  return "expected what docs/support-bundle.schema.json says (" + d + "), found " + found;
}

Status CheckBundle(const json& bundle, const std::string& source) {
  std::string error;
  const valijson::Schema* schema = BundleSchema(&error);
  if (schema == nullptr) return InternalError(error);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(bundle);
  if (validator.validate(*schema, target, &results)) return OkStatus();
  // The deepest error says the most (the others are the oneOf/parent's echoes of it).
  valijson::ValidationResults::Error e, deepest;
  std::size_t depth = 0;
  bool any = false;
  while (results.popError(e)) {
    if (!any || e.context.size() > depth) {
      deepest = e;
      depth = e.context.size();
      any = true;
    }
  }
  const json* at = nullptr;
  const std::string where = Pointer(deepest.context, bundle, &at);
  return InvalidArgumentError(
      source + ": at " + where + ": " + Expected(deepest.description, at) +
      " (not a support bundle of version 1? docs/support-bundle.schema.json)");
}

// ---- writing YAML ----------------------------------------------------------------------

// A YAML double-quoted scalar (JSON's string syntax is YAML's).
std::string Q(const std::string& s) { return json(s).dump(); }

std::string Key(const std::string& text, const std::string& fallback) {
  std::string out;
  for (unsigned char c : text) {
    if (c == '@') break;
    out += std::isalnum(c) ? static_cast<char>(std::tolower(c)) : '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.empty() || !std::isalpha(static_cast<unsigned char>(out[0]))) out = fallback + out;
  return out.substr(0, 40);
}

class Keys {
 public:
  std::string Take(const std::string& wanted) {
    std::string k = wanted;
    for (int n = 2; used_.count(k); ++n) k = wanted + "-" + std::to_string(n);
    used_.insert(k);
    return k;
  }

 private:
  std::set<std::string> used_;
};

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}
bool Bool(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}
std::int64_t Int(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

std::string DurationText(std::int64_t ms) {
  if (ms % 86'400'000 == 0) return std::to_string(ms / 86'400'000) + "d";
  if (ms % 3'600'000 == 0) return std::to_string(ms / 3'600'000) + "h";
  if (ms % 60'000 == 0) return std::to_string(ms / 60'000) + "m";
  return std::to_string(ms / 1000) + "s";
}

// ISO 8601 "2026-12-01T09:00:00Z" -> epoch ms (the bundle's own form; checked by the schema).
std::int64_t ParseIso(const std::string& t) {
  int y, mo, d, h, mi, s;
  if (std::sscanf(t.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6) return 0;
  // days from civil (Howard Hinnant)
  y -= mo <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days =
      static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
  return ((days * 24 + h) * 60 + mi) * 60000LL + s * 1000LL;
}

bool IsFailure(const json& r) {
  const int status = static_cast<int>(Int(r, "status"));
  return status == 0 || status >= 400;
}

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// One add_fault step reproducing a refused (or dropped) request.
std::string FaultStep(const json& r, bool with_link) {
  const std::string method = Str(r, "method");
  const std::string path = Str(r, "path");
  std::string out = "  - add_fault:\n      match: {method: " + method + ", path: " + Q(path);
  const std::string query = Str(r, "query");
  if (!query.empty() && query.find("page=") != std::string::npos) {
    std::size_t p = query.find("page=") + 5;
    out += ", query: {page: " + Q(query.substr(p, query.find('&', p) - p)) + "}";
  }
  out += "}\n";
  const int status = static_cast<int>(Int(r, "status"));
  if (status == 0) return out + "      drop_connection: true\n";
  out += "      respond:\n        status: " + std::to_string(status) + "\n";
  std::vector<std::pair<std::string, std::string>> headers;
  if (!Str(r, "retry_after").empty()) headers.emplace_back("Retry-After", Str(r, "retry_after"));
  if (!Str(r, "reason").empty()) headers.emplace_back("Reason", Str(r, "reason"));
  if (with_link && !Str(r, "link").empty()) headers.emplace_back("Link", Str(r, "link"));
  if (!headers.empty()) {
    out += "        headers: {";
    for (std::size_t i = 0; i < headers.size(); ++i)
      out += (i ? ", " : "") + headers[i].first + ": " + Q(headers[i].second);
    out += "}\n";
  }
  const std::string error = Str(r, "error");
  std::string body;
  if (status < 400) {
    body = "[{}]";  // a page with one item and the Link that was refused
  } else if (!error.empty() && error != "[REDACTED]") {
    const bool word = std::all_of(error.begin(), error.end(),
                                  [](unsigned char c) { return std::islower(c) || c == '_'; });
    body = word || path.rfind("/authorization", 0) != 0 ? json{{"error", error}}.dump() : error;
  }
  if (!body.empty()) out += "        body: " + Q(body) + "\n";
  return out;
}

struct Person {
  std::string key;
  std::int64_t id = 0;
};

}  // namespace

StatusOr<std::string> ScenarioFromBundle(const std::string& text,
                                         const FromBundleOptions& options) {
  const std::string source = options.source_name.empty() ? "bundle" : options.source_name;
  if (text.size() > kMaxBundleBytes)
    return InvalidArgumentError(source + ": expected a support bundle of at most " +
                                std::to_string(kMaxBundleBytes >> 20) + " MiB, found " +
                                std::to_string(text.size()) + " bytes");
  json b = json::parse(text, nullptr, false);
  if (b.is_discarded())
    return InvalidArgumentError(
        source +
        ": at /: expected a JSON document (a support bundle), found text that "
        "does not parse as JSON");
  if (Status st = CheckBundle(b, source); !st.ok()) return st;

  const json& user = b["user"];
  const json& tracker = b["tracker"];
  const json& company = b["company_integration"];
  const json& personal = b["personal_integration"];
  const json& syncs = b["syncs"];
  // One to-do per Basecamp id (its key is t<ID>, unique across the world): the first wins.
  json tasks = json::array();
  {
    std::set<std::int64_t> seen;
    for (const auto& t : b["tasks"])
      if (seen.insert(Int(t, "basecamp_id")).second) tasks.push_back(t);
  }
  const std::string user_email = Str(user, "email");

  // Tracker users.
  Keys user_keys;
  std::map<std::string, std::string> user_key_of;  // email -> key
  std::string yaml_users;
  bool user_listed = false;
  for (const auto& u : tracker["users"]) {
    const std::string email = Str(u, "email");
    const std::string k = user_keys.Take(Key(email, "u"));
    user_key_of[email] = k;
    user_listed = user_listed || email == user_email;
    yaml_users += "    " + k + ": {email: " + Q(email) + ", password: " + Q("t-" + k) +
                  ", role: " + Str(u, "role") + ", name: " + Q(Str(u, "name")) + "}\n";
  }
  if (!user_listed)
    return InvalidArgumentError(source + ": at /tracker/users: expected the bundle's user " +
                                user_email + " among the tracker users, found " +
                                std::to_string(tracker["users"].size()) + " others");
  const std::string me = user_key_of[user_email];
  std::string connector = company["connected_by"].is_string() ? Str(company, "connected_by") : "";
  if (!user_key_of.count(connector)) {
    connector.clear();
    for (const auto& u : tracker["users"])
      if (connector.empty() && (Str(u, "role") == "owner" || Str(u, "role") == "admin"))
        connector = Str(u, "email");
  }
  const std::string connector_key = connector.empty() ? me : user_key_of[connector];

  // Identities: the one that connected the company (its authorization snapshot), the user's.
  Keys id_keys;
  struct Ident {
    std::string key, email, first, last;
    std::int64_t id = 0;
  };
  std::vector<Ident> identities;
  auto identity_key = [&](std::int64_t id, const std::string& email, const std::string& first,
                          const std::string& last) -> std::string {
    for (const auto& i : identities)
      if ((id != 0 && i.id == id) || (id == 0 && i.email == email)) return i.key;
    Ident i{id_keys.Take(Key(email, "i")), email, first, last, id};
    identities.push_back(i);
    return i.key;
  };
  std::string company_identity;
  json accounts = json::array();  // {id, name, product}
  const json& auth = company["authorization"];
  if (auth.is_object()) {
    const json& id = auth["identity"];
    company_identity =
        identity_key(Int(id, "id"), Str(id, "email"), Str(id, "first_name"), Str(id, "last_name"));
    accounts = auth["accounts"];
  }
  std::string my_identity;
  if (personal["identity"].is_object()) {
    const json& id = personal["identity"];
    const std::string name = Str(id, "name");
    const std::size_t sp = name.find(' ');
    my_identity = identity_key(Int(id, "id"), Str(id, "email"), name.substr(0, sp),
                               sp == std::string::npos ? "" : name.substr(sp + 1));
  }
  // The accounts: the snapshot's, plus the linked ones it lacks.
  auto add_account = [&accounts](const json& a) {
    if (!a.is_object()) return;
    for (const auto& have : accounts)
      if (Int(have, "id") == Int(a, "id")) return;
    accounts.push_back({{"id", Int(a, "id")}, {"name", Str(a, "name")}, {"product", "bc3"}});
  };
  add_account(company["account"]);
  add_account(personal["account"]);
  // The accounts the user's own login held when it connected (its authorization snapshot).
  std::set<std::int64_t> my_accounts;
  if (personal.contains("authorization") && personal["authorization"].is_object()) {
    for (const auto& a : personal["authorization"]["accounts"]) {
      bool known = false;
      for (const auto& have : accounts) known = known || Int(have, "id") == Int(a, "id");
      if (!known) accounts.push_back(a);
      my_accounts.insert(Int(a, "id"));
    }
  }
  if (accounts.empty() && company_identity.empty() && my_identity.empty() && tasks.empty() &&
      syncs.empty())
    return InvalidArgumentError(
        source +
        ": at /company_integration: expected a connection, a sync or a task to "
        "reproduce, found none (the integration was never turned on)");
  const std::int64_t my_account =
      personal["account"].is_object() ? Int(personal["account"], "id") : 0;
  const std::int64_t my_person = Int(personal, "person_id");

  // Did the sync crawl (the account does not serve my/assignments)?
  bool crawled = false;
  for (const auto& s : syncs)
    for (const auto& r : s["requests"]) {
      const std::string path = Str(r, "path");
      if (EndsWith(path, "/projects.json")) crawled = true;
      if (EndsWith(path, "/my/assignments.json") && Int(r, "status") == 404 &&
          Str(r, "reason").empty())
        crawled = true;
    }

  // The failing (last) sync and what it tells.
  const json* last = syncs.empty() ? nullptr : &syncs.back();
  const bool failed = last != nullptr && Str(*last, "outcome") == "error";
  const std::string code = failed && (*last)["code"].is_string() ? Str(*last, "code") : "";
  // The sync that failed first in the trailing run of failed ones: its requests tell why (the
  // later ones may not even have asked, e.g. after the integration needed reconnecting).
  const json* first_failed = last;
  for (std::size_t i = syncs.size(); failed && i-- > 0 && Str(syncs[i], "outcome") == "error";)
    first_failed = &syncs[i];
  std::set<std::int64_t> vanished;  // to-dos the failing sync looked up one by one
  if (failed) {
    for (const auto& r : (*first_failed)["requests"]) {
      const std::string path = Str(r, "path");
      const std::string tmpl = Str(r, "path_template");
      if (tmpl.find("/todos/{id}.json") == std::string::npos) continue;
      std::size_t slash = path.rfind('/');
      try {
        vanished.insert(std::stoll(path.substr(slash + 1)));
      } catch (...) {
      }
    }
  }

  // Projects and lists of the user's tasks, in the user's account.
  struct List {
    std::string key, name;
    std::vector<const json*> todos;
  };
  struct Project {
    std::string key, name;
    std::int64_t id = 0;
    std::vector<List> lists;
  };
  std::map<std::int64_t, std::map<std::int64_t, Project>> projects;  // account -> id -> project
  Keys world_keys;
  bool someone_else = false;
  for (const auto& t : tasks) {
    const std::int64_t account = Int(t, "account_id");
    add_account({{"id", account}, {"name", "Account " + std::to_string(account)}});
    Project& p = projects[account][Int(t, "project_id")];
    if (p.key.empty()) {
      p.id = Int(t, "project_id");
      p.name = Str(t, "project");
      p.key = world_keys.Take("project-" + std::to_string(p.id));
    }
    auto it = std::find_if(p.lists.begin(), p.lists.end(),
                           [&](const List& l) { return l.name == Str(t, "list"); });
    if (it == p.lists.end()) {
      p.lists.push_back({world_keys.Take("list-" + std::to_string(p.id) + "-" +
                                         std::to_string(p.lists.size() + 1)),
                         Str(t, "list"),
                         {}});
      it = p.lists.end() - 1;
    }
    it->todos.push_back(&t);
    if (Str(t, "archived_reason") == "reassigned") someone_else = true;
  }

  // ---- the world ----
  std::string y;
  y += "# Generated by `bcsim scenario from-bundle` from the support bundle of " + user_email +
       " (" + Str(b, "generated_at") + ", bcsync " + Str(b["versions"], "bcsync") + ").\n";
  y += "# It replays the customer's connections and syncs against a world holding what the bundle "
       "saw;\n";
  y += "# the requests the last sync had refused come back as add_fault steps.\n";
  const std::string name =
      !options.name.empty()
          ? options.name
          : "support-" + (failed ? Key(code, "code-")
                                 : std::string(b["warnings"].empty() ? "ok" : "warning"));
  y += "scenario: " + Q(name) + "\n";
  y += "summary: " +
       Q("Support case from a bundle of " + user_email + ": " +
         (failed ? "Sync Error " + code : std::string("the last sync was ok")) +
         (b["warnings"].empty() ? "" : ", with warnings") + ".") +
       "\n";
  y += "tags: [support, from-bundle]\n";
  // The first thing the bundle saw (a connection or a sync) happens at the scenario's start;
  // later syncs happen as long after it as they did for the customer.
  std::int64_t start_ms = 0;
  std::string start_iso;
  std::vector<std::string> moments = {Str(company, "connected_at"), Str(personal, "connected_at")};
  if (!syncs.empty()) moments.push_back(Str(syncs.front(), "started_at"));
  for (const auto& iso : moments) {
    const std::int64_t ms = iso.empty() ? 0 : ParseIso(iso);
    if (ms > 0 && (start_ms == 0 || ms < start_ms)) {
      start_ms = ms;
      start_iso = iso;
    }
  }
  if (start_ms > 0)
    y += "# The bundle's first moment, " + start_iso + ", is the scenario's start.\n";
  y += "\nbasecamp:\n  identities:\n";
  for (const auto& i : identities) {
    y += "    " + i.key + ": {" + (i.id ? "id: " + std::to_string(i.id) + ", " : "") +
         "email: " + Q(i.email) + ", password: " + Q("bc-" + i.key) +
         ", first_name: " + Q(i.first.empty() ? i.key : i.first) + ", last_name: " + Q(i.last) +
         "}\n";
  }
  if (someone_else)
    y += "    someone-else: {email: \"someone-else@example.invalid\", password: "
         "\"bc-someone-else\", "
         "first_name: Someone, last_name: Else}\n";
  y += "  clients:\n    tracker:\n      client_id: tracker\n      client_secret: "
       "from-bundle-secret\n"
       "      name: Time tracker\n      redirect_uri: \"{tracker}/oauth/basecamp/callback\"\n";
  y += "  accounts:\n";
  Keys account_keys;
  std::map<std::int64_t, std::string> account_key_of;
  std::string my_person_key;
  for (const auto& a : accounts) {
    const std::int64_t id = Int(a, "id");
    const std::string ak = account_keys.Take(Key(Str(a, "name"), "a"));
    account_key_of[id] = ak;
    y += "    " + ak + ":\n      id: " + std::to_string(id) + "\n      name: " + Q(Str(a, "name")) +
         "\n      product: " + Q(Str(a, "product").empty() ? "bc3" : Str(a, "product")) + "\n";
    if (crawled && id == my_account) y += "      serves_my_assignments: false\n";
    std::string people;
    if (!company_identity.empty()) {
      people +=
          "        " + company_identity + ": {identity: " + company_identity + ", admin: true";
      if (company_identity == my_identity && id == my_account && my_person != 0)
        people += ", id: " + std::to_string(my_person);
      people += "}\n";
    }
    if (!my_identity.empty() && id == my_account && my_identity != company_identity) {
      people += "        " + my_identity + ": {identity: " + my_identity +
                (my_person != 0 ? ", id: " + std::to_string(my_person) : std::string()) + "}\n";
    } else if (!my_identity.empty() && my_accounts.count(id) && my_identity != company_identity) {
      people += "        " + my_identity + ": {identity: " + my_identity + "}\n";
    }
    if (id == my_account) my_person_key = my_identity;
    if (someone_else && id == my_account)
      people += "        someone-else: {identity: someone-else}\n";
    y += people.empty() ? "      people: {}\n" : "      people:\n" + people;
    auto pit = projects.find(id);
    if (pit == projects.end()) continue;
    y += "      projects:\n";
    for (const auto& [pid, p] : pit->second) {
      y += "        " + p.key + ":\n          id: " + std::to_string(pid) +
           "\n          name: " + Q(p.name) + "\n          todolists:\n";
      for (const List& l : p.lists) {
        y += "            " + l.key + ":\n              name: " + Q(l.name) +
             "\n              todos:\n";
        for (const json* t : l.todos) {
          y += "                - {key: t" + std::to_string(Int(*t, "basecamp_id")) +
               ", id: " + std::to_string(Int(*t, "basecamp_id")) +
               ", title: " + Q(Str(*t, "title")) +
               (my_person_key.empty() ? std::string() : ", assignees: [" + my_person_key + "]") +
               ((*t)["due_on"].is_string() ? ", due_on: " + Str(*t, "due_on") : std::string()) +
               "}\n";
        }
      }
    }
  }

  // ---- the tracker ----
  std::string mode = company["account_mode"].is_string() ? Str(company, "account_mode")
                                                         : Str(tracker, "account_mode");
  y += "\ntracker:\n  company: {name: " + Q(Str(tracker, "company")) +
       "}\n  account_mode: " + mode +
       "\n  auto_sync_interval: " + DurationText(Int(tracker, "auto_sync_interval_ms")) +
       "\n  users:\n" + yaml_users;

  // ---- the steps ----
  y += "\nsteps:\n";
  auto task_key = [](const json& t) { return "t" + std::to_string(Int(t, "basecamp_id")); };
  const std::string company_state = Str(company, "state");
  const bool company_connected = company_state != "off" || Bool(company, "pending_choice") ||
                                 company["connected_at"].is_string() || !company_identity.empty();
  bool ok_before = false;
  for (const auto& s : syncs) ok_before = ok_before || Str(s, "outcome") == "ok";
  ok_before = ok_before || !tasks.empty();
  if (company_connected && !company_identity.empty()) {
    y += "  - enable_company_integration: {user: " + connector_key +
         ", login: " + company_identity + "}\n";
    int candidates = 0;
    for (const auto& a : accounts)
      candidates += Str(a, "product") == "bc3" || Str(a, "product") == "bcx";
    if (mode == "choose" && company["account"].is_object() && candidates > 1)
      y += "  - choose_account: {user: " + connector_key +
           ", account: " + account_key_of[Int(company["account"], "id")] + "}\n";
  }
  const std::string personal_state = Str(personal, "state");
  const bool personal_was_on = personal_state != "off" || ok_before;
  if (!my_identity.empty() && personal_was_on &&
      !(me == connector_key && my_identity == company_identity)) {
    y += "  - enable_personal_integration: {user: " + me + ", login: " + my_identity + "}\n";
  }
  // Other tracker users linked to the same Basecamp identity (the wrong_account warning).
  const std::int64_t my_identity_id =
      personal["identity"].is_object() ? Int(personal["identity"], "id") : 0;
  for (const auto& u : tracker["users"]) {
    const std::string k = user_key_of[Str(u, "email")];
    if (k == me || k == connector_key || my_identity_id == 0 ||
        Int(u, "identity_id") != my_identity_id)
      continue;
    if (Str(u, "personal_state") == "off") continue;
    y += "  - enable_personal_integration: {user: " + k + ", login: " + my_identity + "}\n";
  }
  if (!tasks.empty()) y += "  - sync: {user: " + me + "}\n";
  bool archived_any = false;
  for (const auto& t : tasks) {
    if (Str(t, "status") != "archived") continue;
    archived_any = true;
    const std::string reason = Str(t, "archived_reason");
    const std::string k = task_key(t);
    if (reason == "completed")
      y += "  - basecamp: {complete: {todo: " + k + "}}\n";
    else if (reason == "archived")
      y += "  - basecamp: {archive: {todo: " + k + "}}\n";
    else if (reason == "reassigned")
      y += "  - basecamp: {assign: {todo: " + k + ", to: [someone-else]}}\n";
    else
      y += "  - basecamp: {trash: {todo: " + k +
           "}}\n";  // trashed; not_visible is told apart no further
  }
  if (archived_any) y += "  - sync: {user: " + me + "}\n";
  if (company_state == "off" && company_connected && !company_identity.empty() && ok_before &&
      !Bool(company, "pending_choice"))
    y += "  - disable_company_integration: {user: " + connector_key + "}\n";
  if (personal_state == "off" && personal_was_on && !my_identity.empty() && company_state != "off")
    y += "  - disable_personal_integration: {user: " + me + "}\n";
  int faults = 0;
  if (failed) {
    for (std::int64_t id : vanished)
      for (const auto& t : tasks)
        if (Int(t, "basecamp_id") == id && Str(t, "status") == "active")
          y += "  - basecamp: {complete: {todo: " + task_key(t) + "}}\n";
    // Each request whose last answer in the failing sync was a refusal (or none) is refused
    // again; a Link to another origin is served again when that was the error.
    const json& requests = (*first_failed)["requests"];
    std::map<std::string, const json*> last_of;  // "METHOD path?query" -> its last entry
    std::vector<std::string> order;
    for (const auto& r : requests) {
      const std::string k = Str(r, "method") + " " + Str(r, "path") + "?" + Str(r, "query");
      if (!last_of.count(k)) order.push_back(k);
      last_of[k] = &r;
    }
    const json* link_request = nullptr;
    if (code == "BC_BAD_PAGINATION_LINK")
      for (const auto& r : requests)
        if (!Str(r, "link").empty()) link_request = &r;
    for (const auto& k : order) {
      const json& r = *last_of[k];
      const bool not_served = EndsWith(Str(r, "path"), "/my/assignments.json") &&
                              Int(r, "status") == 404 && Str(r, "reason").empty();
      if (&r == link_request || (IsFailure(r) && !not_served)) {
        y += FaultStep(r, &r == link_request);
        ++faults;
      }
    }
    const std::int64_t wait_ms = Int(*first_failed, "started_at_ms") - start_ms;
    if (start_ms > 0 && wait_ms >= 60'000)
      y += "  - wait: {for: " + std::to_string(wait_ms / 1000) + "s}\n";
  }
  if (last != nullptr || failed) y += "  - sync: {user: " + me + "}\n";

  // ---- what the customer saw ----
  y += "  - expect:\n";
  if (failed) {
    y += "      sync_error: {user: " + me + ", code: " + Q(code) + "}\n";
  } else if (last != nullptr) {
    y += "      sync_ok: {user: " + me + "}\n";
  }
  std::set<std::string> warned;
  for (const auto& w : b["warnings"])
    if (warned.insert(Str(w, "code")).second)
      y += "      warning: {user: " + me + ", code: " + Q(Str(w, "code")) + "}\n";
  std::vector<std::string> active, archived;
  for (const auto& t : tasks)
    (Str(t, "status") == "active" ? active : archived).push_back(Q(Str(t, "title")));
  auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
  };
  y += "      tasks: {user: " + me +
       (active.empty() ? ", count: 0" : ", titles: [" + join(active) + "], exactly: true") +
       (archived.empty() ? "" : ", archived: [" + join(archived) + "]") + "}\n";
  std::vector<std::string> states;
  if (personal_state == "error" || personal_state == "needs_reconnect")
    states.push_back("{user: " + me + ", state: " + personal_state + "}");
  if (company_state == "error") states.push_back("{company: true, state: error}");
  if (!states.empty()) y += "      integration: [" + join(states) + "]\n";
  (void)faults;
  return y;
}

}  // namespace bcsim::harness
