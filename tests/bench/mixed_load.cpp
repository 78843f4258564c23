// bcsim_bench_tool mixed-load: the mixed workload against a `gen-world P T 0 32` world.
//
// CONNS keep-alive connections (identity i % 32, project i % projects) for SECONDS. Of every
// ten requests on a connection, one is a write (in turn: create a to-do in the connection's
// list, update it, comment on it, log time on it, complete it) and the request after each write
// reads what it wrote back (the to-do, the comment, the timesheet entry): a read that does not
// show the write is counted as stale, and must be 0. The other eight read, in turn, ten
// endpoints: projects, one project, the to-do lists, a list's to-dos pages 1 and 2, one to-do,
// my assignments, people, the to-do feed and a to-do's comments. Prints the requests answered,
// errors (unexpected status, resets), stale reads, req/s, p50/p99 of all requests and p99 of
// the writes.
#include "mixed_load.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr int kIdentities = 32;

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// The identity names gen-world writes for PEOPLE people: alice, then u1, u2, ...
std::string IdentityName(int i) { return i == 0 ? "alice" : "u" + std::to_string(i); }

// A path of ours from an API url ("http://host:port/4000001/buckets/1/todosets/2.json").
std::string PathOf(const std::string& url) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? url : url.substr(slash);
}

struct ProjectIds {
  long long project = 0, todoset = 0, todolist = 0, todo = 0;
};

// One blocking keep-alive HTTP/1.1 connection that reads Content-Length framed answers.
class Connection {
 public:
  explicit Connection(int port) : port_(port) {}
  ~Connection() { Close(); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Sends one request; the status (0 on a transport error) and the body.
  int Exchange(const std::string& request, std::string* body) {
    if (fd_ < 0 && !Open()) return 0;
    if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size())) {
      Close();
      return 0;
    }
    buf_.clear();
    char tmp[65536];
    size_t need = std::string::npos, head_end = 0;
    while (need == std::string::npos || buf_.size() < need) {
      if (need == std::string::npos && (head_end = buf_.find("\r\n\r\n")) != std::string::npos) {
        std::string head = buf_.substr(0, head_end);
        for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        size_t at = head.find("content-length:");
        need = head_end + 4 + (at == std::string::npos ? 0 : std::stoul(head.substr(at + 15)));
        continue;
      }
      ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
      if (n <= 0) {
        Close();
        return 0;
      }
      buf_.append(tmp, static_cast<size_t>(n));
    }
    if (buf_.size() < 12) return 0;
    if (body != nullptr) body->assign(buf_, head_end + 4, need - head_end - 4);
    return std::atoi(buf_.c_str() + 9);
  }

 private:
  bool Open() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return false;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port_));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      Close();
      return false;
    }
    int yes = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    timeval tv{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return true;
  }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  int port_;
  int fd_ = -1;
  std::string buf_;
};

struct WorkerResult {
  std::vector<double> ms, write_ms;
  long errors = 0, stale = 0, writes = 0;
};

class Worker {
 public:
  Worker(int port, std::string account, std::string token, ProjectIds ids, int seed)
      : conn_(port), account_("/" + std::move(account)), token_(std::move(token)), ids_(ids),
        seed_(seed) {}

  void Run(Clock::time_point end, WorkerResult* out) {
    out_ = out;
    for (long i = 0; Clock::now() < end; ++i) {
      if (i % 10 == 9) {
        WriteAndReadBack();
      } else {
        Read(static_cast<int>(reads_++ % 10));
      }
    }
  }

 private:
  std::string Request(const char* method, const std::string& path, const std::string& body) {
    std::string r = std::string(method) + " " + account_ + path +
                    " HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token_ +
                    "\r\nUser-Agent: bcsim-bench (bench@bcsim.test)\r\n";
    if (!body.empty()) {
      r += "Content-Type: application/json; charset=utf-8\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n";
    }
    return r + "\r\n" + body;
  }

