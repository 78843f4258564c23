// ISO 8601 UTC formatting of epoch milliseconds ("2026-12-01T09:00:00Z"). Pure.
#pragma once

#include <string>

#include "bcsync/clock.h"

namespace bcsync::util {

std::string FormatIso(Millis ms);

}  // namespace bcsync::util
