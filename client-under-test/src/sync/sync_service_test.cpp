#include "sync/sync_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "errors/catalogue.h"
#include "testing/world.h"

namespace bcsync::sync {
namespace {

using ::testing::ElementsAre;
using bcsync::testing::Account;
using bcsync::testing::Href;
using bcsync::testing::JsonResponse;
using bcsync::testing::World;
using bcsync::testing::json;

constexpr std::int64_t kAccount = 4000001;
constexpr std::int64_t kMe = 7001;
constexpr std::int64_t kOther = 7002;

json Todo(std::int64_t id, const std::string& title, std::vector<std::int64_t> assignees, bool completed = false,
          const std::string& status = "active", std::int64_t project = 100) {
  json people = json::array();
  for (auto a : assignees) people.push_back(json{{"id", a}, {"name", "Person " + std::to_string(a)}});
  return json{{"id", id},         {"title", title},        {"content", title},
              {"status", status}, {"completed", completed}, {"assignees", people},
              {"due_on", nullptr}, {"bucket", {{"id", project}, {"name", "Website"}}},
              {"parent", {{"id", 300}, {"title", "Launch"}}}};
}

json Assignment(std::int64_t id, const std::string& title) {
  return json{{"id", id},
              {"type", "todo"},
              {"content", title},
              {"completed", false},
              {"due_on", "2026-12-01"},
              {"bucket", {{"id", 100}, {"name", "Website"}}},
              {"parent", {{"id", 300}, {"title", "Launch"}}},
              {"assignees", json::array({json{{"id", kMe}, {"name", "Alice"}}})}};
}

class SyncServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    alice = world.AddUser("alice@acme.test", "Alice Adams", "owner");
    world.Grant("at-1", 501, "alice@acme.test", "Alice", "Adams", json::array({Account(kAccount, "Acme Inc")}));
    world.Profile(kAccount, kMe, "Alice Adams", "alice@acme.test");
    ASSERT_TRUE(world.Connect(alice, "company").ok);
    world.fake.ClearRequests();
  }

  std::string H() const { return Href(kAccount); }

  void ServeAssignments(const std::vector<json>& items) {
    world.fake.On("GET", H() + "/my/assignments.json",
                  JsonResponse(200, json{{"priorities", json::array()}, {"non_priorities", items}}));
  }

  // One project (id 100) with an enabled todoset 200 (list 300 + group 400) and a disabled
  // todoset 201; the account does not serve my/assignments.json.
  void ServeCrawl(const std::vector<json>& list_todos, const std::vector<json>& group_todos, size_t page = 15) {
    const std::string b = H() + "/buckets/100";
    json dock = json::array(
        {json{{"id", 200}, {"name", "todoset"}, {"enabled", true}, {"url", b + "/todosets/200.json"}},
         json{{"id", 201}, {"name", "todoset"}, {"enabled", false}, {"url", b + "/todosets/201.json"}},
         json{{"id", 202}, {"name", "message_board"}, {"enabled", true}, {"url", b + "/message_boards/202.json"}}});
    world.fake.ServePaged(H() + "/projects.json", {json{{"id", 100}, {"name", "Website"}, {"dock", dock}}}, 15);
    world.fake.ServePaged(b + "/todosets/200/todolists.json",
                          {json{{"id", 300},
                                {"title", "Launch"},
                                {"url", b + "/todolists/300.json"},
                                {"todos_url", b + "/todolists/300/todos.json"},
                                {"groups_url", b + "/todolists/300/groups.json"}}},
                          15);
    world.fake.ServePaged(b + "/todolists/300/todos.json", list_todos, page);
    world.fake.ServePaged(b + "/todolists/300/groups.json",
                          {json{{"id", 400},
                                {"title", "Copywriting"},
                                {"url", b + "/todolists/400.json"},
                                {"todos_url", b + "/todolists/400/todos.json"}}},
                          15);
    world.fake.ServePaged(b + "/todolists/400/todos.json", group_todos, page);
  }