  // Times one exchange; counts a status other than `want` as an error.
  std::optional<std::string> Timed(const char* method, const std::string& path,
                                   const std::string& body, int want, bool write) {
    std::string answer;
    auto t0 = Clock::now();
    int status = conn_.Exchange(Request(method, path, body), &answer);
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    out_->ms.push_back(ms);
    if (write) out_->write_ms.push_back(ms);
    if (status != want) {
      ++out_->errors;
      return std::nullopt;
    }
    return answer;
  }

  void Read(int which) {
    const std::string p = std::to_string(ids_.project), l = std::to_string(ids_.todolist);
    const std::string t = std::to_string(mine_ != 0 ? mine_ : ids_.todo);
    static const char* const kFixed[] = {"/projects.json", "/my/assignments.json", "/people.json",
                                         "/projects/recordings.json?type=Todo"};
    std::string path;
    switch (which) {
      case 0: path = kFixed[0]; break;
      case 1: path = "/projects/" + p + ".json"; break;
      case 2: path = "/todosets/" + std::to_string(ids_.todoset) + "/todolists.json"; break;
      case 3: path = "/todolists/" + l + "/todos.json"; break;
      case 4: path = "/todolists/" + l + "/todos.json?page=2"; break;
      case 5: path = "/todos/" + t + ".json"; break;
      case 6: path = kFixed[1]; break;
      case 7: path = kFixed[2]; break;
      case 8: path = kFixed[3]; break;
      default: path = "/recordings/" + t + "/comments.json"; break;
    }
    Timed("GET", path, "", 200, false);
  }

  // The read after a write: GET path must answer 200 with field == value.
  void ReadBack(const std::string& path, const char* field, const json& value) {
    auto body = Timed("GET", path, "", 200, false);
    if (!body) return;
    json j = json::parse(*body, nullptr, false);
    if (j.is_discarded() || !j.contains(field) || j[field] != value) ++out_->stale;
  }

  void WriteAndReadBack() {
    ++out_->writes;
    const int step = static_cast<int>(writes_++ % 5);
    const std::string mark = "mix " + std::to_string(seed_) + "." + std::to_string(writes_);
    if (step == 0 || mine_ == 0) {  // create a to-do of this connection's own
      json b = {{"content", mark}};
      auto r = Timed("POST", "/todolists/" + std::to_string(ids_.todolist) + "/todos.json",
                     b.dump(), 201, true);
      json j = r ? json::parse(*r, nullptr, false) : json();
      if (!j.is_object() || !j.contains("id")) return;
      mine_ = j["id"].get<long long>();
      ReadBack("/todos/" + std::to_string(mine_) + ".json", "content", mark);
      return;
    }
    const std::string todo = std::to_string(mine_);
    if (step == 1) {
      json b = {{"content", mark}};
      if (Timed("PUT", "/todos/" + todo + ".json", b.dump(), 200, true)) {
        ReadBack("/todos/" + todo + ".json", "content", mark);
      }
    } else if (step == 2) {
      const std::string html = "<div>" + mark + "</div>";
      auto r = Timed("POST", "/recordings/" + todo + "/comments.json",
                     json{{"content", html}}.dump(), 201, true);
      json j = r ? json::parse(*r, nullptr, false) : json();
      if (j.is_object() && j.contains("id")) {
        ReadBack("/comments/" + std::to_string(j["id"].get<long long>()) + ".json", "content",
                 html);
      }
    } else if (step == 3) {
      json b = {{"date", "2026-12-01"}, {"hours", "1.5"}, {"description", mark}};
      auto r = Timed("POST", "/recordings/" + todo + "/timesheet/entries.json", b.dump(), 201,
                     true);
      json j = r ? json::parse(*r, nullptr, false) : json();
      if (j.is_object() && j.contains("id")) {
        ReadBack("/timesheet_entries/" + std::to_string(j["id"].get<long long>()) + ".json",
                 "description", mark);
      }
    } else {
      if (Timed("POST", "/todos/" + todo + "/completion.json", "", 204, true)) {
        ReadBack("/todos/" + todo + ".json", "completed", true);
      }
    }
  }

  Connection conn_;
  std::string account_, token_;
  ProjectIds ids_;
  int seed_;
  long reads_ = 0, writes_ = 0;
  long long mine_ = 0;  // the last to-do this connection created
  WorkerResult* out_ = nullptr;
};

