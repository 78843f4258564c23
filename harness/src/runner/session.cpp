#include "session.h"

#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <random>

#include "harness/chromium_browser.h"
#include "harness/reports.h"

namespace bcsim::harness {
namespace {

std::string TempDbPath(const RunOptions& o) {
  static std::atomic<int> counter{0};
  std::filesystem::path dir = o.temp_dir.empty() ? std::filesystem::temp_directory_path() : std::filesystem::path(o.temp_dir);
  return (dir / ("bcsim-run-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db")).string();
}

constexpr std::size_t kBodyCap = 4096;       // per body in the report
constexpr std::size_t kPageCap = 48 * 1024;  // per page snapshot
const char* kChecks = "(checks) ";           // the checker's own browsers

std::vector<std::pair<std::string, std::string>> HeaderList(const nlohmann::json& j) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!j.is_array()) return out;
  for (const auto& h : j) {
    if (!h.is_array() || h.size() != 2 || !h[0].is_string() || !h[1].is_string()) continue;
    std::string k = h[0].get<std::string>();
    out.emplace_back(k, IsSecretName(k) ? "[REDACTED]" : h[1].get<std::string>());
  }
  return out;
}

std::string SourceOf(const std::string& path) {
  if (path.rfind("/authorization", 0) == 0) return "bcsync -> launchpad";
  if (path.size() > 1 && std::isdigit(static_cast<unsigned char>(path[1]))) return "bcsync -> basecamp";
  return "-> simulator";
}

}  // namespace

Session::Session(const Scenario& scenario, const RunOptions& options)
    : s_(scenario), options_(options), time_(std::make_shared<VirtualTime>(
                                            scenario.start_time_ms.value_or(bcsim::kDefaultStartTime))) {}

Session::~Session() {
  browsers_.clear();
  control_.reset();
  if (app_) app_->Stop();
  app_.reset();
  if (sim_) sim_->Stop();
  sim_.reset();
  if (!db_path_.empty()) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(db_path_ + suffix, ec);
  }
}

Status Session::Start() {
  bcsim::SimulatorOptions so;
  so.clock = time_;
  so.include_roots = s_.include_roots;
  so.real_delays = false;
  so.journal_bodies = true;  // `requests` expectations with body_includes read what clients wrote
  so.deliver_webhooks_in_background = false;  // DeliverWebhooks() after each step and time step
  std::weak_ptr<VirtualTime> weak = time_;
  so.virtual_delay = [weak](bcsim::Millis ms) {
    if (auto t = weak.lock()) t->Advance(ms);
  };
  sim_ = std::make_unique<bcsim::Simulator>(so);
  if (Status st = sim_->Start(); !st.ok()) return st;
  sim_url_ = sim_->base_url();

  const WorldClient* client = nullptr;
  if (auto it = s_.world.clients.find("tracker"); it != s_.world.clients.end()) {
    client = &it->second;
  } else if (!s_.world.clients.empty()) {
    client = &s_.world.clients.begin()->second;
  }
  db_path_ = TempDbPath(options_);
  app_options_.db_path = db_path_;
  app_options_.basecamp_url = sim_url_;
  app_options_.client_id = client ? client->client_id : "tracker";
  app_options_.client_secret = client ? client->client_secret : "";
  app_options_.account_mode = s_.tracker.account_mode;
  if (s_.tracker.auto_sync_interval_ms) app_options_.auto_sync_interval_ms = *s_.tracker.auto_sync_interval_ms;
  app_options_.webhooks = s_.tracker.webhooks;
  // Throwaway data: no fsync, and password hashes cheap enough for 30 logins a second.
  app_options_.durable = false;
  app_options_.password_hash_iterations = 1;
  // bcsync seals Basecamp tokens at rest: one random key per run (kept across restarts).
  if (app_options_.token_key.empty()) {
    std::random_device rd;
    static const char* kHex = "0123456789abcdef";
    for (int i = 0; i < 64; ++i) app_options_.token_key += kHex[rd() & 15];
  }
  app_options_.clock = time_.get();
  app_options_.sleeper = time_.get();
  app_ = std::make_unique<bcsync::App>(app_options_);
  if (bcsync::Status st = app_->Start(); !st.ok()) return InternalError("bcsync did not start: " + st.message());
  tracker_url_ = app_->base_url();
  app_options_.port = app_->port();  // restart_app reuses it

  if (Status st = sim_->LoadFile(s_.file, {{"tracker", tracker_url_}}); !st.ok()) return st;
  if (bcsync::Status st = app_->SeedCompany(s_.tracker.company); !st.ok())
    return InternalError("seeding the company: " + st.message());
  for (const auto& key : s_.tracker.user_order) {
    const TrackerUser& u = s_.tracker.users.at(key);
    if (bcsync::Status st = app_->SeedUser(u.email, u.password, u.role, u.name); !st.ok())
      return InternalError("seeding user " + key + ": " + st.message());
  }
  control_ = std::make_unique<httplib::Client>(sim_url_);
  control_->set_tcp_nodelay(true);
  control_->set_keep_alive(true);
  return OkStatus();
}

