// YamlToJson: YAML 1.2's core schema for plain scalars, quoted scalars stay text.
#include "bcsim/yaml_json.h"

#include <gtest/gtest.h>

namespace bcsim {
namespace {

nlohmann::json Of(const char* yaml) { return YamlToJson(YAML::Load(yaml)); }

TEST(YamlToJson, PlainScalarsTakeTheirCoreSchemaType) {
  EXPECT_EQ(Of("a: true"), nlohmann::json({{"a", true}}));
  EXPECT_EQ(Of("a: FALSE"), nlohmann::json({{"a", false}}));
  EXPECT_EQ(Of("a: ~")["a"], nullptr);
  EXPECT_EQ(Of("a: null")["a"], nullptr);
  EXPECT_EQ(Of("a: -42")["a"], -42);
  EXPECT_EQ(Of("a: 1.5")["a"], 1.5);
  EXPECT_EQ(Of("a: 2e3")["a"], 2000.0);
  EXPECT_EQ(Of("a:")["a"], nullptr);
}

TEST(YamlToJson, QuotedAndOtherTextStaysText) {
  EXPECT_EQ(Of("a: 'true'")["a"], "true");
  EXPECT_EQ(Of("a: \"42\"")["a"], "42");
  EXPECT_EQ(Of("a: 12ab")["a"], "12ab");
  EXPECT_EQ(Of("a: 99999999999999999999999")["a"], "99999999999999999999999");  // no overflow
  EXPECT_EQ(Of("a: yes")["a"], "yes");  // YAML 1.1's booleans are not 1.2's
}

TEST(YamlToJson, MapsAndSequencesNest) {
  EXPECT_EQ(Of("a: [1, {b: x}]"), nlohmann::json::parse(R"({"a": [1, {"b": "x"}]})"));
}

}  // namespace
}  // namespace bcsim
