// The world read back and recorded: a simulator after some writes, its snapshot (GET
// /__bcsim/world) and its recording (`bcsim record`) served again answer every GET the same.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>
#include <yaml-cpp/yaml.h>

#include "bcsim/clock.h"
#include "bcsim/simulator.h"
#include "bcsim/world_export.h"
#include "harness/support_cli.h"
#include "support/api_client.h"
#include "support/api_walk.h"
#include "support/recorder.h"

namespace bcsim::support {
namespace {

using Json = nlohmann::json;
constexpr Id kAccount = 4000001;
constexpr const char* kUa = "support-test (bcsim@example.com)";

std::string Fixture() {
  std::ifstream in(std::string(BCSIM_FIXTURES_DIR) + "/worlds/recordings.yaml");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// One simulator on port 0 with its own manual clock; 429s are waited out on that clock.
struct Sim {
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(kDefaultStartTime);
  std::unique_ptr<Simulator> sim;
  std::string token;

  explicit Sim(const std::string& yaml) {
    SimulatorOptions options;
    options.clock = clock;
    sim = std::make_unique<Simulator>(options);
    Status s = sim->LoadYaml(yaml, "world.yaml", {{"tracker", "http://127.0.0.1:9"}});
    EXPECT_TRUE(s.ok()) << s.message();
    EXPECT_TRUE(sim->Start().ok());
  }
  std::string Token(const std::string& identity) {
    httplib::Client c(sim->base_url());
    auto res = c.Post("/__bcsim/tokens", Json{{"identity", identity}}.dump(), "application/json");
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
    return res ? Json::parse(res->body).value("access_token", "") : "";
  }
  ApiClient Client(const std::string& identity) {
    ApiClientOptions o;
    o.origin = sim->base_url();
    o.token = Token(identity);
    o.user_agent = kUa;
    o.sleep = [clock = clock](int s) { clock->Advance(s * 1000LL); };
    return ApiClient(o);
  }
  // A write through the API as `identity`; returns the answer's JSON (null for 204).
  Json Write(const std::string& method, const std::string& path, const Json& body,
             const std::string& identity = "alice") {
    httplib::Client c(sim->base_url());
    httplib::Headers h = {{"Authorization", "Bearer " + Token(identity)}, {"User-Agent", kUa}};
    auto res = method == "PUT" ? c.Put(path.c_str(), h, body.dump(), "application/json")
                               : c.Post(path.c_str(), h, body.dump(), "application/json");
    EXPECT_TRUE(res && res->status / 100 == 2)
        << method << " " << path << ": " << (res ? std::to_string(res->status) + " " + res->body
                                                 : std::string("no answer"));
    return res && !res->body.empty() ? Json::parse(res->body, nullptr, false) : Json();
  }
  std::string World() {
    httplib::Client c(sim->base_url());
    auto res = c.Get("/__bcsim/world");
    EXPECT_TRUE(res && res->status == 200);
    return res ? res->body : "";
  }
  WalkResult Walk(const std::string& identity, bool events = false) {
    ApiClient client = Client(identity);
    WalkOptions options;
    options.events = events;
    StatusOr<WalkResult> walk = WalkAccount(client, kAccount, options);
    EXPECT_TRUE(walk.ok()) << walk.status().message();
    return walk.ok() ? *walk : WalkResult{};
  }
};

std::string Path(const std::string& rest) { return "/" + std::to_string(kAccount) + rest; }

// Writes of every kind the walk reads: a message, comments, a completed to-do, a moved card,
// logged time, a new list with a to-do, a document edit.
void SomeWrites(Sim& s) {
  const Json project = s.Client("alice").Get(Path("/projects/2000001.json"))->body;
  Id board = 0, table = 0;
  for (const Json& tool : project["dock"]) {
    if (tool["name"] == "message_board") board = tool["id"];
    if (tool["name"] == "kanban_board") table = tool["id"];
  }
  const std::string bucket = "/buckets/2000001";
  s.Write("POST", Path(bucket + "/message_boards/" + std::to_string(board) + "/messages.json"),
          {{"subject", "Written later"}, {"content", "<div>after the load</div>"}});
  const std::string copy = std::to_string(StableId("todo", "copy"));
  s.Write("POST", Path(bucket + "/recordings/" + copy + "/comments.json"),
          {{"content", "<div>on it</div>"}}, "bob");
  s.Write("POST", Path(bucket + "/todos/" + copy + "/completion.json"), Json::object(), "bob");
  s.Write("POST", Path(bucket + "/recordings/" + copy + "/timesheet/entries.json"),
          {{"date", "2026-12-02"}, {"hours", "2"}}, "bob");
  const Json columns = s.Client("alice").Get(Path(bucket + "/card_tables/" +
                                                  std::to_string(table) + ".json"))->body["lists"];
  s.Write("POST", Path(bucket + "/card_tables/cards/" + std::to_string(StableId("card", "hero")) +
                       "/moves.json"),
          {{"column_id", columns.back()["id"]}});
  const Json list = s.Write("POST", Path(bucket + "/todosets/" +
                                         std::to_string(project["dock"][1]["id"].get<Id>()) +
                                         "/todolists.json"),
                            {{"name", "Made by the API"}});
  s.Write("POST", Path(bucket + "/todolists/" + std::to_string(list["id"].get<Id>()) +
                       "/todos.json"),
          {{"content", "API to-do"}});
}

TEST(WorldReadBackTest, SnapshotAfterWritesAnswersEveryGetTheSame) {
  Sim original(Fixture());
  SomeWrites(original);
  const std::string snapshot = original.World();
  ASSERT_NE(snapshot.find("Written later"), std::string::npos);
  Sim copy(snapshot);
  const WalkResult a = original.Walk("alice", /*events=*/true);
  const WalkResult b = copy.Walk("alice", /*events=*/true);
  EXPECT_GT(a.pages.size(), 100u);  // docks, lists, to-dos, messages, comments, cards, events...
  for (const char* part : {"/messages.json", "/comments.json", "/documents.json", "/events.json",
                           "/subscription.json",
                           "/uploads.json", "/entries.json", "/cards.json", "/timesheet.json",
                           "/todos.json?completed=true", "/groups.json", "/people.json"}) {
    bool walked = false;
    for (const auto& [path, _] : a.pages) walked |= path.find(part) != std::string::npos;
    EXPECT_TRUE(walked) << "the walk never read " << part;
  }
  std::vector<std::string> diffs = CompareWalks(a, b);
  EXPECT_TRUE(diffs.empty()) << diffs.size() << " differences, first:\n" << diffs.front();
  // A client's view is the same too (what it may not see stays hidden in both).
  diffs = CompareWalks(original.Walk("carla"), copy.Walk("carla"));
  EXPECT_TRUE(diffs.empty()) << diffs.front();
  // The next write after the snapshot gets the same id in both, and the same answers follow.
  for (Sim* s : {&original, &copy}) {
    s->Write("POST", Path("/buckets/2000001/recordings/" +
                          std::to_string(StableId("document", "brief")) + "/comments.json"),
             {{"content", "after the snapshot"}});
  }
  diffs = CompareWalks(original.Walk("alice", true), copy.Walk("alice", true));
  EXPECT_TRUE(diffs.empty()) << diffs.size() << " differences, first:\n" << diffs.front();
}

TEST(WorldReadBackTest, TheComparisonSeesOneChange) {
  Sim original(Fixture());
  Sim copy(original.World());
  const WalkResult before = copy.Walk("alice");
  EXPECT_TRUE(CompareWalks(original.Walk("alice"), before).empty());
  copy.Write("POST", Path("/buckets/2000001/recordings/" +
                          std::to_string(StableId("document", "brief")) + "/comments.json"),
             {{"content", "only in the copy"}});
  const std::vector<std::string> diffs = CompareWalks(original.Walk("alice"), copy.Walk("alice"));
  ASSERT_FALSE(diffs.empty());
  bool names_comments = false;
  for (const std::string& d : diffs) names_comments |= d.find("comments.json") != std::string::npos;
  EXPECT_TRUE(names_comments) << diffs.front();
}

// The recording's own world plus a client to mint tokens with (record writes none).
std::string WithClient(const std::string& yaml) {
  YAML::Node doc = YAML::Load(yaml);
  doc["basecamp"]["clients"]["tracker"]["client_id"] = "tracker";
  doc["basecamp"]["clients"]["tracker"]["client_secret"] = "s";
  doc["basecamp"]["clients"]["tracker"]["redirect_uri"] = "http://127.0.0.1:9/cb";
  YAML::Emitter out;
  out << doc;
  return out.c_str();
}

TEST(RecordTest, RecordedAccountAnswersEveryGetTheSame) {
  Sim real(Fixture());
  SomeWrites(real);
  ApiClient client = real.Client("alice");
  RecordOptions options;
  options.account = kAccount;
  std::vector<std::string> progress;
  options.progress = [&](const std::string& line) { progress.push_back(line); };
  StatusOr<World> world = RecordAccount(client, options);
  ASSERT_TRUE(world.ok()) << world.status().message();
  EXPECT_FALSE(progress.empty());
  const std::string yaml = WorldToYaml(*world);
  // The token is nowhere in the world file.
  EXPECT_EQ(yaml.find(real.Token("alice").substr(0, 12)), std::string::npos);
  Sim served(WithClient(yaml));
  // The recorded world keeps Basecamp's default rate limit: the walk waits out its 429s.
  ApiClient served_client = served.Client("alice");
  StatusOr<WalkResult> b = WalkAccount(served_client, kAccount);
  ASSERT_TRUE(b.ok()) << b.status().message();
  const WalkResult a = real.Walk("alice");
  std::vector<std::string> diffs = CompareWalks(a, *b);
  EXPECT_TRUE(diffs.empty()) << diffs.size() << " differences, first:\n" << diffs.front();
  EXPECT_GT(b->pages.size(), 60u);
  EXPECT_GT(served_client.retries(), 0u);
}

TEST(RecordTest, RedactedPeopleDifferAndNameNoOne) {
  Sim real(Fixture());
  ApiClient client = real.Client("alice");
  RecordOptions options;
  options.account = kAccount;
  options.redact_people = true;
  StatusOr<World> world = RecordAccount(client, options);
  ASSERT_TRUE(world.ok()) << world.status().message();
  const std::string yaml = WorldToYaml(*world);
  for (const char* who : {"Alice", "alice@acme.test", "Bob", "carla@client.test", "Dora"}) {
    EXPECT_EQ(yaml.find(who), std::string::npos) << who;
  }
  Sim served(WithClient(yaml));
  ApiClient served_client = served.Client("person-1");
  StatusOr<WalkResult> b = WalkAccount(served_client, kAccount);
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_FALSE(CompareWalks(real.Walk("alice"), *b).empty());  // names differ: the check can fail
}

TEST(RecordClientTest, FollowsLinkPagesAndRevalidatesWithETags) {
  std::string yaml = Fixture();
  yaml.replace(yaml.find("limits: {rate: false}"), 21, "limits: {rate: false, page_size: 2}");
  Sim s(yaml);
  ApiClient client = s.Client("alice");
  StatusOr<Json> people = client.GetAll(Path("/people.json"));
  ASSERT_TRUE(people.ok()) << people.status().message();
  EXPECT_EQ(people->size(), 4u);  // two pages of two
  const std::size_t before = client.requests();
  ASSERT_TRUE(client.Get(Path("/people.json")).ok());
  EXPECT_EQ(client.requests(), before + 1);
  EXPECT_EQ(client.not_modified(), 1u);  // the second read was a 304, served from the cache
}

TEST(RecordClientTest, RefusesAnAnswerLargerThanItsBound) {
  Sim s(Fixture());
  ApiClientOptions o;
  o.origin = s.sim->base_url();
  o.token = s.Token("alice");
  o.user_agent = kUa;
  o.max_body_bytes = 200;
  ApiClient small(o);
  StatusOr<ApiPage> page = small.Get(Path("/people.json"));
  ASSERT_FALSE(page.ok());
  EXPECT_NE(page.status().message().find("larger than 200 bytes"), std::string::npos);
  o.max_body_bytes = 1 << 20;
  ApiClient big(o);
  EXPECT_TRUE(big.Get(Path("/people.json")).ok());
}

TEST(RecordClientTest, GivesUpAfterBoundedRetries) {
  std::string yaml = Fixture();
  yaml.replace(yaml.find("limits: {rate: false}"), 21, "limits: {rate: {requests: 1, per: 1h}}");
  Sim s(yaml);
  ApiClientOptions o;
  o.origin = s.sim->base_url();
  o.token = s.Token("alice");
  o.user_agent = kUa;
  o.max_retries = 2;
  int waited = 0;
  o.sleep = [&](int secs) { waited += secs; };  // the clock does not move: still limited
  ApiClient client(o);
  ASSERT_TRUE(client.Get(Path("/people.json")).ok());
  StatusOr<ApiPage> limited = client.Get(Path("/projects.json"));
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(client.retries(), 2u);
  EXPECT_GT(waited, 0);
  EXPECT_LE(waited, 2 * 60);  // each Retry-After cut to max_retry_after_s
}

// Runs `bcsim ARGS...` (snapshot, record) in-process; returns the exit code, stdout and stderr.
struct CliRun {
  int code = 0;
  std::string out, err;
};
CliRun RunCli(std::vector<std::string> args) {
  CLI::App app{"bcsim"};
  int code = 0;
  harness::AddSnapshotCommand(app, &code);
  harness::AddRecordCommand(app, &code);
  std::vector<const char*> argv = {"bcsim"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::stringstream out, err;
  std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
  std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    code = app.exit(e);
  }
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  return {code, out.str(), err.str()};
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(SupportCliTest, SnapshotAndRecordWriteWorldsAndNeverTheToken) {
  Sim s(Fixture());
  const std::string dir = ::testing::TempDir();
  CliRun snap = RunCli({"snapshot", "--url", s.sim->base_url(), "-o", dir + "/snap.yaml"});
  ASSERT_EQ(snap.code, 0) << snap.err;
  EXPECT_NE(ReadAll(dir + "/snap.yaml").find("\"Kickoff\""), std::string::npos);
  const std::string token = s.Token("alice");
  {
    std::ofstream f(dir + "/token");
    f << token << "\n";
  }
  CliRun rec = RunCli({"record", "--basecamp", s.sim->base_url(), "--token-file", dir + "/token",
                       "--account", std::to_string(kAccount), "-o", dir + "/rec.yaml"});
  ASSERT_EQ(rec.code, 0) << rec.err;
  EXPECT_NE(rec.err.find("recorded 1 projects, 3 to-dos"), std::string::npos) << rec.err;
  const std::string world = ReadAll(dir + "/rec.yaml");
  EXPECT_NE(world.find("\"Kickoff\""), std::string::npos);
  for (const std::string& text : {world, rec.out, rec.err}) {
    EXPECT_EQ(text.find(token), std::string::npos);
  }
  // A wrong token fails, naming the status, and still prints no token.
  {
    std::ofstream f(dir + "/token");
    f << "not-a-token-" << token.substr(0, 4);
  }
  CliRun bad = RunCli({"record", "--basecamp", s.sim->base_url(), "--token-file", dir + "/token",
                       "--account", std::to_string(kAccount), "-o", dir + "/bad.yaml"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("answered 401"), std::string::npos) << bad.err;
  EXPECT_EQ(bad.err.find("not-a-token"), std::string::npos);
  CliRun missing = RunCli({"snapshot", "--url", "http://127.0.0.1:1", "-o", dir + "/x.yaml"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("cannot reach"), std::string::npos);
}

}  // namespace
}  // namespace bcsim::support
