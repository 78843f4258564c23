// The probe's own checks can fail: a wrong body is counted invalid, a 404 not served, and the
// ids, bodies and order it sends are the ones its header comments promise.
#include <gtest/gtest.h>

#include "probe/classify.h"
#include "probe/document.h"
#include "probe/pool.h"
#include "probe/report.h"
#include "probe/request.h"
#include "probe/runner.h"

namespace bcsim::probe {
namespace {

// A small document: things in buckets, with one schema using `nullable`.
json MiniDocument() {
  return json::parse(R"({
    "openapi": "3.1.0",
    "paths": {
      "/{accountId}/things.json": {
        "post": {"operationId": "CreateThing", "tags": ["Things"],
                 "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewThing"}}}},
                 "responses": {"201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}},
        "get": {"operationId": "ListThings", "tags": ["Things"],
                "responses": {"200": {"content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}}}}
      },
      "/{accountId}/things/{thingId}": {
        "get": {"operationId": "GetThing", "tags": ["Things"],
                "parameters": [{"name": "thingId", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}},
        "put": {"operationId": "UpdateThing",
                "parameters": [{"name": "thingId", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"204": {"description": "no body"}}},
        "delete": {"operationId": "DeleteThing", "tags": ["Things"],
                   "parameters": [{"name": "thingId", "in": "path", "required": true, "schema": {"type": "integer"}}],
                   "responses": {"204": {"description": "no body"}}}
      },
      "/{accountId}/boxes/{gadgetId}/things.json": {
        "post": {"operationId": "CreateGadgetThing", "tags": ["Things"],
                 "parameters": [{"name": "gadgetId", "in": "path", "required": true, "schema": {"type": "integer"}}],
                 "responses": {"201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}
      },
      "/{accountId}/widgets.json": {
        "get": {"operationId": "ListWidgets", "tags": ["Things"],
                "responses": {"200": {"content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}}}}
      },
      "/{accountId}/widgets/{widgetId}/likes.json": {
        "post": {"operationId": "LikeWidget", "tags": ["Things"],
                 "parameters": [{"name": "widgetId", "in": "path", "required": true, "schema": {"type": "integer"}}],
                 "responses": {"204": {"description": "no body"}}}
      },
      "/{accountId}/zebras/{zebraId}": {
        "get": {"operationId": "GetZebra", "tags": ["Zoo"],
                "parameters": [{"name": "zebraId", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}
      },
      "/{accountId}/gadgets.json": {
        "post": {"operationId": "CreateGadget", "tags": ["Gadgets"],
                 "responses": {"201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}
      }
    },
    "components": {"schemas": {
      "Thing": {"type": "object", "required": ["id", "name"],
                "properties": {"id": {"type": "integer"}, "name": {"type": "string", "nullable": true}}},
      "NewThing": {"type": "object", "required": ["name", "due_on", "hours", "color", "owner_id"],
                   "properties": {"name": {"type": "string"}, "due_on": {"type": "string"},
                                  "hours": {"type": "string"}, "note": {"type": "string"},
                                  "color": {"type": "string", "description": "One of: white, red."},
                                  "owner_id": {"type": "integer"}}}
    }}
  })");
}

class MiniDocTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StatusOr<std::unique_ptr<Document>> d = Document::FromJson(MiniDocument());
    ASSERT_TRUE(d.ok()) << d.status().message();
    doc_ = std::move(*d);
  }
  const Operation& Op(const std::string& id) const {
    for (const Operation& op : doc_->operations()) {
      if (op.id == id) return op;
    }
    ADD_FAILURE() << "no operation " << id;
    return doc_->operations().front();
  }
  std::unique_ptr<Document> doc_;
};

TEST_F(MiniDocTest, ReadsOperationsInDocumentOrderWithTagsAndStatuses) {
  ASSERT_EQ(doc_->operations().size(), 10u);
  EXPECT_EQ(Op("GetThing").method, "GET");
  EXPECT_EQ(Op("GetThing").path, "/{accountId}/things/{thingId}");
  EXPECT_EQ(Op("UpdateThing").tag, "(untagged)");
  EXPECT_TRUE(Op("GetThing").success.at(200));
  EXPECT_FALSE(Op("DeleteThing").success.at(204));
  EXPECT_EQ(Op("CreateThing").body_type, "application/json");
}

TEST_F(MiniDocTest, ServesAValidBodyAndANullWhereNullable) {
  EXPECT_EQ(Classify(*doc_, Op("GetThing"), 200, R"({"id": 5, "name": "x"})").outcome, Outcome::kServed);
  EXPECT_EQ(Classify(*doc_, Op("GetThing"), 200, R"({"id": 5, "name": null})").outcome, Outcome::kServed);
  EXPECT_EQ(Classify(*doc_, Op("DeleteThing"), 204, "").outcome, Outcome::kServed);
}

TEST_F(MiniDocTest, CountsAWrongBodyAsInvalidWithItsFirstError) {
  Verdict wrong_type = Classify(*doc_, Op("GetThing"), 200, R"({"id": "five", "name": "x"})");
  EXPECT_EQ(wrong_type.outcome, Outcome::kInvalid);
  EXPECT_NE(wrong_type.detail.find("[id]"), std::string::npos) << wrong_type.detail;
  Verdict missing = Classify(*doc_, Op("GetThing"), 200, R"({"id": 5})");
  EXPECT_EQ(missing.outcome, Outcome::kInvalid);
  EXPECT_NE(missing.detail.find("name"), std::string::npos) << missing.detail;
  EXPECT_EQ(Classify(*doc_, Op("ListThings"), 200, R"([{"id": 5, "name": 7}])").outcome, Outcome::kInvalid);
  EXPECT_EQ(Classify(*doc_, Op("GetThing"), 200, "<html>").outcome, Outcome::kInvalid);
  Verdict undocumented = Classify(*doc_, Op("CreateThing"), 200, R"({"id": 5, "name": "x"})");
  EXPECT_EQ(undocumented.outcome, Outcome::kInvalid);
  EXPECT_EQ(undocumented.detail, "200 is not documented (documented: 201)");
}

TEST_F(MiniDocTest, CountsMissingRoutesAsNotServedAndOtherFailuresAsErrors) {
  EXPECT_EQ(Classify(*doc_, Op("GetThing"), 404, R"({"error":"Not Found"})").outcome, Outcome::kNotServed);
  EXPECT_EQ(Classify(*doc_, Op("GetThing"), 405, "").outcome, Outcome::kNotServed);
  EXPECT_EQ(Classify(*doc_, Op("GetThing"), 501, "").outcome, Outcome::kNotServed);
  EXPECT_EQ(Classify(*doc_, Op("GetThing"), 422, "{}").outcome, Outcome::kError);
  EXPECT_EQ(Classify(*doc_, Op("GetThing"), 500, "").outcome, Outcome::kError);
  Verdict none = Classify(*doc_, Op("GetThing"), 0, "", "", "Connection");
  EXPECT_EQ(none.outcome, Outcome::kError);
  EXPECT_EQ(none.detail, "no response: Connection");
  // A made-up id is not served even if something answered 200.
  Verdict made_up = Classify(*doc_, Op("GetThing"), 200, R"({"id": 1, "name": "x"})", "thingId");
  EXPECT_EQ(made_up.outcome, Outcome::kNotServed);
  EXPECT_EQ(made_up.detail, "no {thingId} known, sent a made-up id: 200");
}

TEST_F(MiniDocTest, GeneratesRequiredPropertiesFromNamesDescriptionsAndThePool) {
  IdPool pool;
  pool.Harvest(json::parse(R"([{"id": 42, "name": "o"}])"), "owners", {}, false);
  ProbeRequest req = BuildRequest(*doc_, Op("CreateThing"), pool, "9", Prefer::kFirstSeen);
  EXPECT_EQ(req.target, "/9/things.json");
  EXPECT_EQ(req.content_type, "application/json");
  EXPECT_EQ(json::parse(req.body), json::parse(R"({"name": "Probe name", "due_on": "2026-12-01",
      "hours": "1.5", "color": "white", "owner_id": 42})"));
}

TEST_F(MiniDocTest, FillsKnownIdsAndMakesUpUnknownOnes) {
  IdPool pool;
  ProbeRequest unknown = BuildRequest(*doc_, Op("GetThing"), pool, "9", Prefer::kFirstSeen);
  EXPECT_EQ(unknown.target, "/9/things/1");
  EXPECT_EQ(unknown.made_up, "thingId");
  EXPECT_FALSE(IdsKnown(Op("GetThing"), pool, Prefer::kFirstSeen));
  pool.Harvest(json::parse(R"({"id": 77, "name": "t"})"), "things", {}, true);
  ProbeRequest known = BuildRequest(*doc_, Op("GetThing"), pool, "9", Prefer::kFirstSeen);
  EXPECT_EQ(known.target, "/9/things/77");  // exactly the document's form: no .json
  EXPECT_EQ(known.made_up, "");
  EXPECT_EQ(known.last_id, 77);
}

// Answers like a tiny server: POST /things.json creates, everything else echoes thing 100.
struct FakeServer {
  std::vector<std::string> log;
  HttpAnswer operator()(const ProbeRequest& r) {
    log.push_back(r.method + " " + r.target);
    if (r.method == "POST" && r.target == "/9/gadgets.json") return {201, R"({"id": 300, "name": "g"})", ""};
    if (r.method == "POST" && r.target == "/9/boxes/300/things.json") return {201, R"({"id": 200, "name": "c"})", ""};
    if (r.method == "POST" && r.target == "/9/widgets/400/likes.json") return {204, "", ""};
    if (r.method == "POST") return {201, R"({"id": 100, "name": "n"})", ""};
    if (r.method == "GET" && r.target == "/9/widgets.json") return {200, R"([{"id": 400, "name": "w"}])", ""};
    if (r.method == "GET" && r.target == "/9/things.json") return {200, R"([{"id": 100, "name": "n"}])", ""};
    if (r.method == "GET") return {200, R"({"id": 100, "name": "wrong": 1})", ""};
    return {204, "", ""};
  }
};

TEST_F(MiniDocTest, RunsCreatesThenReadsThenUpdatesThenDeletesAndWaitsForIds) {
  FakeServer server;
  Prober prober(*doc_, [&](const ProbeRequest& r) { return server(r); }, {"9", "http://x", {}, 10});
  std::vector<Result> results = prober.Run();
  ASSERT_EQ(results.size(), 10u);
  // Document order is the paths' order (the official document sorts them). CreateGadgetThing
  // needs a gadget id: it waits for CreateGadget, later in document order. LikeWidget needs a
  // widget only a read shows: it is carried into the read phase. No answer shows a zebra:
  // GetZebra goes last, with a made-up id.
  EXPECT_EQ(server.log, (std::vector<std::string>{
                            "POST /9/gadgets.json", "POST /9/things.json", "POST /9/boxes/300/things.json",
                            "GET /9/things.json", "GET /9/things/100", "GET /9/widgets.json",
                            "POST /9/widgets/400/likes.json", "PUT /9/things/100",
                            "DELETE /9/things/200",  // the newest thing the probe created
                            "GET /9/zebras/1"}));
  Tally t = TallyOf(results);
  EXPECT_EQ(t.served, 8);
  EXPECT_EQ(t.invalid, 1);     // GetThing's body is not JSON
  EXPECT_EQ(t.not_served, 1);  // GetZebra
  const std::string summary = SummaryText(results);
  EXPECT_NE(summary.find("invalid    read   GET    /{accountId}/things/{thingId}  GetThing: 200 body is not JSON"),
            std::string::npos)
      << summary;
  EXPECT_NE(summary.find("not served read   GET    /{accountId}/zebras/{zebraId}  GetZebra: no {zebraId} known, "
                         "sent a made-up id: 200"),
            std::string::npos)
      << summary;
  json report = ReportJson(results, 0);
  EXPECT_EQ(report["by_tag"]["Things"]["served"], 6);
  EXPECT_EQ(report["by_tag"]["Zoo"]["not_served"], 1);
  EXPECT_EQ(report["served"], 8);
}

TEST_F(MiniDocTest, SeedFollowsTheAccountsUrlsOnceEachAndLearnsTheirIds) {
  std::vector<std::string> log;
  Transport transport = [&](const ProbeRequest& r) -> HttpAnswer {
    log.push_back(r.target);
    if (r.target == "/9/things.json") {
      return {200, R"([{"id": 5, "url": "http://x/9/things/5.json", "app_url": "http://x/9/things/5.json"},
                       {"id": 6, "url": "http://elsewhere/9/things/6.json", "comments_url": "http://x/8/c.json"}])", ""};
    }
    if (r.target == "/9/things/5.json") return {200, R"({"id": 5, "self_url": "http://x/9/things.json"})", ""};
    return {404, "", ""};
  };
  Prober prober(*doc_, transport, {"9", "http://x", {"/9/things.json"}, 10});
  EXPECT_EQ(prober.Seed(), 2);
  EXPECT_EQ(log, (std::vector<std::string>{"/9/things.json", "/9/things/5.json"}));
  EXPECT_TRUE(prober.pool().Find(5)->tags.count("c:things"));
  EXPECT_TRUE(prober.pool().Find(6)->tags.count("c:things"));  // the list it came in
}

TEST(ReportTest, FloorIsMetAtItsValueAndMissedJustBelow) {
  Tally t;
  t.total = 250;
  t.served = 47;  // 18.8%
  EXPECT_TRUE(MeetsFloor(t, 18.8));
  EXPECT_TRUE(MeetsFloor(t, 0));
  EXPECT_FALSE(MeetsFloor(t, 18.9));
  t.served = 46;
  EXPECT_FALSE(MeetsFloor(t, 18.8));
  t.served = 250;
  EXPECT_TRUE(MeetsFloor(t, 100));
}

TEST(IdPoolTest, TagsObjectsByTypeUrlKeyAndDockName) {
  IdPool pool;
  pool.Harvest(json::parse(R"({"id": 10, "name": "P", "url": "http://h/1/projects/10.json",
      "dock": [{"id": 11, "name": "chat", "url": "http://h/1/chats/11.json"},
               {"id": 12, "name": "chat", "url": "http://h/1/chats/12.json"}]})"), "projects", {}, false);
  pool.Harvest(json::parse(R"({"id": 20, "name": "Q", "url": "http://h/1/projects/20.json",
      "dock": [{"id": 21, "name": "chat", "url": "http://h/1/chats/21.json"}]})"), "projects", {}, false);
  pool.Harvest(json::parse(R"([{"id": 30, "type": "Chat::Lines::Text", "creator": {"id": 40, "name": "A"},
      "parent": {"id": 21, "type": "Chat::Transcript"}, "bucket": {"id": 20, "type": "Project"}}])"),
               "lines", {1, 21}, false);
  EXPECT_TRUE(pool.Find(11)->tags.count("d:chat"));
  EXPECT_TRUE(pool.Find(11)->tags.count("c:chats"));
  EXPECT_TRUE(pool.Find(11)->related.count(10));  // nested in project 10
  EXPECT_TRUE(pool.Find(30)->tags.count("t:chatlinestext"));
  EXPECT_TRUE(pool.Find(30)->tags.count("c:lines"));
  EXPECT_TRUE(pool.Find(40)->tags.count("k:creator"));
  EXPECT_TRUE(pool.Find(20)->tags.count("t:project"));

  // /buckets/{bucketId}/chats/{campfireId}/lines/{lineId}: line first, then its chat and bucket.
  std::optional<Id> line = pool.Pick(IdPool::CandidateTags("lineId", "lines"), {}, Prefer::kFirstSeen);
  ASSERT_EQ(line, 30);
  std::optional<Id> chat = pool.Pick(IdPool::CandidateTags("campfireId", "chats"), {30}, Prefer::kFirstSeen);
  EXPECT_EQ(chat, 21);  // not 11, the first chat seen
  EXPECT_EQ(pool.Pick(IdPool::CandidateTags("bucketId", "buckets"), {30, 21}, Prefer::kFirstSeen), 20);
  EXPECT_EQ(pool.Pick(IdPool::CandidateTags("personId", "people"), {}, Prefer::kFirstSeen), 40);
  pool.MarkGone(11);
  EXPECT_EQ(pool.Pick(IdPool::CandidateTags("campfireId", "chats"), {}, Prefer::kFirstSeen), 12);
}

TEST(IdPoolTest, CandidateTagsPutASpecificNameBeforeTheSegment) {
  EXPECT_EQ(IdPool::CandidateTags("messageId", "recordings").front(), "t:message");
  EXPECT_EQ(IdPool::CandidateTags("recordingId", "recordings").front(), "c:recordings");
  EXPECT_EQ(IdPool::CandidateTags("id", "todolists"), (std::vector<std::string>{"c:todolists"}));
  EXPECT_EQ(IdPool::CandidateTags("entryId", "timesheet_entries")[1], "t:timesheetentry");
}

TEST(RequestTest, SplitsDocumentPaths) {
  EXPECT_EQ(PathParams("/{accountId}/reports/users/progress/{personId}.json"),
            (std::vector<std::pair<std::string, std::string>>{{"accountId", ""}, {"personId", "progress"}}));
  EXPECT_EQ(CollectionOf("/{accountId}/chats/{campfireId}/lines.json"), "lines");
  EXPECT_EQ(CollectionOf("/{accountId}/card_tables/cards/{cardId}"), "cards");
}

// The real document: its size, and the classifier on one of its operations.
class RealDocumentTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    StatusOr<std::unique_ptr<Document>> d = Document::Load(BCSIM_OPENAPI_JSON);
    ASSERT_TRUE(d.ok()) << d.status().message();
    doc_ = std::move(*d).release();
  }
  static void TearDownTestSuite() {
    delete doc_;
    doc_ = nullptr;
  }
  static const Operation& Op(const std::string& id) {
    for (const Operation& op : doc_->operations()) {
      if (op.id == id) return op;
    }
    ADD_FAILURE() << "no operation " << id;
    return doc_->operations().front();
  }
  static Document* doc_;
};
Document* RealDocumentTest::doc_ = nullptr;

TEST_F(RealDocumentTest, HasTwoHundredFiftyOperations) { EXPECT_EQ(doc_->operations().size(), 250u); }

TEST_F(RealDocumentTest, CountsAWrongTodoAsInvalidAndA404AsNotServed) {
  Verdict wrong = Classify(*doc_, Op("GetTodo"), 200, R"({"id": "not-a-number", "title": 5})");
  EXPECT_EQ(wrong.outcome, Outcome::kInvalid);
  EXPECT_FALSE(wrong.detail.empty());
  EXPECT_EQ(Classify(*doc_, Op("GetTodo"), 404, "").outcome, Outcome::kNotServed);
  EXPECT_EQ(Classify(*doc_, Op("CompleteTodo"), 204, "").outcome, Outcome::kServed);
}

TEST_F(RealDocumentTest, BuildsBodiesAndQueriesTheDocumentDescribes) {
  IdPool pool;
  ProbeRequest entry = BuildRequest(*doc_, Op("CreateTimesheetEntry"), pool, "9", Prefer::kFirstSeen);
  EXPECT_EQ(json::parse(entry.body), json::parse(R"({"date": "2026-12-01", "hours": "1.5"})"));
  EXPECT_EQ(entry.made_up, "recordingId");
  EXPECT_EQ(BuildRequest(*doc_, Op("ListRecordings"), pool, "9", Prefer::kFirstSeen).target,
            "/9/projects/recordings.json?type=Todo");
  EXPECT_EQ(json::parse(BuildRequest(*doc_, Op("SetCardStepCompletion"), pool, "9", Prefer::kFirstSeen).body),
            json::parse(R"({"completion": "on"})"));
  EXPECT_EQ(json::parse(BuildRequest(*doc_, Op("CreateTool"), pool, "9", Prefer::kFirstSeen).body),
            json::parse(R"({"tool_type": "Chat::Transcript"})"));
  ProbeRequest logo = BuildRequest(*doc_, Op("UpdateAccountLogo"), pool, "9", Prefer::kFirstSeen);
  EXPECT_EQ(logo.content_type, "multipart/form-data; boundary=bcsim-probe-boundary");
  EXPECT_NE(logo.body.find("filename=\"probe.png\""), std::string::npos);
  EXPECT_NE(BuildRequest(*doc_, Op("GetScheduleEntryOccurrence"), pool, "9", Prefer::kFirstSeen).target.find(
                "/occurrences/2026-12-01"),
            std::string::npos);
}

// What a client would do where the document leaves a choice (request.h, pool.h, runner.h):
// each rule, and what the probe sent before it (which the simulator rightly refused).
TEST_F(RealDocumentTest, ChoosesWhatAClientWouldWhereTheDocumentLeavesAChoice) {
  IdPool pool;
  // "other" when a description lists it (before: "dropbox" with a non-Dropbox url).
  pool.Harvest(json::parse(R"({"id": 500, "type": "Vault", "url": "http://h/9/vaults/500.json",
                               "bucket": {"id": 600, "type": "Project"}})"),
               "vaults", {}, false);
  EXPECT_EQ(json::parse(BuildRequest(*doc_, Op("CreateCloudFile"), pool, "9", Prefer::kFirstSeen)
                            .body)["service"],
            "other");
  EXPECT_EQ(
      json::parse(BuildRequest(*doc_, Op("CreateGoogleDocument"), pool, "9", Prefer::kFirstSeen)
                      .body)["document_type"],
      "other");
  // A schedule: no made-up frequency, and days are numbers, not people.
  pool.Harvest(json::parse(R"({"id": 40, "name": "A", "email_address": "a@x"})"), "people", {},
               false);
  const json question =
      json::parse(BuildRequest(*doc_, Op("CreateQuestion"), pool, "9", Prefer::kFirstSeen).body);
  EXPECT_FALSE(question["schedule"].contains("frequency")) << question;
  EXPECT_EQ(question["schedule"]["days"], json::array({1})) << question;
  // The sgid of an attachment the probe uploaded, not the newest person's.
  pool.Harvest(json::parse(R"({"attachable_sgid": "made-by-me"})"), "attachments", {}, true);
  pool.Harvest(json::parse(R"({"id": 41, "name": "B", "attachable_sgid": "a-person"})"), "people",
               {}, false);
  EXPECT_EQ(pool.Sgid("attachable_sgid"), "made-by-me");
  // Enabling takes a tool that is off; anything else the first one seen.
  pool.Harvest(json::parse(R"({"id": 600, "name": "P", "type": "Project", "dock": [
      {"id": 601, "name": "message_board", "enabled": true},
      {"id": 602, "name": "inbox", "enabled": false}]})"),
               "projects", {}, false);
  EXPECT_NE(
      BuildRequest(*doc_, Op("EnableTool"), pool, "9", Prefer::kFirstSeen).target.find("/602/"),
      std::string::npos);
  EXPECT_NE(
      BuildRequest(*doc_, Op("DisableTool"), pool, "9", Prefer::kFirstSeen).target.find("/601/"),
      std::string::npos);
  // A calendar is keyed by its bucket's id.
  EXPECT_EQ(BuildRequest(*doc_, Op("GetCalendar"), pool, "9", Prefer::kFirstSeen).target,
            "/9/calendars/600");
  // An occurrence on the day the entry starts.
  pool.Harvest(
      json::parse(R"({"id": 700, "type": "Schedule::Entry", "starts_at": "2026-06-01T09:00:00Z",
                               "url": "http://h/9/schedule_entries/700.json"})"),
      "entries", {}, true);
  EXPECT_EQ(
      BuildRequest(*doc_, Op("GetScheduleEntryOccurrence"), pool, "9", Prefer::kFirstSeen).target,
      "/9/schedule_entries/700/occurrences/2026-06-01");
  // A card's step is its child by `parent`, not the creator nested in the card.
  pool.Harvest(
      json::parse(R"({"id": 800, "type": "Kanban::Card", "creator": {"id": 40, "name": "A"},
                               "url": "http://h/9/card_tables/cards/800.json"})"),
      "cards", {}, true);
  pool.Harvest(json::parse(R"({"id": 801, "type": "Kanban::Step", "parent": {"id": 800}})"),
               "steps", {}, true);
  EXPECT_EQ(pool.ChildOf(800), 801);
  // Moves are updates: they need what the creates made.
  EXPECT_EQ(PhaseOf(Op("RepositionCardStep")), kUpdate);
  EXPECT_EQ(PhaseOf(Op("MoveCard")), kUpdate);
  EXPECT_EQ(PhaseOf(Op("CreateCardStep")), kCreate);
}

TEST(IdPoolTest, AnUrlNamesTheCollectionOverTheRequestPath) {
  IdPool pool;
  pool.Harvest(json::parse(R"({"id": 30, "type": "Chat::Lines::Upload",
                               "url": "http://h/1/chats/3/lines/30.json"})"),
               "uploads", {}, true);
  EXPECT_EQ(pool.Pick(IdPool::CandidateTags("uploadId", "uploads"), {}, Prefer::kFirstSeen),
            std::nullopt);
  pool.Harvest(
      json::parse(R"([{"id": 31, "type": "Todolist", "url": "http://h/1/todolists/31.json"}])"),
      "groups", {}, false);
  EXPECT_EQ(pool.Pick(IdPool::CandidateTags("groupId", "groups"), {}, Prefer::kFirstSeen), 31);
}

}  // namespace
}  // namespace bcsim::probe
