// The steps of a scenario, played as a person would: through the tracker's and Launchpad's
// pages (links, forms, buttons named in docs/contracts.md), never by URL behind a page.
#include <algorithm>

#include "session.h"

namespace bcsim::harness {
namespace {

std::string Str(const nlohmann::json& args, const char* key, const std::string& fallback = "") {
  if (!args.contains(key)) return fallback;
  const auto& v = args[key];
  return v.is_string() ? v.get<std::string>() : v.dump();
}

std::string Excerpt(const Page& p) {
  std::string t = p.html.text.empty() ? p.body : p.html.text;
  if (t.size() > 300) t = t.substr(0, 300) + "...";
  return t;
}

// The identity that logs in at Launchpad: `login:` or the one whose email is the user's.
StatusOr<const WorldIdentity*> LoginIdentity(Session& s, const nlohmann::json& args) {
  const auto& ids = s.scenario().world.identities;
  if (args.contains("login")) return &ids.at(Str(args, "login"));
  const TrackerUser& u = s.User(Str(args, "user"));
  for (const auto& [k, id] : ids)
    if (id.email == u.email) return &id;
  return FailedPreconditionError("expected a Basecamp identity with the email " + u.email +
                                 " to log in with (or `login:`), found none");
}

// After the tracker sent the browser to Launchpad: log in if asked, then Allow or Deny.
StatusOr<Page> ThroughLaunchpad(Session& s, Browser& b, Page page, const nlohmann::json& args) {
  bool signed_in = false;
  for (int round = 0; round < 4; ++round) {
    if (page.url.rfind(s.sim_url(), 0) != 0) return page;  // back at the tracker (or elsewhere)
    if (Browser::HasButton(page, "Allow")) {
      if (args.contains("login") && !signed_in)
        s.Note("login: " + Str(args, "login") + " was not used: the browser was already signed in to Basecamp, "
               "so Launchpad went straight to the consent page");
      bool deny = Str(args, "grant", "allow") == "deny";
      auto next = b.Submit(page, deny ? "Deny" : "Allow");
      if (!next.ok()) return next.status();
      page = *next;
      continue;
    }
    if (Browser::HasButton(page, "Sign in")) {
      auto id = LoginIdentity(s, args);
      if (!id.ok()) return id.status();
      signed_in = true;
      auto next = b.Submit(page, "Sign in", {{"email", (*id)->email}, {"password", (*id)->password}});
      if (!next.ok()) return next.status();
      if (Browser::HasButton(*next, "Sign in") && next->url.rfind(s.sim_url(), 0) == 0)
        return FailedPreconditionError("expected Launchpad to accept " + (*id)->email + ", found the login form again: " +
                                       Excerpt(*next));
      page = *next;
      continue;
    }
    return FailedPreconditionError("expected Launchpad's login or consent page, found " + std::to_string(page.status) +
                                   " at " + RedactUrl(page.url) + ": " + Excerpt(page));
  }
  return page;
}

// Navigates tracker `/` (logged in) -> each link in turn.
StatusOr<Page> Navigate(Session& s, Browser& b, const std::string& user, const std::vector<std::string>& links) {
  auto page = s.TrackerHomeAs(b, user);
  if (!page.ok()) return page.status();
  for (const auto& l : links) {
    page = b.Click(*page, l);
    if (!page.ok()) return page.status();
  }
  return page;
}

// What a `refused: {code | text}` expects the person to read; "" when the step is not refused.
std::string ExpectedRefusal(const nlohmann::json& args) {
  if (!args.contains("refused") || !args["refused"].is_object()) return "";
  const auto& r = args["refused"];
  return r.contains("code") ? "(code " + Str(r, "code") + ")" : Str(r, "text");
}

// The page a refusal left the person on must say why, in the words the scenario expects.
Status RefusedBecause(const Page& page, const std::string& want, const std::string& action) {
  std::string text = page.html.text.empty() ? page.body : page.html.text;
  if (text.find(want) != std::string::npos) return OkStatus();
  return FailedPreconditionError("expected " + action + " to be refused with \"" + want +
                                 "\", found a refusal for another reason (" + std::to_string(page.status) +
                                 "): " + Excerpt(page));
}

// Presses `button` on the page (the form whose context mentions `context` when several). With
// `refused`, passing means the person could not, for the expected reason: no such button (the
// page says why), or the press answered an error page that says why.
StatusOr<Page> Press(Session& s, Browser& b, const Page& page, const std::string& button, const std::string& refused,
                     const std::string& context, const std::string& action, bool* refused_ok) {
  *refused_ok = false;
  if (!Browser::HasButton(page, button)) {
    if (!refused.empty()) {
      if (Status why = RefusedBecause(page, refused, action); !why.ok()) return why;
      *refused_ok = true;
      return page;
    }
    return b.Submit(page, button);  // NotFound naming the buttons that are there
  }
  auto next = b.Submit(page, button, {}, context);
  if (!next.ok() || refused.empty()) return next;
  if (next->status >= 400 || next->url.rfind(s.sim_url(), 0) != 0) {
    if (Status why = RefusedBecause(*next, refused, action); !why.ok()) return why;
    *refused_ok = true;
    return next;
  }
  return FailedPreconditionError("expected \"" + button + "\" to be refused with \"" + refused +
                                 "\", found it went on to " + RedactUrl(next->url));
}

Status Finish(const StatusOr<Page>& page, const std::string& action) {
  if (!page.ok()) return page.status();
  if (page->status >= 400)
    return FailedPreconditionError("expected " + action + " to succeed, found " + std::to_string(page->status) +
                                   ": " + Excerpt(*page));
  return OkStatus();
}

Status EnableIntegration(Session& s, const Step& st, bool company) {
  const auto& a = st.args;
  Browser& b = s.BrowserFor(a);
  std::string refused = ExpectedRefusal(a);
  auto page = company ? Navigate(s, b, Str(a, "user"), {"Company Integrations", "Basecamp"})
                      : Navigate(s, b, Str(a, "user"), {"Integration Settings"});
  if (!page.ok()) return page.status();
  bool refused_ok = false;
  auto next = Press(s, b, *page, company ? "Turn it on" : "ON", refused, company ? "" : "Basecamp", st.kind,
                    &refused_ok);
  if (!next.ok()) return next.status();
  if (!refused.empty()) {
    if (refused_ok) return OkStatus();
    return FailedPreconditionError("expected " + st.kind + " to be refused with \"" + refused +
                                   "\", found it allowed");
  }
  return Finish(ThroughLaunchpad(s, b, *next, a), st.kind);
}

Status DisableIntegration(Session& s, const Step& st, bool company) {
  const auto& a = st.args;
  Browser& b = s.BrowserFor(a);
  std::string refused = ExpectedRefusal(a);
  auto page = company ? Navigate(s, b, Str(a, "user"), {"Company Integrations", "Basecamp"})
                      : Navigate(s, b, Str(a, "user"), {"Integration Settings"});
  if (!page.ok()) return page.status();
  bool refused_ok = false;
  auto next = Press(s, b, *page, company ? "Turn it off" : "OFF", refused, company ? "" : "Basecamp", st.kind,
                    &refused_ok);
  if (!next.ok()) return next.status();
  if (!refused.empty())
    return refused_ok ? OkStatus()
                      : FailedPreconditionError("expected " + st.kind + " to be refused with \"" + refused + "\"");
  return Finish(next, st.kind);
}

}  // namespace

Status Session::RunStep(const Step& st) {
  const auto& a = st.args;
  const std::string& k = st.kind;
  if (k == "browser_login") {
    Browser& b = BrowserFor(a);
    const WorldIdentity& id = scenario().world.identities.at(Str(a, "identity"));
    auto page = b.Get(sim_url() + "/");
    if (!page.ok()) return page.status();
    if (Browser::HasButton(*page, "Sign out")) {
      page = b.Submit(*page, "Sign out");
      if (!page.ok()) return page.status();
      if (!Browser::HasLink(*page, "Sign in")) page = b.Get(sim_url() + "/");
      if (!page.ok()) return page.status();
    }
    page = b.Click(*page, "Sign in");
    if (!page.ok()) return page.status();
    page = b.Submit(*page, "Sign in", {{"email", id.email}, {"password", id.password}});
    if (!page.ok()) return page.status();
    auto home = b.Get(sim_url() + "/");
    if (!home.ok()) return home.status();
    if (home->html.text.find("(" + id.email + ")") == std::string::npos)
      return FailedPreconditionError("expected Launchpad to show \"Signed in as ... (" + id.email + ")\", found: " +
                                     Excerpt(*home));
    return OkStatus();
  }
  if (k == "browser_logout") {
    Browser& b = BrowserFor(a);
    auto page = b.Get(sim_url() + "/");
    if (!page.ok()) return page.status();
    if (!Browser::HasButton(*page, "Sign out")) return OkStatus();  // already signed out
    return Finish(b.Submit(*page, "Sign out"), k);
  }
  if (k == "enable_company_integration") return EnableIntegration(*this, st, true);
  if (k == "enable_personal_integration") return EnableIntegration(*this, st, false);
  if (k == "disable_company_integration") return DisableIntegration(*this, st, true);
  if (k == "disable_personal_integration") return DisableIntegration(*this, st, false);
  if (k == "choose_account") {
    Browser& b = BrowserFor(a);
    auto page = Navigate(*this, b, Str(a, "user"), {"Company Integrations", "Basecamp"});
    if (!page.ok()) return page.status();
    const WorldAccount& acc = scenario().world.accounts.at(Str(a, "account"));
    return Finish(b.Submit(*page, "Use this account", {{"account", acc.name}}), k);
  }
  if (k == "configure_tracker") {
    Browser& b = BrowserFor(a);
    auto page = Navigate(*this, b, Str(a, "user"), {"Settings", "Tracker settings"});
    if (!page.ok()) return page.status();
    std::string refused = ExpectedRefusal(a);
    std::map<std::string, std::string> fields;
    if (a.contains("account_mode")) fields["account_mode"] = Str(a, "account_mode");
    if (a.contains("interval_ms")) fields["auto_sync_minutes"] = std::to_string(a["interval_ms"].get<Millis>() / 60'000);
    if (!refused.empty()) {
      bool refused_ok = false;
      auto next = Press(*this, b, *page, "Save settings", refused, "", k, &refused_ok);
      if (!next.ok()) return next.status();
      return refused_ok ? OkStatus()
                        : FailedPreconditionError("expected " + k + " to be refused with \"" + refused +
                                                  "\", found the settings saved");
    }
    auto saved = b.Submit(*page, "Save settings", fields);
    if (Status done = Finish(saved, k); !done.ok()) return done;
    if (saved->html.text.find("Settings saved.") == std::string::npos)
      return FailedPreconditionError("expected the Tracker settings page to say \"Settings saved.\", found: " +
                                     Excerpt(*saved));
    if (a.contains("interval_ms")) set_auto_sync_interval_ms(a["interval_ms"].get<Millis>());
    return OkStatus();
  }
  if (k == "sync") {
    Browser& b = BrowserFor(a);
    auto page = Navigate(*this, b, Str(a, "user"), {"Tasks"});
    if (!page.ok()) return page.status();
    return Finish(b.Submit(*page, "Sync"), k);
  }
  if (k == "wait") {
    Millis left = a.value("ms", Millis{0});
    Millis step = std::max<Millis>(1000, auto_sync_interval_ms());
    while (left > 0) {
      Millis d = std::min(left, step);
      time().Advance(d);
      left -= d;
      DeliverWebhooks();
      app().RunDueSyncs();
    }
    return OkStatus();
  }
  if (k == "restart_app") return RestartApp();
  if (k == "track_time") {  // Tasks -> "Track time: TASK" -> Start timer, time passes, Stop timer
    Browser& b = BrowserFor(a);
    auto page = Navigate(*this, b, Str(a, "user"), {"Tasks", "Track time: " + Str(a, "task")});
    if (!page.ok()) return page.status();
    std::map<std::string, std::string> fields;
    if (a.contains("description")) fields["description"] = Str(a, "description");
    auto started = b.Submit(*page, "Start timer", fields);
    if (Status done = Finish(started, k); !done.ok()) return done;
    // Time passes as in `wait`: in steps of the automatic-sync interval, due syncs running.
    Millis left = a.value("ms", Millis{0});
    const Millis step = std::max<Millis>(1000, auto_sync_interval_ms());
    while (left > 0) {
      const Millis d = std::min(left, step);
      time().Advance(d);
      left -= d;
      DeliverWebhooks();
      app().RunDueSyncs();
    }
    auto again = Navigate(*this, b, Str(a, "user"), {"Tasks", "Track time: " + Str(a, "task")});
    if (!again.ok()) return again.status();
    return Finish(b.Submit(*again, "Stop timer"), k);
  }
  if (k == "add_fault") {
    nlohmann::json spec = a;
    spec.erase("optional");
    auto r = Control("POST", "/__bcsim/faults", spec);
    if (!r.ok()) return r.status();
    AddStepFault(r->value("id", std::string()), st.mark, a.value("optional", false));
    return OkStatus();
  }
  if (k == "basecamp") {
    nlohmann::json event = a;
    event["event"] = st.change;
    auto r = Control("POST", "/__bcsim/events", event);
    return r.ok() ? OkStatus() : r.status();
  }
  if (k == "expect") {
    std::string failures;
    for (const auto& e : st.expectations) {
      if (Status c = Check(e); !c.ok()) {
        failures += (failures.empty() ? "" : "\n") + e.mark.ToString() + ": " + e.kind + ": " + c.message();
      } else if (options().prove) {
        mutants_tried() += Prove(e, &survivors());
        ++expectations_proved();
      }
    }
    if (!failures.empty()) return FailedPreconditionError(failures);
    return OkStatus();
  }
  return InvalidArgumentError("unknown step " + k);
}

}  // namespace bcsim::harness
