// Time write-back against the real simulator, in this process over loopback: an entry tracked
// in bcsync lands on the to-do's timesheet exactly once, whatever happens to its POST.
//
// The fault matrix (issue 10): every fault kind on POST recordings/{id}/timesheet/entries.json
// x (no crash | bcsync dies between sending the POST and recording its outcome, then starts
// again on the same database). After the write-back settles, the simulator must hold exactly
// one entry (none for 422 and 507) and bcsync must show the right state.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>

#include <unistd.h>

#include "bcsim/clock.h"
#include "bcsim/simulator.h"
#include "bcsync/app.h"
#include "mini_browser.h"
#include "bcsync/testing/fake_clock.h"

namespace bcsync::integration {
namespace {

using nlohmann::json;

const char* const kWorld = R"(basecamp:
  identities:
    olivia: {email: olivia@team.test, password: bc-olivia, first_name: Olivia, last_name: Owens}
  clients:
    tracker: {client_id: tracker, client_secret: tracker-secret, redirect_uri: "{tracker}/oauth/basecamp/callback"}
  limits: {rate: false}
  accounts:
    team:
      id: 5100001
      name: Team Co
      people: {olivia: {identity: olivia, owner: true, admin: true}}
      projects:
        launch:
          name: Launch
          todolists:
            checklist:
              name: Checklist
              todos:
                - {key: report, title: Write report, assignees: [olivia]}
)";

class TimeWritebackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = ::testing::TempDir() + "bcsync_time_" + std::to_string(::getpid()) + "_" +
          std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".db";
    std::remove(db_.c_str());
    bcsim::SimulatorOptions so;
    so.clock = std::make_shared<bcsim::ManualClock>(bcsim::kDefaultStartTime);
    so.real_delays = false;
    sim_ = std::make_unique<bcsim::Simulator>(so);
    ASSERT_TRUE(sim_->Start().ok());
    clock_.Set(bcsim::kDefaultStartTime);
    options_.basecamp_url = sim_->base_url();
    options_.client_id = "tracker";
    options_.client_secret = "tracker-secret";
    options_.db_path = db_;
    options_.durable = true;  // a "crash" must find what was committed before it
    options_.token_key = std::string(64, 'd');
    options_.clock = &clock_;
    options_.sleeper = &sleeper_;
    options_.password_hash_iterations = 1;
    app_ = std::make_unique<App>(options_);
    ASSERT_TRUE(app_->Start().ok());
    options_.port = app_->port();
    ASSERT_TRUE(sim_->LoadYaml(kWorld, "time.yaml", {{"tracker", app_->base_url()}}).ok());
    ASSERT_TRUE(app_->SeedCompany("Team Corp").ok());
    ASSERT_TRUE(app_->SeedUser("olivia@team.test", "t-olivia", "owner", "Olivia Owens").ok());
    MiniBrowser b;
    WebPage login = b.Get(app_->base_url() + "/");
    ASSERT_EQ(b.Submit(login, "Log in", {{"email", "olivia@team.test"}, {"password", "t-olivia"}}).status, 200);
    WebPage page = b.Submit(b.Get(app_->base_url() + "/settings/company-integrations/basecamp"), "Turn it on");
    for (int i = 0; i < 4 && page.url.rfind(sim_->base_url(), 0) == 0; ++i) {
      page = HasButton(page, "Allow") ? b.Submit(page, "Allow")
                                      : b.Submit(page, "Sign in", {{"email", "olivia@team.test"}, {"password", "bc-olivia"}});
    }
    auto synced = app_->SyncUser("olivia@team.test");
    ASSERT_TRUE(synced.ok() && synced->ok) << (synced.ok() ? synced->code : synced.status().message());
    token_ = Mint();
    todo_ = TodoId();
    ASSERT_NE(todo_, 0);
  }

  void TearDown() override {
    if (app_) app_->Stop();
    app_.reset();
    if (sim_) sim_->Stop();
    std::remove(db_.c_str());
    std::remove((db_ + "-wal").c_str());
    std::remove((db_ + "-shm").c_str());
  }

  // Stops bcsync and starts a new one on the same database and port (crash: armed or not).
  void Restart(bool crash_after_send) {
    app_->Stop();
    app_.reset();
    AppOptions o = options_;
    o.crash_after_timesheet_send = crash_after_send;
    app_ = std::make_unique<App>(o);
    ASSERT_TRUE(app_->Start().ok());
  }

  std::string Mint() {
    httplib::Client control(sim_->base_url());
    auto r = control.Post("/__bcsim/tokens", json{{"identity", "olivia"}, {"client", "tracker"}}.dump(),
                          "application/json");
    return r ? json::parse(r->body)["access_token"].get<std::string>() : "";
  }

  httplib::Headers Bearer() const { return {{"Authorization", "Bearer " + token_}, {"User-Agent", "t (t@t.test)"}}; }

  std::int64_t TodoId() {
    httplib::Client api(sim_->base_url());
    auto r = api.Get("/5100001/my/assignments.json", Bearer());
    if (!r) return 0;
    json a = json::parse(r->body, nullptr, false);
    for (const auto& t : a.value("priorities", json::array())) return t["id"].get<std::int64_t>();
    for (const auto& t : a.value("non_priorities", json::array())) return t["id"].get<std::int64_t>();
    return 0;
  }

  // The to-do's timesheet as the simulator's API shows it.
  json Timesheet() {
    httplib::Client api(sim_->base_url());
    auto r = api.Get("/5100001/recordings/" + std::to_string(todo_) + "/timesheet.json", Bearer());
    return r && r->status == 200 ? json::parse(r->body, nullptr, false) : json();
  }

  int Posts() {
    httplib::Client control(sim_->base_url());
    auto r = control.Get("/__bcsim/requests?since=0&limit=100000");
    int n = 0;
    const json journal = json::parse(r->body);  // kept: a range over a temporary's member would dangle
    for (const auto& q : journal["requests"])
      if (q["method"] == "POST" && q["path"].get<std::string>().find("/timesheet/entries.json") != std::string::npos) ++n;
    return n;
  }

  int AddFault(const json& spec) {
    httplib::Client control(sim_->base_url());
    auto r = control.Post("/__bcsim/faults", spec.dump(), "application/json");
    return r ? r->status : 0;
  }

  TimeRequest Add(const std::string& duration, const std::string& description) {
    TimeRequest r{"add"};
    r.todo_id = todo_;
    r.date = "2026-12-01";
    r.duration = duration;
    r.description = description;
    return r;
  }

  TimeEntryView Only() {
    auto entries = app_->Time("olivia@team.test", TimeRequest{"list"});
    EXPECT_TRUE(entries.ok() && entries->size() == 1u);
    return entries.ok() && !entries->empty() ? entries->front() : TimeEntryView{};
  }

  FakeClock clock_;
  FakeSleeper sleeper_{&clock_};
  AppOptions options_;
  std::string db_;
  std::string token_;
  std::int64_t todo_ = 0;
  std::unique_ptr<bcsim::Simulator> sim_;
  std::unique_ptr<App> app_;
};

