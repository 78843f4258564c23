#include <gtest/gtest.h>

#include "util/crypto.h"
#include "util/json_fields.h"
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

TEST(RedactSecretsTest, RedactsSecretNamedFieldsByPatternAtAnyDepth) {
  nlohmann::json in = {{"Password", "pw"},
                       {"api_key", "k1"},
                       {"X-Auth-Token", "t1"},
                       {"identity", {{"refresh_token", "BAh1"}, {"email_address", "a@x.test"}}},
                       {"accounts", {{{"id", 1}, {"href", "http://h/1"}}}}};
  nlohmann::json out = util::RedactSecrets(in);
  EXPECT_EQ(out["Password"], "[REDACTED]");
  EXPECT_EQ(out["api_key"], "[REDACTED]");
  EXPECT_EQ(out["X-Auth-Token"], "[REDACTED]");
  EXPECT_EQ(out["identity"]["refresh_token"], "[REDACTED]");
  EXPECT_EQ(out["identity"]["email_address"], "a@x.test");
  EXPECT_EQ(out["accounts"][0]["href"], "http://h/1");
  EXPECT_TRUE(util::IsSecretName("Set-Cookie"));
  EXPECT_FALSE(util::IsSecretName("expires_at"));
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
