#include "server/http_util.h"

#include <gtest/gtest.h>

#include "bcsim/world_loader.h"

namespace bcsim {
namespace {

TEST(HttpUtil, FormatsIsoTimesInUtc) {
  EXPECT_EQ(FormatTimestamp(1796115600000LL), "2026-12-01T09:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(1796115600250LL), "2026-12-01T09:00:00.250Z");
  EXPECT_EQ(FormatIsoWithOffset(1796115600000LL), "2026-12-01T09:00:00+00:00");
}

TEST(HttpUtil, UrlEncodesEverythingButUnreserved) {
  EXPECT_EQ(UrlEncode("a b&c=d/é~"), "a%20b%26c%3Dd%2F%C3%A9~");
  EXPECT_EQ(UrlEncode("type[]=a,b"), "type%5B%5D%3Da%2Cb");
  EXPECT_EQ(UrlEncode("type[]=a,b", ",[]"), "type[]%3Da,b");  // what a Link header keeps
}

TEST(HttpUtil, EscapesHtml) { EXPECT_EQ(HtmlEscape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"); }

TEST(HttpUtil, WeakEtagIsStableAndBodySensitive) {
  EXPECT_EQ(WeakEtag("[]"), WeakEtag("[]"));
  EXPECT_NE(WeakEtag("[]"), WeakEtag("[1]"));
  EXPECT_EQ(WeakEtag("x").substr(0, 3), "W/\"");
  EXPECT_EQ(WeakEtag("x").size(), 3u + 32u + 1u);
}

TEST(HttpUtil, MatchesIfNoneMatchListsAndStrongForms) {
  const std::string etag = WeakEtag("body");
  EXPECT_TRUE(EtagMatches(etag, etag));
  EXPECT_TRUE(EtagMatches("\"other\", " + etag, etag));
  EXPECT_TRUE(EtagMatches(etag.substr(2), etag));  // strong form of the same tag
  EXPECT_TRUE(EtagMatches("*", etag));
  EXPECT_FALSE(EtagMatches("W/\"nope\"", etag));
  EXPECT_FALSE(EtagMatches("", etag));
}

TEST(HttpUtil, RecognisesLoopbackAddressesOnly) {
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackAddress("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackAddress("::1"));
  EXPECT_TRUE(IsLoopbackAddress("::ffff:127.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress("10.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress("192.168.1.127"));
  EXPECT_FALSE(IsLoopbackAddress("::ffff:10.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress(""));
}

TEST(HttpUtil, RandomTokensAreBase64UrlAndDistinct) {
  std::string a = RandomBase64Url(32), b = RandomBase64Url(32);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
}

}  // namespace
}  // namespace bcsim
