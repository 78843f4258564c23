#include "suggest.h"

#include "bcsim/edit_distance.h"

#include <algorithm>
#include <cctype>

namespace bcsim::harness {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}


std::string DidYouMean(const std::string& word, const std::vector<std::string>& known) {
  if (word.size() > 200) return "";
  const std::string w = Lower(word);
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, w.size() / 3) + 1;
  for (const std::string& k : known) {
    if (k.size() > 200) continue;
    std::size_t d = bcsim::EditDistance(w, Lower(k));
    if (d < best_d) {
      best_d = d;
      best = k;
    }
  }
  return best.empty() ? "" : " (did you mean \"" + best + "\"?)";
}

std::string NameList(const std::vector<std::string>& names, std::size_t most) {
  if (names.empty()) return "none";
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < most; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > most) out += ", ... (" + std::to_string(names.size() - most) + " more)";
  return out;
}

}  // namespace bcsim::harness
