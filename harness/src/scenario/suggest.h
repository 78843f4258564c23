// Internal: "did you mean" for unknown names, and lists of known names for messages. Pure.
#pragma once

#include <string>
#include <vector>

namespace bcsim::harness {

// " (did you mean \"X\"?)" when a known name is close to `word` (edit distance, case folded),
// else "".
std::string DidYouMean(const std::string& word, const std::vector<std::string>& known);

// "a, b, c" (at most `most` names, then "… (N more)"); "none" when empty.
std::string NameList(const std::vector<std::string>& names, std::size_t most = 12);

std::string Lower(std::string s);

}  // namespace bcsim::harness
