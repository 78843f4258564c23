// Internal: one scenario's live world: the simulator, the bcsync App, the virtual time, the
// browsers, and the exchange log. Built and driven by one thread (the runner's).
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "bcsim/simulator.h"
#include "bcsync/app.h"
#include "harness/browser.h"
#include "harness/result.h"
#include "harness/runner.h"
#include "harness/scenario.h"
#include "harness/virtual_time.h"

namespace httplib {
class Client;
}

namespace bcsim::harness {

class Session {
 public:
  Session(const Scenario& scenario, const RunOptions& options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Starts the simulator, then the App (it needs the simulator's origin), loads the world with
  // {tracker} = the App's origin, seeds the tracker's company and users.
  Status Start();

  // steps.cpp: plays one step. The Status says what was expected and what was found.
  Status RunStep(const Step& step);
  // expectations.cpp: checks one expectation.
  Status Check(const Expectation& e);
  Status CheckTimesheet(const Expectation& e);  // expectations.cpp
  Status CheckTimeEntry(const Expectation& e);
  // prove.cpp: after `e` held, checks each of its mutants, which must not hold; returns how
  // many were tried and adds "FILE:LINE:COL: survived: ..." for each that held.
  int Prove(const Expectation& e, std::vector<std::string>* survivors);
  // The faults of the scenario (and of its add_fault steps) that never fired and are not
  // optional, as failures.
  Status CheckFaultsFired();
  void AddStepFault(std::string id, Mark mark, bool optional) {
    step_faults_.push_back({std::move(id), std::move(mark), optional});
  }
  // `bcsim run --bundles DIR`: each tracker user's support bundle, as DIR/SCENARIO/USER.json.
  Status WriteBundles(const std::string& dir);

  // Something the person should know about a step that still passed (e.g. a `login:` the
  // browser did not need); taken with TakeNotes().
  void Note(std::string note) { notes_.push_back(std::move(note)); }
  std::vector<std::string> TakeNotes() { return std::exchange(notes_, {}); }
  const RunOptions& options() const { return options_; }
  std::vector<std::string>& survivors() { return survivors_; }
  int& mutants_tried() { return mutants_tried_; }
  int& expectations_proved() { return expectations_proved_; }

  // Exchanges since the last call (browser and simulator journal, in time order); they are also
  // kept for Recent().
  std::vector<Exchange> TakeExchanges();
  std::vector<Exchange> Recent(std::size_t n) const;
  // The pages the scenario's browsers (not the checker's) showed since the last call: the last
  // page of each, its HTML redacted and capped, with a screenshot from a real browser.
  std::vector<PageShot> TakePages();

  // --- used by steps and expectations ---
  const Scenario& scenario() const { return s_; }
  VirtualTime& time() { return *time_; }
  bcsync::App& app() { return *app_; }
  std::string tracker_url() const { return tracker_url_; }
  std::string sim_url() const { return sim_url_; }
  // Attempts the simulator's webhook deliveries that are due (the runner calls it after every
  // step and every time step of `wait`), so deliveries happen at deterministic points.
  void DeliverWebhooks();
  Browser& BrowserNamed(const std::string& name);
  // The browser a step uses: its `browser:` or the user's own.
  Browser& BrowserFor(const nlohmann::json& args);
  // The tracker's home page in this browser with `user` logged in (logging out whoever else is).
  StatusOr<Page> TrackerHomeAs(Browser& b, const std::string& user);
  // GET a tracker JSON API path with the user's own (expectation) session.
  StatusOr<nlohmann::json> TrackerApi(const std::string& user, const std::string& path);
  // A control API call to the simulator: the JSON answer, or the error with its body.
  StatusOr<nlohmann::json> Control(const std::string& method, const std::string& path, const nlohmann::json& body);
  Status RestartApp();
  const TrackerUser& User(const std::string& key) const { return s_.tracker.users.at(key); }
  // Owner (else admin, else first) user: whose session reads company-wide state.
  std::string CompanyReader() const;
  Millis auto_sync_interval_ms() const { return app_options_.auto_sync_interval_ms; }
  // After configure_tracker saved another interval: `wait` steps advance by it.
  void set_auto_sync_interval_ms(Millis ms) { app_options_.auto_sync_interval_ms = ms; }

 private:
  void Log(Exchange ex);
  // A real browser's navigation at once: its Launchpad pages are known before the journal is
  // read, so the journal's copies of them are not listed twice.
  void LogAll(std::vector<Exchange> batch);
  void PullJournal();
  // "f1 (FILE:LINE:COL): respond {status: 502}" for a fault id of the journal.
  std::string DescribeFault(const std::string& id);

  const Scenario& s_;
  RunOptions options_;
  std::shared_ptr<VirtualTime> time_;
  std::unique_ptr<bcsim::Simulator> sim_;
  std::unique_ptr<bcsync::App> app_;
  bcsync::AppOptions app_options_;
  std::string db_path_;
  std::string tracker_url_;
  std::string sim_url_;
  std::unique_ptr<httplib::Client> control_;
  std::map<std::string, std::unique_ptr<Browser>> browsers_;
  std::vector<Exchange> pending_;
  std::deque<Exchange> recent_;
  std::set<std::string> browser_sim_paths_;  // Launchpad pages the browsers loaded this step
  std::uint64_t journal_seq_ = 0;
  std::vector<std::string> notes_;
  std::map<std::string, std::string> fault_text_;  // fault id -> DescribeFault
  std::vector<std::string> survivors_;
  struct StepFault {
    std::string id;  // the simulator's ("f3")
    Mark mark;
    bool optional = false;
  };
  std::vector<StepFault> step_faults_;
  int mutants_tried_ = 0;
  int expectations_proved_ = 0;
};

}  // namespace bcsim::harness
