// The limits on what a scenario file (and its includes) may ask of the reader and the loader,
// in one place. Each is checked before the work it bounds is done, and each breach is an
// InvalidArgument "FILE:LINE:COL: expected ..., found ..." (see simulator/README.md, "Limits").
// They are generous for real scenarios and worlds (a generated 1,000,000-to-do world loads) and
// keep a hostile file (deep nesting, "billion laughs" aliases, /dev/zero, include fan-out)
// within seconds and well under 2 GiB.
#pragma once

#include <cstddef>
#include <cstdint>

namespace bcsim::limits {

inline constexpr std::size_t kMiB = std::size_t{1} << 20;

// Bytes of one file (the scenario or an included file).
inline constexpr std::size_t kMaxFileBytes = 256 * kMiB;
// Bytes read for one scenario: the file and all its includes together.
inline constexpr std::size_t kMaxTotalBytes = 512 * kMiB;
// Nested lists and maps in one file (the scenario format needs about 12).
inline constexpr int kMaxNesting = 64;
// Alias uses (`*name`) in one file.
inline constexpr std::size_t kMaxAliases = 1'000;
// Nodes that aliases stand for, expanded (an alias counts every node under its anchor, aliases
// inside it expanded too): what "billion laughs" makes explode.
inline constexpr std::uint64_t kMaxAliasExpandedNodes = 100'000;
// Scalar bytes that aliases stand for, expanded the same way.
inline constexpr std::uint64_t kMaxAliasExpandedBytes = 16 * kMiB;
// Files included by one scenario, counted over the whole include tree.
inline constexpr int kMaxIncludeFiles = 64;
// How deep includes may nest (the scenario is level 0, its includes level 1, ...).
inline constexpr int kMaxIncludeDepth = 8;
// The longest `delay:` of a fault, in milliseconds (one day).
inline constexpr std::int64_t kMaxFaultDelayMs = 24LL * 60 * 60 * 1000;
// The largest count in a fault's `nth:`, `times:` or `after:`.
inline constexpr std::int64_t kMaxFaultCount = 1'000'000'000;

// The reader's limits as values, defaulting to the constants above; tests (and embedders) may
// lower them. ReadOptions::limits carries them.
struct ReadLimits {
  std::size_t max_file_bytes = kMaxFileBytes;
  std::size_t max_total_bytes = kMaxTotalBytes;
  int max_nesting = kMaxNesting;
  std::size_t max_aliases = kMaxAliases;
  std::uint64_t max_alias_expanded_nodes = kMaxAliasExpandedNodes;
  std::uint64_t max_alias_expanded_bytes = kMaxAliasExpandedBytes;
  int max_include_files = kMaxIncludeFiles;
  int max_include_depth = kMaxIncludeDepth;
};

}  // namespace bcsim::limits