  std::vector<std::string> Titles(const std::string& status = "active") {
    std::vector<std::string> out;
    const std::vector<store::Task> tasks = *world.store.ListTasks(alice.id);
    for (const auto& t : tasks) {
      if (t.status == status) out.push_back(t.title);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  std::string Reason(std::int64_t id) {
    const std::vector<store::Task> tasks = *world.store.ListTasks(alice.id);
    for (const auto& t : tasks) {
      if (t.basecamp_id == id) return t.status + ":" + t.archived_reason;
    }
    return "missing";
  }

  World world;
  store::User alice;
};

TEST_F(SyncServiceTest, FastPathSyncsAssignedTodosWithOneRequest) {
  ServeAssignments({Assignment(1, "Write copy"), Assignment(2, "Fix footer")});
  SyncResult result = world.sync->SyncUser(alice.id);
  ASSERT_TRUE(result.ok) << result.code;
  EXPECT_EQ(Titles(), (std::vector<std::string>{"Fix footer", "Write copy"}));
  EXPECT_EQ(result.requests, 1);
  EXPECT_EQ(result.added, 2);
  auto run = **world.store.LastSyncRun(alice.id);
  EXPECT_EQ(run.outcome, "ok");
  EXPECT_EQ(run.code, "");
}

TEST_F(SyncServiceTest, CrawlKeepsOnlyOpenTodosAssignedToMe) {
  ServeCrawl({Todo(1, "Write copy", {kMe}), Todo(2, "Fix footer", {kOther}), Todo(3, "Old task", {kMe}, true),
              Todo(4, "Pair", {kOther, kMe})},
             {Todo(5, "Proofread", {kMe})});
  SyncResult result = world.sync->SyncUser(alice.id);
  ASSERT_TRUE(result.ok) << result.code;
  EXPECT_EQ(Titles(), (std::vector<std::string>{"Pair", "Proofread", "Write copy"}));
  EXPECT_EQ(world.fake.Count("GET", H() + "/buckets/100/todosets/201"), 0);  // disabled todoset skipped
  EXPECT_EQ(world.fake.Count("GET", H() + "/my/assignments.json"), 1);
  // The account does not serve my/assignments: remembered, not asked again.
  ASSERT_TRUE(world.sync->SyncUser(alice.id).ok);
  EXPECT_EQ(world.fake.Count("GET", H() + "/my/assignments.json"), 1);
}

TEST_F(SyncServiceTest, AccountInactiveIsItsOwnError) {
  world.fake.On("GET", H() + "/my/assignments.json",
                JsonResponse(404, json{{"status", 404}, {"error", "Not Found"}}, {{"reason", "Account Inactive"}}));
  SyncResult result = world.sync->SyncUser(alice.id);
  EXPECT_EQ(result.code, errors::kAccountInactive);
  EXPECT_EQ(world.fake.total(), 1);  // not retried, no crawl
}

TEST_F(SyncServiceTest, ApiDisabledIsItsOwnError) {
  world.fake.On("GET", H() + "/my/assignments.json",
                JsonResponse(404, json{{"status", 404}}, {{"reason", "API Disabled"}}));
  EXPECT_EQ(world.sync->SyncUser(alice.id).code, errors::kApiDisabled);
}

TEST_F(SyncServiceTest, ArchivesVanishedTasksWithTheirReason) {
  ServeAssignments({Assignment(1, "A"), Assignment(2, "B"), Assignment(3, "C"), Assignment(4, "D"),
                    Assignment(5, "E"), Assignment(6, "F")});
  ASSERT_TRUE(world.sync->SyncUser(alice.id).ok);
  ServeAssignments({Assignment(6, "F")});
  const std::string b = H() + "/buckets/100/todos/";
  world.fake.On("GET", b + "1.json", JsonResponse(200, Todo(1, "A", {kMe}, true)));
  world.fake.On("GET", b + "2.json", JsonResponse(200, Todo(2, "B", {kMe}, false, "trashed")));
  world.fake.On("GET", b + "3.json", JsonResponse(200, Todo(3, "C", {kMe}, false, "archived")));
  world.fake.On("GET", b + "4.json", JsonResponse(200, Todo(4, "D", {kOther})));
  // 5: 404 (the fake's default)
  SyncResult result = world.sync->SyncUser(alice.id);
  ASSERT_TRUE(result.ok) << result.code;
  EXPECT_EQ(result.archived, 5);
  EXPECT_EQ(Reason(1), "archived:completed");
  EXPECT_EQ(Reason(2), "archived:trashed");
  EXPECT_EQ(Reason(3), "archived:archived");
  EXPECT_EQ(Reason(4), "archived:reassigned");
  EXPECT_EQ(Reason(5), "archived:not_visible");
  EXPECT_EQ(Reason(6), "active:");
  // Un-completed in Basecamp: it comes back.
  ServeAssignments({Assignment(6, "F"), Assignment(1, "A")});
  ASSERT_TRUE(world.sync->SyncUser(alice.id).ok);
  EXPECT_EQ(Reason(1), "active:");
}

TEST_F(SyncServiceTest, FailureOnPageThreeKeepsTheOldTaskList) {
  std::vector<json> todos;
  for (int i = 1; i <= 40; ++i) todos.push_back(Todo(i, "T" + std::to_string(i), {kMe}));
  ServeCrawl(todos, {});
  ASSERT_TRUE(world.sync->SyncUser(alice.id).ok);
  ASSERT_EQ(Titles().size(), 40u);
  const auto before = *world.store.ListTasks(alice.id);
  // Now the list changed, but page 3 keeps failing.
  std::vector<json> changed(todos.begin(), todos.begin() + 35);
  ServeCrawl(changed, {});
  world.fake.On("GET", H() + "/buckets/100/todolists/300/todos.json?page=3", JsonResponse(503, json::object()));
  SyncResult result = world.sync->SyncUser(alice.id);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.code, errors::kUnavailable);
  const auto after = *world.store.ListTasks(alice.id);
  ASSERT_EQ(after.size(), before.size());
  for (size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].basecamp_id, before[i].basecamp_id);
    EXPECT_EQ(after[i].status, "active");
  }
  auto run = **world.store.LastSyncRun(alice.id);
  EXPECT_EQ(run.outcome, "error");
  EXPECT_EQ(run.code, errors::kUnavailable);
  EXPECT_THAT(world.sleeper.sleeps(), ElementsAre(1000, 2000));
}

