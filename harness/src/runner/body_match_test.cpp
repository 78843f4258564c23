#include "runner/body_match.h"

#include <gtest/gtest.h>

namespace bcsim::harness {
namespace {

using nlohmann::json;

json Entry(const std::string& type, const std::string& body, int elided = 0) {
  json headers = json::array({json::array({"Content-Type", type})});  // [[name, value], ...]
  return {{"request_headers", headers}, {"request_body", body}, {"request_body_elided", elided}};
}

TEST(BodyMatch, JsonBodiesMatchAsNestedSubsets) {
  json have = BodyFields(Entry("application/json", R"({"content":"Buy milk","due":{"on":"2026-12-03","tz":"UTC"},"n":[1,2]})"));
  EXPECT_TRUE(BodyIncludes(have, {{"content", "Buy milk"}}));
  EXPECT_TRUE(BodyIncludes(have, {{"due", {{"on", "2026-12-03"}}}}));
  EXPECT_TRUE(BodyIncludes(have, {{"n", {1, 2}}}));
  // The wrong value, a missing field, a partial array or a type change: no match.
  EXPECT_FALSE(BodyIncludes(have, {{"content", "Buy bread"}}));
  EXPECT_FALSE(BodyIncludes(have, {{"title", "Buy milk"}}));
  EXPECT_FALSE(BodyIncludes(have, {{"due", {{"on", "2026-12-04"}}}}));
  EXPECT_FALSE(BodyIncludes(have, {{"n", {1}}}));
  EXPECT_FALSE(BodyIncludes(have, {{"due", "2026-12-03"}}));
}

TEST(BodyMatch, FormBodiesReadAsStringFields) {
  json have = BodyFields(Entry("application/x-www-form-urlencoded", "type=refresh&client_id=tracker&refresh_token=[REDACTED]"));
  EXPECT_TRUE(BodyIncludes(have, {{"type", "refresh"}, {"client_id", "tracker"}}));
  EXPECT_FALSE(BodyIncludes(have, {{"type", "web_server"}}));
}

TEST(BodyMatch, NoFieldsWithoutAWholeReadableBody) {
  EXPECT_TRUE(BodyFields(json{{"method", "POST"}}).is_null());  // journal without bodies
  EXPECT_TRUE(BodyFields(Entry("application/json", "")).is_null());
  EXPECT_TRUE(BodyFields(Entry("application/json", R"({"a":1}...[9 bytes elided])", 9)).is_null());
  EXPECT_TRUE(BodyFields(Entry("text/html", "[12 bytes of text/html not kept]")).is_null());
  EXPECT_FALSE(BodyIncludes(nullptr, {{"a", 1}}));
}

}  // namespace
}  // namespace bcsim::harness
