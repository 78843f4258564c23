// The shared Status matchers (net/testing/status_matchers.h) on a Status and a StatusOr of the
// same shape as the simulator's and bcsync's: each matcher matches what it should and refuses,
// with an explanation, what it should not.
#include "net/testing/status_matchers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace {

using net::testing::IsOk;
using net::testing::IsOkAndHolds;
using net::testing::StatusIs;
using ::testing::DescribeMatcher;
using ::testing::ExplainMatchResult;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StringMatchResultListener;

enum class Code { kOk = 0, kInvalidArgument = 1, kNotFound = 2 };

class Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT
  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  const T& operator*() const { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

const Status kMissing(Code::kNotFound, "no to-do 42");

template <typename M, typename V>
std::string Why(const M& matcher, const V& value) {
  StringMatchResultListener listener;
  ExplainMatchResult(matcher, value, &listener);
  return listener.str();
}

TEST(StatusMatchers, IsOkOnStatusAndStatusOr) {
  EXPECT_THAT(Status(), IsOk());
  EXPECT_THAT(StatusOr<int>(7), IsOk());
  EXPECT_THAT(kMissing, Not(IsOk()));
  EXPECT_THAT(StatusOr<int>(kMissing), Not(IsOk()));
  EXPECT_EQ(Why(IsOk(), kMissing), "whose status is code 2 (\"no to-do 42\")");
}

TEST(StatusMatchers, StatusIsChecksCodeAndMessage) {
  EXPECT_THAT(kMissing, StatusIs(Code::kNotFound));
  EXPECT_THAT(StatusOr<int>(kMissing), StatusIs(Code::kNotFound, HasSubstr("42")));
  EXPECT_THAT(kMissing, Not(StatusIs(Code::kInvalidArgument)));
  EXPECT_THAT(kMissing, Not(StatusIs(Code::kNotFound, HasSubstr("43"))));
  EXPECT_THAT(Status(), Not(StatusIs(Code::kNotFound)));
  EXPECT_THAT(Why(StatusIs(Code::kNotFound, HasSubstr("43")), kMissing),
              HasSubstr("message \"no to-do 42\" does not match"));
  EXPECT_THAT(DescribeMatcher<Status>(StatusIs(Code::kNotFound)), HasSubstr("status code 2"));
}

TEST(StatusMatchers, IsOkAndHoldsChecksTheValue) {
  EXPECT_THAT(StatusOr<int>(7), IsOkAndHolds(7));
  EXPECT_THAT(StatusOr<std::string>("abc"), IsOkAndHolds(HasSubstr("b")));
  EXPECT_THAT(StatusOr<int>(7), Not(IsOkAndHolds(8)));
  EXPECT_THAT(StatusOr<int>(kMissing), Not(IsOkAndHolds(7)));
  EXPECT_THAT(Why(IsOkAndHolds(8), StatusOr<int>(7)), HasSubstr("whose value 7 does not match"));
  EXPECT_THAT(Why(IsOkAndHolds(7), StatusOr<int>(kMissing)), HasSubstr("code 2"));
}

}  // namespace
