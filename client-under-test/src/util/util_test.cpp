#include <gtest/gtest.h>

#include "util/crypto.h"
#include "util/time_format.h"
#include "web/html.h"

namespace bcsync {
namespace {

TEST(PasswordTest, VerifiesOnlyTheRightPassword) {
  const std::string hash = util::HashPassword("t-a");
  EXPECT_EQ(hash.rfind("pbkdf2-sha256$20000$", 0), 0u);
  EXPECT_TRUE(util::VerifyPassword("t-a", hash));
  EXPECT_FALSE(util::VerifyPassword("t-b", hash));
  EXPECT_FALSE(util::VerifyPassword("t-a", "plain"));
}

TEST(RandomTokenTest, IsHexOfRequestedLength) {
  EXPECT_EQ(util::RandomToken(16).size(), 32u);
  EXPECT_NE(util::RandomToken(16), util::RandomToken(16));
}

TEST(FormatIsoTest, FormatsUtc) { EXPECT_EQ(util::FormatIso(1'796'115'600'000), "2026-12-01T09:00:00Z"); }

TEST(EscapeTest, EscapesHtmlSpecials) {
  EXPECT_EQ(web::Escape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
}

}  // namespace
}  // namespace bcsync
