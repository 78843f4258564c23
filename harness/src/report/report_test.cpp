#include "harness/reports.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace bcsim::harness {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::vector<ScenarioResult> Sample() {
  ScenarioResult ok;
  ok.name = "company-enable";
  ok.file = "scenarios/a.yaml";
  ok.passed = true;
  ok.duration_ms = 12;
  ScenarioResult bad;
  bad.name = "error <108> & \"friends\"";
  bad.file = "scenarios/b.yaml";
  bad.reason = "b.yaml:9:5: expect: expected code 108, found <none>";
  bad.failure = "step b.yaml:9:5\n  expected code 108, found outcome ok\x01";
  StepResult st;
  st.kind = "sync";
  st.title = "sync {user: <alice>}";
  st.exchanges.push_back({"browser alice", "GET", "http://t/tasks?x=<1>", 200, "note & more", 0});
  bad.steps.push_back(st);
  return {ok, bad};
}

TEST(JUnitXmlTest, CountsAndEscapes) {
  std::string xml = JUnitXml(Sample());
  EXPECT_THAT(xml, HasSubstr("tests=\"2\" failures=\"1\""));
  EXPECT_THAT(xml, HasSubstr("name=\"error &lt;108&gt; &amp; &quot;friends&quot;\""));
  EXPECT_THAT(xml, HasSubstr("<testcase name=\"company-enable\" classname=\"scenarios.a\" time=\"0.012\"/>"));
  EXPECT_THAT(xml, Not(HasSubstr("\x01")));
}

TEST(JUnitXmlTest, FailureCarriesTheReasonAndTheStepLogIsSystemOut) {
  std::string xml = JUnitXml(Sample());
  EXPECT_THAT(xml, HasSubstr("<failure message=\"b.yaml:9:5: expect: expected code 108, found &lt;none&gt;\""));
  EXPECT_THAT(xml, HasSubstr("<system-out>ok   :0:0 sync {user: &lt;alice&gt;} (0.0 ms)\n</system-out>"));
}

TEST(JUnitXmlTest, ValidatesAgainstTheJUnitSchema) {
  if (std::system("command -v xmllint >/dev/null 2>&1") != 0) GTEST_SKIP() << "xmllint is not installed (ci/setup)";
  std::string path = (std::filesystem::temp_directory_path() / "bcsim-junit-test.xml").string();
  std::ofstream(path) << JUnitXml(Sample());
  std::string cmd = "xmllint --noout --schema " + std::string(BCSIM_XMLLINT_XSD) + " " + path + " 2>/dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  std::ofstream(path) << "<testsuites><testsuite name=\"x\"><testcase/></testsuite></testsuites>";
  EXPECT_NE(std::system(cmd.c_str()), 0);  // the schema does reject a bad report
  std::filesystem::remove(path);
}

TEST(HtmlReportTest, EscapesEverythingItShows) {
  std::string html = HtmlReport(Sample());
  EXPECT_THAT(html, HasSubstr("1 passed, 1 failed"));
  EXPECT_THAT(html, HasSubstr("error &lt;108&gt; &amp; &quot;friends&quot;"));
  EXPECT_THAT(html, HasSubstr("sync {user: &lt;alice&gt;}"));
  EXPECT_THAT(html, HasSubstr("GET http://t/tasks?x=&lt;1&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<alice>")));
  EXPECT_THAT(html, Not(HasSubstr("<http")));
}

TEST(RedactTest, HidesSecretsInUrlsAndText) {
  EXPECT_EQ(RedactUrl("http://t/cb?code=abc&state=s1&x=1"), "http://t/cb?code=[REDACTED]&state=[REDACTED]&x=1");
  EXPECT_EQ(RedactText("Authorization: Bearer BAhabc.def"), "Authorization: Bearer [REDACTED]");
  EXPECT_EQ(RedactText("{\"access_token\":\"t1\",\"n\":1}"), "{\"access_token\":\"[REDACTED]\",\"n\":1}");
  EXPECT_EQ(RedactText("client_secret=s3cret&x=1"), "client_secret=[REDACTED]&x=1");
}

TEST(RedactTest, HidesSecretsByPatternWhateverTheCase) {
  EXPECT_EQ(RedactUrl("http://t/x?Password=pw&api_key=k&page=2"),
            "http://t/x?Password=[REDACTED]&api_key=[REDACTED]&page=2");
  EXPECT_EQ(RedactText(R"({"Password":"pw","api_key":"k1","X-Auth-Token":"t1",)"
                       R"("refresh_token":"r1","code":"BC_TOKEN_REVOKED","title":"Write copy"})"),
            R"({"Password":"[REDACTED]","api_key":"[REDACTED]","X-Auth-Token":"[REDACTED]",)"
            R"("refresh_token":"[REDACTED]","code":"BC_TOKEN_REVOKED","title":"Write copy"})");
  EXPECT_EQ(RedactText("X-Auth-Token: abc123\nCookie: launchpad_session=xyz\nAccept: */*"),
            "X-Auth-Token: [REDACTED]\nCookie: [REDACTED]\nAccept: */*");
  EXPECT_EQ(RedactText("form api_key=k1&page=2"), "form api_key=[REDACTED]&page=2");
  EXPECT_EQ(Brief(nlohmann::json{{"Password", "pw"}, {"code", "wrong_account"}}),
            "{Password: [REDACTED], code: wrong_account}");
}

}  // namespace
}  // namespace bcsim::harness
