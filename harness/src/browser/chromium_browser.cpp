#include "harness/chromium_browser.h"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <vector>

extern char** environ;

namespace bcsim::harness {
namespace {

constexpr int kAnswerTimeoutMs = 60'000;            // one navigation, click or screenshot
constexpr std::size_t kMaxAnswerBytes = 64u << 20;  // a page and its screenshot, with room
constexpr std::size_t kBodyCap = 4096;

std::string Env(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::pair<std::string, std::string>> Headers(const nlohmann::json& j) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!j.is_object()) return out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    std::string v = it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
    if (IsSecretName(it.key()))
      v = "[REDACTED]";
    else if (Lower(it.key()) == "location" || Lower(it.key()) == "referer")
      v = RedactUrl(v);
    out.emplace_back(it.key(), v);
  }
  return out;
}

// A driver process: our end of its socketpair, its pid.
struct Driver {
  int fd = -1;
  pid_t pid = -1;
};

Driver Spawn(const ChromiumPaths& paths, std::string* error) {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    *error = std::string("socketpair: ") + std::strerror(errno);
    return {};
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, sv[1], 0);
  posix_spawn_file_actions_adddup2(&fa, sv[1], 1);
  std::vector<std::string> args = {paths.node, paths.driver, "--chromium", paths.chromium};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  int rc = ::posix_spawnp(&pid, paths.node.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(sv[1]);
  if (rc != 0) {
    ::close(sv[0]);
    *error = "cannot start " + paths.node + ": " + std::strerror(rc);
    return {};
  }
  // Launching Chromium takes about a second: ask now, read the answer when the driver is used.
  static const char kHello[] = "{\"op\":\"hello\"}\n";
  if (::send(sv[0], kHello, sizeof kHello - 1, MSG_NOSIGNAL) !=
      static_cast<ssize_t>(sizeof kHello - 1)) {
    *error = "the Chromium driver went away";
  }
  return {sv[0], pid};
}

// One spare driver, launched ahead, so a scenario's next browser need not wait for Chromium to
// start; and the drivers that were closed, reaped once they have exited.
class DriverPool {
 public:
  Driver Take(const ChromiumPaths& paths, std::string* error) {
    Driver d;
    {
      std::lock_guard<std::mutex> lock(mu_);
      Reap();
      if (!spares_.empty() && spare_driver_ == paths.driver) {
        d = spares_.back();
        spares_.pop_back();
      }
    }
    if (d.fd < 0) d = Spawn(paths, error);
    std::string spare_error;
    Driver spare = Spawn(paths, &spare_error);
    if (spare.fd >= 0) {
      std::lock_guard<std::mutex> lock(mu_);
      spares_.push_back(spare);
      spare_driver_ = paths.driver;
    }
    return d;
  }
  // Closing its socket tells the driver to close Chromium and remove its profile; it is reaped
  // later (here, or by init when bcsim has exited first).
  void Close(Driver d) {
    if (d.fd >= 0) ::close(d.fd);
    if (d.pid <= 0) return;
    std::lock_guard<std::mutex> lock(mu_);
    closing_.push_back(d.pid);
    Reap();
  }

 private:
  void Reap() {
    std::vector<pid_t> left;
    for (pid_t pid : closing_) {
      int st = 0;
      if (::waitpid(pid, &st, WNOHANG) == 0) left.push_back(pid);
    }
    closing_ = std::move(left);
  }

  std::mutex mu_;
  std::vector<Driver> spares_;
  std::string spare_driver_;
  std::vector<pid_t> closing_;
};

DriverPool& Pool() {
  static DriverPool* pool = new DriverPool;  // never destroyed: spares close with the process
  return *pool;
}

}  // namespace

ChromiumPaths DefaultChromiumPaths() {
  ChromiumPaths p;
  p.chromium = Env("BCSIM_CHROMIUM", p.chromium);
  p.node = Env("BCSIM_NODE", p.node);
#ifdef BCSIM_CHROMIUM_DRIVER
  p.driver = Env("BCSIM_CHROMIUM_DRIVER", BCSIM_CHROMIUM_DRIVER);
#else
  p.driver = Env("BCSIM_CHROMIUM_DRIVER", "harness/chromium/driver.mjs");
#endif
  return p;
}

