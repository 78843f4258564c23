// The dashboard a person uses, against the real simulator in this process over loopback: the
// stylesheet, the Basecamp page after Sync Error 108 and while an account is being picked (its
// explanation once, only the buttons that apply to the viewer), and the Tasks page (sync counts
// in words, timers and entries per task). Each check also meets a deliberately wrong page that
// must not pass it.
#include <gtest/gtest.h>
#include <httplib.h>

#include <array>
#include <memory>
#include <regex>
#include <set>
#include <string>

#include "bcsim/clock.h"
#include "bcsim/simulator.h"
#include "bcsync/app.h"
#include "bcsync/testing/fake_clock.h"
#include "mini_browser.h"

namespace bcsync::integration {
namespace {

using Buttons = std::multiset<std::string>;
using User = std::array<std::string, 4>;  // email, password, role, name

const User kAlice{"alice@acme.test", "t-a", "owner", "Alice Adams"};
const User kBob{"bob@acme.test", "t-b", "user", "Bob Brown"};
const User kOlivia{"olivia@team.test", "t-olivia", "owner", "Olivia Owens"};
constexpr const char* kBasecampPage = "/settings/company-integrations/basecamp";

std::size_t Occurrences(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// Every submit button's text on the page, the top bar's "Log out" included.
Buttons ButtonsOn(const std::string& html) {
  static const std::regex button("<button[^>]*>([^<]*)</button>");
  Buttons out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), button); it != std::sregex_iterator();
       ++it) {
    out.insert((*it)[1]);
  }
  return out;
}

// The checks the tests make, each a function so that it can meet a wrong page too.
::testing::AssertionResult ExplainsOnce(const std::string& html, const std::string& code) {
  const std::size_t n = Occurrences(html, "(code " + code + ")");
  if (n == 1) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "the explanation of " << code << " " << n << " times";
}

::testing::AssertionResult HasExactlyButtons(const std::string& html, const Buttons& want) {
  const Buttons got = ButtonsOn(html);
  if (got == want) return ::testing::AssertionSuccess();
  std::string listed;
  for (const auto& b : got) listed += "[" + b + "]";
  return ::testing::AssertionFailure() << "buttons " << listed;
}