TEST_F(SyncServiceTest, RefreshesBeforeExpiry) {
  ServeAssignments({Assignment(1, "A")});
  world.fake.On("POST", "http://bc.test/authorization/token",
                JsonResponse(200, json{{"access_token", "at-2"}, {"expires_in", 1209600}}));  // no refresh_token
  world.clock.Advance(1209600LL * 1000 - 4 * 60 * 1000);  // 4 minutes before expiry
  ASSERT_TRUE(world.sync->SyncUser(alice.id).ok);
  auto requests = world.fake.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].body, "type=refresh&client_id=tracker&client_secret=s3cret&refresh_token=refresh-at-1");
  EXPECT_THAT(requests[1].headers,
              ::testing::Contains(std::pair<std::string, std::string>("Authorization", "Bearer at-2")));
  auto p = world.Personal(alice);
  EXPECT_EQ(p.access_token, "at-2");
  EXPECT_EQ(p.refresh_token, "refresh-at-1");  // kept when the response omits it
}

TEST_F(SyncServiceTest, DoesNotRefreshWellBeforeExpiry) {
  ServeAssignments({Assignment(1, "A")});
  world.clock.Advance(1209600LL * 1000 - 6 * 60 * 1000);
  ASSERT_TRUE(world.sync->SyncUser(alice.id).ok);
  EXPECT_EQ(world.fake.Count("POST", "http://bc.test/authorization/token"), 0);
}

