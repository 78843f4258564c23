// Test-only helpers: an in-process simulator on port 0 with a ManualClock, an httplib client
// (nodelay) against it, and the browser steps of the OAuth flow. Header-only; tests only.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "bcsim/simulator.h"

namespace bcsim::testing {

inline constexpr const char* kRedirect = "http://tracker.test/oauth/basecamp/callback";

// Two identities, one bc3 account each plus a shared one, two clients (rotating and not).
inline std::string TestWorldYaml(const std::string& limits = "") {
  return R"(basecamp:
  identities:
    alice: {email: alice@acme.test, password: pw-a, first_name: Alice, last_name: Adams}
    bob:   {email: bob@acme.test, password: pw-b, first_name: Bob, last_name: Brown}
  clients:
    tracker: {client_id: tracker, client_secret: s3cret, name: Time Tracker, redirect_uri: "{tracker}/oauth/basecamp/callback"}
    keeper: {client_id: keeper, client_secret: k33p, name: Keeper, redirect_uri: "{tracker}/oauth/basecamp/callback", rotate_refresh_token: false}
  accounts:
    acme:
      id: 4000001
      name: Acme Inc
      product: bc3
      people:
        alice: {identity: alice, admin: true}
      projects:
        website:
          id: 2000001
          name: Website
          todolists:
            launch:
              id: 3000001
              name: Launch
              todos:
                - {key: copy, title: Write copy, assignees: [alice]}
    bobco:
      id: 4000002
      name: Bob Co
      product: bcx
      people:
        bob: {identity: bob}
)" + limits;
}

