// The Content family through HandleApi on fixtures/worlds/acme.yaml: messages and message types,
// files (vaults, documents, uploads, cloud files, Google documents), Campfire, client features
// and Email Forwards. Each write is read back; each refusal (404, 403, 422, 400) is checked
// next to the call that succeeds, so a check that always passed would show.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api.h"
#include "api/api_test_support.h"
#include "bcsim/recordings.h"
#include "bcsim/world_loader.h"

namespace bcsim {
namespace {

using nlohmann::json;

constexpr const char* kAcme = "/4000001";
constexpr Id kWebsite = 2000001;

class ContentTest : public testing::AcmeApiTest {
 protected:
  ContentTest() { now_ = kDefaultStartTime; }
  // Each call happens one second after the previous one, so creation order is visible.
  ApiResponse Call(const std::string& method, const std::string& path, const std::string& body = "",
                   const std::string& identity = "alice",
                   std::multimap<std::string, std::string> params = {}) {
    now_ += 1000;
    return Handle(method, std::string(kAcme) + path, body, identity, std::move(params));
  }
  json Ok(const std::string& method, const std::string& path, const std::string& body = "",
          int status = 200, const std::string& identity = "alice",
          std::multimap<std::string, std::string> params = {}) {
    ApiResponse r = Call(method, path, body, identity, std::move(params));
    EXPECT_EQ(r.status, status) << method << " " << path << ": " << r.body;
    return r.body.empty() ? json() : json::parse(r.body, nullptr, false);
  }
  int StatusOf(const std::string& method, const std::string& path, const std::string& body = "",
               const std::string& identity = "alice") {
    return Call(method, path, body, identity).status;
  }
  static std::string Tool(const char* dock) { return std::to_string(StableId(dock, "website")); }
  static std::string IdOf(const json& j) { return std::to_string(j["id"].get<Id>()); }
  Recording& ToolRecording(const char* dock) {
    return *FindRecording(world_, StableId(dock, "website"))->recording;
  }
  // A recording the API cannot create (forwards, approvals): added as the world would have it.
  std::string Add(const std::string& type, Id parent, const std::string& title,
                  json fields = json::object(), bool visible = false) {
    Recording rec;
    rec.type = type;
    rec.parent = parent;
    rec.title = title;
    rec.content = "<p>" + title + "</p>";
    rec.creator = "bob";
    rec.fields = std::move(fields);
    rec.visible_to_clients = visible;
    now_ += 1000;
    Project& website = world_.accounts[0].projects[0];
    return std::to_string(AddRecording(world_, website, std::move(rec), "bob", now_));
  }
  bool HasEvent(Id recording, const std::string& action) {
    for (const RecordingEvent& e : world_.accounts[0].projects[0].events) {
      if (e.recording == recording && e.action == action) return true;
    }
    return false;
  }
};

TEST_F(ContentTest, AMessageIsCreatedReadUpdatedAndTrashed) {
  const std::string board = "/message_boards/" + Tool("message_board");
  ApiResponse created = Call("POST", board + "/messages.json",
                             R"({"subject":"Kickoff","content":"<p>Hi</p>","status":"active"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const json m = json::parse(created.body);
  EXPECT_EQ(Header(created, "Location"), m["url"].get<std::string>());
  EXPECT_EQ(m["subject"], "Kickoff");
  EXPECT_EQ(m["parent"]["type"], "Message::Board");
  const std::string id = IdOf(m);
  EXPECT_EQ(Ok("GET", "/messages/" + id)["content"], "<p>Hi</p>");
  EXPECT_EQ(Ok("GET", "/buckets/2000001/messages/" + id + ".json")["subject"], "Kickoff");
  EXPECT_EQ(StatusOf("GET", "/buckets/2000002/messages/" + id), 404);  // another bucket

  Ok("POST", board + "/messages.json", R"({"subject":"Second"})", 201);
  const json list = Ok("GET", board + "/messages.json");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["subject"], "Second");  // newest first
  EXPECT_EQ(Ok("GET", board + "/messages.json", "", 200, "alice",
               {{"direction", "asc"}})[0]["subject"], "Kickoff");
  EXPECT_EQ(Ok("GET", board)["messages_count"], 2);

  const json updated = Ok("PUT", "/messages/" + id, R"({"subject":"Kickoff v2"})");
  EXPECT_EQ(updated["subject"], "Kickoff v2");
  EXPECT_EQ(updated["content"], "<p>Hi</p>");  // what the update left out stays
  EXPECT_TRUE(HasEvent(m["id"].get<Id>(), "updated"));

  EXPECT_EQ(StatusOf("PUT", "/recordings/" + id + "/status/trashed.json"), 204);
  EXPECT_EQ(Ok("GET", board + "/messages.json").size(), 1u);
  EXPECT_EQ(Ok("GET", board + "/messages.json", "", 200, "alice", {{"status", "trashed"}}).size(), 1u);
  EXPECT_EQ(Ok("GET", board)["messages_count"], 1);
}

TEST_F(ContentTest, MessageWritesRefuseBadInputAndStrangers) {
  const std::string board = "/message_boards/" + Tool("message_board");
  EXPECT_EQ(StatusOf("POST", board + "/messages.json", R"({"content":"no subject"})"), 422);
  EXPECT_EQ(StatusOf("POST", board + "/messages.json", R"({"subject":""})"), 422);
  EXPECT_EQ(StatusOf("POST", board + "/messages.json", R"({"subject":7})"), 422);
  EXPECT_EQ(StatusOf("POST", board + "/messages.json", R"({"subject":"x","category_id":1})"), 422);
  EXPECT_EQ(StatusOf("POST", board + "/messages.json", R"({"subject":"x","status":"drafted"})"), 422);
  EXPECT_EQ(StatusOf("POST", board + "/messages.json", R"({"subject":"x","subscriptions":[1]})"), 422);
  EXPECT_EQ(StatusOf("POST", board + "/messages.json", "[1]"), 400);
  EXPECT_EQ(StatusOf("GET", "/message_boards/1"), 404);
  EXPECT_EQ(StatusOf("GET", board, "", "alice"), 200);
  // Bob is not in the internal project; its board is not there for him.
  const std::string internal = std::to_string(StableId("message_board", "internal"));
  EXPECT_EQ(StatusOf("GET", "/message_boards/" + internal, "", "alice"), 200);
  EXPECT_EQ(StatusOf("GET", "/message_boards/" + internal, "", "bob"), 404);
  // A disabled board and its messages are out of reach.
  const json m = Ok("POST", board + "/messages.json", R"({"subject":"x"})", 201);
  ToolRecording("message_board").fields["enabled"] = false;
  EXPECT_EQ(StatusOf("GET", board), 404);
  EXPECT_EQ(StatusOf("GET", "/messages/" + IdOf(m)), 404);
}

TEST_F(ContentTest, ClientsSeeOnlyWhatIsVisibleToThemAndChangeOnlyTheirOwn) {
  const std::string board = "/message_boards/" + Tool("message_board");
  ToolRecording("message_board").visible_to_clients = true;
  const json hidden = Ok("POST", board + "/messages.json", R"({"subject":"Internal"})", 201);
  const json shown = Ok("POST", board + "/messages.json",
                        R"({"subject":"For the client","visible_to_clients":true})", 201);
  EXPECT_EQ(StatusOf("GET", "/messages/" + IdOf(hidden), "", "carol"), 404);
  EXPECT_EQ(StatusOf("GET", "/messages/" + IdOf(shown), "", "carol"), 200);
  EXPECT_EQ(Ok("GET", board + "/messages.json", "", 200, "carol").size(), 1u);
  EXPECT_EQ(StatusOf("PUT", "/messages/" + IdOf(shown), R"({"subject":"mine now"})", "carol"), 403);
  EXPECT_EQ(StatusOf("PUT", "/messages/" + IdOf(shown), R"({"subject":"edited"})", "bob"), 200);

  // Client visibility is switched by the team, not by clients.
  const std::string vis = "/recordings/" + IdOf(hidden) + "/client_visibility.json";
  EXPECT_EQ(StatusOf("PUT", vis, R"({"visible_to_clients":true})", "carol"), 404);  // unseen
  EXPECT_EQ(StatusOf("PUT", vis, R"({"visible_to_clients":"yes"})"), 422);
  EXPECT_EQ(Ok("PUT", vis, R"({"visible_to_clients":true})")["visible_to_clients"], true);
  EXPECT_EQ(StatusOf("GET", "/messages/" + IdOf(hidden), "", "carol"), 200);
  EXPECT_EQ(StatusOf("PUT", vis, R"({"visible_to_clients":false})", "carol"), 403);
  EXPECT_EQ(StatusOf("PUT", "/recordings/" + std::to_string(StableId("todo", "copy")) +
                                "/client_visibility.json",
                     R"({"visible_to_clients":true})"),
            422);  // a to-do follows its list
}

TEST_F(ContentTest, MessageTypesStartAsBasecampsDefaultsAndChange) {
  const std::string types = "/buckets/2000001/categories";
  const json defaults = Ok("GET", types + ".json");
  ASSERT_EQ(defaults.size(), 5u);
  EXPECT_EQ(defaults[0]["name"], "Announcement");
  // The SDK's flat form: the types of the caller's first project with a board (this one).
  EXPECT_EQ(Ok("GET", "/categories.json"), defaults);
  ApiResponse made = Call("POST", types + ".json", R"({"name":"Update","icon":"U"})");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = IdOf(json::parse(made.body));
  EXPECT_EQ(Header(made, "Location"), "http://127.0.0.1:4567/4000001" + types + "/" + id + ".json");
  EXPECT_EQ(Ok("GET", types + ".json").size(), 6u);
  EXPECT_EQ(Ok("GET", "/categories/" + id)["name"], "Update");
  EXPECT_EQ(Header(Call("POST", "/categories.json", R"({"name":"Flat","icon":"F"})"), "Location")
                .rfind("http://127.0.0.1:4567/4000001/categories/", 0),
            0u);
  EXPECT_EQ(Ok("GET", types + ".json").size(), 7u);  // the same board
  EXPECT_EQ(StatusOf("DELETE", "/categories/" + IdOf(Ok("GET", types + ".json").back())), 204);
  EXPECT_EQ(Ok("PUT", types + "/" + id, R"({"name":"Weekly update"})")["icon"], "U");
  EXPECT_EQ(Ok("GET", types + "/" + id)["name"], "Weekly update");
  EXPECT_EQ(StatusOf("POST", types + ".json", R"({"name":"No icon"})"), 400);
  EXPECT_EQ(StatusOf("POST", types + ".json", R"({"name":"X","icon":"X"})", "carol"), 403);
  EXPECT_EQ(StatusOf("PUT", types + "/1", R"({"name":"X"})"), 404);

  // A message shows its type until the type is deleted.
  const std::string board = "/message_boards/" + Tool("message_board");
  const json m = Ok("POST", board + "/messages.json",
                    R"({"subject":"x","category_id":)" + id + "}", 201);
  EXPECT_EQ(m["category"]["name"], "Weekly update");
  EXPECT_EQ(StatusOf("DELETE", types + "/" + id), 204);
  EXPECT_EQ(StatusOf("GET", types + "/" + id), 404);
  EXPECT_FALSE(Ok("GET", "/messages/" + IdOf(m)).contains("category"));
  // A default type deleted stays deleted (the defaults were written down on the first change).
  EXPECT_EQ(StatusOf("DELETE", types + "/" + IdOf(defaults[0])), 204);
  EXPECT_EQ(Ok("GET", types + ".json").size(), 4u);
}

TEST_F(ContentTest, MessagesArePinnedAndUnpinned) {
  const std::string board = "/message_boards/" + Tool("message_board");
  const json m = Ok("POST", board + "/messages.json", R"({"subject":"Pin me"})", 201);
  EXPECT_EQ(StatusOf("POST", "/recordings/" + IdOf(m) + "/pin.json"), 204);
  EXPECT_TRUE(HasEvent(m["id"].get<Id>(), "pinned"));
  EXPECT_FALSE(HasEvent(m["id"].get<Id>(), "unpinned"));
  EXPECT_EQ(StatusOf("DELETE", "/recordings/" + IdOf(m) + "/pin.json"), 204);
  EXPECT_TRUE(HasEvent(m["id"].get<Id>(), "unpinned"));
  EXPECT_EQ(StatusOf("POST", "/recordings/" + std::to_string(StableId("todo", "copy")) +
                                 "/pin.json"),
            422);
  EXPECT_EQ(StatusOf("POST", "/recordings/1/pin.json"), 404);
}

TEST_F(ContentTest, VaultsHoldFoldersDocumentsAndUploads) {
  const std::string vault = "/vaults/" + Tool("vault");
  const json top = Ok("GET", vault);
  EXPECT_EQ(top["title"], "Docs & Files");
  EXPECT_EQ(top["vaults_count"], 0);
  const json folder = Ok("POST", vault + "/vaults.json", R"({"title":"Contracts"})", 201);
  EXPECT_EQ(folder["parent"]["id"], top["id"]);
  EXPECT_EQ(StatusOf("POST", vault + "/vaults.json", R"({})"), 422);
  EXPECT_EQ(Ok("PUT", "/vaults/" + IdOf(folder), R"({"title":"Legal"})")["title"], "Legal");
  EXPECT_EQ(Ok("GET", vault + "/vaults.json")[0]["title"], "Legal");

  const json doc = Ok("POST", "/vaults/" + IdOf(folder) + "/documents.json",
                      R"({"title":"NDA","content":"<p>v1</p>"})", 201);
  EXPECT_EQ(StatusOf("POST", "/vaults/" + IdOf(folder) + "/documents.json", R"({"content":"x"})"), 422);
  EXPECT_EQ(Ok("PUT", "/documents/" + IdOf(doc), R"({"content":"<p>v2</p>"})")["title"], "NDA");
  EXPECT_EQ(Ok("GET", "/documents/" + IdOf(doc))["content"], "<p>v2</p>");
  EXPECT_EQ(Ok("GET", "/vaults/" + IdOf(folder))["documents_count"], 1);

  // An upload: the file first (attachments.json), then the upload that uses it.
  EXPECT_EQ(StatusOf("POST", "/attachments.json", "bytes"), 422);  // no name
  const json att = Ok("POST", "/attachments.json", "PNGDATA", 201, "alice", {{"name", "logo.png"}});
  const std::string sgid = att["attachable_sgid"];
  EXPECT_EQ(StatusOf("POST", vault + "/uploads.json", R"({"attachable_sgid":"forged"})"), 422);
  const json up = Ok("POST", vault + "/uploads.json",
                     R"({"attachable_sgid":")" + sgid + R"(","description":"Our logo"})", 201);
  EXPECT_EQ(up["filename"], "logo.png");
  EXPECT_EQ(up["content_type"], "image/png");
  EXPECT_EQ(up["byte_size"], 7);
  EXPECT_EQ(Ok("PUT", "/uploads/" + IdOf(up), R"({"base_name":"brand"})")["filename"], "brand.png");
  EXPECT_EQ(Ok("GET", vault + "/uploads.json").size(), 1u);

  const json att2 = Ok("POST", "/attachments.json", "LONGER-DATA", 201, "alice", {{"name", "logo2.png"}});
  const json v2 = Ok("POST", "/uploads/" + IdOf(up) + "/versions.json",
                     R"({"attachable_sgid":")" + att2["attachable_sgid"].get<std::string>() + R"("})",
                     201);
  EXPECT_EQ(v2["byte_size"], 11);
  const json versions = Ok("GET", "/uploads/" + IdOf(up) + "/versions.json");
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0]["upload"]["current"], true);
  EXPECT_EQ(versions[0]["upload"]["filename"], "logo2.png");
  EXPECT_EQ(versions[1]["upload"]["current"], false);
  EXPECT_EQ(StatusOf("POST", "/uploads/" + IdOf(up) + "/versions.json", R"({})"), 422);