TEST_F(SyncServiceTest, RefreshesOnceOn401) {
  world.fake.OnSeq("GET", H() + "/my/assignments.json",
                   {JsonResponse(401, json{{"error", "OAuth token expired (old age)."}}),
                    JsonResponse(200, json{{"priorities", json::array()}, {"non_priorities", json::array()}})});
  world.fake.On("POST", "http://bc.test/authorization/token",
                JsonResponse(200, json{{"access_token", "at-2"}, {"refresh_token", "rt-2"}, {"expires_in", 1209600}}));
  ASSERT_TRUE(world.sync->SyncUser(alice.id).ok);
  EXPECT_EQ(world.fake.Count("POST", "http://bc.test/authorization/token"), 1);
  EXPECT_EQ(world.Personal(alice).refresh_token, "rt-2");
}

struct PermanentCase {
  int status;
  std::string body;
  std::string code;
};

class PermanentRefreshFailureTest : public SyncServiceTest, public ::testing::WithParamInterface<PermanentCase> {};

TEST_P(PermanentRefreshFailureTest, NeedsReconnectAndStopsCalling) {
  world.fake.On("GET", H() + "/my/assignments.json", JsonResponse(401, json{{"error", "expired"}}));
  world.fake.On("POST", "http://bc.test/authorization/token", bcsync::testing::TextResponse(GetParam().status,
                                                                                            GetParam().body));
  SyncResult result = world.sync->SyncUser(alice.id);
  EXPECT_EQ(result.code, GetParam().code);
  auto p = world.Personal(alice);
  EXPECT_EQ(p.state, "needs_reconnect");
  EXPECT_EQ(p.error_code, GetParam().code);
  world.fake.ClearRequests();
  EXPECT_EQ(world.sync->SyncUser(alice.id).code, GetParam().code);
  world.clock.Advance(60 * 60 * 1000);
  world.sync->RunDue(15 * 60 * 1000);
  EXPECT_EQ(world.fake.total(), 0);
}

INSTANTIATE_TEST_SUITE_P(
    Codes, PermanentRefreshFailureTest,
    ::testing::Values(PermanentCase{400, "{\"error\":\"authorization_expired\"}", errors::kPasswordChanged},
                      PermanentCase{400, "{\"error\":\"invalid_grant\"}", errors::kTokenRevoked},
                      PermanentCase{401, "Unknown Basecamp ID.", errors::kNoAccountsLeft}));

// Issue 10, item 6: when the refresh after a 401 fails, the user sees the refresh's error.
struct RefreshFailureCase {
  std::string name;
  int status;  // 0: no response at all
  std::string body;
  std::string code;
  std::string state;  // the personal integration afterwards
};

class RefreshFailureAfter401Test : public SyncServiceTest,
                                   public ::testing::WithParamInterface<RefreshFailureCase> {};

TEST_P(RefreshFailureAfter401Test, ShowsTheRefreshErrorNotThe401) {
  world.fake.On("GET", H() + "/my/assignments.json", JsonResponse(401, json{{"error", "OAuth token expired"}}));
  const std::string token_url = "http://bc.test/authorization/token";
  if (GetParam().status == 0) {
    world.fake.Unreachable(token_url);
  } else {
    world.fake.On("POST", token_url, bcsync::testing::TextResponse(GetParam().status, GetParam().body));
  }
  SyncResult result = world.sync->SyncUser(alice.id);
  EXPECT_EQ(result.code, GetParam().code);
  EXPECT_EQ((**world.store.LastSyncRun(alice.id)).code, GetParam().code);
  EXPECT_EQ(world.Personal(alice).state, GetParam().state);
  EXPECT_EQ(world.fake.Count("POST", token_url), 1);                // one refresh, a POST: never resent
  EXPECT_EQ(world.fake.Count("GET", H() + "/my/assignments.json"), 1);  // no replay without a new token
}

