#include "harness/browser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

namespace bcsim::harness {
namespace {

using ::testing::HasSubstr;

// A tiny site on a real loopback server (port 0): a login form with a hidden field, a session
// cookie, redirects, a select, two forms with the same button text.
class BrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.set_tcp_nodelay(true);
    server_.Get("/", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/login", 302); });
    server_.Get("/login", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(
          "<html><head><title>Log in</title></head><body><h1>Log in</h1>"
          "<form method=post action=\"/login\"><input type=hidden name=csrf value=\"c1\">"
          "<input name=email><input type=password name=password><button>Log in</button></form></body></html>",
          "text/html");
    });
    server_.Post("/login", [this](const httplib::Request& req, httplib::Response& res) {
      last_login_ = req.body;
      if (req.get_param_value("csrf") != "c1" || req.get_param_value("password") != "pw") {
        res.status = 403;
        return;
      }
      res.set_header("Set-Cookie", "sid=s-42; Path=/; HttpOnly; SameSite=Lax");
      res.set_redirect("home", 303);  // relative to /login
    });
    server_.Get("/home", [](const httplib::Request& req, httplib::Response& res) {
      if (req.get_header_value("Cookie").find("sid=s-42") == std::string::npos) return res.set_redirect("/login", 302);
      res.set_content(
          "<body><nav><a href=\"/settings?tab=1\">Settings</a> <a href=\"/tasks\">Tasks</a></nav>"
          "<p>Hello   <b>Alice</b></p><script>var hidden = 1;</script>"
          "<form method=post action=/logout><button>Log out</button></form></body>",
          "text/html");
    });
    server_.Get("/settings", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(
          "<body><div><h2>Asana</h2><form method=post action=/toggle><input type=hidden name=which value=asana>"
          "<button>ON</button></form></div>"
          "<div><h2>Basecamp</h2><form method=post action=/toggle><input type=hidden name=which value=basecamp>"
          "<button>ON</button></form></div>"
          "<form method=post action=/choose><select name=account><option value=1>Acme</option>"
          "<option value=2>Globex</option></select><input type=submit value=\"Use this account\"></form></body>",
          "text/html");
    });
    server_.Post("/toggle", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content("<body>toggled " + req.get_param_value("which") + "</body>", "text/html");
    });
    server_.Post("/choose", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content("<body>chose " + req.get_param_value("account") + "</body>", "text/html");
    });
    server_.Post("/logout", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Set-Cookie", "sid=; Path=/; Max-Age=0");
      res.set_redirect("/", 303);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() before the loop starts would be lost; httplib 0.11 has no wait_until_ready().
    while (!server_.is_running()) std::this_thread::yield();
    origin_ = "http://127.0.0.1:" + std::to_string(port_);
  }
  void TearDown() override {
    server_.stop();
    thread_.join();
  }

  StatusOr<Page> LogIn(Browser& b) {
    auto page = b.Get(origin_ + "/");
    if (!page.ok()) return page;
    return b.Submit(*page, "Log in", {{"email", "a@x.test"}, {"password", "pw"}});
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::string origin_;
  std::string last_login_;
  std::vector<Exchange> log_;
};

TEST_F(BrowserTest, FollowsRedirectsAndParsesTheForm) {
  HttpBrowser b(
      "t", [] { return Millis{7}; }, [this](Exchange e) { log_.push_back(e); });
  auto page = b.Get(origin_ + "/");
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->url, origin_ + "/login");
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->html.title, "Log in");
  ASSERT_EQ(page->html.forms.size(), 1u);
  EXPECT_EQ(page->html.forms[0].method, "post");
  ASSERT_EQ(page->html.forms[0].buttons.size(), 1u);
  EXPECT_EQ(page->html.forms[0].buttons[0].text, "Log in");
  ASSERT_EQ(log_.size(), 2u);
  EXPECT_EQ(log_[0].status, 302);
  EXPECT_EQ(log_[0].at_ms, 7);
}

