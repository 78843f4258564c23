// ci/bench's helper.
//   bcsim_bench_tool gen-world PROJECTS TODOS [RATE [PEOPLE]]   a scenario YAML on stdout: one
//       bc3 account, PROJECTS projects with TODOS to-dos spread over them; rate limit RATE per
//       10 s (0 = off, the default); PEOPLE people (default 1: alice; then u1, u2, ... with
//       password pw-uN), every one in every project, the to-dos assigned to them in turn
//   bcsim_bench_tool mixed-load URL SECONDS CONNS ACCOUNT   the mixed workload (mixed_load.cpp)
//   bcsim_bench_tool gen-world-all PROJECTS   a scenario YAML on stdout with every recording type
//       of the world format in each project (docs/scenario-format.md, "Recordings"): a list of
//       40 to-dos, 10 messages with a comment each, 5 documents, 5 uploads, 5 schedule entries,
//       a card table of 3 columns and 10 cards, 10 timesheet entries: about 100 recordings a
//       project with its dock (10,000 projects: about 1,000,000)
//   bcsim_bench_tool cold-start RUNS -- CMD ARGS...    spawns CMD RUNS times; each time reads
//       the first stdout line ("... listening on URL"), polls URL/__bcsim/health until 200;
//       prints the median and max milliseconds from spawn to the first 200, and the median
//       CPU milliseconds the child used until then
//   bcsim_bench_tool control-cycle URL N SCENARIO_FILE IDENTITY PATH
//       over one keep-alive connection, N times: POST reset, PUT scenario?mint=IDENTITY, GET
//       PATH with the minted token, GET requests; prints median and p99 microseconds per cycle
//   bcsim_bench_tool rtt URL N PATH
//       N GETs of PATH over one keep-alive connection; prints median and p99 microseconds
//   bcsim_bench_tool refresh-load URL PID SECONDS [THREADS]
//       bounded OAuth load on a `gen-world` simulator (identity alice, pw-a; client tracker,
//       s3cret): THREADS (default 2) refresh-token chains, each refreshing as fast as it can
//       for SECONDS; samples the server's RSS (/proc/PID) at 10 s and at the end, and times
//       20 code exchanges (the browser flow, then the timed token POST) before and after.
//       Prints rss_10s_kb, rss_end_kb, their ratio, refreshes done and exchange medians (ms).
//   bcsim_bench_tool slow-load URL SECONDS CONNS SLOW PATH TOKEN [PID]
//       for SECONDS, CONNS keep-alive connections send GET PATH (Bearer TOKEN) back to back
//       while SLOW other connections trickle a request head one byte a second (each one the
//       server cuts off is opened again, so SLOW stay open); prints the requests answered,
//       errors (non-200, resets, timeouts), req/s, p50/p99 ms, the fewest slow connections
//       open at the end of a second (cut-off ones reopened), reconnects (the server cuts a
//       head off after its 10 s deadline), and PID's RSS after 10 s and at the end
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "mixed_load.h"