::testing::AssertionResult LinksTheStylesheet(const std::string& html) {
  static const std::regex link("<link rel=\"stylesheet\" href=\"/style\\.css\\?v=[0-9a-f]{8}\">");
  if (!std::regex_search(html, link)) return ::testing::AssertionFailure() << "no stylesheet link";
  // CSP-safe: no inline style attributes or blocks.
  if (html.find("style=\"") != std::string::npos || html.find("<style") != std::string::npos)
    return ::testing::AssertionFailure() << "inline style";
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult CountsInWords(const std::string& html, const std::string& words) {
  static const std::regex counts("Counts: ([^<]*)\\.</p>");
  std::smatch m;
  if (!std::regex_search(html, m, counts)) return ::testing::AssertionFailure() << "no counts";
  if (m[1] != words) return ::testing::AssertionFailure() << "counts \"" << m[1] << "\"";
  return ::testing::AssertionSuccess();
}

class DashboardPagesTest : public ::testing::Test {
 protected:
  void Start(const std::string& world, const std::string& account_mode, const std::vector<User>& users) {
    bcsim::SimulatorOptions so;
    so.clock = std::make_shared<bcsim::ManualClock>(bcsim::kDefaultStartTime);
    so.real_delays = false;
    sim_ = std::make_unique<bcsim::Simulator>(so);
    ASSERT_TRUE(sim_->Start().ok());
    clock_.Set(bcsim::kDefaultStartTime);
    AppOptions opts;
    opts.basecamp_url = sim_->base_url();
    opts.client_id = "tracker";
    opts.client_secret = "tracker-secret";
    opts.account_mode = account_mode;
    opts.token_key = std::string(64, 'c');
    opts.clock = &clock_;
    opts.sleeper = &sleeper_;
    opts.password_hash_iterations = 1;
    app_ = std::make_unique<App>(opts);
    ASSERT_TRUE(app_->Start().ok());
    ASSERT_TRUE(sim_->LoadFile(std::string(BCSIM_FIXTURES_DIR) + "/worlds/" + world,
                               {{"tracker", app_->base_url()}})
                    .ok());
    ASSERT_TRUE(app_->SeedCompany("Acme Corp").ok());
    for (const auto& u : users) ASSERT_TRUE(app_->SeedUser(u[0], u[1], u[2], u[3]).ok());
  }

  void TearDown() override {
    if (app_) app_->Stop();
    if (sim_) sim_->Stop();
  }

  WebPage LogIn(MiniBrowser& b, const User& u) {
    WebPage login = b.Get(app_->base_url() + "/");
    return b.Submit(login, "Log in", {{"email", u[0]}, {"password", u[1]}});
  }

  // Presses "Turn it on" on the company's Basecamp page and goes through Launchpad.
  WebPage TurnOn(MiniBrowser& b, const std::string& email, const std::string& password) {
    WebPage next = b.Submit(b.Get(app_->base_url() + kBasecampPage), "Turn it on");
    for (int i = 0; i < 4 && next.url.rfind(sim_->base_url(), 0) == 0; ++i) {
      if (HasButton(next, "Allow")) {
        next = b.Submit(next, "Allow");
      } else if (HasButton(next, "Sign in")) {
        next = b.Submit(next, "Sign in", {{"email", email}, {"password", password}});
      } else {
        break;
      }
    }
    return next;
  }

  FakeClock clock_;
  FakeSleeper sleeper_{&clock_};
  std::unique_ptr<bcsim::Simulator> sim_;
  std::unique_ptr<App> app_;
};

TEST_F(DashboardPagesTest, StylesheetIsServedWithALongCacheAndLinkedFromEveryPage) {
  Start("acme.yaml", "strict", {kAlice});
  httplib::Client client("127.0.0.1", app_->port());
  auto css = client.Get("/style.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
  EXPECT_NE(css->get_header_value("Cache-Control").find("max-age=31536000"), std::string::npos);
  EXPECT_NE(css->body.find(".badge-error"), std::string::npos);
  EXPECT_NE(css->body.find("@media (max-width:720px)"), std::string::npos);  // phone width

  MiniBrowser b;
  WebPage login = b.Get(app_->base_url() + "/login");
  EXPECT_TRUE(LinksTheStylesheet(login.body));
  ASSERT_EQ(LogIn(b, kAlice).status, 200);
  for (const char* path : {"/tasks", "/settings", "/settings/integrations", "/settings/tracker",
                           "/settings/company-integrations", kBasecampPage}) {
    WebPage page = b.Get(app_->base_url() + path);
    EXPECT_TRUE(LinksTheStylesheet(page.body)) << path;
    EXPECT_NE(page.body.find("Signed in as <strong>Alice Adams</strong> (alice@acme.test)"),
              std::string::npos)
        << path;
  }
  // Wrong variants: a page without the link, and one with an inline style.
  EXPECT_FALSE(LinksTheStylesheet("<html><head></head><body>Tasks</body></html>"));
  std::string inline_style = b.Get(app_->base_url() + "/tasks").body;
  inline_style.insert(inline_style.find("<main>"), "<p style=\"color:red\">x</p>");
  EXPECT_FALSE(LinksTheStylesheet(inline_style));
}

TEST_F(DashboardPagesTest, Error108PageExplainsOnceAndOffersTheOwnerOnlyWhatApplies) {
  Start("acme.yaml", "strict", {kAlice, kBob});
  MiniBrowser alice;
  ASSERT_EQ(LogIn(alice, kAlice).status, 200);
  WebPage done = TurnOn(alice, "alice@acme.test", "pw-alice");
  ASSERT_NE(done.url.find("?error=108"), std::string::npos) << done.url;  // and it holds 108
  EXPECT_TRUE(ExplainsOnce(done.body, "108"));
  EXPECT_NE(done.body.find("badge-error\">error</strong>"), std::string::npos);
  EXPECT_NE(done.body.find("<a href=\"/settings/tracker\">Tracker settings</a>, then turn Basecamp"),
            std::string::npos);
  const Buttons owner{"Log out", "Turn it on", "Turn it off"};
  EXPECT_TRUE(HasExactlyButtons(done.body, owner));

  MiniBrowser bob;
  ASSERT_EQ(LogIn(bob, kBob).status, 200);
  WebPage user = bob.Get(app_->base_url() + kBasecampPage);
  EXPECT_TRUE(ExplainsOnce(user.body, "108"));
  EXPECT_TRUE(ExplainsOnce(user.body, "BC_ADMIN_ONLY"));  // why there is no button
  EXPECT_TRUE(HasExactlyButtons(user.body, {"Log out"}));
  EXPECT_EQ(user.body.find("then turn Basecamp on again"), std::string::npos);  // not his to do
  EXPECT_EQ(user.body.find("Tracker settings</a>"), std::string::npos);  // admin navigation

  // Wrong variants: the block twice (the page before this change), each viewer's buttons for
  // the other.
  std::string twice = done.body;
  const std::size_t block = twice.find("<div class=\"sync-error\">");
  ASSERT_NE(block, std::string::npos);
  twice.insert(block, twice.substr(block, twice.find("</div>", block) + 6 - block));
  EXPECT_FALSE(ExplainsOnce(twice, "108"));
  EXPECT_FALSE(HasExactlyButtons(user.body, owner));
  EXPECT_FALSE(HasExactlyButtons(done.body, {"Log out"}));
}

TEST_F(DashboardPagesTest, WhileTheAdminPicksTheUserSeesPendingChoiceAndNoButton) {
  Start("acme.yaml", "choose", {kAlice, kBob});
  MiniBrowser alice;
  ASSERT_EQ(LogIn(alice, kAlice).status, 200);
  WebPage picking = TurnOn(alice, "alice@acme.test", "pw-alice");
  const Buttons owner{"Log out", "Use this account", "Turn it off"};
  EXPECT_TRUE(HasExactlyButtons(picking.body, owner));  // no "Turn it on" while picking
  EXPECT_NE(picking.body.find("<select name=\"account\">"), std::string::npos);
  EXPECT_NE(picking.body.find("badge-pending\">pending choice</strong>"), std::string::npos);

  MiniBrowser bob;
  ASSERT_EQ(LogIn(bob, kBob).status, 200);
  WebPage user = bob.Get(app_->base_url() + kBasecampPage);
  EXPECT_TRUE(HasExactlyButtons(user.body, {"Log out"}));
  EXPECT_EQ(user.body.find("<select"), std::string::npos);
  EXPECT_NE(user.body.find("pending choice</strong> Your company owner or an admin must choose the "
                           "account."),
            std::string::npos);
  // Wrong variants: the admin's page is not the user's, and the reverse.
  EXPECT_FALSE(HasExactlyButtons(picking.body, {"Log out"}));
  EXPECT_FALSE(HasExactlyButtons(user.body, owner));

  // Once picked, nobody is pending any more.
  WebPage chosen = alice.Submit(picking, "Use this account", {{"account", "Acme Inc"}});
  EXPECT_EQ(chosen.status, 200);
  EXPECT_EQ(bob.Get(app_->base_url() + kBasecampPage).body.find("pending choice"),
            std::string::npos);
  EXPECT_TRUE(HasExactlyButtons(chosen.body, {"Log out", "Turn it off"}));
}

TEST_F(DashboardPagesTest, TasksShowTheSyncCountsInWordsAndTimeOnEachTask) {
  Start("team.yaml", "strict", {kOlivia});
  MiniBrowser b;
  ASSERT_EQ(LogIn(b, kOlivia).status, 200);
  TurnOn(b, "olivia@team.test", "bc-olivia");
  WebPage tasks = b.Submit(b.Get(app_->base_url() + "/tasks"), "Sync");
  ASSERT_EQ(tasks.status, 200);
  EXPECT_NE(tasks.body.find("Sync OK."), std::string::npos);
  const std::string words = "2 active, 0 archived, 2 added; 1 request to Basecamp";  // fast path
  EXPECT_TRUE(CountsInWords(tasks.body, words));
  EXPECT_EQ(tasks.body.find("&quot;active&quot;"), std::string::npos);  // no JSON
  // Wrong variants: the counts JSON as the page showed it before, other numbers.
  EXPECT_FALSE(CountsInWords("<p>Counts: {&quot;active&quot;:2,&quot;added&quot;:2}</p>",
                             words));
  EXPECT_FALSE(CountsInWords(tasks.body, "2 active, 1 archived, 2 added; 1 request to Basecamp"));

  // Time per task: a timer started from Tasks comes back to Tasks, running; stopped 30 minutes
  // later it lists the entry with its write-back state.
  EXPECT_EQ(Occurrences(tasks.body, ">Start timer</button>"), 2u);
  WebPage running = b.Submit(tasks, "Start timer");
  EXPECT_EQ(running.url, app_->base_url() + "/tasks");
  EXPECT_EQ(Occurrences(running.body, ">Stop timer</button>"), 1u);
  EXPECT_EQ(Occurrences(running.body, ">Start timer</button>"), 1u);
  EXPECT_NE(running.body.find("badge-neutral\">running</strong>"), std::string::npos);
  clock_.Advance(30 * 60 * 1000);
  WebPage stopped = b.Submit(running, "Stop timer");
  EXPECT_EQ(Occurrences(stopped.body, ">Stop timer</button>"), 0u);
  EXPECT_NE(stopped.body.find("2026-12-01 30m: Written to Basecamp</div>"), std::string::npos)
      << stopped.body;
  EXPECT_TRUE(HasExactlyButtons(stopped.body, {"Log out", "Sync", "Start timer", "Start timer"}));
}

}  // namespace
}  // namespace bcsync::integration
