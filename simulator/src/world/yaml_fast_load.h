// FastLoad: YAML::Load for big scenario files, parsed with libyaml's event API (about ten
// times faster than yaml-cpp's scanner) into the same yaml-cpp node tree, marks included.
//
// It only takes the plain road: ASCII text without tabs or carriage returns, one document,
// no directives, anchors, aliases or explicit tags. Anything else -- and every syntax error --
// returns nullopt, and the caller uses YAML::Load, so unusual documents and all error
// messages stay exactly yaml-cpp's. The tree built matches YAML::Load's node for node: types,
// scalars, tags ("?" plain, "!" quoted or block, "" null), styles and marks (line, column,
// position; an empty value's mark is the next token's, as yaml-cpp places it).
// Thread safe (no shared state).
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

namespace bcsim::loader {

std::optional<YAML::Node> FastLoad(const std::string& text);

}  // namespace bcsim::loader
