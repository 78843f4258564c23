// Test-only GoogleMock matchers for errors-as-values, shared by the simulator's and bcsync's
// tests (each part has its own Status and StatusOr; these templates fit any type with the same
// shape: Status has ok(), code(), message(); StatusOr<T> has ok(), status(), operator*).
//
//   EXPECT_THAT(LoadWorld(doc), IsOk());
//   EXPECT_THAT(ReadScenarioFile(path), StatusIs(StatusCode::kInvalidArgument,
//                                                HasSubstr("line 3")));
//   EXPECT_THAT(ParseInterval("15m"), IsOkAndHolds(900000));
//
// A failure prints the status's code number and message, or the value that did not match.
#pragma once

#include <gmock/gmock.h>

#include <ostream>
#include <string>
#include <type_traits>
#include <utility>

namespace net::testing {

namespace status_internal {

// The Status of a Status or of a StatusOr (anything with status()).
template <typename T>
const auto& StatusOf(const T& v) {
  if constexpr (requires { v.status(); }) {
    return v.status();
  } else {
    return v;
  }
}

template <typename S>
void Print(const S& status, std::ostream* os) {
  if (status.ok()) {
    *os << "OK";
  } else {
    *os << "code " << static_cast<int>(status.code()) << " (\"" << status.message() << "\")";
  }
}

class IsOkMatcher {
 public:
  template <typename T>
  bool MatchAndExplain(const T& v, ::testing::MatchResultListener* listener) const {
    if (v.ok()) return true;
    *listener << "whose status is ";
    if (listener->stream() != nullptr) Print(StatusOf(v), listener->stream());
    return false;
  }
  void DescribeTo(std::ostream* os) const { *os << "is OK"; }
  void DescribeNegationTo(std::ostream* os) const { *os << "is not OK"; }
};

template <typename Code>
class StatusIsMatcher {
 public:
  StatusIsMatcher(Code code, ::testing::Matcher<const std::string&> message)
      : code_(code), message_(std::move(message)) {}

  template <typename T>
  bool MatchAndExplain(const T& v, ::testing::MatchResultListener* listener) const {
    const auto& status = StatusOf(v);
    if (status.code() != code_) {
      *listener << "whose status is ";
      if (listener->stream() != nullptr) Print(status, listener->stream());
      return false;
    }
    ::testing::StringMatchResultListener inner;
    if (!message_.MatchAndExplain(status.message(), &inner)) {
      *listener << "whose message \"" << status.message() << "\" does not match"
                << (inner.str().empty() ? "" : ", " + inner.str());
      return false;
    }
    return true;
  }
  void DescribeTo(std::ostream* os) const {
    *os << "has status code " << static_cast<int>(code_) << " and a message that ";
    message_.DescribeTo(os);
  }
  void DescribeNegationTo(std::ostream* os) const {
    *os << "does not have status code " << static_cast<int>(code_) << " or has a message that ";
    message_.DescribeNegationTo(os);
  }

 private:
  Code code_;
  ::testing::Matcher<const std::string&> message_;
};

template <typename StatusOrT, typename Value>
class IsOkAndHoldsImpl : public ::testing::MatcherInterface<const StatusOrT&> {
 public:
  template <typename M>
  explicit IsOkAndHoldsImpl(const M& inner)
      : inner_(::testing::SafeMatcherCast<const Value&>(inner)) {}

  bool MatchAndExplain(const StatusOrT& v,
                       ::testing::MatchResultListener* listener) const override {
    if (!v.ok()) {
      *listener << "whose status is ";
      if (listener->stream() != nullptr) Print(v.status(), listener->stream());
      return false;
    }
    ::testing::StringMatchResultListener inner;
    const bool matched = inner_.MatchAndExplain(*v, &inner);
    *listener << "whose value " << ::testing::PrintToString(*v)
              << (matched ? " matches" : " does not match")
              << (inner.str().empty() ? "" : ", " + inner.str());
    return matched;
  }
  void DescribeTo(std::ostream* os) const override {
    *os << "is OK and holds a value that ";
    inner_.DescribeTo(os);
  }
  void DescribeNegationTo(std::ostream* os) const override {
    *os << "is not OK, or holds a value that ";
    inner_.DescribeNegationTo(os);
  }

 private:
  ::testing::Matcher<const Value&> inner_;
};

template <typename M>
class IsOkAndHoldsMatcher {
 public:
  explicit IsOkAndHoldsMatcher(M inner) : inner_(std::move(inner)) {}

  template <typename StatusOrT>
  operator ::testing::Matcher<StatusOrT>() const {  // NOLINT: gmock's polymorphic matcher idiom
    using Plain = std::remove_cv_t<std::remove_reference_t<StatusOrT>>;
    using Value = std::remove_cv_t<std::remove_reference_t<decltype(*std::declval<const Plain&>())>>;
    return ::testing::Matcher<StatusOrT>(new IsOkAndHoldsImpl<Plain, Value>(inner_));
  }

 private:
  M inner_;
};

}  // namespace status_internal

// Matches a Status or StatusOr that is OK.
inline ::testing::PolymorphicMatcher<status_internal::IsOkMatcher> IsOk() {
  return ::testing::MakePolymorphicMatcher(status_internal::IsOkMatcher());
}

// Matches a Status or StatusOr whose code is `code` and whose message matches `message`
// (any message when left out).
template <typename Code>
::testing::PolymorphicMatcher<status_internal::StatusIsMatcher<Code>> StatusIs(
    Code code, ::testing::Matcher<const std::string&> message = ::testing::_) {
  return ::testing::MakePolymorphicMatcher(
      status_internal::StatusIsMatcher<Code>(code, std::move(message)));
}

// Matches an OK StatusOr whose value matches `inner` (a matcher or a value).
template <typename M>
status_internal::IsOkAndHoldsMatcher<M> IsOkAndHolds(M inner) {
  return status_internal::IsOkAndHoldsMatcher<M>(std::move(inner));
}

}  // namespace net::testing
