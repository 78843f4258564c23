#include "net/http_head.h"

#include <algorithm>
#include <cstring>

namespace net {
namespace {

bool IsTchar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != 0;
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Request line: method SP target SP HTTP/x.y
int ParseRequestLine(std::string_view line, const HeadLimits& limits, RequestHead* out) {
  std::size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos || sp1 == 0) return 400;
  std::string_view method = line.substr(0, sp1);
  for (char c : method) {
    if (!IsTchar(static_cast<unsigned char>(c))) return 400;
  }
  std::size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) return 400;
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  if (target.empty()) return 400;
  if (target.size() > limits.max_target_bytes) return 414;
  for (char c : target) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return 400;
  }
  std::string_view version = line.substr(sp2 + 1);
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' ||
      version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9') {
    return 400;
  }
  if (version != "HTTP/1.1" && version != "HTTP/1.0") return 505;
  if (!IsKnownMethod(method)) return 501;
  out->method = std::string(method);
  out->target = std::string(target);
  out->version = std::string(version);
  return 0;
}

}  // namespace

long FindHeadEnd(std::string_view buf, std::size_t* scanned, const HeadLimits& limits) {
  std::size_t i = *scanned;
  for (; i < buf.size(); ++i) {
    const char c = buf[i];
    if (c == '\0') return -400;
    if (i > 0 && buf[i - 1] == '\r' && c != '\n') return -400;  // a bare CR
    if (c == '\n') {
      if (i == 0 || buf[i - 1] != '\r') return -400;  // a bare LF
      if (i >= 3 && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
        *scanned = i + 1;
        return static_cast<long>(i + 1);
      }
    }
    if (i + 1 >= limits.max_head_bytes) return -431;
  }
  *scanned = i;
  return 0;
}

bool IsKnownMethod(std::string_view m) {
  static const char* const kMethods[] = {"GET",     "HEAD",    "POST",  "PUT",   "DELETE",
                                         "OPTIONS", "PATCH"};
  for (const char* k : kMethods) {
    if (m == k) return true;
  }
  return false;
}

bool ExpectsContent(std::string_view m) {
  return m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE";
}

int ParseHead(std::string_view head, const HeadLimits& limits, RequestHead* out) {
  *out = RequestHead{};
  if (head.size() < 4 || head.substr(head.size() - 4) != "\r\n\r\n") return 400;
  out->head_len = head.size();
  std::size_t eol = head.find("\r\n");
  std::string_view line = head.substr(0, eol);
  if (line.size() > limits.max_line_bytes + limits.max_target_bytes) return 414;
  if (int st = ParseRequestLine(line, limits, out); st != 0) return st;

  bool have_length = false, have_te = false, keep_alive = false;
  int hosts = 0;
  std::size_t headers = 0;
  std::size_t pos = eol + 2;
  while (pos < head.size()) {
    std::size_t end = head.find("\r\n", pos);
    if (end == std::string_view::npos) return 400;
    if (end == pos) break;  // the blank line
    line = head.substr(pos, end - pos);
    const std::size_t line_begin = pos;
    pos = end + 2;
    if (line.size() > limits.max_line_bytes) return 431;
    if (++headers > limits.max_headers) return 431;
    if (IsSpace(line.front())) return 400;  // obs-fold
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return 400;
    std::string_view name = line.substr(0, colon);
    for (char c : name) {
      if (!IsTchar(static_cast<unsigned char>(c))) return 400;
    }
    std::string_view value = Trim(line.substr(colon + 1));
    for (char c : value) {
      auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && c != '\t') || u == 0x7f) return 400;
    }
    if (EqualsIgnoreCase(name, "Content-Length")) {
      if (have_length || value.empty() || value.size() > 18) return 400;
      std::uint64_t n = 0;
      for (char c : value) {
        if (c < '0' || c > '9') return 400;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
      }
      have_length = true;
      out->content_length = n;
    } else if (EqualsIgnoreCase(name, "Transfer-Encoding")) {
      if (have_te || !EqualsIgnoreCase(value, "chunked")) return 400;
      have_te = true;
      out->drop.emplace_back(line_begin, pos);
    } else if (EqualsIgnoreCase(name, "Host")) {
      ++hosts;
    } else if (EqualsIgnoreCase(name, "Content-Encoding")) {
      if (!EqualsIgnoreCase(value, "identity")) return 415;
    } else if (EqualsIgnoreCase(name, "Expect")) {
      if (!EqualsIgnoreCase(value, "100-continue")) return 417;
      out->expect_continue = true;
      out->drop.emplace_back(line_begin, pos);
    } else if (EqualsIgnoreCase(name, "Connection")) {
      std::string v = Lower(value);
      std::size_t start = 0;
      while (start <= v.size()) {
        std::size_t comma = v.find(',', start);
        std::string_view token = Trim(std::string_view(v).substr(
            start, comma == std::string::npos ? std::string::npos : comma - start));
        if (token == "close") out->close = true;
        if (token == "keep-alive") keep_alive = true;
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
  }
  if (have_length && have_te) return 400;
  const bool v10 = out->version == "HTTP/1.0";
  if (!v10 && hosts != 1) return 400;
  if (v10 && (hosts > 1 || have_te)) return 400;
  if (v10 && !keep_alive) out->close = true;
  out->framing = have_te ? Framing::kChunked : have_length ? Framing::kLength : Framing::kNone;
  return 0;
}

