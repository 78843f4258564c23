// Small HTTP helpers shared by the server, Launchpad and the control API: time formatting,
// escaping, weak ETags, request ids, loopback checks. Pure functions, thread safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "bcsim/world.h"
#include "world/url_encode.h"  // UrlEncode

namespace bcsim {

// (The API's "2026-12-01T09:00:00.000Z" is FormatTimestamp, bcsim/world_loader.h.)
// "2026-12-01T09:00:00+00:00" (ISO 8601 with an explicit offset, as authorization.json shows)
std::string FormatIsoWithOffset(Millis ms);

std::string HtmlEscape(std::string_view s);
// A JSON string literal body {"error": message}.
std::string JsonError(std::string_view message);

// W/"<32 hex>": a deterministic hash of the body (same body, same ETag, across runs).
std::string WeakEtag(std::string_view body);
// True when `if_none_match` (the header value, possibly a list or "*") matches `etag`.
bool EtagMatches(std::string_view if_none_match, std::string_view etag);

// True for 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x.x.x).
bool IsLoopbackAddress(std::string_view addr);

// `n` random bytes (OpenSSL) encoded as unpadded base64url. Never fails in practice; falls back
// to std::random_device if OpenSSL does.
std::string RandomBase64Url(std::size_t n);
// Lowercase hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace bcsim
