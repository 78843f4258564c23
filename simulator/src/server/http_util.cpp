#include "server/http_util.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <sys/random.h>

#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

#include <nlohmann/json.hpp>

#include "bcsim/world_loader.h"  // FormatTimestamp

namespace bcsim {
namespace {

// A fast 128-bit (two-lane) non-cryptographic hash, 8 bytes per step: ETags only need to change
// when the body does and to be the same for the same body.
std::uint64_t Mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

void BodyHash(std::string_view s, std::uint64_t* a, std::uint64_t* b) {
  std::uint64_t h1 = 0x9e3779b97f4a7c15ULL ^ s.size();
  std::uint64_t h2 = 0xc2b2ae3d27d4eb4fULL + s.size();
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h1 = ((h1 ^ w) * 0x87c37b91114253d5ULL);
    h1 = (h1 << 31) | (h1 >> 33);
    h2 = ((h2 + w) * 0x4cf5ad432745937fULL);
    h2 = (h2 << 27) | (h2 >> 37);
  }
  std::uint64_t tail = 0;
  if (i < s.size()) std::memcpy(&tail, s.data() + i, s.size() - i);
  h1 = Mix(h1 ^ tail);
  h2 = Mix(h2 + tail + h1);
  *a = h1;
  *b = h2;
}

void AppendHex(std::uint64_t v, std::string* out) {
  static const char* kHex = "0123456789abcdef";
  for (int shift = 60; shift >= 0; shift -= 4) *out += kHex[(v >> shift) & 15];
}

}  // namespace

std::string FormatIsoWithOffset(Millis ms) {
  return FormatTimestamp(ms).substr(0, 19) + "+00:00";  // "2026-12-01T09:00:00" + offset
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string JsonError(std::string_view message) {
  return nlohmann::json{{"error", std::string(message)}}.dump();
}

std::string WeakEtag(std::string_view body) {
  std::uint64_t a = 0, b = 0;
  BodyHash(body, &a, &b);
  std::string out;
  out.reserve(36);
  out += "W/\"";
  AppendHex(a, &out);
  AppendHex(b, &out);
  out += '"';
  return out;
}

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match.empty()) return false;
  auto strip_weak = [](std::string_view t) {
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
    if (t.substr(0, 2) == "W/") t.remove_prefix(2);
    return t;
  };
  std::string_view want = strip_weak(etag);
  std::size_t start = 0;
  while (start <= if_none_match.size()) {
    std::size_t comma = if_none_match.find(',', start);
    std::string_view part = if_none_match.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    std::string_view t = strip_weak(part);
    if (t == "*" || t == want) return true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return false;
}

bool IsLoopbackAddress(std::string_view addr) {
  if (addr == "::1") return true;
  if (addr.substr(0, 4) == "127.") return true;
  if (addr.substr(0, 11) == "::ffff:127.") return true;
  return false;
}

std::string RandomBase64Url(std::size_t n) {
  std::vector<unsigned char> bytes(n);
  // The kernel's CSPRNG: unlike RAND_bytes, no OpenSSL DRBG to set up on the first call, which
  // start-up (the per-simulator secret) would otherwise pay for.
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = getrandom(bytes.data() + got, n - got, 0);
    if (r <= 0) break;
    got += static_cast<std::size_t>(r);
  }
  if (got < n && RAND_bytes(bytes.data(), static_cast<int>(n)) != 1) {
    std::random_device rd;
    for (auto& b : bytes) b = static_cast<unsigned char>(rd());
  }
  static const char* kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((n * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 2 < n; i += 3) {
    unsigned v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < n) {
    unsigned v = bytes[i] << 16;
    if (i + 1 < n) v |= bytes[i + 1] << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    if (i + 1 < n) out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : digest) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

}  // namespace bcsim
