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

}  // namespace
}  // namespace bcsim
