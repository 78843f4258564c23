// HTTP/1.1 request framing for the guarded server (RFC 9112): finding and checking a request
// head, deciding how long the body is, and de-chunking. Pure functions and one small state
// machine: no sockets, no threads, so the unit tests and the fuzz target drive them directly.
//
// The rules are stricter than cpp-httplib's own parser on purpose: what passes here is parsed
// the same way by httplib afterwards (CRLF line ends only, no control bytes, no whitespace before
// a colon, no obs-fold), so the two can never disagree on where a request ends.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace net {

struct HeadLimits {
  std::size_t max_head_bytes = 64 * 1024;  // request line + headers + blank line
  std::size_t max_line_bytes = 8192;       // httplib's CPPHTTPLIB_HEADER_MAX_LENGTH
  std::size_t max_target_bytes = 8192;     // httplib's CPPHTTPLIB_REQUEST_URI_MAX_LENGTH
  std::size_t max_headers = 100;
};

// Incremental search for the end of a head ("\r\n\r\n") in `buf`, resuming at *scanned (bytes
// already checked). Returns the head length (terminator included), 0 when more bytes are
// needed, or -status (400: bare LF/CR or NUL; 431: head too large) for a head that can never be
// valid. Leading empty lines (CRLF) before a request line must already be skipped.
long FindHeadEnd(std::string_view buf, std::size_t* scanned, const HeadLimits& limits);

enum class Framing { kNone, kLength, kChunked };

struct RequestHead {
  std::string method;
  std::string target;
  std::string version;  // "HTTP/1.1" or "HTTP/1.0"
  Framing framing = Framing::kNone;
  std::uint64_t content_length = 0;  // kLength only
  bool expect_continue = false;      // Expect: 100-continue
  bool close = false;                // the client wants the connection closed after this
  // Byte ranges [begin, end) of header lines (CRLF included) the front removes before handing
  // the head to httplib: Transfer-Encoding and Expect, which it handles itself.
  std::vector<std::pair<std::size_t, std::size_t>> drop;
  std::size_t head_len = 0;
};

// The request line's method is one httplib routes (others get 501).
bool IsKnownMethod(std::string_view method);
// True for methods httplib reads a body for (it reads until EOF when none is framed).
bool ExpectsContent(std::string_view method);

// Parses and checks the complete head `head` (FindHeadEnd's length). Returns 0 and fills *out,
// or the status to refuse it with: 400 (malformed; duplicate or invalid Content-Length;
// Content-Length with Transfer-Encoding; a transfer coding other than chunked; no or several
// Host in HTTP/1.1), 414 (target too long), 415 (a Content-Encoding other than identity),
// 417 (an Expect other than 100-continue), 431 (a line too long, too many headers),
// 501 (unknown method), 505 (not HTTP/1.0 or 1.1).
int ParseHead(std::string_view head, const HeadLimits& limits, RequestHead* out);

// The head httplib gets: `head` without the `drop` lines, plus `extra` header lines (each
// "Name: value", no CRLF) before the blank line.
std::string RewriteHead(std::string_view head, const RequestHead& parsed,
                        const std::vector<std::string>& extra);

// A chunked body decoder (RFC 9112 §7.1), fed in pieces. Chunk extensions are skipped;
// trailer fields are read and dropped.
class ChunkedDecoder {
 public:
  enum class Result { kNeedMore, kDone, kError, kTooLarge };
  explicit ChunkedDecoder(std::size_t limit) : limit_(limit) {}
  // Consumes bytes of `in` (sets *used) and appends decoded data to *body.
  Result Feed(std::string_view in, std::size_t* used, std::string* body);

 private:
  enum class State { kSize, kExt, kSizeLf, kData, kDataCr, kDataLf, kTrailer, kTrailerLf, kDone };
  State state_ = State::kSize;
  std::size_t limit_;
  std::uint64_t chunk_ = 0;      // bytes left in the current chunk
  int size_digits_ = 0;
  std::size_t line_bytes_ = 0;  // of the current extension / trailer line, bounded
  std::size_t trailer_bytes_ = 0;
};

// "HTTP/1.1 413 Payload Too Large" ... with a small JSON body and Connection: close.
std::string ErrorResponse(int status);
const char* ReasonPhrase(int status);

}  // namespace net
