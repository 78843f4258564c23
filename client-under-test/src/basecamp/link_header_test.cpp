// Link parsing and reference resolution, after the official SDK's pagination and security
// conformance cases (conformance/tests/pagination.json, security.json).
#include "basecamp/link_header.h"

#include <gtest/gtest.h>

namespace bcsync::basecamp {
namespace {

using Opt = std::optional<std::string>;

TEST(NextLinkTest, FindsNextAmongSeveralRelations) {
  EXPECT_EQ(NextLink("<http://a/x?page=1>; rel=\"prev\", <http://a/x?page=3>; rel=\"next\""), Opt("http://a/x?page=3"));
  EXPECT_EQ(NextLink(""), std::nullopt);
  EXPECT_EQ(NextLink("<http://a/x?page=1>; rel=\"prev\""), std::nullopt);
}

// "Auto-pagination continues past a malformed rel=next part".
TEST(NextLinkTest, MovesPastAnEmptyNextPartToTheNextOne) {
  EXPECT_EQ(NextLink("<>; rel=\"next\", </projects.json?page=2>; rel=\"next\""), Opt("/projects.json?page=2"));
  EXPECT_EQ(NextLink("< >; rel=\"next\", <http://a/x?page=2>; rel=next"), Opt("http://a/x?page=2"));
}

// "A closing bracket before the opening bracket does not hide the next link".
TEST(NextLinkTest, AStrayClosingBracketDoesNotHideTheLink) {
  EXPECT_EQ(NextLink(">x</projects.json?page=2>; rel=\"next\""), Opt("/projects.json?page=2"));
}

// "A Link header with no extractable URL reports no further pages".
TEST(NextLinkTest, NoExtractableUrlMeansNoNextPage) {
  EXPECT_EQ(NextLink("<; rel=\"next\""), std::nullopt);
  EXPECT_EQ(NextLink("<>; rel=\"next\""), std::nullopt);
  EXPECT_EQ(NextLink("rel=\"next\""), std::nullopt);
}

TEST(NextLinkTest, ReadsRelAsAListOfTypesInAnyCase) {
  EXPECT_EQ(NextLink("</a?page=2>; REL=\"Prev Next\""), Opt("/a?page=2"));
  EXPECT_EQ(NextLink("</a?page=2>; title=\"x\"; rel=next"), Opt("/a?page=2"));
  // Neither a longer relation name nor "next" in another parameter is rel=next.
  EXPECT_EQ(NextLink("</a?page=2>; rel=\"next-archive\""), std::nullopt);
  EXPECT_EQ(NextLink("</a?page=2>; rel=\"prev\"; title=\"next\""), std::nullopt);
}

const std::string kPage = "https://3.basecampapi.com/999/projects.json?page=1";

TEST(ResolveReferenceTest, ResolvesRelativeReferencesAgainstTheRequestUrl) {
  EXPECT_EQ(ResolveReference(kPage, "/projects.json?page=2"), "https://3.basecampapi.com/projects.json?page=2");
  EXPECT_EQ(ResolveReference(kPage, "/999/projects.json?page=2"), "https://3.basecampapi.com/999/projects.json?page=2");
  EXPECT_EQ(ResolveReference(kPage, "projects.json?page=2"), "https://3.basecampapi.com/999/projects.json?page=2");
  EXPECT_EQ(ResolveReference(kPage, "?page=2"), "https://3.basecampapi.com/999/projects.json?page=2");
  EXPECT_EQ(ResolveReference(kPage, "../998/./projects.json"), "https://3.basecampapi.com/998/projects.json");
  EXPECT_EQ(ResolveReference(kPage, "/a/b/../../../c"), "https://3.basecampapi.com/c");
}

TEST(ResolveReferenceTest, KeepsAbsoluteAndNetworkPathReferencesOffTheBase) {
  EXPECT_EQ(ResolveReference(kPage, "https://evil.example.com/x"), "https://evil.example.com/x");
  EXPECT_EQ(ResolveReference(kPage, "http://3.basecampapi.com/x"), "http://3.basecampapi.com/x");
  EXPECT_EQ(ResolveReference(kPage, "//evil.example.com/x"), "https://evil.example.com/x");
  EXPECT_EQ(ResolveReference("not a url", "/x"), "");
}

}  // namespace
}  // namespace bcsync::basecamp
