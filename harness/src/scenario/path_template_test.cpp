#include "harness/path_template.h"

#include <gtest/gtest.h>

namespace bcsim::harness {
namespace {

TEST(PathMatchesTest, AccountMatchesOnlyNumericIds) {
  EXPECT_TRUE(PathMatches("/{account}/projects.json", "/5000001/projects.json"));
  EXPECT_FALSE(PathMatches("/{account}/projects.json", "/acme/projects.json"));
}

TEST(PathMatchesTest, BracesMatchOneSegmentAndStarTheRest) {
  EXPECT_TRUE(PathMatches("/{account}/todos/{id}.json", "/5/todos/{id}.json"));
  EXPECT_TRUE(PathMatches("/{account}/buckets/{p}/todolists/{l}/todos.json", "/5/buckets/2/todolists/3/todos.json"));
  EXPECT_FALSE(PathMatches("/{account}/buckets/{p}/todos.json", "/5/buckets/2/x/todos.json"));
  EXPECT_TRUE(PathMatches("/{account}/*", "/5/buckets/2/todolists/3/todos.json"));
  EXPECT_FALSE(PathMatches("/{account}/*", "/authorization.json"));
}

TEST(PathMatchesTest, LiteralPathsMatchExactly) {
  EXPECT_TRUE(PathMatches("/authorization/token", "/authorization/token"));
  EXPECT_FALSE(PathMatches("/authorization/token", "/authorization/token/x"));
  EXPECT_TRUE(PathMatches("/authorization/token?type=refresh", "/authorization/token"));
}

}  // namespace
}  // namespace bcsim::harness

namespace bcsim::harness {
namespace {

TEST(TemplatesOverlapTest, PlaceholdersLiteralsSuffixesAndTheRest) {
  EXPECT_TRUE(TemplatesOverlap("/{account}/my/assignments.json", "/{account}/my/assignments.json"));
  EXPECT_TRUE(TemplatesOverlap("/{account}/*", "/{account}/projects.json"));
  EXPECT_TRUE(TemplatesOverlap("/{a}/todos/{id}.json", "/{account}/todos/{todo}.json"));
  EXPECT_TRUE(TemplatesOverlap("/5000001/todos/42.json", "/{account}/todos/{todo}.json"));
  EXPECT_TRUE(TemplatesOverlap("/{account}/todolists/{list}/todos.json?page=2",
                               "/{account}/todolists/{todolist}/todos.json"));
  EXPECT_FALSE(TemplatesOverlap("/{account}/my/assignment.json", "/{account}/my/assignments.json"));
  EXPECT_FALSE(TemplatesOverlap("/{account}/todos/{id}", "/{account}/todos/{todo}.json/extra"));
  EXPECT_FALSE(TemplatesOverlap("/{account}/todos/42", "/{account}/todos/{todo}.json"));
  EXPECT_FALSE(TemplatesOverlap("/{account}", "/{account}/projects.json"));
}

}  // namespace
}  // namespace bcsim::harness