// Sends `request` (a full HTTP/1.1 request, "Connection: close") over a plain socket and
// returns the raw response. httplib 0.11's client URL-decodes response header values, so
// byte-exact header checks (Location) need this.
inline std::string RawExchange(int port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string out;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    char buf[4096];
    ssize_t n;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

// The raw value of header `name` in a raw response, "" when absent.
inline std::string RawHeader(const std::string& response, const std::string& name) {
  std::size_t pos = response.find("\r\n" + name + ": ");
  if (pos == std::string::npos) return "";
  pos += 4 + name.size();
  return response.substr(pos, response.find("\r\n", pos) - pos);
}

struct TestSim {
  // `tweak` adjusts the options before the simulator is made (journal_bodies...).
  explicit TestSim(const std::string& yaml = TestWorldYaml(),
                   const std::function<void(SimulatorOptions&)>& tweak = {}) {
    clock = std::make_shared<ManualClock>(kDefaultStartTime);
    SimulatorOptions opts;
    opts.clock = clock;
    opts.real_delays = false;
    opts.virtual_delay = [this](Millis ms) {
      delayed_ms += ms;
      clock->Advance(ms);
    };
    if (tweak) tweak(opts);
    sim = std::make_unique<Simulator>(opts);
    Status st = sim->LoadYaml(yaml, "test.yaml", {{"tracker", "http://tracker.test"}});
    EXPECT_TRUE(st.ok()) << st.message();
    st = sim->Start();
    EXPECT_TRUE(st.ok()) << st.message();
    cli = std::make_unique<httplib::Client>("127.0.0.1", sim->port());
    cli->set_tcp_nodelay(true);
    cli->set_read_timeout(5, 0);
  }

  httplib::Headers Api(const std::string& token) const {
    return {{"Authorization", "Bearer " + token}, {"User-Agent", "Tests (qa@acme.test)"}};
  }

  // POST /__bcsim/tokens: a token pair for `identity` without the browser dance.
  nlohmann::json Mint(const std::string& identity, const std::string& client = "tracker") {
    auto r = cli->Post("/__bcsim/tokens", nlohmann::json{{"identity", identity}, {"client", client}}.dump(),
                       "application/json");
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    return nlohmann::json::parse(r->body);
  }

  // GET /signin as a fresh browser: the sign-in nonce cookie ("launchpad_signin=...") and the
  // form's authenticity_token.
  std::pair<std::string, std::string> SigninForm() {
    auto r = cli->Get("/signin");
    EXPECT_TRUE(r);
    std::string c = r->get_header_value("Set-Cookie");
    return {c.substr(0, c.find(';')), CsrfOf(r->body)};
  }

  // Signs in through the Launchpad form (GET, then POST); returns "launchpad_session=...".
  std::string SignIn(const std::string& email, const std::string& password) {
    auto [nonce, token] = SigninForm();
    auto r = cli->Post("/signin", {{"Cookie", nonce}},
                       httplib::Params{{"email", email}, {"password", password},
                                       {"authenticity_token", token}});
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, 302);
    std::string c = r->get_header_value("Set-Cookie");
    return c.substr(0, c.find(';'));
  }

  static std::string AuthorizeQuery(const std::string& client, const std::string& state) {
    return "type=web_server&client_id=" + client + "&redirect_uri=" +
           httplib::detail::encode_query_param(kRedirect) + "&state=" +
           httplib::detail::encode_query_param(state);
  }

  // The consent page's CSRF token, from the page HTML.
  static std::string CsrfOf(const std::string& html) {
    std::smatch m;
    std::regex re("name=\"authenticity_token\" value=\"([^\"]+)\"");
    return std::regex_search(html, m, re) ? m[1].str() : std::string();
  }

  // Runs consent as `cookie` and returns the Location header of the redirect, as sent.
  std::string Consent(const std::string& cookie, const std::string& client, const std::string& state,
                      const std::string& commit) {
    auto page = cli->Get("/authorization/new?" + AuthorizeQuery(client, state), {{"Cookie", cookie}});
    EXPECT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    const std::string form = "type=web_server&client_id=" + client + "&redirect_uri=" +
                             httplib::detail::encode_query_param(kRedirect) + "&state=" +
                             httplib::detail::encode_query_param(state) +
                             "&authenticity_token=" + CsrfOf(page->body) + "&commit=" + commit;
    std::string raw = RawExchange(
        sim->port(), "POST /authorization/new HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: " +
                         cookie + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                         "Content-Length: " + std::to_string(form.size()) + "\r\n\r\n" + form);
    EXPECT_EQ(raw.substr(0, 12), "HTTP/1.1 302") << raw;
    return RawHeader(raw, "Location");
  }

  static std::string QueryParam(const std::string& url, const std::string& name) {
    std::smatch m;
    std::regex re("[?&]" + name + "=([^&]*)");
    return std::regex_search(url, m, re) ? httplib::detail::decode_url(m[1].str(), true) : std::string();
  }

  // Signs in as the identity and allows `client`; returns the code.
  std::string CodeFor(const std::string& email, const std::string& password,
                      const std::string& client = "tracker") {
    return QueryParam(Consent(SignIn(email, password), client, "st", "Allow"), "code");
  }

  httplib::Result Exchange(const std::string& code, const std::string& client = "tracker",
                           const std::string& secret = "s3cret",
                           const std::string& redirect = kRedirect) {
    return cli->Post("/authorization/token",
                     httplib::Params{{"type", "web_server"},
                                     {"client_id", client},
                                     {"client_secret", secret},
                                     {"redirect_uri", redirect},
                                     {"code", code}});
  }

  httplib::Result Refresh(const std::string& refresh_token, const std::string& client = "tracker",
                          const std::string& secret = "s3cret") {
    return cli->Post("/authorization/token", httplib::Params{{"type", "refresh"},
                                                             {"client_id", client},
                                                             {"client_secret", secret},
                                                             {"refresh_token", refresh_token}});
  }

  nlohmann::json PostEvent(const nlohmann::json& event) {
    auto r = cli->Post("/__bcsim/events", event.dump(), "application/json");
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    return nlohmann::json::parse(r->body);
  }

  std::shared_ptr<ManualClock> clock;
  Millis delayed_ms = 0;
  std::unique_ptr<Simulator> sim;
  std::unique_ptr<httplib::Client> cli;
};

}  // namespace bcsim::testing
