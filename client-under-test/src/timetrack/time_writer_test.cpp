// The match key and the duration texts of the time write-back; each check also meets a
// deliberately wrong variant that must not pass.
#include <gtest/gtest.h>

#include "timetrack/time_store.h"
#include "timetrack/time_writer.h"

namespace bcsync::timetrack {
namespace {

using nlohmann::json;

const json kSent = json::parse(R"({"date":"2026-12-01","hours":"1:30","description":"Draft [bcsync:ab12]",
                                   "person_id":7})");

json Remote() {
  return json::parse(R"({"id":99,"date":"2026-12-01","hours":"1.5","description":"Draft [bcsync:ab12]",
                         "person":{"id":7,"name":"Uma"}})");
}

TEST(TimeMatchKey, MatchesTheEntryItSentEvenWhenBasecampWrapsTheDescription) {
  EXPECT_TRUE(MatchesSent(Remote(), "bcsync:ab12", kSent));
  json wrapped = Remote();
  wrapped["description"] = "<div>Draft [bcsync:ab12]</div>";
  EXPECT_TRUE(MatchesSent(wrapped, "bcsync:ab12", kSent));
}

TEST(TimeMatchKey, RefusesAnotherMarkerDateHoursOrPerson) {
  EXPECT_FALSE(MatchesSent(Remote(), "bcsync:ab13", kSent));
  EXPECT_FALSE(MatchesSent(Remote(), "", kSent));
  json other = Remote();
  other["date"] = "2026-12-02";
  EXPECT_FALSE(MatchesSent(other, "bcsync:ab12", kSent));
  other = Remote();
  other["hours"] = "1.25";
  EXPECT_FALSE(MatchesSent(other, "bcsync:ab12", kSent));
  other = Remote();
  other["person"]["id"] = 8;
  EXPECT_FALSE(MatchesSent(other, "bcsync:ab12", kSent));
  other = Remote();
  other["description"] = "Draft bcsync:ab12";  // the marker only counts in its brackets
  EXPECT_FALSE(MatchesSent(other, "bcsync:ab12", kSent));
}

TEST(TimeDurations, ReadsWhatAPersonTypesAndRefusesTheRest) {
  EXPECT_EQ(ParseDuration("1h30m"), 90);
  EXPECT_EQ(ParseDuration("90m"), 90);
  EXPECT_EQ(ParseDuration("1:30"), 90);
  EXPECT_EQ(ParseDuration("1.5h"), 90);
  EXPECT_EQ(ParseDuration("45"), 45);
  EXPECT_EQ(ParseDuration("24h"), 1440);
  for (const char* bad : {"", "0m", "24h1m", "1:75", "abc", "1h1h", "30m1h", "-5m", "1.5"}) {
    EXPECT_FALSE(ParseDuration(bad).has_value()) << bad;
  }
  EXPECT_EQ(HoursText(90), "1:30");
  EXPECT_EQ(HoursText(5), "0:05");
  EXPECT_EQ(ShowMinutes(90), "1h 30m");
  EXPECT_TRUE(IsDate("2028-02-29"));
  EXPECT_FALSE(IsDate("2026-02-29"));
  EXPECT_FALSE(IsDate("2026-13-01"));
  EXPECT_EQ(DateOf(1'796'115'600'000), "2026-12-01");
}

}  // namespace
}  // namespace bcsync::timetrack