INSTANTIATE_TEST_SUITE_P(
    Refresh, RefreshFailureAfter401Test,
    ::testing::Values(
        RefreshFailureCase{"Unavailable", 503, "", errors::kUnavailable, "on"},
        RefreshFailureCase{"NoResponse", 0, "", errors::kUnavailable, "on"},
        RefreshFailureCase{"RateLimited", 429, "", errors::kRateLimited, "on"},
        RefreshFailureCase{"PasswordChanged", 400, "{\"error\":\"authorization_expired\"}", errors::kPasswordChanged,
                           "needs_reconnect"},
        RefreshFailureCase{"NoAccountsLeft", 401, "Unknown Basecamp ID.", errors::kNoAccountsLeft, "needs_reconnect"},
        RefreshFailureCase{"Misconfigured", 401, "{\"error\":\"invalid_client\"}", errors::kClientMisconfigured, "on"},
        RefreshFailureCase{"Malformed", 200, "{}", errors::kUnexpectedResponse, "on"}),
    [](const ::testing::TestParamInfo<RefreshFailureCase>& info) { return info.param.name; });

// The wrong variant: when the refresh works and the replay is refused again, the 401 it is.
TEST_F(SyncServiceTest, A401AfterASuccessfulRefreshIsRevoked) {
  world.fake.On("GET", H() + "/my/assignments.json", JsonResponse(401, json{{"error", "OAuth token expired"}}));
  world.fake.On("POST", "http://bc.test/authorization/token",
                JsonResponse(200, json{{"access_token", "at-2"}, {"refresh_token", "rt-2"}, {"expires_in", 1209600}}));
  SyncResult result = world.sync->SyncUser(alice.id);
  EXPECT_EQ(result.code, errors::kTokenRevoked);
  EXPECT_EQ(world.Personal(alice).state, "needs_reconnect");
  EXPECT_EQ(world.fake.Count("GET", H() + "/my/assignments.json"), 2);
}

// Issue 10, item 4: a 403 on my/assignments is a permission problem: no crawl, nothing
// remembered, and the next sync asks my/assignments again.
TEST_F(SyncServiceTest, ForbiddenAssignmentsFailWithPermissionDeniedAndNoCrawl) {
  ServeCrawl({Todo(1, "Write copy", {kMe})}, {});
  world.fake.On("GET", H() + "/my/assignments.json", JsonResponse(403, json{{"error", "Forbidden"}}));
  SyncResult result = world.sync->SyncUser(alice.id);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.code, errors::kPermissionDenied);
  EXPECT_EQ(result.message, errors::Lookup(errors::kPermissionDenied).message);
  EXPECT_EQ(world.fake.Count("GET", H() + "/my/assignments.json"), 1);  // a 403 is not retried
  EXPECT_EQ(world.fake.Count("GET", H() + "/projects.json"), 0);
  EXPECT_FALSE(*world.store.GetAccountFlag(kAccount, "no_assignments"));
  EXPECT_EQ(world.sync->SyncUser(alice.id).code, errors::kPermissionDenied);
  EXPECT_EQ(world.fake.Count("GET", H() + "/my/assignments.json"), 2);
}

// The wrong variant: a plain 404 still means "not served here": crawl and remember.
TEST_F(SyncServiceTest, NotFoundAssignmentsStillFallBackToTheCrawl) {
  ServeCrawl({Todo(1, "Write copy", {kMe})}, {});
  SyncResult result = world.sync->SyncUser(alice.id);
  ASSERT_TRUE(result.ok) << result.code;
  EXPECT_EQ(Titles(), std::vector<std::string>{"Write copy"});
  EXPECT_EQ(world.fake.Count("GET", H() + "/projects.json"), 1);
  EXPECT_TRUE(*world.store.GetAccountFlag(kAccount, "no_assignments"));
}