std::string ChromiumMissing(const ChromiumPaths& paths) {
  if (::access(paths.chromium.c_str(), X_OK) != 0)
    return paths.chromium + " is not installed (Debian package chromium; ci/setup installs it)";
  return "";
}

ChromiumBrowser::ChromiumBrowser(std::string name, ChromiumPaths paths, std::function<Millis()> now,
                                 std::function<void(std::vector<Exchange>)> log)
    : Browser(std::move(name)),
      paths_(std::move(paths)),
      now_(std::move(now)),
      log_(std::move(log)) {}

ChromiumBrowser::~ChromiumBrowser() { Pool().Close({fd_, pid_}); }

Status ChromiumBrowser::Start() {
  if (started_) return start_;
  started_ = true;
  if (std::string why = ChromiumMissing(paths_); !why.empty())
    return start_ = UnavailableError(why);
  if (!std::filesystem::exists(paths_.driver))
    return start_ = UnavailableError("the Chromium driver " + paths_.driver + " is not there");
  std::string error;
  Driver d = Pool().Take(paths_, &error);
  if (d.fd < 0) return start_ = UnavailableError(error);
  fd_ = d.fd;
  pid_ = d.pid;
  auto hello = Read();  // the answer to the hello Spawn sent
  if (!hello.ok())
    return start_ =
               UnavailableError("the Chromium driver did not start: " + hello.status().message());
  return start_ = OkStatus();
}

StatusOr<nlohmann::json> ChromiumBrowser::Call(nlohmann::json command) {
  if (fd_ < 0) return UnavailableError("the Chromium driver is not running");
  std::string line = command.dump() + "\n";
  for (std::size_t off = 0; off < line.size();) {
    ssize_t n = ::send(fd_, line.data() + off, line.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return UnavailableError("the Chromium driver went away");
    off += static_cast<std::size_t>(n);
  }
  return Read();
}

StatusOr<nlohmann::json> ChromiumBrowser::Read() {
  for (;;) {
    std::size_t nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      std::string answer = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      nlohmann::json j = nlohmann::json::parse(answer, nullptr, false);
      if (j.is_discarded() || !j.is_object())
        return InternalError("the Chromium driver answered no JSON");
      if (!j.value("ok", false))
        return FailedPreconditionError(j.value("error", std::string("driver error")));
      return j;
    }
    if (buffer_.size() > kMaxAnswerBytes)
      return InternalError("the Chromium driver's answer is too large");
    struct pollfd p {
      fd_, POLLIN, 0
    };
    int r = ::poll(&p, 1, kAnswerTimeoutMs);
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) return UnavailableError("the Chromium driver did not answer within 60 s");
    char buf[65536];
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      return UnavailableError(
          "the Chromium driver exited (is playwright-core installed? ci/setup)");
    buffer_.append(buf, static_cast<std::size_t>(n));
  }
}

StatusOr<Page> ChromiumBrowser::Navigated(const StatusOr<nlohmann::json>& answer,
                                          const std::string& what) {
  if (!answer.ok()) return answer.status();
  const nlohmann::json& j = *answer;
  std::vector<Exchange> batch;
  if (j.contains("events"))
    for (const auto& e : j["events"]) {
      Exchange ex{"browser " + name(),
                  e.value("method", "GET"),
                  RedactUrl(e.value("url", "")),
                  e.value("status", 0),
                  "",
                  now_ ? now_() : 0};
      ex.from = "browser";
      ex.request_headers = Headers(e.value("request_headers", nlohmann::json::object()));
      ex.response_headers = Headers(e.value("response_headers", nlohmann::json::object()));
      std::string post = e.value("post_data", "");
      if (!post.empty()) {
        ex.note = "form: " + RedactUrl("?" + post).substr(1);
        ex.request_body = CapBody(RedactUrl("?" + post).substr(1), kBodyCap);
      }
      std::string location = e.value("location", "");
      if (!location.empty())
        ex.note += (ex.note.empty() ? "" : "; ") + std::string("-> ") + RedactUrl(location);
      if (e.contains("body") && e["body"].is_string())
        ex.response_body = CapBody(RedactHtml(e["body"].get<std::string>()), kBodyCap);
      batch.push_back(std::move(ex));
    }
  if (log_ && !batch.empty()) log_(std::move(batch));
  Page page;
  page.url = j.value("url", "");
  page.status = j.value("status", 0);
  page.content_type = j.value("content_type", "");
  page.body = j.value("body", "");
  if (page.content_type.find("html") != std::string::npos) page.html = ParseHtml(page.body);
  if (page.status == 0) return UnavailableError(what + ": no response in Chromium");
  Shown(page);
  return page;
}