namespace {

using Clock = std::chrono::steady_clock;

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

int GenWorld(int projects, int todos, int rate, int people) {
  std::string out;
  out.reserve(static_cast<size_t>(todos) * 80 + 4096);
  out += "scenario: bench-world\nbasecamp:\n  identities:\n";
  out += "    alice: {email: alice@bench.test, password: pw-a, first_name: Alice, last_name: Bench}\n";
  for (int i = 1; i < people; ++i) {
    const std::string n = std::to_string(i);
    out += "    u" + n + ": {email: u" + n + "@bench.test, password: pw-u" + n +
           ", first_name: User, last_name: N" + n + "}\n";
  }
  out += "  clients:\n    tracker: {client_id: tracker, client_secret: s3cret, redirect_uri: \"{tracker}/oauth/basecamp/callback\"}\n";
  out += "  limits:\n    rate: {requests: " + std::to_string(rate) + ", per: 10s}\n";
  out += "  accounts:\n    bench:\n      id: 4000001\n      name: Bench Inc\n      product: bc3\n";
  out += "      people:\n        alice: {identity: alice, admin: true}\n";
  for (int i = 1; i < people; ++i) {
    out += "        u" + std::to_string(i) + ": {identity: u" + std::to_string(i) + "}\n";
  }
  out += "      projects:\n";
  int made = 0;
  for (int p = 0; p < projects; ++p) {
    int here = todos / projects + (p < todos % projects ? 1 : 0);
    out += "        p" + std::to_string(p) + ":\n          name: Project " + std::to_string(p) + "\n";
    out += "          todolists:\n            l" + std::to_string(p) + ":\n              name: List " +
           std::to_string(p) + "\n              todos:\n";
    if (here == 0) out.resize(out.size() - std::string("              todos:\n").size());
    for (int t = 0; t < here; ++t, ++made) {
      const std::string who = made % people == 0 ? "alice" : "u" + std::to_string(made % people);
      out += "                - {title: Task " + std::to_string(made) + ", assignees: [" + who +
             "]}\n";
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

// Every recording type, about 100 a project (see the usage above).
int GenWorldAll(int projects) {
  std::string out;
  out.reserve(static_cast<size_t>(projects) * 6000 + 4096);
  out += "scenario: bench-world-all\nbasecamp:\n  limits: {rate: false}\n  identities:\n";
  out += "    alice: {email: alice@bench.test, password: pw-a, first_name: Alice, last_name: Bench}\n";
  out += "    bob: {email: bob@bench.test, password: pw-b, first_name: Bob, last_name: Bench}\n";
  out += "  clients:\n    tracker: {client_id: tracker, client_secret: s3cret, redirect_uri: \"{tracker}/oauth/basecamp/callback\"}\n";
  out += "  accounts:\n    bench:\n      id: 4000001\n      name: Bench Inc\n      product: bc3\n";
  out += "      people:\n        alice: {identity: alice, admin: true}\n        bob: {identity: bob}\n";
  out += "      projects:\n";
  for (int p = 0; p < projects; ++p) {
    const std::string n = std::to_string(p);
    out += "        p" + n + ":\n          name: Project " + n + "\n";
    out += "          todolists:\n            l" + n + ":\n              name: List " + n +
           "\n              todos:\n";
    for (int t = 0; t < 40; ++t) {
      out += "                - {key: t" + n + "-" + std::to_string(t) + ", title: Task " +
             std::to_string(t) + ", assignees: [" + (t % 2 == 0 ? "alice" : "bob") + "]}\n";
    }
    out += "          messages:\n";
    for (int m = 0; m < 10; ++m) {
      out += "            - {subject: Note " + std::to_string(m) +
             ", content: \"<div>Hello</div>\", creator: bob, comments: [{content: Seen}]}\n";
    }
    out += "          documents:\n";
    for (int d = 0; d < 5; ++d) {
      out += "            - {title: Doc " + std::to_string(d) + ", content: \"<div>Text</div>\"}\n";
    }
    out += "          uploads:\n";
    for (int u = 0; u < 5; ++u) {
      out += "            - {filename: f" + std::to_string(u) +
             ".png, content_type: image/png, byte_size: 2048}\n";
    }
    out += "          schedule_entries:\n";
    for (int e = 0; e < 5; ++e) {
      out += "            - {summary: Meeting " + std::to_string(e) +
             ", starts_at: 2026-12-10T09:00:00Z, ends_at: 2026-12-10T10:00:00Z}\n";
    }
    out += "          card_table:\n            columns:\n";
    for (int c = 0; c < 3; ++c) {
      out += "              - title: Column " + std::to_string(c) + "\n                cards:\n";
      for (int k = 0; k < (c == 0 ? 4 : 3); ++k) {
        out += "                  - {title: Card " + std::to_string(k) + "}\n";
      }
    }
    out += "          timesheet_entries:\n";
    for (int e = 0; e < 10; ++e) {
      out += "            - {todo: t" + n + "-" + std::to_string(e) +
             ", person: alice, date: 2026-12-01, hours: \"1.5\"}\n";
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

// Spawns CMD RUNS times; each time: wall time from fork to the first 200 on /__bcsim/health,
// and the CPU time (user + system, all threads) the child used until then (it is killed with
// SIGKILL right after the 200, so it does no shutdown work; the CPU figure does not depend on
// how busy the machine is, the wall figure does).
int ColdStart(int runs, std::vector<char*> cmd) {
  cmd.push_back(nullptr);
  std::vector<double> ms, cpu_ms;
  for (int i = 0; i < runs; ++i) {
    int pipefd[2];
    if (pipe(pipefd) != 0) return 1;
    auto start = Clock::now();
    pid_t pid = fork();
    if (pid == 0) {
      dup2(pipefd[1], 1);
      close(pipefd[0]);
      close(pipefd[1]);
      execv(cmd[0], cmd.data());
      _exit(127);
    }
    close(pipefd[1]);
    std::string line;
    char c;
    while (read(pipefd[0], &c, 1) == 1 && c != '\n') line += c;
    std::string url = line.substr(line.rfind(' ') + 1);
    std::string host = url.substr(7, url.rfind(':') - 7);
    int port = std::stoi(url.substr(url.rfind(':') + 1));
    bool ok = false;
    while (!ok && std::chrono::duration<double>(Clock::now() - start).count() < 180) {
      httplib::Client cli(host, port);
      cli.set_tcp_nodelay(true);
      auto r = cli.Get("/__bcsim/health");
      ok = r && r->status == 200;
      if (!ok) usleep(1000);
    }
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    kill(pid, SIGKILL);
    rusage ru{};
    int status = 0;
    wait4(pid, &status, 0, &ru);
    auto to_ms = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) * 1e3 + static_cast<double>(tv.tv_usec) / 1e3; };
    cpu_ms.push_back(to_ms(ru.ru_utime) + to_ms(ru.ru_stime));
    close(pipefd[0]);
    if (!ok) {
      std::cerr << "no 200 from " << url << "\n";
      return 1;
    }
  }
  std::printf("median_ms %.1f max_ms %.1f cpu_median_ms %.1f\n", Percentile(ms, 0.5), Percentile(ms, 1.0),
              Percentile(cpu_ms, 0.5));
  return 0;
}

int ControlCycle(const std::string& url, int n, const std::string& file, const std::string& identity,
                 const std::string& path) {
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string yaml = ss.str();
  httplib::Client cli(url);
  cli.set_tcp_nodelay(true);
  cli.set_keep_alive(true);
  // The PUT mints the token the API call needs (?mint=IDENTITY), so the cycle is the issue's
  // four requests: reset, load, one API call, read the journal.
  const std::string put_path = "/__bcsim/scenario?tracker=http://127.0.0.1:9&mint=" + identity;
  std::vector<double> us;
  std::vector<std::vector<double>> step(4);
  auto lap = [&step](int k, Clock::time_point& t0) {
    auto t1 = Clock::now();
    step[static_cast<size_t>(k)].push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    t0 = t1;
  };
  for (int i = 0; i < n; ++i) {
    auto start = Clock::now();
    auto t0 = start;
    auto a = cli.Post("/__bcsim/reset", "", "application/json");
    lap(0, t0);
    auto b = cli.Put(put_path, yaml, "application/yaml");
    lap(1, t0);
    if (!a || !b || b->status != 200) {
      std::cerr << "control call failed\n";
      return 1;
    }
    std::string token = nlohmann::json::parse(b->body)["tokens"][identity]["access_token"];
    auto c = cli.Get(path, {{"Authorization", "Bearer " + token}, {"User-Agent", "bench (b@x.test)"}});
    lap(2, t0);
    auto d = cli.Get("/__bcsim/requests");
    lap(3, t0);
    if (!c || c->status != 200 || !d) {
      std::cerr << "api call failed\n";
      return 1;
    }
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  std::printf("median_us %.0f p99_us %.0f steps_median_us reset=%.0f put+mint=%.0f api=%.0f journal=%.0f\n",
              Percentile(us, 0.5), Percentile(us, 0.99), Percentile(step[0], 0.5), Percentile(step[1], 0.5),
              Percentile(step[2], 0.5), Percentile(step[3], 0.5));
  return 0;
}

// Round trip of one GET over one keep-alive connection, N times: the floor under the control
// cycle (measured against the bare server).
int RoundTrip(const std::string& url, int n, const std::string& path) {
  httplib::Client cli(url);
  cli.set_tcp_nodelay(true);
  cli.set_keep_alive(true);
  std::vector<double> us;
  for (int i = 0; i < n; ++i) {
    auto t0 = Clock::now();
    auto r = cli.Get(path);
    if (!r || r->status != 200) {
      std::cerr << "GET " << path << " failed\n";
      return 1;
    }
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  std::printf("median_us %.0f p99_us %.0f\n", Percentile(us, 0.5), Percentile(us, 0.99));
  return 0;
}


int ConnectTo(int port, bool nonblocking) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | (nonblocking ? SOCK_NONBLOCK : 0), 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 && errno != EINPROGRESS) {
    ::close(fd);
    return -1;
  }
  int yes = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  return fd;
}

long RssKb(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

std::string CookieOf(const httplib::Result& r) {
  std::string c = r->get_header_value("Set-Cookie");
  return c.substr(0, c.find(';'));
}

std::string TokenIn(const std::string& html) {
  const std::string mark = "name=\"authenticity_token\" value=\"";
  std::size_t at = html.find(mark);
  if (at == std::string::npos) return "";
  at += mark.size();
  return html.substr(at, html.find('"', at) - at);
}

// One code exchange: sign in, consent, then the timed POST /authorization/token (ms; -1 on
// failure).
double TimedExchange(httplib::Client& cli) {
  const std::string redirect = "http://127.0.0.1:9/oauth/basecamp/callback";
  const std::string query = "type=web_server&client_id=tracker&redirect_uri=" +
                            httplib::detail::encode_query_param(redirect) + "&state=b";
  auto form = cli.Get("/signin");
  if (!form) return -1;
  auto signin = cli.Post("/signin", {{"Cookie", CookieOf(form)}},
                         httplib::Params{{"email", "alice@bench.test"}, {"password", "pw-a"},
                                         {"authenticity_token", TokenIn(form->body)}});
  if (!signin || signin->status != 302) return -1;
  const std::string session = CookieOf(signin);
  auto consent = cli.Get("/authorization/new?" + query, {{"Cookie", session}});
  if (!consent) return -1;
  httplib::Params allow{{"type", "web_server"}, {"client_id", "tracker"},
                        {"redirect_uri", redirect}, {"state", "b"},
                        {"authenticity_token", TokenIn(consent->body)}, {"commit", "Allow"}};
  auto code = cli.Post("/authorization/new", {{"Cookie", session}}, allow);
  if (!code || code->status != 302) return -1;
  std::string loc = code->get_header_value("Location");
  std::size_t at = loc.find("code=");
  if (at == std::string::npos) return -1;
  std::string value = loc.substr(at + 5, loc.find('&', at) - at - 5);
  auto t0 = Clock::now();
  auto tok = cli.Post("/authorization/token",
                      httplib::Params{{"type", "web_server"}, {"client_id", "tracker"},
                                      {"client_secret", "s3cret"}, {"redirect_uri", redirect},
                                      {"code", value}});
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  return tok && tok->status == 200 ? ms : -1;
}

double MedianExchangeMs(const std::string& url, int n) {
  httplib::Client cli(url);
  cli.set_tcp_nodelay(true);
  cli.set_keep_alive(true);
  std::vector<double> ms;
  for (int i = 0; i < n; ++i) {
    double v = TimedExchange(cli);
    if (v < 0) return -1;
    ms.push_back(v);
  }
  return Percentile(ms, 0.5);
}

int RefreshLoad(const std::string& url, int pid, int seconds, int threads) {
  const double before_ms = MedianExchangeMs(url, 20);
  if (before_ms < 0) {
    std::cerr << "code exchange failed (a gen-world scenario served with --tracker "
                 "http://127.0.0.1:9?)\n";
    return 1;
  }
  std::atomic<long> refreshes{0};
  std::atomic<bool> failed{false};
  const auto end = Clock::now() + std::chrono::seconds(seconds);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      httplib::Client cli(url);
      cli.set_tcp_nodelay(true);
      cli.set_keep_alive(true);
      auto minted = cli.Post("/__bcsim/tokens", R"({"identity":"alice"})", "application/json");
      if (!minted || minted->status != 200) {
        failed = true;
        return;
      }
      std::string refresh = nlohmann::json::parse(minted->body)["refresh_token"];
      while (Clock::now() < end && !failed) {
        auto r = cli.Post("/authorization/token",
                          httplib::Params{{"type", "refresh"}, {"client_id", "tracker"},
                                          {"client_secret", "s3cret"}, {"refresh_token", refresh}});
        if (!r || r->status != 200) {
          failed = true;
          return;
        }
        refresh = nlohmann::json::parse(r->body)["refresh_token"];
        refreshes.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  long rss10 = -1;
  const auto start = Clock::now();
  while (Clock::now() < end && !failed) {
    usleep(100 * 1000);
    if (rss10 < 0 && Clock::now() - start >= std::chrono::seconds(10)) rss10 = RssKb(pid);
  }
  for (auto& w : workers) w.join();
  const long rss_end = RssKb(pid);
  if (failed) {
    std::cerr << "a refresh failed\n";
    return 1;
  }
  const double after_ms = MedianExchangeMs(url, 20);
  std::printf("rss_10s_kb %ld rss_end_kb %ld ratio %.3f refreshes %ld exchange_ms_before %.3f "
              "exchange_ms_after %.3f\n",
              rss10, rss_end,
              rss10 > 0 ? static_cast<double>(rss_end) / static_cast<double>(rss10) : 0.0,
              refreshes.load(), before_ms, after_ms);
  return 0;
}

// One keep-alive load connection: request, wait for the whole response (Content-Length), again.
void LoadWorker(int port, const std::string& request, Clock::time_point end,
                std::vector<double>* ms, long* errors) {
  int fd = -1;
  std::string buf;
  char tmp[65536];
  while (Clock::now() < end) {
    if (fd < 0 && (fd = ConnectTo(port, false)) < 0) {
      ++*errors;
      continue;
    }
    timeval tv{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    auto t0 = Clock::now();
    bool ok = ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
              static_cast<ssize_t>(request.size());
    buf.clear();
    size_t need = std::string::npos;
    while (ok) {
      size_t end_of_head = buf.find("\r\n\r\n");
      if (end_of_head != std::string::npos && need == std::string::npos) {
        std::string head = buf.substr(0, end_of_head);
        for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        size_t at = head.find("content-length:");
        need = end_of_head + 4 + (at == std::string::npos ? 0 : std::stoul(head.substr(at + 15)));
        ok = buf.compare(9, 3, "200") == 0;
      }
      if (need != std::string::npos && buf.size() >= need) break;
      ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
      if (n <= 0) ok = false;
      else buf.append(tmp, static_cast<size_t>(n));
    }
    if (!ok) {
      ++*errors;
      ::close(fd);
      fd = -1;
      continue;
    }
    ms->push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  if (fd >= 0) ::close(fd);
}

int SlowLoad(const std::string& url, int seconds, int conns, int slow, const std::string& path,
             const std::string& token, int pid) {
  rlimit files{};
  getrlimit(RLIMIT_NOFILE, &files);
  files.rlim_cur = files.rlim_max;
  setrlimit(RLIMIT_NOFILE, &files);
  const int port = std::stoi(url.substr(url.rfind(':') + 1));
  const std::string request = "GET " + path + " HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " +
                              token + "\r\nUser-Agent: bcsim-bench (bench@bcsim.test)\r\n\r\n";
  const auto start = Clock::now();
  const auto end = start + std::chrono::seconds(seconds);
  // The slow connections first, all open before the load starts.
  std::vector<int> fds(static_cast<size_t>(slow), -1);
  const std::string slow_head = "GET " + path + " HTTP/1.1\r\nHost: bench\r\nX-Slow: ";
  long reconnects = 0;
  auto open_slow = [&](int i) {
    fds[static_cast<size_t>(i)] = ConnectTo(port, true);
  };
  for (int i = 0; i < slow; ++i) open_slow(i);
  for (int i = 0; i < slow; ++i) {  // wait for the handshakes, then send the start of a head
    pollfd p{fds[static_cast<size_t>(i)], POLLOUT, 0};
    if (fds[static_cast<size_t>(i)] < 0 || ::poll(&p, 1, 5000) != 1) continue;
    ::send(fds[static_cast<size_t>(i)], slow_head.data(), slow_head.size(), MSG_NOSIGNAL);
  }
  std::vector<std::vector<double>> ms(static_cast<size_t>(conns));
  std::vector<long> errors(static_cast<size_t>(conns), 0);
  std::vector<std::thread> workers;
  for (int i = 0; i < conns; ++i) {
    workers.emplace_back(LoadWorker, port, request, end, &ms[static_cast<size_t>(i)],
                         &errors[static_cast<size_t>(i)]);
  }
  long rss10 = -1;
  int fewest_open = slow;
  auto next_tick = Clock::now();
  while (Clock::now() < end) {
    next_tick += std::chrono::seconds(1);
    int open_now = 0;
    for (int i = 0; i < slow; ++i) {
      int& fd = fds[static_cast<size_t>(i)];
      char tmp[4096];
      bool dead = fd < 0;
      if (!dead) {
        ssize_t n = ::recv(fd, tmp, sizeof tmp, MSG_DONTWAIT);
        dead = n == 0 || (n > 0) || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
      }
      if (!dead && ::send(fd, "x", 1, MSG_NOSIGNAL) != 1 && errno != EAGAIN) dead = true;
      if (dead) {  // cut off (408) or reset: open another one
        if (fd >= 0) ::close(fd);
        ++reconnects;
        open_slow(i);
        if (fd >= 0) {
          pollfd p{fd, POLLOUT, 0};
          if (::poll(&p, 1, 100) == 1 &&
              ::send(fd, slow_head.data(), slow_head.size(), MSG_NOSIGNAL) > 0) {
            ++open_now;  // open again (and trickling) before this second is over
          }
        }
      } else {
        ++open_now;
      }
    }
    fewest_open = std::min(fewest_open, open_now);
    if (rss10 < 0 && pid > 0 && Clock::now() - start >= std::chrono::seconds(10)) {
      rss10 = RssKb(pid);
    }
    std::this_thread::sleep_until(std::min(next_tick, end));
  }
  for (auto& t : workers) t.join();
  const long rss_end = pid > 0 ? RssKb(pid) : -1;
  for (int fd : fds) {
    if (fd >= 0) ::close(fd);
  }
  std::vector<double> all;
  long errs = 0;
  for (size_t i = 0; i < ms.size(); ++i) {
    all.insert(all.end(), ms[i].begin(), ms[i].end());
    errs += errors[i];
  }
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("answered %zu errors %ld rps %.0f p50_ms %.2f p99_ms %.2f slow_open_min %d "
              "slow_reconnects %ld rss10_kb %ld rss_end_kb %ld\n",
              all.size(), errs, static_cast<double>(all.size()) / secs, Percentile(all, 0.5),
              Percentile(all, 0.99), fewest_open, reconnects, rss10, rss_end);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() >= 3 && a[0] == "gen-world")
    return GenWorld(std::stoi(a[1]), std::stoi(a[2]), a.size() > 3 ? std::stoi(a[3]) : 0,
                    a.size() > 4 ? std::max(1, std::stoi(a[4])) : 1);
  if (a.size() == 2 && a[0] == "gen-world-all") return GenWorldAll(std::stoi(a[1]));
  if (a.size() == 5 && a[0] == "mixed-load")
    return bench::MixedLoad(a[1], std::stoi(a[2]), std::stoi(a[3]), a[4]);
  if (a.size() >= 4 && a[0] == "cold-start" && a[2] == "--")
    return ColdStart(std::stoi(a[1]), std::vector<char*>(argv + 4, argv + argc));
  if (a.size() == 6 && a[0] == "control-cycle")
    return ControlCycle(a[1], std::stoi(a[2]), a[3], a[4], a[5]);
  if (a.size() == 4 && a[0] == "rtt") return RoundTrip(a[1], std::stoi(a[2]), a[3]);
  if ((a.size() == 4 || a.size() == 5) && a[0] == "refresh-load")
    return RefreshLoad(a[1], std::stoi(a[2]), std::stoi(a[3]), a.size() > 4 ? std::stoi(a[4]) : 2);
  if ((a.size() == 7 || a.size() == 8) && a[0] == "slow-load")
    return SlowLoad(a[1], std::stoi(a[2]), std::stoi(a[3]), std::stoi(a[4]), a[5], a[6],
                    a.size() == 8 ? std::stoi(a[7]) : 0);
  std::cerr << "usage: see the comment at the top of tests/bench/bench_tool.cpp\n";
  return 2;
}
