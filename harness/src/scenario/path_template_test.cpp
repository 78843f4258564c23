#include "harness/path_template.h"

#include <gtest/gtest.h>

namespace bcsim::harness {
namespace {

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