std::optional<json> GetJson(httplib::Client& cli, const std::string& token,
                            const std::string& path) {
  httplib::Headers h = {{"Authorization", "Bearer " + token},
                        {"User-Agent", "bcsim-bench (bench@bcsim.test)"}};
  auto r = cli.Get(path.c_str(), h);
  if (!r || r->status != 200) {
    std::cerr << "mixed-load: GET " << path << " -> " << (r ? r->status : 0) << "\n";
    return std::nullopt;
  }
  return json::parse(r->body, nullptr, false);
}

// The ids each connection works on, found the way a client would: projects, dock, lists, to-dos.
std::optional<std::vector<ProjectIds>> Discover(httplib::Client& cli, const std::string& token,
                                                const std::string& account) {
  auto projects = GetJson(cli, token, "/" + account + "/projects.json");
  if (!projects || !projects->is_array() || projects->empty()) return std::nullopt;
  std::vector<ProjectIds> out;
  for (const json& p : *projects) {
    ProjectIds ids;
    ids.project = p.value("id", 0LL);
    for (const json& tool : p.value("dock", json::array())) {
      if (tool.value("name", "") == "todoset") ids.todoset = tool.value("id", 0LL);
    }
    auto lists = GetJson(cli, token, "/" + account + "/todosets/" +
                                         std::to_string(ids.todoset) + "/todolists.json");
    if (!lists || !lists->is_array() || lists->empty()) return std::nullopt;
    ids.todolist = (*lists)[0].value("id", 0LL);
    auto todos = GetJson(cli, token, PathOf((*lists)[0].value("todos_url", "")));
    if (!todos || !todos->is_array() || todos->empty()) return std::nullopt;
    ids.todo = (*todos)[0].value("id", 0LL);
    out.push_back(ids);
  }
  return out;
}

}  // namespace

int MixedLoad(const std::string& url, int seconds, int conns, const std::string& account) {
  httplib::Client cli(url);
  std::vector<std::string> tokens;
  for (int i = 0; i < kIdentities; ++i) {
    json ask = {{"identity", IdentityName(i)}};
    auto r = cli.Post("/__bcsim/tokens", ask.dump(), "application/json");
    json j = r && r->status == 200 ? json::parse(r->body, nullptr, false) : json();
    if (!j.is_object() || !j.contains("access_token")) {
      std::cerr << "mixed-load: no token for " << IdentityName(i)
                << " (serve a `gen-world P T 0 32` world)\n";
      return 1;
    }
    tokens.push_back(j["access_token"].get<std::string>());
  }
  auto projects = Discover(cli, tokens[0], account);
  if (!projects) return 1;
  const int port = std::stoi(url.substr(url.rfind(':') + 1));
  std::vector<WorkerResult> results(static_cast<size_t>(conns));
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  const auto end = start + std::chrono::seconds(seconds);
  for (int i = 0; i < conns; ++i) {
    threads.emplace_back([&, i] {
      Worker w(port, account, tokens[static_cast<size_t>(i % kIdentities)],
               (*projects)[static_cast<size_t>(i) % projects->size()], i);
      w.Run(end, &results[static_cast<size_t>(i)]);
    });
  }
  for (auto& t : threads) t.join();
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all, writes;
  long errors = 0, stale = 0, wrote = 0;
  for (const WorkerResult& r : results) {
    all.insert(all.end(), r.ms.begin(), r.ms.end());
    writes.insert(writes.end(), r.write_ms.begin(), r.write_ms.end());
    errors += r.errors;
    stale += r.stale;
    wrote += r.writes;
  }
  std::printf("answered %zu errors %ld stale %ld writes %ld rps %.0f p50_ms %.2f p99_ms %.2f "
              "write_p99_ms %.2f\n",
              all.size(), errors, stale, wrote, static_cast<double>(all.size()) / secs,
              Percentile(all, 0.5), Percentile(all, 0.99), Percentile(writes, 0.99));
  return errors == 0 && stale == 0 ? 0 : 1;
}

}  // namespace bench