// Issue 10, item 6: 507 is the account's plan limit, shown as such, and sent once.
TEST_F(SyncServiceTest, InsufficientStorageIsAPlanLimitAndNotRetried) {
  world.fake.On("GET", H() + "/my/assignments.json", JsonResponse(507, json{{"error", "limit"}}));
  SyncResult result = world.sync->SyncUser(alice.id);
  EXPECT_EQ(result.code, errors::kPlanLimit);
  EXPECT_EQ(result.requests, 1);
  EXPECT_TRUE(world.sleeper.sleeps().empty());
}

// Issue 10, item 2, end to end through the sync: a dropped GET is retried and the sync works.
TEST_F(SyncServiceTest, NoResponseIsRetriedThreeTimesThenUnavailable) {
  world.fake.Unreachable(H() + "/my/assignments.json");
  SyncResult result = world.sync->SyncUser(alice.id);
  EXPECT_EQ(result.code, errors::kUnavailable);
  EXPECT_EQ(result.requests, 3);
  EXPECT_THAT(world.sleeper.sleeps(), ElementsAre(1000, 2000));
}

TEST_F(SyncServiceTest, RateLimitedAfterRetriesExhausted) {
  world.fake.On("GET", H() + "/my/assignments.json", JsonResponse(429, json::object(), {{"retry-after", "30"}}));
  SyncResult result = world.sync->SyncUser(alice.id);
  EXPECT_EQ(result.code, errors::kRateLimited);
  EXPECT_EQ(result.requests, 3);
  EXPECT_THAT(world.sleeper.sleeps(), ElementsAre(30000, 30000));
}

TEST_F(SyncServiceTest, NoResponseIsUnavailable) {
  world.fake.Unreachable(H() + "/my/assignments.json");
  EXPECT_EQ(world.sync->SyncUser(alice.id).code, errors::kUnavailable);
}

TEST_F(SyncServiceTest, CrossOriginLinkStopsTheSync) {
  world.fake.On("GET", H() + "/projects.json",
                JsonResponse(200, json::array({json{{"id", 1}, {"dock", json::array()}}}),
                             {{"link", "<http://evil.test/projects.json?page=2>; rel=\"next\""}}));
  EXPECT_EQ(world.sync->SyncUser(alice.id).code, errors::kBadPaginationLink);
}

TEST_F(SyncServiceTest, RunsAutomaticSyncWhenIntervalElapsed) {
  ServeAssignments({Assignment(1, "A")});
  const Millis interval = 15 * 60 * 1000;
  world.clock.Advance(interval - 1);
  world.sync->RunDue(interval);
  EXPECT_EQ(world.fake.total(), 0);
  world.clock.Advance(1);
  world.sync->RunDue(interval);
  EXPECT_EQ(world.fake.total(), 1);
  world.sync->RunDue(interval);  // not due again yet
  EXPECT_EQ(world.fake.total(), 1);
  EXPECT_EQ(Titles(), std::vector<std::string>{"A"});
}

TEST_F(SyncServiceTest, RecordsRequestIds) {
  world.fake.On("GET", H() + "/my/assignments.json",
                JsonResponse(200, json{{"non_priorities", json::array()}}, {{"x-request-id", "abc-123"}}));
  ASSERT_TRUE(world.sync->SyncUser(alice.id).ok);
  EXPECT_EQ((**world.store.LastSyncRun(alice.id)).request_ids, std::vector<std::string>{"abc-123"});
}

TEST_F(SyncServiceTest, ExplainsATodoAssignedToSomeoneElse) {
  world.fake.On("GET", H() + "/todos/42.json", JsonResponse(200, Todo(42, "Fix footer", {kOther})));
  auto text = world.sync->Explain(alice.id, 42);
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("- In your tasks: no\n"), std::string::npos) << *text;
  EXPECT_NE(text->find("- Why: not assigned to you (assignees: Person 7002 (#7002))\n"), std::string::npos) << *text;
}

