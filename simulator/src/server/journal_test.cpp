#include "server/journal.h"

#include <gtest/gtest.h>

namespace bcsim {
namespace {

TEST(Journal, KeepsOnlyTheNewestEntriesUpToCapacity) {
  Journal j(3);
  for (int i = 0; i < 5; ++i) j.Add(JournalEntry{0, i, "GET", "/p" + std::to_string(i)});
  auto all = j.Since(0, 100);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].seq, 3u);
  EXPECT_EQ(all[0].path, "/p2");
  EXPECT_EQ(all[2].seq, 5u);
}

TEST(Journal, ReturnsEntriesAfterSinceUpToLimit) {
  Journal j(10);
  for (int i = 0; i < 5; ++i) j.Add(JournalEntry{0, i, "GET", "/"});
  auto some = j.Since(2, 2);
  ASSERT_EQ(some.size(), 2u);
  EXPECT_EQ(some[0].seq, 3u);
  EXPECT_EQ(some[1].seq, 4u);
  j.Clear();
  EXPECT_EQ(j.size(), 0u);
  j.Add(JournalEntry{});
  EXPECT_EQ(j.Since(0, 10).at(0).seq, 1u);
}

TEST(Journal, RedactsSecretQueryParameters) {
  std::multimap<std::string, std::string> params = {
      {"code", "abc"}, {"state", "s 1"}, {"client_secret", "shh"}, {"refresh_token", "BAhx"},
      {"password", "pw"}, {"page", "2"}};
  std::string q = RedactParams(params);
  EXPECT_EQ(q,
            "client_secret=[REDACTED]&code=[REDACTED]&page=2&password=[REDACTED]&"
            "refresh_token=[REDACTED]&state=s%201");
}

TEST(Journal, RedactsByPatternWhateverTheCase) {
  std::multimap<std::string, std::string> params = {
      {"Password", "pw"},  {"api_key", "k1"}, {"X-Auth-Token", "t"}, {"CSRF", "c"},
      {"authenticity_token", "a"}, {"page", "2"}, {"state", "s"}, {"type", "refresh"}};
  EXPECT_EQ(RedactParams(params),
            "CSRF=[REDACTED]&Password=[REDACTED]&X-Auth-Token=[REDACTED]&api_key=[REDACTED]&"
            "authenticity_token=[REDACTED]&page=2&state=s&type=refresh");
}

TEST(Journal, RedactsSecretJsonFieldsAtAnyDepthAndSecretHeaders) {
  nlohmann::json body = {{"Password", "pw"},
                         {"api_key", "k1"},
                         {"X-Auth-Token", "t1"},
                         {"nested", {{"refresh_token", "BAh1"}, {"name", "Alice"}}},
                         {"list", {{{"client_secret", "s"}, {"id", 7}}}},
                         {"title", "Write copy"}};
  nlohmann::json r = RedactJson(body);
  EXPECT_EQ(r["Password"], "[REDACTED]");
  EXPECT_EQ(r["api_key"], "[REDACTED]");
  EXPECT_EQ(r["X-Auth-Token"], "[REDACTED]");
  EXPECT_EQ(r["nested"]["refresh_token"], "[REDACTED]");
  EXPECT_EQ(r["nested"]["name"], "Alice");
  EXPECT_EQ(r["list"][0]["client_secret"], "[REDACTED]");
  EXPECT_EQ(r["list"][0]["id"], 7);
  EXPECT_EQ(r["title"], "Write copy");
  EXPECT_EQ(r.dump().find("BAh1"), std::string::npos);
  auto h = RedactHeaders({{"Authorization", "Bearer BAh"}, {"Cookie", "launchpad_session=x"},
                          {"X-Auth-Token", "t"}, {"User-Agent", "ua"}});
  EXPECT_EQ(h.find("Authorization")->second, "[REDACTED]");
  EXPECT_EQ(h.find("Cookie")->second, "[REDACTED]");
  EXPECT_EQ(h.find("X-Auth-Token")->second, "[REDACTED]");
  EXPECT_EQ(h.find("User-Agent")->second, "ua");
}

JournalEntry WithPayload(std::size_t body_bytes) {
  JournalEntry e;
  auto p = std::make_shared<JournalPayload>();
  p->request_body = std::string(body_bytes, 'b');
  e.payload = std::move(p);
  return e;
}

TEST(Journal, DropsTheOldestPayloadsToStayWithinTheBudget) {
  const std::size_t one = WithPayload(1000).payload->Bytes();
  Journal j(100, 3 * one);
  for (int i = 0; i < 5; ++i) j.Add(WithPayload(1000));
  auto all = j.Since(0, 100);
  ASSERT_EQ(all.size(), 5u);  // the entries stay
  EXPECT_EQ(all[0].payload, nullptr);
  EXPECT_TRUE(all[0].payload_dropped);
  EXPECT_TRUE(all[1].payload_dropped);
  for (int i = 2; i < 5; ++i) EXPECT_NE(all[i].payload, nullptr) << i;
  EXPECT_EQ(j.payload_bytes(), 3 * one);
  EXPECT_EQ(Journal::ToJson(all[0], true)["payload_dropped"], true);
  EXPECT_FALSE(Journal::ToJson(all[4], false).contains("request_body"));
}

TEST(Journal, PayloadBytesFollowTheRingAndClear) {
  Journal j(2, 1 << 20);
  for (int i = 0; i < 4; ++i) j.Add(WithPayload(100));
  EXPECT_EQ(j.payload_bytes(), 2 * WithPayload(100).payload->Bytes());
  j.Add(JournalEntry{});  // no payload: pushes one out
  EXPECT_EQ(j.payload_bytes(), WithPayload(100).payload->Bytes());
  j.Clear();
  EXPECT_EQ(j.payload_bytes(), 0u);
  Journal tiny(10, 10);  // a payload bigger than the whole budget is never kept
  tiny.Add(WithPayload(100));
  EXPECT_TRUE(tiny.Since(0, 1).at(0).payload_dropped);
  EXPECT_EQ(tiny.payload_bytes(), 0u);
}

TEST(Journal, CapCutsAtACharacterBoundaryAndSaysHowMuch) {
  std::size_t elided = 99;
  EXPECT_EQ(CapWithMarker("short", 10, &elided), "short");
  EXPECT_EQ(elided, 0u);
  EXPECT_EQ(CapWithMarker("abcdefgh", 3, &elided), "abc...[5 bytes elided]");
  EXPECT_EQ(elided, 5u);
  // "é" is two bytes: a cap of 2 after "a" would split it, so the cut backs up to "a".
  EXPECT_EQ(CapWithMarker("a\xC3\xA9z", 2, &elided), "a...[3 bytes elided]");
}

}  // namespace
}  // namespace bcsim
