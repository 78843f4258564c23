// Link-header pagination (RFC 8288) as the official SDK reads it, and URL reference
// resolution (RFC 3986 §5.2) so a relative next link is followed against the page it came on.
// Whether the result may be requested (same origin) is the ApiClient's decision, not this one's.
// Pure functions; thread safe.
#pragma once

#include <optional>
#include <string>

namespace bcsync::basecamp {

// The target of the first part whose rel list holds "next" and whose <...> is not empty:
// each URL is delimited by a '<' and the first '>' after it, so a part with no URL, an empty
// one (`<>; rel="next"`) or a stray '>' before the '<' is skipped, not an end. Relative
// targets are returned as written; nullopt when no part qualifies.
std::optional<std::string> NextLink(const std::string& link_header);

// `reference` resolved against the absolute URL `base`: absolute references are returned
// as they are, "//host/x" takes base's scheme, "/x", "?q", "x" and "../x" are merged with
// base's path with dot segments removed. "" when base is not absolute.
std::string ResolveReference(const std::string& base, const std::string& reference);

}  // namespace bcsync::basecamp
