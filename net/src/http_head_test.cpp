#include "net/http_head.h"

#include <gtest/gtest.h>

namespace net {
namespace {

int Parse(const std::string& head, RequestHead* out = nullptr) {
  RequestHead h;
  return ParseHead(head, HeadLimits{}, out ? out : &h);
}

TEST(FindHeadEnd, FindsTheBlankLineIncrementally) {
  std::string buf = "GET / HTTP/1.1\r\nHost: a\r\n";
  std::size_t scanned = 0;
  EXPECT_EQ(FindHeadEnd(buf, &scanned, {}), 0);
  buf += "\r";
  EXPECT_EQ(FindHeadEnd(buf, &scanned, {}), 0);
  buf += "\nGET";
  EXPECT_EQ(FindHeadEnd(buf, &scanned, {}), static_cast<long>(buf.size() - 3));
}

TEST(FindHeadEnd, RefusesBareLineFeedsCarriageReturnsAndNul) {
  std::size_t s = 0;
  EXPECT_EQ(FindHeadEnd("GET / HTTP/1.1\nHost: a\n\n", &s, {}), -400);
  s = 0;
  EXPECT_EQ(FindHeadEnd("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", &s, {}), -400);
  s = 0;
  EXPECT_EQ(FindHeadEnd(std::string("GET /\0 HTTP/1.1\r\n\r\n", 20), &s, {}), -400);
}

TEST(FindHeadEnd, RefusesAHeadOverTheLimit) {
  HeadLimits limits;
  limits.max_head_bytes = 64;
  std::size_t s = 0;
  EXPECT_EQ(FindHeadEnd("GET / HTTP/1.1\r\nX: " + std::string(100, 'a'), &s, limits), -431);
}

TEST(ParseHead, AcceptsAPlainRequest) {
  RequestHead h;
  ASSERT_EQ(Parse("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n", &h), 0);
  EXPECT_EQ(h.method, "GET");
  EXPECT_EQ(h.target, "/a?b=1");
  EXPECT_EQ(h.framing, Framing::kNone);
  EXPECT_FALSE(h.close);
}

TEST(ParseHead, ReadsContentLengthAndChunked) {
  RequestHead h;
  ASSERT_EQ(Parse("POST / HTTP/1.1\r\nHost: x\r\ncontent-length: 012\r\n\r\n", &h), 0);
  EXPECT_EQ(h.framing, Framing::kLength);
  EXPECT_EQ(h.content_length, 12u);
  ASSERT_EQ(Parse("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n", &h), 0);
  EXPECT_EQ(h.framing, Framing::kChunked);
  EXPECT_EQ(h.drop.size(), 1u);
}

TEST(ParseHead, RefusesAmbiguousFraming) {
  const std::string start = "POST / HTTP/1.1\r\nHost: x\r\n";
  EXPECT_EQ(Parse(start + "Content-Length: 5\r\nContent-Length: 5\r\n\r\n"), 400);
  EXPECT_EQ(Parse(start + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n"), 400);
  EXPECT_EQ(Parse(start + "Content-Length: 5, 5\r\n\r\n"), 400);
  EXPECT_EQ(Parse(start + "Content-Length: -1\r\n\r\n"), 400);
  EXPECT_EQ(Parse(start + "Content-Length: +5\r\n\r\n"), 400);
  EXPECT_EQ(Parse(start + "Content-Length: 0x10\r\n\r\n"), 400);
  EXPECT_EQ(Parse(start + "Content-Length: %35\r\n\r\n"), 400);
  EXPECT_EQ(Parse(start + "Content-Length:\r\n\r\n"), 400);
  EXPECT_EQ(Parse(start + "Content-Length: 99999999999999999999\r\n\r\n"), 400);
  EXPECT_EQ(Parse(start + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"), 400);
  EXPECT_EQ(Parse(start + "Transfer-Encoding: gzip, chunked\r\n\r\n"), 400);
  EXPECT_EQ(Parse(start + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"),
            400);
  EXPECT_EQ(Parse(start + "Content-Length : 5\r\n\r\n"), 400);
  EXPECT_EQ(Parse(start + "X: a\r\n folded\r\n\r\n"), 400);
  EXPECT_EQ(Parse("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"), 400);
}

TEST(ParseHead, RequiresExactlyOneHostInHttp11) {
  EXPECT_EQ(Parse("GET / HTTP/1.1\r\n\r\n"), 400);
  EXPECT_EQ(Parse("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400);
  EXPECT_EQ(Parse("GET / HTTP/1.1\r\nHost:\r\n\r\n"), 0);
  RequestHead h;
  EXPECT_EQ(Parse("GET / HTTP/1.0\r\n\r\n", &h), 0);
  EXPECT_TRUE(h.close);
}

TEST(ParseHead, RefusesBadRequestLines) {
  EXPECT_EQ(Parse("GET  / HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(Parse("GET / HTTP/2.0\r\nHost: a\r\n\r\n"), 505);
  EXPECT_EQ(Parse("GET / HTTX/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(Parse("BREW / HTTP/1.1\r\nHost: a\r\n\r\n"), 501);
  EXPECT_EQ(Parse("GET /\x7f HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(Parse("GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: a\r\n\r\n"), 414);
}

TEST(ParseHead, RefusesEncodedBodiesAndUnknownExpectations) {
  const std::string start = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n";
  EXPECT_EQ(Parse(start + "Content-Encoding: gzip\r\n\r\n"), 415);
  EXPECT_EQ(Parse(start + "Expect: coffee\r\n\r\n"), 417);
  RequestHead h;
  EXPECT_EQ(Parse(start + "Expect: 100-Continue\r\n\r\n", &h), 0);
  EXPECT_TRUE(h.expect_continue);
}

TEST(ParseHead, LimitsHeaderCountAndLineLength) {
  std::string head = "GET / HTTP/1.1\r\nHost: a\r\n";
  for (int i = 0; i < 120; ++i) head += "X-" + std::to_string(i) + ": v\r\n";
  EXPECT_EQ(Parse(head + "\r\n"), 431);
  EXPECT_EQ(Parse("GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(9000, 'a') + "\r\n\r\n"), 431);
}

TEST(RewriteHead, DropsLinesAndAddsOthers) {
  const std::string head =
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n"
      "A: b\r\n\r\n";
  RequestHead h;
  ASSERT_EQ(Parse(head, &h), 0);
  EXPECT_EQ(RewriteHead(head, h, {"Content-Length: 3"}),
            "POST / HTTP/1.1\r\nHost: x\r\nA: b\r\nContent-Length: 3\r\n\r\n");
}

TEST(ChunkedDecoder, DecodesInPiecesWithExtensionsAndTrailers) {
  const std::string wire = "4;name=v\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: x\r\n\r\nNEXT";
  for (std::size_t step : {std::size_t{1}, std::size_t{3}, wire.size()}) {
    ChunkedDecoder d(100);
    std::string body;
    std::size_t at = 0;
    ChunkedDecoder::Result r = ChunkedDecoder::Result::kNeedMore;
    while (r == ChunkedDecoder::Result::kNeedMore && at < wire.size()) {
      std::size_t used = 0;
      r = d.Feed(std::string_view(wire).substr(at, step), &used, &body);
      at += used;
    }
    EXPECT_EQ(r, ChunkedDecoder::Result::kDone) << step;
    EXPECT_EQ(body, "Wikipedia");
    EXPECT_EQ(wire.substr(at), "NEXT");
  }
}

TEST(ChunkedDecoder, RefusesMalformedAndOversizedBodies) {
  std::string body;
  std::size_t used = 0;
  EXPECT_EQ(ChunkedDecoder(100).Feed("x\r\n", &used, &body), ChunkedDecoder::Result::kError);
  EXPECT_EQ(ChunkedDecoder(100).Feed("3\r\nabcX", &used, &body), ChunkedDecoder::Result::kError);
  EXPECT_EQ(ChunkedDecoder(100).Feed("3\nabc", &used, &body), ChunkedDecoder::Result::kError);
  EXPECT_EQ(ChunkedDecoder(100).Feed("fffffffffffffffff\r\n", &used, &body),
            ChunkedDecoder::Result::kError);
  body.clear();
  EXPECT_EQ(ChunkedDecoder(10).Feed("b\r\n", &used, &body), ChunkedDecoder::Result::kTooLarge);
  body.clear();
  EXPECT_EQ(ChunkedDecoder(10).Feed("6\r\nabcdef\r\n6\r\n", &used, &body),
            ChunkedDecoder::Result::kTooLarge);
}

}  // namespace
}  // namespace net
