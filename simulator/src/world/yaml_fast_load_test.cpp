// FastLoad must build exactly YAML::Load's tree (types, scalars, tags, styles, marks, order),
// and step aside (nullopt) for what it does not take and for every syntax error.
#include "world/yaml_fast_load.h"

#include "world/yaml_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace bcsim::loader {
namespace {

std::string Where(const YAML::Node& n) {
  return std::to_string(n.Mark().line) + ":" + std::to_string(n.Mark().column);
}

// Walks both trees; the first difference is reported with its path.
void ExpectSameTree(const YAML::Node& want, const YAML::Node& got, const std::string& path) {
  ASSERT_EQ(want.Type(), got.Type()) << path << " at " << Where(want);
  EXPECT_EQ(want.Tag(), got.Tag()) << path << " at " << Where(want);
  EXPECT_EQ(want.Mark().line, got.Mark().line) << path << " (" << want.Scalar() << ")";
  EXPECT_EQ(want.Mark().column, got.Mark().column) << path << " (" << want.Scalar() << ")";
  EXPECT_EQ(want.Mark().pos, got.Mark().pos) << path << " at " << Where(want);
  if (want.IsScalar()) {
    EXPECT_EQ(want.Scalar(), got.Scalar()) << path;
  }
  if (want.IsMap() || want.IsSequence()) {
    EXPECT_EQ(want.Style(), got.Style()) << path;
    ASSERT_EQ(want.size(), got.size()) << path;
  }
  if (want.IsSequence()) {
    for (std::size_t i = 0; i < want.size(); ++i) {
      ExpectSameTree(want[i], got[i], path + "[" + std::to_string(i) + "]");
    }
  } else if (want.IsMap()) {
    auto w = want.begin();
    auto g = got.begin();
    for (; w != want.end() && g != got.end(); ++w, ++g) {
      ExpectSameTree(w->first, g->first, path + ".<key>");
      ExpectSameTree(w->second, g->second, path + "." + w->first.Scalar());
    }
  }
}

void ExpectSameAsYamlCpp(const std::string& text, const std::string& name) {
  SCOPED_TRACE(name);
  std::optional<YAML::Node> fast = FastLoad(text);
  ASSERT_TRUE(fast.has_value());
  ExpectSameTree(YAML::Load(text), *fast, "$");
}

TEST(YamlFastLoadTest, BuildsYamlCppTreeForCraftedDocuments) {
  const char* const cases[] = {
      "a:\n  b:\n  c: ~\n  d: [x, \"y\"]\n  e:\n    - 1\n    -\n    - {f: }\nz: |\n  lit\n",
      "a:\n",
      "a:\n  # comment\n\n  b: 1 # trailing\n  c:\n# last\n",
      "- a: 1\n  b: [1, 2, {c: d}]\n- - x\n  - y\n-\n- 'single' \n- \"dq \\u0041\\n\"\n",
      "key: >\n  folded\n  text\n\nother: null\nthird: NULL\nfourth: ''\nfifth: Null\n",
      "empty_flow: []\nempty_map: {}\nnested: {a: {b: [c, {d: e}]}}\n",
      "---\nstarted: yes\n...\n",
      "first: 1\n---\nsecond: 2\n",
      "list:\n- a\n- b\nnext:\n  deeper:\n    deepest:\n",
      "",
      "# only a comment\n",
      "plain scalar at the top\n",
      "k: v\n? complex\n: value\n",
  };
  int i = 0;
  for (const char* text : cases) ExpectSameAsYamlCpp(text, "case " + std::to_string(i++));
}

TEST(YamlFastLoadTest, BuildsYamlCppTreeForEveryFixtureAndScenario) {
  int files = 0;
  for (const char* dir : {BCSIM_FIXTURES_DIR "/worlds", BCSIM_FIXTURES_DIR "/../scenarios"}) {
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (entry.path().extension() != ".yaml") continue;
      std::ifstream in(entry.path());
      std::stringstream buffer;
      buffer << in.rdbuf();
      const std::string text = buffer.str();
      if (!FastLoad(text)) continue;  // not a plain-road file: YAML::Load reads it
      ExpectSameAsYamlCpp(text, entry.path().string());
      ++files;
    }
  }
  EXPECT_GE(files, 3);
}

TEST(YamlFastLoadTest, StepsAsideForWhatItDoesNotTake) {
  EXPECT_FALSE(FastLoad("a: &x 1\nb: *x\n").has_value());        // anchors and aliases
  EXPECT_FALSE(FastLoad("a: !!str 1\n").has_value());            // explicit tags
  EXPECT_FALSE(FastLoad("a:\n\tb: 1\n").has_value());            // tabs
  EXPECT_FALSE(FastLoad("a: 1\r\nb: 2\r\n").has_value());        // carriage returns
  EXPECT_FALSE(FastLoad("name: caf\xc3\xa9\n").has_value());     // non-ASCII
  EXPECT_FALSE(FastLoad("%YAML 1.1\n---\na: 1\n").has_value());  // directives
}

TEST(YamlFastLoadTest, StepsAsideOnSyntaxErrors) {
  EXPECT_FALSE(FastLoad("a: [1, 2\nb: 3\n").has_value());
  EXPECT_FALSE(FastLoad("a: 1\n b: 2\n").has_value());
  EXPECT_FALSE(FastLoad("a: \"open\n").has_value());
}

TEST(YamlFastLoadTest, AtAnswersLikeOperatorBrackets) {
  const YAML::Node root = YAML::Load("a: 1\nb: {c: [x]}\nn:\nlist: [p, q]\ns: text\n");
  EXPECT_EQ(At(root, "a").Scalar(), "1");
  EXPECT_TRUE(At(root, "a").is(root["a"]));
  EXPECT_TRUE(At(At(root, "b"), "c").IsSequence());
  EXPECT_TRUE(At(root, "n").IsDefined());
  EXPECT_TRUE(At(root, "n").IsNull());
  EXPECT_FALSE(At(root, "missing").IsDefined());
  EXPECT_FALSE(At(root, "missing"));
  EXPECT_FALSE(At(At(root, "n"), "x").IsDefined());  // a null has no keys
  EXPECT_THROW(At(At(root, "s"), "x"), YAML::BadSubscript);  // nor has a scalar, as with []
}

}  // namespace
}  // namespace bcsim::loader
