// The baseline for ci/bench: a bare cpp-httplib server answering GET /hello (and
// /__bcsim/health, for the cold-start probe) with a small JSON body, TCP_NODELAY on.
// Prints "bare listening on http://127.0.0.1:PORT" and serves until killed.
#include <httplib.h>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
  int port = argc > 1 ? std::stoi(argv[1]) : 0;
  int threads = argc > 2 ? std::stoi(argv[2]) : 64;
  httplib::Server server;
  server.set_tcp_nodelay(true);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  server.set_keep_alive_max_count(100000);
  auto hello = [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"hello":"world"})", "application/json");
  };
  server.Get("/hello", hello);
  server.Get("/__bcsim/health", hello);
  if (port == 0) {
    port = server.bind_to_any_port("127.0.0.1");
  } else if (!server.bind_to_port("127.0.0.1", port)) {
    port = -1;
  }
  if (port <= 0) {
    std::cerr << "cannot bind\n";
    return 1;
  }
  std::cout << "bare listening on http://127.0.0.1:" << port << std::endl;
  server.listen_after_bind();
  return 0;
}