Status Session::RestartApp() {
  // Idle keep-alive connections would hold the App's workers (and so Stop) until they time out.
  for (auto& [name, b] : browsers_) b->DropConnections();
  app_->Stop();
  app_.reset();
  app_ = std::make_unique<bcsync::App>(app_options_);
  if (bcsync::Status st = app_->Start(); !st.ok())
    return UnavailableError("bcsync did not restart on port " + std::to_string(app_options_.port) + ": " +
                            st.message());
  for (auto& [name, b] : browsers_) b->DropConnections();
  return OkStatus();
}

Browser& Session::BrowserNamed(const std::string& name) {
  auto& b = browsers_[name];
  if (!b) {
    auto now = [this] { return time_->NowMs(); };
    auto log = [this](Exchange ex) { Log(std::move(ex)); };
    if (options_.browser == "chromium" && name.rfind(kChecks, 0) != 0) {
      b = std::make_unique<ChromiumBrowser>(name, DefaultChromiumPaths(), now,
                                            [this](std::vector<Exchange> all) { LogAll(all); });
    } else {
      b = std::make_unique<HttpBrowser>(name, now, log);
    }
  }
  return *b;
}

Browser& Session::BrowserFor(const nlohmann::json& args) {
  if (args.contains("browser") && args["browser"].is_string()) return BrowserNamed(args["browser"]);
  return BrowserNamed(args.value("user", std::string("default")));
}

std::string Session::CompanyReader() const {
  for (const char* role : {"owner", "admin"})
    for (const auto& k : s_.tracker.user_order)
      if (s_.tracker.users.at(k).role == role) return k;
  return s_.tracker.user_order.empty() ? "" : s_.tracker.user_order.front();
}

StatusOr<Page> Session::TrackerHomeAs(Browser& b, const std::string& user) {
  const TrackerUser& u = User(user);
  auto page = b.Get(tracker_url_ + "/");
  if (!page.ok()) return page.status();
  if (!Browser::HasButton(*page, "Log in")) {
    auto me = b.Get(tracker_url_ + "/api/me");
    if (!me.ok()) return me.status();
    std::string email;
    try {
      email = nlohmann::json::parse(me->body).value("email", "");
    } catch (...) {
    }
    if (me->status == 200 && email == u.email) return page;
    page = b.Submit(*page, "Log out");
    if (!page.ok()) return page.status();
    if (!Browser::HasButton(*page, "Log in")) page = b.Get(tracker_url_ + "/");
    if (!page.ok()) return page.status();
  }
  auto in = b.Submit(*page, "Log in", {{"email", u.email}, {"password", u.password}});
  if (!in.ok()) return in.status();
  if (Browser::HasButton(*in, "Log in"))
    return FailedPreconditionError("expected to log in to the tracker as " + u.email + ", found the login form again (" +
                                   std::to_string(in->status) + ")");
  return in;
}

StatusOr<nlohmann::json> Session::TrackerApi(const std::string& user, const std::string& path) {
  Browser& b = BrowserNamed("(checks) " + user);
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto res = b.Get(tracker_url_ + path);
    if (!res.ok()) return res.status();
    if (res->status == 401 || res->status == 302 || Browser::HasButton(*res, "Log in")) {
      auto home = TrackerHomeAs(b, user);
      if (!home.ok()) return home.status();
      continue;
    }
    try {
      return nlohmann::json::parse(res->body);
    } catch (const std::exception&) {
      return InternalError("GET " + path + " answered " + std::to_string(res->status) + " with no JSON: " +
                           res->body.substr(0, 200));
    }
  }
  return FailedPreconditionError("GET " + path + " kept asking " + user + " to log in");
}

