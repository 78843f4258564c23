#include "server/fault_effects.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <strings.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace bcsim {
namespace {

// Port and textual address of a socket address.
bool Describe(const sockaddr_storage& ss, std::string* addr, int* port) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (ss.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&ss);
    inet_ntop(AF_INET, &in->sin_addr, buf, sizeof buf);
    *port = ntohs(in->sin_port);
  } else if (ss.ss_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&ss);
    inet_ntop(AF_INET6, &in6->sin6_addr, buf, sizeof buf);
    *port = ntohs(in6->sin6_port);
  } else {
    return false;
  }
  *addr = buf;
  return true;
}

}  // namespace

bool DropConnection(const httplib::Request& req) {
  // httplib does not hand the socket to handlers; find it by its two endpoints.
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return false;
  bool dropped = false;
  while (dirent* e = readdir(dir)) {
    char* end = nullptr;
    long fd = std::strtol(e->d_name, &end, 10);
    if (end == e->d_name || *end != '\0') continue;
    sockaddr_storage peer{}, local{};
    socklen_t plen = sizeof peer, llen = sizeof local;
    if (getpeername(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&peer), &plen) != 0) continue;
    if (getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&local), &llen) != 0) continue;
    std::string paddr, laddr;
    int pport = 0, lport = 0;
    if (!Describe(peer, &paddr, &pport) || !Describe(local, &laddr, &lport)) continue;
    if (pport == req.remote_port && paddr == req.remote_addr && lport == req.local_port) {
      ::shutdown(static_cast<int>(fd), SHUT_RDWR);
      dropped = true;
      break;
    }
  }
  closedir(dir);
  return dropped;
}

bool ApplyFaultBefore(const SimState& s, const Fault& f, const httplib::Request& req,
                      httplib::Response& res) {
  if (f.delay_ms > 0) {
    if (s.options().virtual_delay) {
      s.options().virtual_delay(f.delay_ms);
    } else if (s.options().real_delays) {
      s.stopping.SleepFor(f.delay_ms);
    }
  }
  if (f.drop_connection) {
    DropConnection(req);
    res.status = 500;
    res.set_content("", "text/plain");
    return true;
  }
  if (f.respond) {
    res.status = f.respond->status;
    std::string content_type;
    for (const auto& [name, value] : f.respond->headers) {
      if (strcasecmp(name.c_str(), "Content-Type") == 0) {
        content_type = value;
      } else {
        res.set_header(name, value);
      }
    }
    // Replaced, not added: the answer carries this value only (one X-Request-Id, not two).
    // res.headers compares names case-insensitively, so erase takes every spelling.
    for (const auto& [name, value] : f.respond->replace_headers) {
      if (strcasecmp(name.c_str(), "Content-Type") == 0) {
        content_type = value;
      } else {
        res.headers.erase(name);
        res.set_header(name, value);
      }
    }
    if (content_type.empty()) {
      const std::string& b = f.respond->body;
      bool json = !b.empty() && (b.front() == '{' || b.front() == '[');
      content_type = json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8";
    }
    res.set_content(f.respond->body, content_type);
    ApplyFaultAfter(f, res);
    return true;
  }
  return false;
}

void ApplyFaultAfter(const Fault& f, httplib::Response& res) {
  if (f.malformed_json) {
    std::string body = res.body;
    body = body.size() > 1 ? body.substr(0, body.size() / 2) : std::string("{");
    std::string type = res.get_header_value("Content-Type");
    if (type.empty()) type = "application/json; charset=utf-8";
    res.headers.erase("Content-Type");
    res.set_content(body, type);
  }
  if (f.truncate_body && *f.truncate_body < res.body.size()) {
    // Promise the full length, send only the first N bytes, then close the connection.
    auto body = std::make_shared<std::string>(std::move(res.body));
    res.body.clear();
    const std::size_t n = *f.truncate_body;
    std::string type = res.get_header_value("Content-Type");
    res.headers.erase("Content-Type");
    res.set_content_provider(
        body->size(), type.empty() ? "application/octet-stream" : type,
        [body, n](std::size_t offset, std::size_t, httplib::DataSink& sink) {
          if (offset >= n) return false;
          return sink.write(body->data() + offset, n - offset);
        });
  }
}

}  // namespace bcsim
