// The expectations of a scenario: each reads what a person or the journal would show (the
// tracker's JSON API with the user's own session, a page's visible text, the simulator's
// journal) and says what was expected and what was found.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include <httplib.h>

#include "bcsim/world.h"
#include "bcsim/endpoints.h"
#include "runner/body_match.h"
#include "session.h"

namespace bcsim::harness {
namespace {

std::string Str(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }
std::string Str(const nlohmann::json& args, const char* key) { return args.contains(key) ? Str(args[key]) : ""; }

std::vector<std::string> Strs(const nlohmann::json& args, const char* key) {
  std::vector<std::string> out;
  if (args.contains(key))
    for (const auto& v : args[key]) out.push_back(Str(v));
  return out;
}

std::string List(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out + "]";
}

Status Mismatch(const std::string& expected, const std::string& found) {
  return FailedPreconditionError("expected " + expected + ", found " + found);
}

std::string Collapse(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::int64_t TodoId(const Scenario& s, const std::string& key) {
  auto it = s.world.todo_ids.find(key);
  return it != s.world.todo_ids.end() ? it->second : 0;  // the checker refuses unknown keys
}

}  // namespace

Status Session::Check(const Expectation& e) {
  const auto& a = e.args;
  const std::string& k = e.kind;
  std::string user = Str(a, "user");

  if (k == "tasks") {
    auto j = TrackerApi(user, "/api/tasks");
    if (!j.ok()) return j.status();
    std::vector<std::string> active, archived;
    std::set<std::int64_t> active_ids;
    for (const auto& t : (*j)["tasks"]) {
      std::string title = t.value("title", "");
      if (t.value("status", "active") == "active") {
        active.push_back(title);
        if (t.contains("basecamp_id") && t["basecamp_id"].is_number()) active_ids.insert(t["basecamp_id"].get<std::int64_t>());
      } else {
        archived.push_back(title + " (" + t.value("archived_reason", "archived") + ")");
      }
    }
    std::vector<std::string> shown_active = active, shown_archived = archived;  // sorted: stable messages
    std::sort(shown_active.begin(), shown_active.end());
    std::sort(shown_archived.begin(), shown_archived.end());
    std::string found = "active " + List(shown_active) + (archived.empty() ? "" : ", archived " + List(shown_archived));
    std::vector<std::string> titles = Strs(a, "titles");
    for (const auto& t : titles)
      if (std::find(active.begin(), active.end(), t) == active.end())
        return Mismatch("task \"" + t + "\" for " + user, found);
    for (const auto& key : Strs(a, "keys"))
      if (!active_ids.count(TodoId(scenario(), key)))
        return Mismatch("the task of to-do " + key + " (id " + std::to_string(TodoId(scenario(), key)) + ") for " + user,
                        found);
    for (const auto& t : Strs(a, "excludes"))
      if (std::find(active.begin(), active.end(), t) != active.end())
        return Mismatch("no active task \"" + t + "\" for " + user, found);
    for (const auto& t : Strs(a, "archived")) {
      bool there = std::any_of(archived.begin(), archived.end(), [&](const std::string& x) { return x.rfind(t + " (", 0) == 0; });
      if (!there) return Mismatch("an archived task \"" + t + "\" for " + user, found);
    }
    if (a.contains("count") && static_cast<long long>(active.size()) != a["count"].get<long long>())
      return Mismatch(std::to_string(a["count"].get<long long>()) + " active tasks for " + user,
                      std::to_string(active.size()) + (active.size() > 20 ? "" : ": " + found));
    if (a.value("exactly", false)) {
      std::size_t want = a.contains("keys") ? Strs(a, "keys").size() : titles.size();
      if (active.size() != want)
        return Mismatch("exactly " + (a.contains("keys") ? List(Strs(a, "keys")) : List(titles)) + " for " + user, found);
    }
    return OkStatus();
  }

  if (k == "sync_error" || k == "sync_ok") {
    auto j = TrackerApi(user, "/api/sync");
    if (!j.ok()) return j.status();
    std::string outcome = j->is_object() ? j->value("outcome", "") : "";
    std::string code = j->is_object() && j->contains("code") && !(*j)["code"].is_null() ? Str((*j)["code"]) : "";
    std::string found = outcome.empty() ? "no sync yet" : "outcome " + outcome + (code.empty() ? "" : " code " + code);
    if (j->is_object() && j->contains("message") && (*j)["message"].is_string() && !(*j)["message"].get<std::string>().empty())
      found += " (\"" + (*j)["message"].get<std::string>() + "\")";
    if (k == "sync_ok") return outcome == "ok" ? OkStatus() : Mismatch("the last sync of " + user + " to be ok", found);
    std::string want = Str(a, "code");
    if (outcome == "error" && code == want) return OkStatus();
    return Mismatch("the last sync of " + user + " to fail with code " + want, found);
  }

  if (k == "integration" || k == "visible_integrations" || k == "linked_identity" || k == "linked_account") {
    bool company = (k == "integration" && !a.contains("user")) || k == "linked_account";
    std::string reader = company && user.empty() ? CompanyReader() : user;
    auto j = TrackerApi(reader, "/api/integrations");
    if (!j.ok()) return j.status();
    const nlohmann::json& side = (*j).contains(company ? "company" : "personal") ? (*j)[company ? "company" : "personal"]
                                                                                 : nlohmann::json::object();
    if (k == "integration") {
      std::string state = side.is_object() ? side.value("state", "off") : "off";
      std::string want = Str(a, "state");
      if (state == want) return OkStatus();
      return Mismatch((company ? "the company integration" : "the personal integration of " + user) + " to be " + want,
                      state);
    }
    if (k == "visible_integrations") {
      std::vector<std::string> visible;
      if (j->contains("visible"))
        for (const auto& v : (*j)["visible"]) visible.push_back(Str(v));
      for (const auto& i : Strs(a, "includes"))
        if (std::find(visible.begin(), visible.end(), i) == visible.end())
          return Mismatch(user + " to see " + i + " in Integration Settings", List(visible));
      for (const auto& i : Strs(a, "excludes"))
        if (std::find(visible.begin(), visible.end(), i) != visible.end())
          return Mismatch(user + " not to see " + i + " in Integration Settings", List(visible));
      return OkStatus();
    }
    if (k == "linked_identity") {
      const WorldIdentity& id = scenario().world.identities.at(Str(a, "identity"));
      nlohmann::json linked = side.is_object() && side.contains("identity") ? side["identity"] : nlohmann::json();
      std::string email = linked.is_object() ? linked.value("email", "") : "";
      if (email == id.email) return OkStatus();
      return Mismatch(user + " linked to the Basecamp identity " + id.key + " (" + id.email + ")",
                      email.empty() ? "no linked identity" : linked.value("name", "") + " (" + email + ")");
    }
    const WorldAccount& acc = scenario().world.accounts.at(Str(a, "account"));
    nlohmann::json linked = side.is_object() && side.contains("account") ? side["account"] : nlohmann::json();
    std::string name = linked.is_object() ? linked.value("name", "") : "";
    bool id_ok = !acc.id || (linked.is_object() && linked.contains("id") && Str(linked["id"]) == std::to_string(*acc.id));
    if (name == acc.name && id_ok) return OkStatus();
    return Mismatch("the company linked to the account " + acc.key + " (" + acc.name + ")",
                    linked.is_object() ? linked.dump() : "no linked account");
  }

  if (k == "warning") {
    auto j = TrackerApi(user, "/api/warnings");
    if (!j.ok()) return j.status();
    std::vector<std::string> codes;
    if (j->contains("warnings"))
      for (const auto& w : (*j)["warnings"]) codes.push_back(w.contains("code") ? Str(w["code"]) : "?");
    std::string want = Str(a, "code");
    bool there = std::find(codes.begin(), codes.end(), want) != codes.end();
    if (a.value("absent", false))
      return there ? Mismatch("no warning " + want + " for " + user, List(codes)) : OkStatus();
    return there ? OkStatus() : Mismatch("the warning " + want + " for " + user, List(codes));
  }

  if (k == "page_contains") {
    static const std::map<std::string, std::vector<std::string>> paths = {
        {"tasks", {"Tasks"}},
        {"settings", {"Settings"}},
        {"company_integrations", {"Company Integrations"}},
        {"integration_settings", {"Integration Settings"}},
        {"basecamp", {"Company Integrations", "Basecamp"}}};
    Browser& b = BrowserNamed("(checks) " + user);
    auto page = TrackerHomeAs(b, user);
    if (!page.ok()) return page.status();
    for (const auto& link : paths.at(Str(a, "page"))) {
      page = b.Click(*page, link);
      if (!page.ok()) return page.status();
    }
    std::string text = Collapse(Str(a, "text"));
    bool there = page->html.text.find(text) != std::string::npos;
    std::string shown = page->html.text.size() > 600 ? page->html.text.substr(0, 600) + "..." : page->html.text;
    if (a.value("absent", false))
      return there ? Mismatch("the " + Str(a, "page") + " page not to say \"" + text + "\"", "\"" + shown + "\"")
                   : OkStatus();
    return there ? OkStatus() : Mismatch("the " + Str(a, "page") + " page to say \"" + text + "\"", "\"" + shown + "\"");
  }

  if (k == "requests") {
    const bool by_body = a.contains("body_includes");
    auto j = Control("GET", std::string("/__bcsim/requests?since=0&limit=1000000") + (by_body ? "&bodies=1" : ""), {});
    if (!j.ok()) return j.status();
    std::string method = Str(a, "method");
    std::string tmpl = Str(a, "path");
    tmpl = tmpl.substr(0, tmpl.find('?'));
    long long n = 0;
    std::vector<std::string> other_bodies;  // of the requests that matched all but the body
    // direction: outbound counts the simulator's webhook deliveries; otherwise the requests
    // it answered.
    const bool outbound = a.value("direction", std::string()) == "outbound";
    for (const auto& r : (*j)["requests"]) {
      if ((r.value("direction", std::string()) == "outbound") != outbound) continue;
      if (!method.empty() && r.value("method", "") != method) continue;
      if (a.contains("status") && r.value("status", 0) != a["status"].get<int>()) continue;
      if (!bcsim::PathMatchesTemplate(tmpl, r.value("path", ""), scenario().world.account_ids)) continue;
      if (by_body && !BodyIncludes(BodyFields(r), a["body_includes"])) {
        if (other_bodies.size() < 3) other_bodies.push_back(Str(r, "request_body"));
        continue;
      }
      ++n;
    }
    std::string what = std::string(outbound ? "outbound " : "") + (method.empty() ? "" : method + " ") + tmpl +
                       (a.contains("status") ? " answered " + std::to_string(a["status"].get<int>()) : "") +
                       (by_body ? " with a body including " + a["body_includes"].dump() : "");
    std::string found = std::to_string(n);
    // Show what the client did write there, so a wrong value reads at a glance (redacted text).
    if (!other_bodies.empty()) found += " (other bodies there: " + List(other_bodies) + ")";
    if (a.contains("count") && n != a["count"].get<long long>())
      return Mismatch(std::to_string(a["count"].get<long long>()) + " requests " + what, found);
    if (a.contains("at_least") && n < a["at_least"].get<long long>())
      return Mismatch("at least " + std::to_string(a["at_least"].get<long long>()) + " requests " + what, found);
    if (a.contains("at_most") && n > a["at_most"].get<long long>())
      return Mismatch("at most " + std::to_string(a["at_most"].get<long long>()) + " requests " + what, found);
    if (!a.contains("count") && !a.contains("at_least") && !a.contains("at_most") && n == 0)
      return Mismatch("some requests " + what, other_bodies.empty() ? "none" : found);
    return OkStatus();
  }
  if (k == "timesheet") return CheckTimesheet(e);
  if (k == "time_entry") return CheckTimeEntry(e);
  return InvalidArgumentError("unknown expectation " + k);
}

// timesheet {todo, person, hours, entries}: the to-do's timesheet as Basecamp (the simulator's
// API, with a token minted for `person`) shows it; hours and entries count that person's.
Status Session::CheckTimesheet(const Expectation& e) {
  const auto& a = e.args;
  const std::string person = Str(a, "person"), todo = Str(a, "todo");
  const WorldIdentity& id = scenario().world.identities.at(person);
  nlohmann::json mint{{"identity", person}};
  if (!scenario().world.clients.empty()) mint["client"] = scenario().world.clients.begin()->first;
  auto minted = Control("POST", "/__bcsim/tokens", mint);
  if (!minted.ok()) return minted.status();
  const httplib::Headers auth{{"Authorization", "Bearer " + minted->value("access_token", "")},
                              {"User-Agent", "bcsim harness (checks)"}};
  const std::string todo_id = std::to_string(TodoId(scenario(), todo));
  nlohmann::json sheet;
  std::string tried;
  for (const auto& account : scenario().world.account_ids) {  // the to-do's account answers 200
    auto r = control_->Get(("/" + account + "/recordings/" + todo_id + "/timesheet.json").c_str(), auth);
    if (r && r->status == 200) {
      sheet = nlohmann::json::parse(r->body, nullptr, false);
      break;
    }
    tried += (tried.empty() ? "" : ", ") + account + ": " + (r ? std::to_string(r->status) : std::string("no answer"));
  }
  if (!sheet.is_array())
    return Mismatch("the timesheet of to-do " + todo + " (id " + todo_id + ") readable by " + person, tried);
  long minutes = 0;
  long long entries = 0, others = 0;
  for (const auto& entry : sheet) {
    const nlohmann::json who = entry.value("person", nlohmann::json::object());
    const std::string email = who.is_object() ? who.value("email_address", "") : "";
    const std::string name = who.is_object() ? who.value("name", "") : "";
    if (email != id.email && name != id.name) {
      ++others;
      continue;
    }
    ++entries;
    const nlohmann::json h = entry.value("hours", nlohmann::json());
    double hours = 0;
    try {
      hours = h.is_number() ? h.get<double>() : std::stod(h.get<std::string>());
    } catch (const std::exception&) {
      return Mismatch("hours in the timesheet entry " + entry.value("id", nlohmann::json()).dump(), h.dump());
    }
    minutes += std::lround(hours * 60);
  }
  char found[160];
  std::snprintf(found, sizeof found, "%lld entries of %s totalling %.2f hours (%lld of others)", entries,
                person.c_str(), minutes / 60.0, others);
  if (a.contains("entries") && entries != a["entries"].get<long long>())
    return Mismatch(std::to_string(a["entries"].get<long long>()) + " timesheet entries of " + person + " on " + todo,
                    found);
  if (a.contains("hours") && std::lround(a["hours"].get<double>() * 60) != minutes)
    return Mismatch(Str(a["hours"]) + " hours of " + person + " on " + todo, found);
  return OkStatus();
}

// time_entry {user, task, state, code, hours}: the newest entry on the task in the user's
// /api/time.
Status Session::CheckTimeEntry(const Expectation& e) {
  const auto& a = e.args;
  const std::string user = Str(a, "user"), task = Str(a, "task");
  auto j = TrackerApi(user, "/api/time");
  if (!j.ok()) return j.status();
  std::vector<std::string> seen;
  for (const auto& entry : (*j)["entries"]) {
    if (entry.value("task", "") != task) {
      seen.push_back(entry.value("task", "") + ": " + entry.value("state", ""));
      continue;
    }
    const std::string state = entry.value("state", "");
    const std::string code = entry.contains("code") && entry["code"].is_string() ? entry["code"].get<std::string>() : "";
    const long minutes = entry.value("minutes", 0L);
    char found[200];
    std::snprintf(found, sizeof found, "%s%s%s, %ld minutes", state.c_str(), code.empty() ? "" : " code ",
                  code.c_str(), minutes);
    const std::string want = Str(a, "state") + (a.contains("code") ? " code " + Str(a, "code") : "");
    if (state != Str(a, "state") || (a.contains("code") && code != Str(a, "code")) ||
        (!a.contains("code") && Str(a, "state") == "failed" && code.empty()))
      return Mismatch("the newest time entry of " + user + " on \"" + task + "\" to be " + want, found);
    if (a.contains("hours") && std::lround(a["hours"].get<double>() * 60) != minutes)
      return Mismatch("the newest time entry of " + user + " on \"" + task + "\" to last " + Str(a["hours"]) + " hours",
                      found);
    return OkStatus();
  }
  return Mismatch("a time entry of " + user + " on \"" + task + "\"", seen.empty() ? "none" : List(seen));
}

}  // namespace bcsim::harness