StatusOr<Page> ChromiumBrowser::Get(const std::string& url) {
  if (Status st = Start(); !st.ok()) return st;
  // The tracker's JSON API from its own page: read as the page's scripts would, staying on it.
  Url u = SplitUrl(url);
  if (last_page() && SplitUrl(last_page()->url).origin == u.origin &&
      u.target.rfind("/api/", 0) == 0) {
    auto j = Call({{"op", "fetch"}, {"url", url}});
    if (!j.ok()) return j.status();
    Page keep = *last_page();
    auto page = Navigated(j, "GET " + RedactUrl(url));
    if (page.ok()) Shown(keep);  // the browser still shows the page it was on
    return page;
  }
  return Navigated(Call({{"op", "goto"}, {"url", url}}), "GET " + RedactUrl(url));
}

StatusOr<Page> ChromiumBrowser::Post(
    const std::string& url, const std::vector<std::pair<std::string, std::string>>& fields) {
  if (Status st = Start(); !st.ok()) return st;
  nlohmann::json f = nlohmann::json::array();
  for (const auto& [k, v] : fields) f.push_back({k, v});
  return Navigated(Call({{"op", "post"}, {"url", url}, {"fields", f}}), "POST " + RedactUrl(url));
}

Status ChromiumBrowser::Back(const Page& page) {
  if (last_page() && last_page()->url == page.url) return OkStatus();
  auto again = Get(page.url);
  return again.ok() ? OkStatus() : again.status();
}

StatusOr<Page> ChromiumBrowser::Click(const Page& page, const std::string& text) {
  if (Status st = Start(); !st.ok()) return st;
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < page.html.links.size(); ++i) {
    if (page.html.links[i].text != text) {
      seen.push_back(page.html.links[i].text);
      continue;
    }
    if (Status back = Back(page); !back.ok()) return back;
    return Navigated(Call({{"op", "click"}, {"text", text}}), "the link \"" + text + "\"");
  }
  std::string names;
  for (const auto& s : seen) names += (names.empty() ? "\"" : ", \"") + s + "\"";
  return NotFoundError("expected a link \"" + text + "\" on " + RedactUrl(page.url) +
                       ", found links " + (names.empty() ? "none" : names));
}

StatusOr<Page> ChromiumBrowser::Submit(const Page& page, const std::string& button,
                                       const std::map<std::string, std::string>& values,
                                       const std::string& context) {
  if (Status st = Start(); !st.ok()) return st;
  auto choice = ChooseForm(page, button, values, context);
  if (!choice.ok()) return choice.status();
  if (Status back = Back(page); !back.ok()) return back;
  nlohmann::json set = nlohmann::json::object();
  for (const auto& [k, v] : choice->set) set[k] = v;
  return Navigated(
      Call({{"op", "submit"}, {"form", choice->form}, {"button", choice->button}, {"set", set}}),
      "the button \"" + button + "\"");
}

std::string ChromiumBrowser::ScreenshotPng() {
  if (!started_ || !start_.ok()) return "";
  auto j = Call({{"op", "screenshot"}});
  return j.ok() ? j->value("png", std::string()) : std::string();
}

}  // namespace bcsim::harness