std::string RewriteHead(std::string_view head, const RequestHead& parsed,
                        const std::vector<std::string>& extra) {
  std::string out;
  out.reserve(head.size() + 32 * extra.size());
  std::string_view body = head.substr(0, head.size() - 2);  // without the blank line
  std::size_t at = 0;
  for (const auto& [begin, end] : parsed.drop) {
    if (begin < at || end > body.size()) continue;
    out.append(body.substr(at, begin - at));
    at = end;
  }
  out.append(body.substr(at));
  for (const std::string& line : extra) {
    out += line;
    out += "\r\n";
  }
  out += "\r\n";
  return out;
}

ChunkedDecoder::Result ChunkedDecoder::Feed(std::string_view in, std::size_t* used,
                                            std::string* body) {
  std::size_t i = 0;
  auto stop = [&](Result r) {
    *used = i;
    return r;
  };
  while (i < in.size()) {
    const char c = in[i];
    switch (state_) {
      case State::kSize: {
        int h = HexValue(c);
        if (h >= 0) {
          if (++size_digits_ > 15) return stop(Result::kError);
          chunk_ = chunk_ * 16 + static_cast<std::uint64_t>(h);
          ++i;
          break;
        }
        if (size_digits_ == 0) return stop(Result::kError);
        if (chunk_ > limit_ - std::min<std::size_t>(limit_, body->size())) {
          return stop(Result::kTooLarge);
        }
        if (c == ';' || IsSpace(c)) {
          state_ = State::kExt;
          line_bytes_ = 0;
        } else if (c == '\r') {
          state_ = State::kSizeLf;
        } else {
          return stop(Result::kError);
        }
        ++i;
        break;
      }
      case State::kExt:
        if (c == '\r') {
          state_ = State::kSizeLf;
        } else if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || ++line_bytes_ > 4096) {
          return stop(Result::kError);
        }
        ++i;
        break;
      case State::kSizeLf:
        if (c != '\n') return stop(Result::kError);
        ++i;
        state_ = chunk_ == 0 ? State::kTrailer : State::kData;
        line_bytes_ = 0;
        break;
      case State::kData: {
        std::size_t n = static_cast<std::size_t>(
            std::min<std::uint64_t>(chunk_, static_cast<std::uint64_t>(in.size() - i)));
        body->append(in.data() + i, n);
        i += n;
        chunk_ -= n;
        if (chunk_ == 0) state_ = State::kDataCr;
        break;
      }
      case State::kDataCr:
        if (c != '\r') return stop(Result::kError);
        ++i;
        state_ = State::kDataLf;
        break;
      case State::kDataLf:
        if (c != '\n') return stop(Result::kError);
        ++i;
        state_ = State::kSize;
        size_digits_ = 0;
        chunk_ = 0;
        break;
      case State::kTrailer:
        if (c == '\r') {
          state_ = State::kTrailerLf;
        } else if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || ++trailer_bytes_ > 8192) {
          return stop(Result::kError);
        } else {
          ++line_bytes_;
        }
        ++i;
        break;
      case State::kTrailerLf:
        if (c != '\n') return stop(Result::kError);
        ++i;
        if (line_bytes_ == 0) {
          state_ = State::kDone;
          return stop(Result::kDone);
        }
        line_bytes_ = 0;
        state_ = State::kTrailer;
        break;
      case State::kDone:
        return stop(Result::kDone);
    }
  }
  return stop(state_ == State::kDone ? Result::kDone : Result::kNeedMore);
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
  }
}

std::string ErrorResponse(int status) {
  const std::string reason = ReasonPhrase(status);
  const std::string body =
      "{\"status\":" + std::to_string(status) + ",\"error\":\"" + reason + "\"}";
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace net
