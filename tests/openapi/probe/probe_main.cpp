// bcsim_openapi_probe: starts the simulator on loopback (port 0, a manual clock that never
// moves), loads a world, takes an access token from the control API, finds the account in
// Launchpad's authorization.json like a client does, and walks every operation of the official
// OpenAPI document (probe/runner.h). Prints the summary, writes the JSON report, and exits 1
// when fewer operations are served than --min-served-percent (2 on a setup error).
//
//   bcsim_openapi_probe --world fixtures/worlds/probe.yaml --report build/probe.json
//                       --min-served-percent 10
#include <CLI/CLI.hpp>
#include <httplib.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "bcsim/clock.h"
#include "bcsim/simulator.h"
#include "probe/report.h"
#include "probe/runner.h"

namespace {

using nlohmann::json;

constexpr const char* kUserAgent = "bcsim OpenAPI probe (probe@bcsim.test)";

int Fail(const std::string& message) {
  std::cerr << "bcsim_openapi_probe: " << message << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Walks every operation of the official Basecamp OpenAPI document against the simulator"};
  std::string openapi = BCSIM_OPENAPI_JSON;
  std::string world;
  std::string report_file;
  std::string identity = "alice";
  std::string client;
  double floor = 0;
  app.add_option("--openapi", openapi, "the OpenAPI document")->capture_default_str();
  app.add_option("--world", world, "the world (scenario YAML) to load")->required();
  app.add_option("--report", report_file, "where to write the JSON report");
  app.add_option("--identity", identity, "the identity the token is for")->capture_default_str();
  app.add_option("--client", client, "the OAuth client the token is for (default: the world's only one)");
  app.add_option("--min-served-percent", floor, "fail below this share of operations served")->check(CLI::Range(0.0, 100.0));
  CLI11_PARSE(app, argc, argv);

  bcsim::StatusOr<std::unique_ptr<bcsim::probe::Document>> doc = bcsim::probe::Document::Load(openapi);
  if (!doc.ok()) return Fail(doc.status().message());

  auto clock = std::make_shared<bcsim::ManualClock>(bcsim::kDefaultStartTime);
  bcsim::SimulatorOptions options;
  options.clock = clock;
  options.real_delays = false;
  options.virtual_delay = [clock](bcsim::Millis ms) { clock->Advance(ms); };
  bcsim::Simulator sim(options);
  if (bcsim::Status s = sim.LoadFile(world, {{"tracker", "http://tracker.test"}}); !s.ok()) return Fail(s.message());
  if (bcsim::Status s = sim.Start(); !s.ok()) return Fail(s.message());

  httplib::Client http("127.0.0.1", sim.port());
  http.set_tcp_nodelay(true);
  http.set_read_timeout(5, 0);
  http.set_keep_alive(true);

  json mint = {{"identity", identity}};
  if (!client.empty()) mint["client"] = client;
  auto minted = http.Post("/__bcsim/tokens", mint.dump(), "application/json");
  if (!minted || minted->status != 200) {
    return Fail("POST /__bcsim/tokens for " + identity + " failed: " + (minted ? minted->body : httplib::to_string(minted.error())));
  }
  const json token = json::parse(minted->body, nullptr, false);
  if (!token.is_object() || !token.contains("access_token")) return Fail("the control API minted no access_token");
  const httplib::Headers headers = {{"Accept", "application/json"},
                                    {"Authorization", "Bearer " + token["access_token"].get<std::string>()},
                                    {"User-Agent", kUserAgent}};

  auto auth = http.Get("/authorization.json", headers);
  const json authorization = auth ? json::parse(auth->body, nullptr, false) : json();
  std::string account;
  if (authorization.is_object()) {
    for (const json& a : authorization.value("accounts", json::array())) {
      if (a.value("product", "") == "bc3") {
        account = std::to_string(a.value("id", 0LL));
        break;
      }
    }
  }
  if (account.empty()) return Fail("authorization.json lists no bc3 account for " + identity);

  bcsim::probe::Transport transport = [&](const bcsim::probe::ProbeRequest& r) {
    httplib::Request req;
    req.method = r.method;
    req.path = r.target;
    req.headers = headers;
    if (!r.content_type.empty()) req.headers.emplace("Content-Type", r.content_type);
    req.body = r.body;
    httplib::Result res = http.send(req);
    bcsim::probe::HttpAnswer answer;
    if (!res) {
      answer.error = httplib::to_string(res.error());
      return answer;
    }
    answer.status = res->status;
    answer.body = res->body;
    return answer;
  };

  bcsim::probe::ProbeOptions probe_options;
  probe_options.account_id = account;
  probe_options.origin = sim.base_url();
  probe_options.seeds = {"/" + account + "/projects.json", "/" + account + "/people.json",
                         "/" + account + "/my/profile.json"};
  bcsim::probe::Prober prober(**doc, transport, probe_options);
  const int seeded = prober.Seed();
  const std::vector<bcsim::probe::Result> results = prober.Run();
  sim.Stop();

  std::cout << bcsim::probe::SummaryText(results);
  std::cout << "\n(seed: " << seeded << " GETs following the world's urls, " << prober.pool().size()
            << " ids known at the end)\n";
  if (!report_file.empty()) {
    std::ofstream out(report_file);
    out << bcsim::probe::ReportJson(results, seeded).dump(2) << "\n";
    if (!out) return Fail("cannot write " + report_file);
    std::cout << "report: " << report_file << "\n";
  }
  const bcsim::probe::Tally tally = bcsim::probe::TallyOf(results);
  const double percent = bcsim::probe::ServedPercent(tally);
  char line[160];
  std::snprintf(line, sizeof line, "served %d/%d = %.1f%%, floor %.1f%%", tally.served, tally.total, percent, floor);
  if (!bcsim::probe::MeetsFloor(tally, floor)) {
    std::cout << "FAIL: " << line << " (served fewer operations than the floor)\n";
    return 1;
  }
  std::cout << "ok: " << line << "\n";
  return 0;
}