  // Trashing a folder takes it out of its vault's list.
  EXPECT_EQ(StatusOf("PUT", "/recordings/" + IdOf(folder) + "/status/trashed.json"), 204);
  EXPECT_EQ(Ok("GET", vault)["vaults_count"], 0);
  EXPECT_EQ(StatusOf("GET", "/vaults/" + IdOf(folder) + "/documents.json"), 404);
}

TEST_F(ContentTest, CloudFilesAndGoogleDocumentsLinkOutOnlyUnderABucket) {
  const std::string vault = Tool("vault");
  const std::string under = "/buckets/2000001/vaults/" + vault;
  EXPECT_EQ(StatusOf("POST", "/vaults/" + vault + "/cloud_files.json",
                     R"({"service":"dropbox","url":"https://www.dropbox.com/s/a"})"),
            404);
  const json cf = Ok("POST", under + "/cloud_files.json",
                     R"({"service":"dropbox","url":"https://www.dropbox.com/s/a","title":"Specs"})",
                     201);
  EXPECT_EQ(cf["service"]["code"], "dropbox");
  ApiResponse bad = Call("POST", under + "/cloud_files.json",
                         R"({"service":"dropbox","url":"https://evil.test/x"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(json::parse(bad.body)["errors"].contains("url")) << bad.body;
  EXPECT_EQ(StatusOf("POST", under + "/cloud_files.json", R"({"service":"nope","url":"https://x"})"), 422);
  EXPECT_EQ(Ok("PUT", "/cloud_files/" + IdOf(cf),
               R"({"service":"box","url":"https://app.box.com/f/1"})")["service"]["code"],
            "box");
  EXPECT_EQ(Ok("GET", "/cloud_files/" + IdOf(cf))["title"], "Specs");

  // "other" takes any https url, and nothing else (the document).
  const json other = Ok("POST", under + "/cloud_files.json",
                        R"({"service":"other","url":"https://files.example.test/a"})", 201);
  EXPECT_EQ(other["service"]["code"], "other");
  EXPECT_FALSE(other["service"].contains("supporting_text"));
  EXPECT_EQ(StatusOf("POST", under + "/cloud_files.json",
                     R"({"service":"other","url":"http://files.example.test/a"})"),
            422);

  const json gd = Ok("POST", under + "/google_documents.json",
                     R"({"document_type":"sheet","url":"https://docs.google.com/s/1"})", 201);
  EXPECT_EQ(gd["document_type"], "sheet");
  ApiResponse bad_type =
      Call("POST", under + "/google_documents.json",
           R"({"document_type":"spreadsheet","url":"https://docs.google.com/1"})");
  EXPECT_EQ(bad_type.status, 422);
  EXPECT_EQ(json::parse(bad_type.body)["errors"]["document_type"][0],
            "is not a valid document type");
  EXPECT_EQ(StatusOf("POST", under + "/google_documents.json", R"({"document_type":"doc"})"),
            422);  // the url is required (a presence validation only)
  EXPECT_EQ(StatusOf("PUT", "/google_documents/" + IdOf(gd), R"({"url":"https://docs.google.com/d/2"})"),
            422);  // the document type is required too
  EXPECT_EQ(Ok("PUT", "/google_documents/" + IdOf(gd),
               R"({"document_type":"doc","url":"https://docs.google.com/d/2"})")["document_type"],
            "doc");
}

TEST_F(ContentTest, CampfireLinesArePostedEditedByTheirAuthorAndDeleted) {
  const std::string chat = "/chats/" + Tool("chat");
  EXPECT_EQ(Ok("GET", "/chats.json").size(), 2u);  // website and internal
  EXPECT_EQ(Ok("GET", "/chats.json", "", 200, "bob").size(), 1u);
  EXPECT_EQ(Ok("GET", chat)["lines_url"].get<std::string>().find("/lines.json") != std::string::npos, true);

  const json line = Ok("POST", chat + "/lines.json", R"({"content":"Hello"})", 201);
  EXPECT_EQ(line["parent"]["type"], "Chat::Transcript");
  EXPECT_EQ(StatusOf("POST", chat + "/lines.json", R"({"content":""})"), 422);
  EXPECT_EQ(StatusOf("PUT", chat + "/lines/" + IdOf(line), R"({"content":"Hi"})", "bob"), 403);
  EXPECT_EQ(StatusOf("PUT", chat + "/lines/" + IdOf(line), R"({"content":"Hi"})"), 204);
  EXPECT_EQ(Ok("GET", chat + "/lines/" + IdOf(line))["content"], "Hi");
  const std::string other = std::to_string(StableId("chat", "internal"));
  EXPECT_EQ(StatusOf("GET", "/chats/" + other + "/lines/" + IdOf(line)), 404);  // not its chat

  const json up = Ok("POST", chat + "/uploads.json", "GIF89a", 201, "bob", {{"name", "cat.gif"}});
  EXPECT_EQ(up["attachments"][0]["content_type"], "image/gif");
  EXPECT_EQ(StatusOf("POST", chat + "/uploads.json", "GIF89a"), 422);  // no name
  EXPECT_EQ(Ok("GET", chat + "/uploads.json").size(), 1u);
  EXPECT_EQ(Ok("GET", chat + "/lines.json").size(), 2u);

  EXPECT_EQ(StatusOf("DELETE", chat + "/lines/" + IdOf(line), "", "bob"), 403);
  EXPECT_EQ(StatusOf("DELETE", chat + "/lines/" + IdOf(up)), 204);  // an admin may
  EXPECT_EQ(StatusOf("GET", chat + "/lines/" + IdOf(up)), 404);
  EXPECT_EQ(Ok("GET", chat + "/lines.json").size(), 1u);
}

TEST_F(ContentTest, ChatbotsAreManagedByTheTeam) {
  const std::string bots = "/buckets/2000001/chats/" + Tool("chat") + "/integrations";
  EXPECT_EQ(Ok("GET", bots + ".json").size(), 0u);
  const std::string flat = "/chats/" + Tool("chat") + "/integrations";  // the SDK's form
  EXPECT_EQ(Ok("GET", flat + ".json").size(), 0u);
  EXPECT_EQ(StatusOf("GET", "/chats/1/integrations.json"), 404);
  const json bot = Ok("POST", bots + ".json",
                      R"({"service_name":"deploys","command_url":"https://ci.test/hook"})", 201);
  EXPECT_EQ(Ok("GET", flat + "/" + IdOf(bot))["service_name"], "deploys");
  EXPECT_EQ(StatusOf("POST", bots + ".json", R"({"command_url":"https://x.test"})"), 422);
  EXPECT_EQ(StatusOf("POST", bots + ".json", R"({"service_name":"x","command_url":"ftp://x"})"), 422);
  EXPECT_EQ(StatusOf("POST", bots + ".json", R"({"service_name":"x"})", "carol"), 404);  // chat hidden
  ToolRecording("chat").visible_to_clients = true;
  EXPECT_EQ(StatusOf("POST", bots + ".json", R"({"service_name":"x"})", "carol"), 403);
  EXPECT_EQ(Ok("PUT", bots + "/" + IdOf(bot), R"({"service_name":"releases"})")["service_name"],
            "releases");
  EXPECT_EQ(Ok("GET", bots + "/" + IdOf(bot))["command_url"], "https://ci.test/hook");
  EXPECT_EQ(StatusOf("DELETE", bots + "/" + IdOf(bot)), 204);
  EXPECT_EQ(StatusOf("GET", bots + "/" + IdOf(bot)), 404);
}

TEST_F(ContentTest, ClientApprovalsCorrespondencesAndRepliesAreRead) {
  const Id board = StableId("message_board", "website");
  ToolRecording("message_board").visible_to_clients = true;  // the client side of the project
  const std::string approval = Add("Client::Approval", board, "Approve the logo",
                                   {{"due_on", "2026-12-10"}, {"approver", "carol"}}, true);
  const std::string hidden = Add("Client::Correspondence", board, "Internal note");
  const std::string corr = Add("Client::Correspondence", board, "Hello client", {}, true);
  Add("Client::Reply", std::stoll(approval), "Looks good", {}, true);

  const json approvals = Ok("GET", "/buckets/2000001/client/approvals.json");
  ASSERT_EQ(approvals.size(), 1u);
  EXPECT_EQ(approvals[0]["approval_status"], "pending");
  EXPECT_EQ(approvals[0]["replies_count"], 1);
  EXPECT_EQ(Ok("GET", "/client/approvals/" + approval)["approver"]["name"], "Carol Clark");
  EXPECT_EQ(StatusOf("GET", "/client/approvals/" + corr), 404);  // not an approval
  EXPECT_EQ(Ok("GET", "/buckets/2000001/client/correspondences.json").size(), 2u);
  EXPECT_EQ(Ok("GET", "/buckets/2000001/client/correspondences.json", "", 200, "carol").size(), 1u);
  EXPECT_EQ(StatusOf("GET", "/client/correspondences/" + hidden, "", "carol"), 404);
  EXPECT_EQ(StatusOf("GET", "/client/correspondences/" + corr, "", "carol"), 200);
  const json replies = Ok("GET", "/buckets/2000001/client/recordings/" + approval + "/replies.json");
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(Ok("GET", "/buckets/2000001/client/recordings/" + approval + "/replies/" +
                          IdOf(replies[0]))["content"],
            "<p>Looks good</p>");
  EXPECT_EQ(StatusOf("GET", "/buckets/2000001/client/recordings/" + corr + "/replies/" +
                                IdOf(replies[0])),
            404);  // another thread's reply
  // The SDK's flat forms: every project's threads, and the replies without the bucket.
  EXPECT_EQ(Ok("GET", "/client/approvals.json"), approvals);
  EXPECT_EQ(Ok("GET", "/client/correspondences.json", "", 200, "carol").size(), 1u);
  EXPECT_EQ(Ok("GET", "/client/correspondences.json", "", 200, "bob").size(), 2u);
  EXPECT_EQ(Ok("GET", "/client/recordings/" + approval + "/replies.json"), replies);
  EXPECT_EQ(Ok("GET", "/client/recordings/" + approval + "/replies/" + IdOf(replies[0])),
            replies[0]);
  EXPECT_EQ(StatusOf("GET", "/client/recordings/" + corr + "/replies/" + IdOf(replies[0])), 404);
  EXPECT_EQ(Call("GET", "/client/approvals.json", "", "alice", {{"sort", "nope"}}).status, 400);
}

TEST_F(ContentTest, ForwardsAreReadFromAnEnabledInbox) {
  const std::string inbox = "/inboxes/" + Tool("inbox");
  EXPECT_EQ(StatusOf("GET", inbox), 404);  // Email Forwards is off in a new project
  ToolRecording("inbox").fields["enabled"] = true;
  EXPECT_EQ(Ok("GET", inbox)["forwards_count"], 0);
  const std::string fwd = Add("Inbox::Forward", StableId("inbox", "website"), "Fwd: invoice",
                              {{"from", "vendor@example.test"}});
  Add("Inbox::Forward::Reply", std::stoll(fwd), "Paid");
  EXPECT_EQ(Ok("GET", inbox)["forwards_count"], 1);
  EXPECT_EQ(Ok("GET", inbox + "/inbox_forwards.json")[0]["from"], "vendor@example.test");
  EXPECT_EQ(Ok("GET", "/inbox_forwards/" + fwd)["replies_count"], 1);
  const json replies = Ok("GET", "/inbox_forwards/" + fwd + "/replies.json");
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(Ok("GET", "/inbox_forwards/" + fwd + "/replies/" + IdOf(replies[0]))["content"],
            "<p>Paid</p>");
  EXPECT_EQ(StatusOf("GET", "/inbox_forwards/" + fwd, "", "bob"), 200);
  // The SDK's forms: the inbox's forwards as forwards.json, and a reply written through the API.
  EXPECT_EQ(Ok("GET", inbox + "/forwards.json"), Ok("GET", inbox + "/inbox_forwards.json"));
  ApiResponse made = Call("POST", "/inbox_forwards/" + fwd + "/replies.json",
                          R"({"content":"<div>Thanks</div>"})", "bob");
  ASSERT_EQ(made.status, 201) << made.body;
  const json reply = json::parse(made.body);
  EXPECT_EQ(reply["content"], "<div>Thanks</div>");
  EXPECT_EQ(reply["creator"]["name"], "Bob Brown");
  EXPECT_EQ(Header(made, "Location"), reply["url"]);
  EXPECT_EQ(Ok("GET", "/inbox_forwards/" + fwd + "/replies/" + IdOf(reply)), reply);
  EXPECT_EQ(Ok("GET", "/inbox_forwards/" + fwd)["replies_count"], 2);
  EXPECT_EQ(StatusOf("POST", "/inbox_forwards/" + fwd + "/replies.json", R"({"content":""})"), 422);
  EXPECT_EQ(StatusOf("POST", "/inbox_forwards/" + fwd + "/replies.json", "[1]"), 400);
  EXPECT_EQ(StatusOf("POST", "/inbox_forwards/" + replies[0]["id"].dump() + "/replies.json",
                     R"({"content":"x"})"),
            404);  // a reply is not a forward
  ToolRecording("inbox").fields["enabled"] = false;
  EXPECT_EQ(StatusOf("GET", "/inbox_forwards/" + fwd), 404);  // with its tool off
}

}  // namespace
}  // namespace bcsim
