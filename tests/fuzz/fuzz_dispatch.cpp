// libFuzzer target for the simulator's request dispatcher: raw bytes in, response bytes out,
// no sockets. The bytes go through the same pipeline a connection's do
// (net::GuardedServer::ProcessBytes: head and framing checks, body limits, de-chunking,
// cpp-httplib's parser) into Dispatch: the API, Launchpad and the control API.
//
// Each input starts from the same state: fixtures/worlds/team.yaml loaded again (its parse is
// cached) and a fixed token for olivia, "Bearer fuzz-olivia", so the API is reachable.
// Every output must be a sequence of HTTP/1.1 responses.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "launchpad/tokens.h"
#include "server/http_server.h"
#include "server/state.h"

namespace {

struct Fixture {
  static bcsim::SimulatorOptions Options() {
    bcsim::SimulatorOptions o;
    o.clock = std::make_shared<bcsim::ManualClock>(bcsim::kDefaultStartTime);
    o.real_delays = false;  // a delay fault returns at once
    o.journal_capacity = 64;
    return o;
  }

  Fixture() : state(Options()) {
    std::ifstream in(BCSIM_FUZZ_WORLD);
    std::stringstream ss;
    ss << in.rdbuf();
    world = ss.str();
    state.EnsureClock(bcsim::kDefaultStartTime);
    state.origin = "http://127.0.0.1:3000";
    server = bcsim::MakeHttpServer(state);
  }

  void Reset() {
    bcsim::Status st = state.LoadText(world, "team.yaml", {{"tracker", "http://tracker.test"}});
    if (!st.ok()) __builtin_trap();
    std::unique_lock lock(state.world_mu);
    std::size_t grant = bcsim::AddGrant(state.world, "tracker", "olivia");
    nlohmann::json t = bcsim::IssueTokens(state.world, grant, state.Now(), false);
    auto node = state.world.access_tokens.extract(t["access_token"].get<std::string>());
    node.key() = "fuzz-olivia";
    node.mapped().token = "fuzz-olivia";
    state.world.access_tokens.insert(std::move(node));
  }

  bcsim::SimState state;
  std::string world;
  std::unique_ptr<net::GuardedServer> server;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture* fixture = new Fixture();
  fixture->Reset();
  const std::string out =
      fixture->server->ProcessBytes(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!out.empty() && out.compare(0, 9, "HTTP/1.1 ") != 0) __builtin_trap();
  return 0;
}
