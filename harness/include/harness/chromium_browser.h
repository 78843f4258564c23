// The real browser behind `bcsim run --browser chromium`: Debian's Chromium driven through
// playwright-core by a small node process (harness/chromium/driver.mjs) that speaks JSON lines
// on its stdin/stdout. Links and buttons are found exactly as HttpBrowser finds them (on the
// page's HTML, parsed with gumbo), then clicked in Chromium, which sends the request itself.
//
// Not thread safe: one per scenario browser, driven by that scenario's thread. Each has its own
// driver process and its own fresh --user-data-dir (so its own cookies); one spare driver is
// launched ahead (a process-wide pool, locked) so the next browser finds Chromium started.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "harness/browser.h"

namespace bcsim::harness {

struct ChromiumPaths {
  std::string chromium = "/usr/bin/chromium";  // $BCSIM_CHROMIUM overrides
  std::string node = "node";                   // $BCSIM_NODE overrides
  std::string driver;                          // $BCSIM_CHROMIUM_DRIVER overrides
};
ChromiumPaths DefaultChromiumPaths();
// "" when Chromium can run here; else why not (the binary is not installed).
std::string ChromiumMissing(const ChromiumPaths& paths);

class ChromiumBrowser final : public Browser {
 public:
  // `log` receives the requests of each navigation together (a click's redirects and all), so
  // the runner can tell them from what the servers did meanwhile.
  ChromiumBrowser(std::string name, ChromiumPaths paths, std::function<Millis()> now,
                  std::function<void(std::vector<Exchange>)> log);
  ~ChromiumBrowser() override;

  StatusOr<Page> Get(const std::string& url) override;
  StatusOr<Page> Post(const std::string& url,
                      const std::vector<std::pair<std::string, std::string>>& fields) override;
  StatusOr<Page> Click(const Page& page, const std::string& text) override;
  StatusOr<Page> Submit(const Page& page, const std::string& button,
                        const std::map<std::string, std::string>& values = {},
                        const std::string& context = "") override;
  std::string ScreenshotPng() override;

 private:
  Status Start();
  // Acting on a page the browser has since left (the steps read /api/me after a page): go back
  // to it first, as a person would.
  Status Back(const Page& page);
  // Sends one command and reads its one-line answer (60 s at most): the answer, or why not.
  StatusOr<nlohmann::json> Call(nlohmann::json command);
  StatusOr<nlohmann::json> Read();  // the next answer line
  // Logs the navigations the driver saw and turns its answer into a Page.
  StatusOr<Page> Navigated(const StatusOr<nlohmann::json>& answer, const std::string& what);

  ChromiumPaths paths_;
  std::function<Millis()> now_;
  std::function<void(std::vector<Exchange>)> log_;
  int fd_ = -1;  // our end of the socketpair (the driver's stdin and stdout)
  int pid_ = -1;
  std::string buffer_;  // bytes read past the last answer line
  Status start_;
  bool started_ = false;
};

}  // namespace bcsim::harness
