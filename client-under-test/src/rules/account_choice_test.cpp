#include "rules/account_choice.h"

#include <gtest/gtest.h>

#include "errors/catalogue.h"

namespace bcsync::rules {
namespace {

oauth::AuthAccount A(std::int64_t id, const std::string& product) {
  return oauth::AuthAccount{id, "Account " + std::to_string(id), product, "http://bc.test/" + std::to_string(id)};
}

using Kind = AccountChoice::Kind;

TEST(ChooseCompanyAccountTest, TwoBc3AccountsIsError108) {
  auto choice = ChooseCompanyAccount({A(1, "bc3"), A(2, "bc3")}, "strict");
  EXPECT_EQ(choice.kind, Kind::kError);
  EXPECT_EQ(choice.error_code, "108");
}

TEST(ChooseCompanyAccountTest, Bc3PlusCampfireLinksTheBc3One) {
  auto choice = ChooseCompanyAccount({A(9, "campfire"), A(1, "bc3")}, "strict");
  EXPECT_EQ(choice.kind, Kind::kLinked);
  EXPECT_EQ(choice.account.id, 1);
}

TEST(ChooseCompanyAccountTest, Bc3PlusBcxIsError108) {
  auto choice = ChooseCompanyAccount({A(1, "bc3"), A(2, "bcx")}, "strict");
  EXPECT_EQ(choice.error_code, "108");
}

TEST(ChooseCompanyAccountTest, NoBasecampAccountHasItsOwnCode) {
  auto choice = ChooseCompanyAccount({A(9, "campfire"), A(8, "hey")}, "strict");
  EXPECT_EQ(choice.kind, Kind::kError);
  EXPECT_EQ(choice.error_code, errors::kNoBasecampAccount);
}

TEST(ChooseCompanyAccountTest, ChooseModeOffersTheBasecampAccounts) {
  auto choice = ChooseCompanyAccount({A(1, "bc3"), A(9, "campfire"), A(2, "bc3")}, "choose");
  EXPECT_EQ(choice.kind, Kind::kNeedsChoice);
  ASSERT_EQ(choice.candidates.size(), 2u);
  EXPECT_EQ(choice.candidates[0].id, 1);
  EXPECT_EQ(choice.candidates[1].id, 2);
}

TEST(ChoosePersonalAccountTest, ChooseModeMatchesTheCompanyAccount) {
  auto choice = ChoosePersonalAccount({A(1, "bc3"), A(2, "bc3")}, "choose", 2);
  EXPECT_EQ(choice.kind, Kind::kLinked);
  EXPECT_EQ(choice.account.id, 2);
}

TEST(ChoosePersonalAccountTest, ChooseModeLoginWithoutTheAccount) {
  auto choice = ChoosePersonalAccount({A(1, "bc3")}, "choose", 2);
  EXPECT_EQ(choice.error_code, errors::kAccountNotInLogin);
}

TEST(ChoosePersonalAccountTest, StrictModeSeveralAccountsIs108) {
  EXPECT_EQ(ChoosePersonalAccount({A(1, "bc3"), A(2, "bc3")}, "strict", 1).error_code, "108");
}

TEST(ChoosePersonalAccountTest, StrictModeOtherSingleAccountIsNotInLogin) {
  EXPECT_EQ(ChoosePersonalAccount({A(3, "bc3")}, "strict", 1).error_code, errors::kAccountNotInLogin);
}

TEST(RolesTest, OnlyOwnersAndAdminsManageCompanyIntegrations) {
  EXPECT_TRUE(CanManageCompanyIntegrations("owner"));
  EXPECT_TRUE(CanManageCompanyIntegrations("admin"));
  EXPECT_FALSE(CanManageCompanyIntegrations("user"));
}

}  // namespace
}  // namespace bcsync::rules