StatusOr<nlohmann::json> Session::Control(const std::string& method, const std::string& path,
                                          const nlohmann::json& body) {
  httplib::Result r = method == "GET" ? control_->Get(path.c_str())
                                      : control_->Post(path.c_str(), body.dump(), "application/json");
  bool journal_pull = method == "GET" && path.rfind("/__bcsim/requests", 0) == 0;
  if (!journal_pull) {  // the harness's own calls, in the report's control lane
    Exchange ex{"harness -> control", method, RedactUrl(path),
                r ? r->status : 0,    "",     time_->NowMs()};
    ex.from = ex.to = "control";
    ex.checker = method == "GET";
    if (method != "GET") ex.request_body = CapBody(RedactText(body.dump()), kBodyCap);
    if (r) ex.response_body = CapBody(RedactText(r->body), kBodyCap);
    pending_.push_back(std::move(ex));
  }
  if (!r) return UnavailableError(method + " " + path + ": no response from the simulator");
  nlohmann::json j;
  try {
    j = r->body.empty() ? nlohmann::json::object() : nlohmann::json::parse(r->body);
  } catch (const std::exception&) {
    j = r->body;
  }
  if (r->status >= 300)
    return InvalidArgumentError("the simulator answered " + std::to_string(r->status) + ": " +
                                (j.is_object() && j.contains("error") ? j["error"].dump() : r->body));
  return j;
}

void Session::DeliverWebhooks() {
  if (sim_) sim_->FlushWebhooks();
}

void Session::Log(Exchange ex) {
  if (ex.source.rfind(std::string("browser ") + kChecks, 0) == 0) {
    ex.checker = true;
    ex.from = "checker";
  }
  ex.to = ex.url.rfind(tracker_url_, 0) == 0 ? "tracker" : "launchpad";
  if (ex.url.rfind(sim_url_, 0) == 0) {
    std::string target = SplitUrl(ex.url).target;
    browser_sim_paths_.insert(target.substr(0, target.find('?')));
  }
  // What the tracker asked of Basecamp while serving this exchange comes first: the timeline is
  // in order of completion.
  PullJournal();
  pending_.push_back(std::move(ex));
}

void Session::LogAll(std::vector<Exchange> batch) {
  for (const auto& ex : batch) {
    if (ex.url.rfind(sim_url_, 0) != 0) continue;
    std::string target = SplitUrl(ex.url).target;
    browser_sim_paths_.insert(target.substr(0, target.find('?')));
  }
  for (auto& ex : batch) Log(std::move(ex));
}

void Session::PullJournal() {
  if (!control_) return;
  auto j = Control(
      "GET", "/__bcsim/requests?bodies=1&since=" + std::to_string(journal_seq_) + "&limit=10000",
      {});
  if (!j.ok() || !j->is_object()) return;
  for (const auto& e : (*j)["requests"]) {
    std::string path = e.value("path", "");
    if (browser_sim_paths_.count(path)) continue;  // the browser's own Launchpad pages: already logged
    Exchange ex;
    ex.source = e.value("direction", std::string()) == "outbound" ? "basecamp -> webhook" : SourceOf(path);
    ex.method = e.value("method", "");
    std::string q = e.value("query", "");
    ex.url = RedactUrl(path + (q.empty() ? "" : "?" + q));
    ex.status = e.value("status", 0);
    if (e.contains("faults") && !e["faults"].empty()) {
      ex.note = "faults: " + e["faults"].dump();
      for (const auto& id : e["faults"])
        if (id.is_string()) ex.faults.push_back(DescribeFault(id.get<std::string>()));
    }
    ex.from = ex.source == "-> simulator" ? "browser" : "tracker";
    ex.to = ex.source == "bcsync -> basecamp" ? "basecamp" : "launchpad";
    ex.request_headers = HeaderList(e.value("request_headers", nlohmann::json::array()));
    ex.response_headers = HeaderList(e.value("response_headers", nlohmann::json::array()));
    ex.request_body = CapBody(RedactText(e.value("request_body", std::string())), kBodyCap);
    ex.response_body = CapBody(RedactText(e.value("response_body", std::string())), kBodyCap);
    if (e.contains("identity") && !e.value("identity", "").empty())
      ex.note += (ex.note.empty() ? "" : "; ") + std::string("as ") + e.value("identity", "");
    ex.at_ms = e.contains("time_ms") && e["time_ms"].is_number() ? e["time_ms"].get<Millis>() : time_->NowMs();
    pending_.push_back(ex);
  }
  journal_seq_ = (*j).value("last_seq", journal_seq_);
}