TEST_F(TimeWritebackTest, AManualEntryIsWrittenOnceWithItsMarkerAndHours) {
  auto done = app_->Time("olivia@team.test", Add("1h30m", "Drafted the report"));
  ASSERT_TRUE(done.ok()) << done.status().message();
  const TimeEntryView e = Only();
  EXPECT_EQ(e.state, "written");
  json sheet = Timesheet();
  ASSERT_EQ(sheet.size(), 1u);
  EXPECT_EQ(sheet[0]["hours"], "1.5");
  EXPECT_EQ(sheet[0]["date"], "2026-12-01");
  EXPECT_EQ(sheet[0]["id"].get<std::int64_t>(), e.remote_id);
  EXPECT_NE(sheet[0]["description"].get<std::string>().find("Drafted the report [bcsync:"), std::string::npos);
  EXPECT_EQ(Posts(), 1);
}

TEST_F(TimeWritebackTest, ATimerCountsVirtualTimeAndEditsAndDeletionsFollow) {
  TimeRequest start{"start"};
  start.todo_id = todo_;
  ASSERT_TRUE(app_->Time("olivia@team.test", start).ok());
  EXPECT_EQ(Only().state, "running");
  EXPECT_EQ(Timesheet().size(), 0u);  // nothing is written while the timer runs
  clock_.Advance(45 * 60'000);
  TimeRequest stop{"stop"};
  stop.todo_id = todo_;
  ASSERT_TRUE(app_->Time("olivia@team.test", stop).ok());
  TimeEntryView e = Only();
  EXPECT_EQ(e.state, "written");
  EXPECT_EQ(e.minutes, 45);
  ASSERT_EQ(Timesheet().size(), 1u);
  EXPECT_EQ(Timesheet()[0]["hours"], "0.75");

  TimeRequest edit{"edit"};
  edit.entry_id = e.id;
  edit.duration = "2h";
  ASSERT_TRUE(app_->Time("olivia@team.test", edit).ok());
  EXPECT_EQ(Only().state, "written");
  ASSERT_EQ(Timesheet().size(), 1u);
  EXPECT_EQ(Timesheet()[0]["hours"], "2");

  TimeRequest del{"delete"};
  del.entry_id = e.id;
  ASSERT_TRUE(app_->Time("olivia@team.test", del).ok());
  EXPECT_EQ(Only().state, "deleted");  // kept locally, gone from Basecamp
  EXPECT_EQ(Timesheet().size(), 0u);
}

TEST_F(TimeWritebackTest, BadInputIsRefusedWithAClearMessageAndNothingIsSent) {
  auto bad = app_->Time("olivia@team.test", Add("25h", "too long"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("duration: expected 1 minute to 24 hours"), std::string::npos);
  TimeRequest wrong_date = Add("1h", "x");
  wrong_date.date = "2026-02-30";
  ASSERT_FALSE(app_->Time("olivia@team.test", wrong_date).ok());
  TimeRequest other_task = Add("1h", "x");
  other_task.todo_id = 42;
  ASSERT_FALSE(app_->Time("olivia@team.test", other_task).ok());
  EXPECT_EQ(Posts(), 0);
}

// The check of the matrix must be able to fail: a client that blindly re-POSTs after a dropped
// answer leaves two entries, and the same count then says so.
TEST_F(TimeWritebackTest, ExactlyOnceCheckCatchesABlindRetry) {
  ASSERT_EQ(AddFault({{"match", {{"method", "POST"}, {"path", "/{account}/recordings/{id}/timesheet/entries.json"}}},
                      {"times", 1},
                      {"drop_after_handling", true}}),
            201);
  httplib::Client naive(sim_->base_url());
  const std::string body = R"({"date":"2026-12-01","hours":"1:00","description":"naive"})";
  const std::string path = "/5100001/recordings/" + std::to_string(todo_) + "/timesheet/entries.json";
  for (int i = 0; i < 2; ++i) {
    auto r = naive.Post(path, Bearer(), body, "application/json");
    if (r) break;  // the naive client only retries when it heard nothing
  }
  EXPECT_EQ(Timesheet().size(), 2u);  // a duplicate: what bcsync's read-back prevents
}

struct PostFault {
  std::string name;
  json action;
  std::string final_state;  // written | failed
  std::string code;         // for failed
};

const std::vector<PostFault>& PostFaults() {
  static const std::vector<PostFault> k = {
      {"503 x3", {{"times", 3}, {"respond", {{"status", 503}, {"body", "Service Unavailable"}}}}, "written", ""},
      {"429 Retry-After 2", {{"nth", 1}, {"respond", {{"status", 429}, {"headers", {{"Retry-After", "2"}}}}}},
       "written", ""},
      {"drop before stored", {{"times", 1}, {"drop_connection", true}}, "written", ""},
      {"drop after stored", {{"times", 1}, {"drop_after_handling", true}}, "written", ""},
      {"truncated body", {{"times", 1}, {"truncate_body", 10}}, "written", ""},
      {"422", {{"respond", {{"status", 422}, {"body", "{\"error\":\"The timesheet is not enabled\"}"}}}}, "failed",
       "BC_TIME_REJECTED"},
      {"507", {{"respond", {{"status", 507}, {"body", "{\"error\":\"plan limit\"}"}}}}, "failed",
       "BC_TIME_PLAN_LIMIT"},
  };
  return k;
}

class TimeFaultMatrixTest : public TimeWritebackTest {};

TEST_F(TimeFaultMatrixTest, EveryPostFaultWithAndWithoutACrashLeavesEachEntryOnceAndTheRightState) {
  int cells = 0, exactly_once = 0, right_state = 0;
  std::string lines;
  for (const PostFault& kind : PostFaults()) {
    for (bool crash : {false, true}) {
      SCOPED_TRACE(kind.name + (crash ? " + crash" : ""));
      TearDown();
      SetUp();
      json fault = kind.action;
      fault["match"] = {{"method", "POST"}, {"path", "/{account}/recordings/{id}/timesheet/entries.json"}};
      ASSERT_EQ(AddFault(fault), 201);
      if (crash) Restart(/*crash_after_send=*/true);
      auto first = app_->Time("olivia@team.test", Add("1h30m", "Matrix " + kind.name));
      ASSERT_TRUE(first.ok()) << first.status().message();
      if (crash) {
        EXPECT_EQ(Only().state, "pending");  // died before recording: in flight
        Restart(/*crash_after_send=*/false);
      }
      // The next write-back (an automatic one, or `bcsync time write`) settles it.
      clock_.Advance(2 * 60 * 60'000);
      app_->RunDueSyncs();
      auto settled = app_->Time("olivia@team.test", TimeRequest{"write"});
      ASSERT_TRUE(settled.ok());
      ++cells;
      const json sheet = Timesheet();
      const std::size_t want = kind.final_state == "written" ? 1u : 0u;
      const TimeEntryView e = Only();
      const bool once = sheet.is_array() && sheet.size() == want;
      const bool state = e.state == kind.final_state && e.code == kind.code &&
                         (want == 0 || (sheet.size() == 1u && sheet[0]["id"].get<std::int64_t>() == e.remote_id));
      EXPECT_TRUE(once) << "timesheet holds " << sheet.dump();
      EXPECT_TRUE(state) << "bcsync shows " << e.state << " " << e.code;
      exactly_once += once;
      right_state += state;
      char line[200];
      std::snprintf(line, sizeof line, "  %-20s %-8s entries %zu (want %zu), POSTs %d, bcsync %s%s%s\n",
                    kind.name.c_str(), crash ? "crash" : "no crash", sheet.is_array() ? sheet.size() : 0, want,
                    Posts(), e.state.c_str(), e.code.empty() ? "" : " ", e.code.c_str());
      lines += line;
      if (kind.name == "429 Retry-After 2") {
        EXPECT_NE(std::find(sleeper_.sleeps().begin(), sleeper_.sleeps().end(), 2000), sleeper_.sleeps().end());
      }
      if (kind.name == "drop after stored") {
        EXPECT_EQ(Posts(), 1) << "a POST was repeated after it was stored";
      }
    }
  }
  std::printf("time write-back fault matrix: %d cells (%zu faults x 2), exactly-once holds in %d, right state in "
              "%d\n%s",
              cells, PostFaults().size(), exactly_once, right_state, lines.c_str());
  EXPECT_EQ(cells, static_cast<int>(PostFaults().size() * 2));
  EXPECT_EQ(exactly_once, cells);
  EXPECT_EQ(right_state, cells);
}

}  // namespace
}  // namespace bcsync::integration
