#include "bcsim/world_export.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "bcsim/recordings.h"
#include "bcsim/world_loader.h"

namespace bcsim {
namespace {

std::string Fixture() {
  std::ifstream in(std::string(BCSIM_FIXTURES_DIR) + "/worlds/recordings.yaml");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

StatusOr<World> Load(const std::string& text) {
  StatusOr<ScenarioDocument> doc = ReadScenarioText(text, "w.yaml");
  if (!doc.ok()) return doc.status();
  return LoadWorld(*doc, {{"tracker", "http://127.0.0.1:9"}});
}

std::string ErrorOf(const std::string& text) {
  StatusOr<World> w = Load(text);
  return w.ok() ? "loaded" : w.status().message();
}

const Recording* ByKey(const Project& p, const std::string& key) {
  for (const Recording& r : p.recordings) {
    if (r.key == key) return &r;
  }
  return nullptr;
}

TEST(WorldRecordingsTest, EveryNamedTypeLoadsUnderItsTool) {
  StatusOr<World> w = Load(Fixture());
  ASSERT_TRUE(w.ok()) << w.status().message();
  Project& p = w->accounts[0].projects[0];
  const Recording* kickoff = ByKey(p, "kickoff");
  ASSERT_NE(kickoff, nullptr);
  EXPECT_EQ(kickoff->type, "Message");
  EXPECT_EQ(kickoff->title, "Kickoff");
  EXPECT_TRUE(kickoff->visible_to_clients);
  EXPECT_EQ(kickoff->parent, FindTool(p, "Message::Board")->id);
  EXPECT_EQ(kickoff->id, StableId("message", "kickoff"));  // derived from the key, stably
  EXPECT_EQ(CommentsCount(*w, kickoff->id), 1);
  const Recording* logo = ByKey(p, "logo");
  ASSERT_NE(logo, nullptr);
  EXPECT_EQ(logo->fields["byte_size"], 2048);
  EXPECT_EQ(logo->parent, FindTool(p, "Vault")->id);
  const Recording* entry = ByKey(p, "launch-day");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->fields["participants"].size(), 2u);
  const Recording* hero = ByKey(p, "hero");
  ASSERT_NE(hero, nullptr);
  EXPECT_EQ(hero->parent, ByKey(p, "doing")->id);
  EXPECT_EQ(ChildrenOf(p, hero->id, "Kanban::Step").size(), 2u);
  EXPECT_EQ(ByKey(p, "done")->type, "Kanban::DoneColumn");
  ASSERT_EQ(p.timesheet_entries.size(), 1u);
  EXPECT_EQ(p.timesheet_entries[0].hours, "1.5");
  EXPECT_EQ(p.timesheet_entries[0].person, "bob");
  // The to-do's comment is a Comment under the to-do.
  const Id todo = p.todosets[0].todolists[0].todos[0].id;
  EXPECT_EQ(CommentsCount(*w, todo), 1);
  EXPECT_EQ(p.timesheet_entries[0].recording, todo);
}

TEST(WorldRecordingsTest, ExportReadsBackToTheSameExport) {
  StatusOr<World> w = Load(Fixture());
  ASSERT_TRUE(w.ok()) << w.status().message();
  // A write after the load (as the API or a step would make it) is in the export too.
  Project& p = w->accounts[0].projects[0];
  std::optional<RecordingRef> doc = FindRecording(*w, ByKey(p, "brief")->id);
  ASSERT_TRUE(doc.has_value());
  AddComment(*w, *doc, "<div>late comment</div>", "alice", w->start_time + 5000);
  const std::string first = WorldToYaml(*w);
  EXPECT_NE(first.find("late comment"), std::string::npos);
  StatusOr<World> again = Load(first);
  ASSERT_TRUE(again.ok()) << again.status().message() << "\n" << first.substr(0, 2000);
  EXPECT_EQ(WorldToYaml(*again), first);
  // The check can fail: a world with one change exports differently.
  again->accounts[0].projects[0].recordings.back().title = "changed";
  EXPECT_NE(WorldToYaml(*again), first);
}

TEST(WorldRecordingsTest, ExportHasNoOAuthStateAndClientsOnlyWhenAsked) {
  StatusOr<World> w = Load(Fixture());
  ASSERT_TRUE(w.ok()) << w.status().message();
  w->access_tokens["tok-live-123"] = AccessToken{"tok-live-123", 0, 0};
  w->refresh_tokens["ref-live-456"] = RefreshToken{"ref-live-456", 0, false};
  ExportOptions no_clients;
  no_clients.clients = false;
  const std::string with = WorldToYaml(*w);
  const std::string without = WorldToYaml(*w, no_clients);
  for (const std::string& text : {with, without}) {
    EXPECT_EQ(text.find("tok-live-123"), std::string::npos);
    EXPECT_EQ(text.find("ref-live-456"), std::string::npos);
  }
  EXPECT_NE(with.find("tracker-secret"), std::string::npos);
  EXPECT_EQ(without.find("tracker-secret"), std::string::npos);
}

TEST(WorldRecordingsTest, StringsThatLookLikeOtherScalarsStayStrings) {
  StatusOr<World> w = Load(Fixture());
  ASSERT_TRUE(w.ok());
  Recording& r = w->accounts[0].projects[0].recordings.back();
  r.title = "true";
  r.fields["odd"] = nlohmann::json::array({"123", 123, "null", nullptr, "1.5", 1.5, false});
  const std::string text = WorldToYaml(*w);
  StatusOr<World> again = Load(text);
  ASSERT_TRUE(again.ok()) << again.status().message();
  const Recording& back = again->accounts[0].projects[0].recordings.back();
  EXPECT_EQ(back.title, "true");
  EXPECT_EQ(back.fields["odd"], r.fields["odd"]);
}

std::string WithProject(const std::string& extra) {
  return R"(basecamp:
  identities:
    alice: {email: a@x.test, password: pw}
  accounts:
    acme:
      people:
        alice: {identity: alice, admin: true}
      projects:
        web:
          todolists:
            launch:
              todos:
                - {key: copy, title: Write copy}
)" + extra;
}

TEST(WorldRecordingsTest, WrongKeysSayWhereAndSuggest) {
  EXPECT_EQ(ErrorOf(WithProject("          mesages: []\n")).rfind(
                "w.yaml:14:11: unknown key `mesages` in project `web` (did you mean `messages`?)",
                0),
            0u)
      << ErrorOf(WithProject("          mesages: []\n"));
  EXPECT_NE(ErrorOf(WithProject("          messages: [{subjet: Hi}]\n"))
                .find("w.yaml:14:23: unknown key `subjet` in message #1 of project `web` (did "
                      "you mean `subject`?)"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WithProject("          messages: [{content: Hi}]\n"))
                .find("w.yaml:14:22: expected `subject`"),
            std::string::npos)
      << ErrorOf(WithProject("          messages: [{content: Hi}]\n"));
  EXPECT_NE(ErrorOf(WithProject("          card_table: {columns: [{title: A, kind: later}]}\n"))
                .find("unknown column kind `later`"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WithProject("          timesheet_entries: [{todo: nope, date: 2026-12-01, "
                                "hours: '1'}]\n"))
                .find("no to-do with key `nope` in project `web`"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WithProject("          timesheet_entries: [{todo: copy, date: 2026-12-01, "
                                "hours: '25'}]\n"))
                .find("expected hours between 0 and 24"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WithProject("          recordings: [{id: 5, type: Mesage}]\n"))
                .find("unknown recording type `Mesage`"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WithProject("          recordings: [{id: 5, type: Comment, parent: 77}]\n"))
                .find("no recording with id 77 in project `web`"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WithProject("          messages: [{subject: A, creator: zed}]\n"))
                .find("unknown person `zed`"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WithProject("          events: [{id: 1, recording: 77, action: created}]\n"))
                .find("no recording with id 77 in project `web`"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WithProject("          subscriptions: [{recording: 77, people: [alice]}]\n"))
                .find("no recording with id 77 in project `web`"),
            std::string::npos);
  // And the same sections, written right, load.
  EXPECT_EQ(ErrorOf(WithProject("          messages: [{subject: A}]\n"
                                "          timesheet_entries: [{todo: copy, date: 2026-12-01, "
                                "hours: '1'}]\n")),
            "loaded");
}

TEST(WorldRecordingsTest, ExplicitIdsWinAndClashesAreNamed) {
  StatusOr<World> w = Load(WithProject("          messages: [{subject: A, id: 123}]\n"));
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_TRUE(FindRecording(*w, 123).has_value());
  EXPECT_NE(ErrorOf(WithProject("          messages: [{subject: A, id: 7}, {subject: B, id: 7}]\n"))
                .find("is already used"),
            std::string::npos);
}

}  // namespace
}  // namespace bcsim
