#include "errors/catalogue.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace bcsync::errors {
namespace {

TEST(CatalogueTest, CodesAreUniqueAndComplete) {
  std::set<std::string> codes;
  for (const ErrorInfo& info : Catalogue()) {
    EXPECT_TRUE(codes.insert(info.code).second) << info.code;
    EXPECT_FALSE(info.title.empty() || info.message.empty() || info.cause.empty() || info.fixer.empty() ||
                 info.help.empty())
        << info.code;
  }
  for (const char* code : {kMultipleAccounts, kNoBasecampAccount, kAccountNotInLogin, kAccountNotChosen,
                           kWrongAccount, kCompanyOff, kPersonalOff, kPasswordChanged, kTokenRevoked,
                           kNoAccountsLeft, kAccountInactive, kApiDisabled, kRateLimited, kUnavailable, kNotVisible,
                           kStateMismatch, kAccessDenied, kTokenExchangeFailed, kBadPaginationLink,
                           kUnexpectedResponse, kLoginThrottled, kPermissionDenied, kPlanLimit}) {
    EXPECT_EQ(codes.count(code), 1u) << code;
  }
}

TEST(CatalogueTest, Error108KeepsTheSeedNumber) {
  EXPECT_EQ(Lookup("108").title, "Sync Error 108: several Basecamp accounts under one login");
}

TEST(CatalogueTest, DocsMatchTheCatalogue) {
  std::ifstream in(BCSYNC_SYNC_ERRORS_MD);
  ASSERT_TRUE(in.good()) << "missing " << BCSYNC_SYNC_ERRORS_MD << "; run `bcsync errors-md > docs/sync-errors.md`";
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), RenderMarkdown()) << "docs/sync-errors.md is stale; run `bcsync errors-md > docs/sync-errors.md`";
}

}  // namespace
}  // namespace bcsync::errors