std::string Session::DescribeFault(const std::string& id) {
  if (auto it = fault_text_.find(id); it != fault_text_.end()) return it->second;
  std::string text = id;
  // f1, f2, ... are the scenario's faults in file order.
  if (id.size() > 1 && id[0] == 'f' && std::all_of(id.begin() + 1, id.end(), ::isdigit)) {
    std::size_t n = std::stoul(id.substr(1));
    if (n >= 1 && n <= s_.faults.size()) text += " (" + s_.faults[n - 1].mark.ToString() + ")";
  }
  httplib::Result r = control_->Get("/__bcsim/faults");
  nlohmann::json j = r ? nlohmann::json::parse(r->body, nullptr, false) : nlohmann::json();
  if (j.is_object() && j.contains("faults") && j["faults"].is_array())
    for (const auto& f : j["faults"]) {
      if (!f.is_object() || f.value("id", "") != id || !f.contains("spec")) continue;
      nlohmann::json what = f["spec"];
      if (what.is_object()) what.erase("match");
      text += ": " + Brief(what);
      if (f["spec"].is_object() && f["spec"].contains("match"))
        text += " on " + Brief(f["spec"]["match"]);
    }
  return fault_text_[id] = text;
}

std::vector<PageShot> Session::TakePages() {
  std::vector<PageShot> out;
  for (auto& [name, b] : browsers_) {
    if (name.rfind(kChecks, 0) == 0 || !b->TakeShown() || !b->last_page()) continue;
    const Page& p = *b->last_page();
    PageShot shot{name, RedactUrl(p.url), p.status, "", b->ScreenshotPng()};
    if (p.content_type.find("html") != std::string::npos) {
      shot.html = CapBody(RedactHtml(p.body), kPageCap);
    } else {
      shot.html = "<pre>" + XmlEscape(CapBody(RedactText(p.body), kBodyCap)) + "</pre>";
    }
    out.push_back(std::move(shot));
  }
  return out;
}

std::vector<Exchange> Session::TakeExchanges() {
  PullJournal();
  browser_sim_paths_.clear();
  std::vector<Exchange> out = std::move(pending_);
  pending_.clear();
  for (const auto& e : out) {
    recent_.push_back(e);
    if (recent_.size() > 200) recent_.pop_front();
  }
  return out;
}

std::vector<Exchange> Session::Recent(std::size_t n) const {
  std::size_t from = recent_.size() > n ? recent_.size() - n : 0;
  return std::vector<Exchange>(recent_.begin() + static_cast<long>(from), recent_.end());
}

// A file name from a scenario or user name: letters, digits, '.', '-' and '_' kept, the rest '_'.
std::string SafeFileName(const std::string& name) {
  std::string out;
  for (unsigned char c : name)
    out += std::isalnum(c) || c == '.' || c == '-' || c == '_' ? static_cast<char>(c) : '_';
  if (out.empty() || out[0] == '.') out = "_" + out;
  return out.substr(0, 120);
}

Status Session::WriteBundles(const std::string& dir) {
  std::error_code ec;
  const std::filesystem::path folder = std::filesystem::path(dir) / SafeFileName(s_.name);
  std::filesystem::create_directories(folder, ec);
  if (ec) return InternalError("cannot create " + folder.string() + ": " + ec.message());
  for (const auto& key : s_.tracker.user_order) {
    bcsync::SupportBundleOptions bundle_options;
    bundle_options.redact_people = options_.bundles_redact_people;
    auto bundle = app_->SupportBundle(s_.tracker.users.at(key).email, bundle_options);
    if (!bundle.ok())
      return InternalError("support bundle of " + key + ": " + bundle.status().message());
    const std::filesystem::path file = folder / (SafeFileName(key) + ".json");
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << *bundle;
    if (!out) return InternalError("cannot write " + file.string());
  }
  return OkStatus();
}

}  // namespace bcsim::harness