TEST_F(SyncServiceTest, ExplainsACompletedTodo) {
  json todo = Todo(43, "Old task", {kMe}, true);
  todo["completion"] = {{"created_at", "2026-11-30T10:00:00.000Z"}, {"creator", {{"id", kOther}, {"name", "Bob Brown"}}}};
  world.fake.On("GET", H() + "/todos/43.json", JsonResponse(200, todo));
  auto text = world.sync->Explain(alice.id, 43);
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("- Why: completed on 2026-11-30T10:00:00.000Z by Bob Brown\n"), std::string::npos) << *text;
}

TEST_F(SyncServiceTest, ExplainsATodoThatIsNotVisible) {
  auto text = world.sync->Explain(alice.id, 44);
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("Basecamp answers 404: not visible to your Basecamp login in account Acme Inc"),
            std::string::npos)
      << *text;
}

TEST_F(SyncServiceTest, ExplainsATodoWhoseTodoToolIsSwitchedOff) {
  json todo = Todo(45, "Hidden task", {kMe});
  todo["parent"]["url"] = H() + "/buckets/100/todolists/300.json";
  world.fake.On("GET", H() + "/todos/45.json", JsonResponse(200, todo));
  world.fake.On("GET", H() + "/buckets/100/todolists/300.json",
                JsonResponse(200, json{{"id", 300}, {"parent", {{"id", 900}, {"type", "Todoset"}}}}));
  world.fake.On("GET", H() + "/projects/100.json",
                JsonResponse(200, json{{"id", 100},
                                       {"name", "Website"},
                                       {"dock", json::array({json{{"id", 900}, {"name", "todoset"},
                                                                  {"enabled", false}}})}}));
  auto text = world.sync->Explain(alice.id, 45);
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("- Why: its to-do tool (todoset #900) is switched off in project Website, so the sync "
                       "cannot see it\n"),
            std::string::npos)
      << *text;
}

TEST_F(SyncServiceTest, ExplainsAnAssignedOpenTodoInAnEnabledTool) {
  json todo = Todo(46, "Visible task", {kMe});
  todo["parent"]["url"] = H() + "/buckets/100/todolists/300.json";
  world.fake.On("GET", H() + "/todos/46.json", JsonResponse(200, todo));
  world.fake.On("GET", H() + "/buckets/100/todolists/300.json",
                JsonResponse(200, json{{"id", 300}, {"parent", {{"id", 900}, {"type", "Todoset"}}}}));
  world.fake.On("GET", H() + "/projects/100.json",
                JsonResponse(200, json{{"id", 100}, {"name", "Website"},
                                       {"dock", json::array({json{{"id", 900}, {"enabled", true}}})}}));
  auto text = world.sync->Explain(alice.id, 46);
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("- Why: assigned to you and open: it will appear at the next sync"), std::string::npos)
      << *text;
}

TEST_F(SyncServiceTest, WrongClientSecretIsMisconfiguredAndKeepsTheIntegrationOn) {
  world.fake.On("GET", H() + "/my/assignments.json", JsonResponse(401, json{{"error", "expired"}}));
  world.fake.On("POST", "http://bc.test/authorization/token",
                JsonResponse(401, json{{"error", "invalid_client"},
                                       {"error_description", "Unknown client or wrong client_secret."}}));
  SyncResult result = world.sync->SyncUser(alice.id);
  EXPECT_EQ(result.code, errors::kClientMisconfigured);
  auto p = world.Personal(alice);
  EXPECT_EQ(p.state, "on");
  EXPECT_EQ(p.error_code, "");
  EXPECT_EQ(p.refresh_token, "refresh-at-1");
  EXPECT_EQ((**world.store.LastSyncRun(alice.id)).code, errors::kClientMisconfigured);
}

