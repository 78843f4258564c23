// Retry-After (RFC 9110 §10.2.3) as the official SDK reads it: a whole value of 1*DIGIT
// seconds greater than 0, or an HTTP-date later than `now`. Everything else (0, "-5",
// "120junk", a past or unparsable date, an empty header) is "no usable value", so the caller
// waits its normal backoff: malformed input never buys a shorter wait than a well-formed one.
// Pure functions; thread safe.
#pragma once

#include <optional>
#include <string>

#include "bcsync/clock.h"

namespace bcsync::basecamp {

// An HTTP-date in any of the three forms recipients must accept (IMF-fixdate
// "Sun, 06 Nov 1994 08:49:37 GMT", RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT", asctime
// "Sun Nov  6 08:49:37 1994") as milliseconds since the epoch; nullopt when it is none of them.
std::optional<Millis> ParseHttpDate(const std::string& value);

// The wait Retry-After asks for, in milliseconds, or nullopt when it gives no usable value.
std::optional<Millis> ParseRetryAfter(const std::string& value, Millis now_ms);

}  // namespace bcsync::basecamp
