#include "api/json_out.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace bcsim::api {
namespace {

TEST(JsonOutTest, WritesNestedValuesWithCommas) {
  std::string text;
  JsonOut out(text);
  out.BeginObject();
  out.Key("a").Int(1);
  out.Key("b").BeginArray().String("x").Null().Bool(true).BeginObject().EndObject().EndArray();
  out.Key("c").Raw("7");
  out.EndObject();
  EXPECT_EQ(text, R"({"a":1,"b":["x",null,true,{}],"c":7})");
}

TEST(JsonOutTest, EscapesLikeAJsonLibraryReadsBack) {
  const std::string tricky = "q\"b\\s/\n\r\t\x01 é <p>";
  std::string text;
  JsonOut out(text);
  out.BeginObject().Key(tricky).String(tricky).EndObject();
  nlohmann::json parsed = nlohmann::json::parse(text);
  EXPECT_EQ(parsed[tricky], tricky);
}

}  // namespace
}  // namespace bcsim::api