// The numbers for the closing note: requests per sync for 1,000 assigned to-dos.
TEST_F(SyncServiceTest, CountsRequestsForAThousandAssignedTodos) {
  // 20 projects x 1 list x 50 to-dos, Basecamp's geared pages approximated by 15 per page.
  std::vector<json> projects;
  std::vector<json> assignments;
  for (int p = 0; p < 20; ++p) {
    const std::int64_t pid = 1000 + p;
    const std::string b = H() + "/buckets/" + std::to_string(pid);
    projects.push_back(json{{"id", pid},
                            {"name", "P" + std::to_string(p)},
                            {"dock", json::array({json{{"id", pid * 10},
                                                       {"name", "todoset"},
                                                       {"enabled", true},
                                                       {"url", b + "/todosets/" + std::to_string(pid * 10) + ".json"}}})}});
    world.fake.ServePaged(b + "/todosets/" + std::to_string(pid * 10) + "/todolists.json",
                          {json{{"id", pid * 100}, {"title", "L"}, {"url", b + "/todolists/" + std::to_string(pid * 100) + ".json"}}},
                          15);
    world.fake.ServePaged(b + "/todolists/" + std::to_string(pid * 100) + "/groups.json", {}, 15);
    std::vector<json> todos;
    for (int t = 0; t < 50; ++t) {
      todos.push_back(Todo(pid * 1000 + t, "T", {kMe}, false, "active", pid));
      assignments.push_back(Assignment(pid * 1000 + t, "T"));
    }
    world.fake.ServePaged(b + "/todolists/" + std::to_string(pid * 100) + "/todos.json", todos, 15);
  }
  world.fake.ServePaged(H() + "/projects.json", projects, 15);
  world.store.SetAccountFlag(kAccount, "no_assignments").ok();
  SyncResult crawl = world.sync->SyncUser(alice.id);
  ASSERT_TRUE(crawl.ok) << crawl.code;
  EXPECT_EQ(crawl.active, 1000);
  SyncResult crawl_again = world.sync->SyncUser(alice.id);
  ASSERT_TRUE(crawl_again.ok);
  // 2 project pages + 20 x (1 todolists + 4 todo pages + 1 groups) = 122
  EXPECT_EQ(crawl.requests, 122);
  EXPECT_EQ(crawl_again.requests, 122);
  const auto run = **world.store.LastSyncRun(alice.id);
  EXPECT_NE(run.counts_json.find("\"not_modified\":122"), std::string::npos) << run.counts_json;

  World fast_world;  // a fresh account that serves my/assignments
  store::User a = fast_world.AddUser("alice@acme.test", "Alice Adams", "owner");
  fast_world.Grant("at-1", 501, "alice@acme.test", "Alice", "Adams", json::array({Account(kAccount, "Acme Inc")}));
  fast_world.Profile(kAccount, kMe, "Alice Adams", "alice@acme.test");
  ASSERT_TRUE(fast_world.Connect(a, "company").ok);
  fast_world.fake.On("GET", H() + "/my/assignments.json",
                     JsonResponse(200, json{{"priorities", json::array()}, {"non_priorities", assignments}},
                                  {{"etag", "W/\"a1\""}}));
  SyncResult fast = fast_world.sync->SyncUser(a.id);
  SyncResult fast_again = fast_world.sync->SyncUser(a.id);
  EXPECT_EQ(fast.active, 1000);
  EXPECT_EQ(fast.requests, 1);
  EXPECT_EQ(fast_again.requests, 1);
  std::cout << "[requests] 1000 assigned to-dos: crawl " << crawl.requests << " (second sync " << crawl_again.requests
            << ", of which 304: 122), fast path " << fast.requests << " (second sync " << fast_again.requests
            << ", 304)\n";
}

}  // namespace
}  // namespace bcsync::sync
