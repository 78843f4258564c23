// The layout's pure parts: counts in words, badges, the viewer in the top bar. Each check also
// meets a deliberately wrong input that must not pass.
#include "web/html.h"

#include <gtest/gtest.h>

namespace bcsync::web {
namespace {

TEST(CountsInWords, SaysTheTaskCountsThenTheRequests) {
  EXPECT_EQ(CountsInWords(R"({"active":3,"added":0,"archived":1,"requests":2,"not_modified":0})"),
            "3 active, 1 archived, 0 added; 2 requests to Basecamp");
  EXPECT_EQ(CountsInWords(R"({"active":1,"archived":0,"added":1,"requests":1})"),
            "1 active, 0 archived, 1 added; 1 request to Basecamp");
  EXPECT_EQ(CountsInWords(R"({"active":900,"archived":0,"added":0,"requests":4,"not_modified":3})"),
            "900 active, 0 archived, 0 added; 4 requests to Basecamp (3 not modified)");
  EXPECT_EQ(CountsInWords(R"({"requests":5})"), "5 requests to Basecamp");  // a failed run
  // Wrong variant: another order or a missing count is not the same sentence.
  EXPECT_NE(CountsInWords(R"({"active":3,"added":0,"archived":1,"requests":2})"),
            "3 active, 0 added, 1 archived; 2 requests to Basecamp");
}

TEST(CountsInWords, SaysNothingForJunk) {
  for (const char* junk : {"", "null", "[]", "{", R"({"active":"3"})", R"({"active":1.5})",
                           R"({"other":1})"}) {
    EXPECT_EQ(CountsInWords(junk), "") << junk;
  }
  EXPECT_NE(CountsInWords(R"({"active":1})"), "");  // wrong variant: a real count says something
}

TEST(Badge, ColoursTheStateAndEscapesIt) {
  EXPECT_EQ(Badge("on"), "<strong class=\"badge badge-on\">on</strong>");
  EXPECT_EQ(Badge("needs_reconnect"), "<strong class=\"badge badge-error\">needs_reconnect</strong>");
  EXPECT_EQ(Badge("pending choice"), "<strong class=\"badge badge-pending\">pending choice</strong>");
  EXPECT_EQ(Badge("<b>"), "<strong class=\"badge badge-neutral\">&lt;b&gt;</strong>");
  EXPECT_NE(Badge("off"), Badge("on"));
}

TEST(Layout, NamesTheViewerEscapedAndGivesAdminsTheirLinks) {
  const std::string admin =
      Layout("Tasks", "tok", "<p>x</p>", Viewer{"<script>Al</script>", "a@x.test", true});
  EXPECT_NE(admin.find("Signed in as <strong>&lt;script&gt;Al&lt;/script&gt;</strong> (a@x.test)"),
            std::string::npos);
  EXPECT_EQ(admin.find("<script>"), std::string::npos);
  EXPECT_NE(admin.find("<a href=\"/settings/tracker\">Tracker settings</a>"), std::string::npos);
  const std::string user = Layout("Tasks", "tok", "<p>x</p>", Viewer{"Bo", "b@x.test", false});
  EXPECT_EQ(user.find("Tracker settings"), std::string::npos);
  for (const char* link : {">Tasks</a>", ">Time</a>", ">Settings</a>", ">Integration Settings</a>",
                           ">Company Integrations</a>", ">Log out</button>"}) {
    EXPECT_NE(user.find(link), std::string::npos) << link;
  }
  // Logged out: no navigation, no top-bar user, still the stylesheet.
  const std::string out = Layout("Log in", "", "<p>x</p>");
  EXPECT_EQ(out.find("<nav"), std::string::npos);
  EXPECT_EQ(out.find("Signed in as"), std::string::npos);
  EXPECT_NE(out.find("href=\"" + StyleHref() + "\""), std::string::npos);
}

TEST(StyleSheet, IsVersionedByItsContent) {
  EXPECT_EQ(StyleHref().rfind("/style.css?v=", 0), 0u);
  EXPECT_EQ(StyleHref().size(), std::string("/style.css?v=").size() + 8);
  EXPECT_NE(StyleSheet().find("@media"), std::string::npos);
}

}  // namespace
}  // namespace bcsync::web