TEST_F(BrowserTest, SubmitsHiddenFieldsAndKeepsTheSessionCookie) {
  HttpBrowser b("t", nullptr, [this](Exchange e) { log_.push_back(e); });
  auto home = LogIn(b);
  ASSERT_TRUE(home.ok()) << home.status().message();
  EXPECT_EQ(home->url, origin_ + "/home");
  EXPECT_EQ(last_login_, "csrf=c1&email=a%40x.test&password=pw");
  EXPECT_TRUE(b.cookies().Has(origin_, "sid"));
  EXPECT_EQ(home->html.text.find("hidden"), std::string::npos);  // script text is not visible
  EXPECT_THAT(home->html.text, HasSubstr("Hello Alice"));
}

TEST_F(BrowserTest, RedactsPasswordsInTheExchangeLog) {
  HttpBrowser b("t", nullptr, [this](Exchange e) { log_.push_back(e); });
  ASSERT_TRUE(LogIn(b).ok());
  for (const auto& e : log_) EXPECT_EQ(e.note.find("=pw"), std::string::npos) << e.note;
  bool saw = false;
  for (const auto& e : log_) saw = saw || e.note.find("password=[REDACTED]") != std::string::npos;
  EXPECT_TRUE(saw);
}

TEST_F(BrowserTest, ClicksLinksByTheirText) {
  HttpBrowser b("t", nullptr, nullptr);
  auto home = LogIn(b);
  ASSERT_TRUE(home.ok());
  auto settings = b.Click(*home, "Settings");
  ASSERT_TRUE(settings.ok()) << settings.status().message();
  EXPECT_EQ(settings->url, origin_ + "/settings?tab=1");
}

TEST_F(BrowserTest, ReportsTheLinksThereWhenOneIsMissing) {
  HttpBrowser b("t", nullptr, nullptr);
  auto home = LogIn(b);
  ASSERT_TRUE(home.ok());
  auto missing = b.Click(*home, "Billing");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("expected a link \"Billing\""));
  EXPECT_THAT(missing.status().message(), HasSubstr("found links \"Settings\", \"Tasks\""));
}

TEST_F(BrowserTest, PicksTheFormWhoseContextMatches) {
  HttpBrowser b("t", nullptr, nullptr);
  auto settings = b.Get(origin_ + "/settings");
  ASSERT_TRUE(settings.ok());
  auto done = b.Submit(*settings, "ON", {}, "Basecamp");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->html.text, "toggled basecamp");
}

TEST_F(BrowserTest, SelectsAnOptionByItsLabel) {
  HttpBrowser b("t", nullptr, nullptr);
  auto settings = b.Get(origin_ + "/settings");
  ASSERT_TRUE(settings.ok());
  auto done = b.Submit(*settings, "Use this account", {{"account", "Globex"}});
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(done->html.text, "chose 2");
  auto bad = b.Submit(*settings, "Use this account", {{"account", "Initech"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("found \"Acme\", \"Globex\""));
}

TEST_F(BrowserTest, DeletesACookieTheServerExpires) {
  HttpBrowser b("t", nullptr, nullptr);
  auto home = LogIn(b);
  ASSERT_TRUE(home.ok());
  auto out = b.Submit(*home, "Log out");
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(b.cookies().Has(origin_, "sid"));
  EXPECT_EQ(out->url, origin_ + "/login");
}

TEST_F(BrowserTest, FailsAsAValueWhenNothingAnswers) {
  // A port that was just ours and has no listener now.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  HttpBrowser b("t", nullptr, nullptr);
  auto page = b.Get("http://127.0.0.1:" + std::to_string(port) + "/");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kUnavailable);
}

TEST(ResolveUrlTest, ResolvesRelativeAndAbsoluteReferences) {
  EXPECT_EQ(ResolveUrl("http://h:1/a/b?x=1", "/c"), "http://h:1/c");
  EXPECT_EQ(ResolveUrl("http://h:1/a/b?x=1", "c"), "http://h:1/a/c");
  EXPECT_EQ(ResolveUrl("http://h:1/a/b?x=1", "?y=2"), "http://h:1/a/b?y=2");
  EXPECT_EQ(ResolveUrl("http://h:1/a", "http://o:2/z"), "http://o:2/z");
  // A query holding a URL is still a relative reference.
  EXPECT_EQ(ResolveUrl("http://h:1/signin", "/authorization/new?redirect_uri=http://t:3/cb"),
            "http://h:1/authorization/new?redirect_uri=http://t:3/cb");
}

}  // namespace
}  // namespace bcsim::harness
