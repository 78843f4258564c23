// Reading scenario YAML safely and fast.
//
// LoadChecked reads the text with libyaml's event API (iterative: no recursion, so no depth
// crashes) and checks, before any tree is used, what yaml-cpp and the loader's recursive walks
// cannot survive or would blow up on (limits in bcsim/load_limits.h): nesting depth, alias count
// and expanded size (a recursive alias like `a: &a [*a]` is refused), map keys that are not text,
// and duplicate keys (both positions named). Only the first document is read, as YAML::Load does.
//
// When the text takes the plain road (ASCII without tabs or carriage returns, one document, no
// directives, anchors, aliases or explicit tags) it also builds the yaml-cpp node tree from the
// same events (about ten times faster than yaml-cpp's scanner). The tree matches YAML::Load's
// node for node: types, scalars, tags ("?" plain, "!" quoted or block, "" null), styles and marks
// (line, column, position; an empty value's mark is the next token's, as yaml-cpp places it).
// Otherwise the caller parses the (now checked) text with YAML::Load.
// Thread safe (no shared state).
#pragma once

#include <yaml-cpp/yaml.h>

#include "bcsim/load_limits.h"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

namespace bcsim::loader {

struct YamlProblem {  // 0-based position; message in "expected ..., found ..." style
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;
  // Duplicate keys: where the key was first (0-based line, column); the caller appends
  // " (first at FILE:LINE:COL)".
  std::optional<std::pair<std::size_t, std::size_t>> first;
};

struct CheckedYaml {
  std::optional<YamlProblem> problem;  // a syntax error or a breached limit
  std::optional<YAML::Node> tree;      // when no problem and the text took the plain road
};

CheckedYaml LoadChecked(const std::string& text, const limits::ReadLimits& limits = {});

// The plain road only: LoadChecked's tree, or nullopt (not plain, or any problem).
std::optional<YAML::Node> FastLoad(const std::string& text);

}  // namespace bcsim::loader
