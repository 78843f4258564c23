// The official SDK's "HTTPS enforced for non-localhost requests" / "HTTP allowed for
// localhost" (conformance/tests/security.json) for bcsync's --basecamp.
#include "basecamp/basecamp_url.h"

#include <gtest/gtest.h>

namespace bcsync::basecamp {
namespace {

TEST(IsLoopbackHostTest, KnowsThisMachineByNameAndAddress) {
  for (const char* host : {"localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.9.8.7", "::1", "[::1]"}) {
    EXPECT_TRUE(IsLoopbackHost(host)) << host;
  }
  for (const char* host : {"basecamp.example.com", "localhost.example.com", "10.0.0.1", "128.0.0.1", "0.0.0.0",
                           "::", "[::2]", "127.0.0.1.nip.io", ""}) {
    EXPECT_FALSE(IsLoopbackHost(host)) << host;
  }
}

TEST(CheckBasecampUrlTest, AcceptsHttpsAnywhereAndHttpOnLoopback) {
  for (const char* url : {"https://3.basecampapi.com", "https://basecamp.example.com:8443/", "http://127.0.0.1:8123",
                          "http://localhost:9", "http://[::1]:8080", "HTTP://LocalHost"}) {
    EXPECT_TRUE(CheckBasecampUrl(url, false).ok()) << url << ": " << CheckBasecampUrl(url, false).message();
  }
}

TEST(CheckBasecampUrlTest, RefusesPlainHttpToAnotherHostUnlessAllowed) {
  const Status refused = CheckBasecampUrl("http://basecamp.example.com", false);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.message(),
            "--basecamp http://basecamp.example.com: plain http to basecamp.example.com would send Basecamp tokens "
            "and the client secret unencrypted; use https://, or pass --allow-insecure-basecamp if this really is "
            "a test server you trust");
  EXPECT_EQ(CheckBasecampUrl("http://10.0.0.5:3000", false).code(), StatusCode::kInvalidArgument);
  // The way out works, and only for that case.
  EXPECT_TRUE(CheckBasecampUrl("http://basecamp.example.com", true).ok());
  EXPECT_TRUE(CheckBasecampUrl("http://10.0.0.5:3000", true).ok());
}

TEST(CheckBasecampUrlTest, RefusesWhatIsNoOriginEvenWhenInsecureIsAllowed) {
  for (const char* url : {"basecamp.example.com", "ftp://basecamp.example.com", "https://", "http://:80",
                          "http://user:pw@127.0.0.1", "https://host:0", "https://host:99999", "https://host:8o",
                          "http://[::1"}) {
    EXPECT_EQ(CheckBasecampUrl(url, true).code(), StatusCode::kInvalidArgument) << url;
  }
}

}  // namespace
}  // namespace bcsync::basecamp
