// The simulator's HTTP server: a net::GuardedServer (cpp-httplib behind the connection guard of
// net/guarded_server.h) whose every route goes to Dispatch. Internal; Simulator::Start binds and
// starts it, the dispatcher fuzz target feeds it bytes (GuardedServer::ProcessBytes).
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "net/guarded_server.h"
#include "server/state.h"

namespace bcsim {

// Largest request bodies, by endpoint; a larger one gets 413 (from its Content-Length, before
// the body is read, or as soon as a chunked body passes the limit).
inline constexpr std::size_t kScenarioBodyLimit = std::size_t{32} << 20;  // PUT /__bcsim/scenario
inline constexpr std::size_t kControlBodyLimit = std::size_t{1} << 20;    // other /__bcsim/…
inline constexpr std::size_t kApiBodyLimit = std::size_t{4} << 20;        // /{account}/… JSON
inline constexpr std::size_t kFormBodyLimit = std::size_t{64} << 10;      // Launchpad, the rest

std::size_t BodyLimit(std::string_view method, std::string_view target);

// A server routing everything to Dispatch(state, …); not bound, not started.
std::unique_ptr<net::GuardedServer> MakeHttpServer(SimState& state);

}  // namespace bcsim
