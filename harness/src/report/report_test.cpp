#include "harness/reports.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
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
  st.at_ms = 1'796'115'600'000;  // 2026-12-01T09:00:00Z
  st.exchanges.push_back(
      {"browser alice", "GET", "http://t/tasks?x=<1>", 200, "note & more", st.at_ms});
  bad.steps.push_back(st);
  StepResult ex;
  ex.kind = "expect";
  ex.mark = {"b.yaml", 9, 5};
  ex.title = "expect sync_error {user: alice, code: 108}";
  ex.ok = false;
  ex.at_ms = st.at_ms + 61'000;
  ex.failure =
      "b.yaml:10:7: sync_error: expected the last sync of alice to fail with code 108, found "
      "outcome ok";
  ex.diffs = SplitDiffs(ex.failure);
  Exchange faulted{"bcsync -> basecamp", "GET",   "/1/projects.json", 502,
                   "faults: [\"f1\"]",   ex.at_ms};
  faulted.from = "tracker";
  faulted.to = "basecamp";
  faulted.faults = {"f1 (b.yaml:4:5): {respond: {status: 502}}"};
  faulted.response_body = "{\"error\":\"Bad Gateway\"}";
  ex.exchanges.push_back(faulted);
  Exchange again = faulted;
  again.faults.clear();
  ex.exchanges.push_back(again);  // the same body again: stored once
  ex.pages.push_back({"alice", "http://t/tasks", 200, "<p>Tasks <b>none</b></p>", ""});
  bad.steps.push_back(ex);
  return {ok, bad};
}

TEST(JUnitXmlTest, CountsAndEscapes) {
  std::string xml = JUnitXml(Sample());
  EXPECT_THAT(xml, HasSubstr("tests=\"2\" failures=\"1\""));
  EXPECT_THAT(xml, HasSubstr("name=\"error &lt;108&gt; &amp; &quot;friends&quot;\""));
  EXPECT_THAT(xml, HasSubstr("<testcase name=\"company-enable\" classname=\"scenarios.a\" time=\"0.012\"/>"));
  EXPECT_THAT(xml, Not(HasSubstr("\x01")));
}

TEST(JUnitXmlTest, FailureMessageIsTheFailingStepsAndTheStepLogIsSystemOut) {
  std::string xml = JUnitXml(Sample());
  EXPECT_THAT(
      xml,
      HasSubstr("<failure message=\"b.yaml:9:5: expect: b.yaml:10:7: sync_error: expected the last "
                "sync of alice to fail with code 108, found outcome ok\""));
  EXPECT_THAT(
      xml,
      HasSubstr(
          "<system-out>ok   2026-12-01T09:00:00.000Z :0:0 sync {user: &lt;alice&gt;} (0.0 ms)\n"
          "FAIL 2026-12-01T09:01:01.000Z b.yaml:9:5 expect sync_error"));
  EXPECT_THAT(xml, HasSubstr("timestamp=\"2026-12-01T09:00:00\""));
  // Without a failing step (a fault that never fired) the message is the scenario's reason.
  auto results = Sample();
  results[1].steps.pop_back();
  EXPECT_THAT(
      JUnitXml(results),
      HasSubstr("<failure message=\"b.yaml:9:5: expect: expected code 108, found &lt;none&gt;\""));
}

TEST(JUnitXmlTest, AFileThatDoesNotParseIsATestcaseNamedAfterIt) {
  ScenarioResult r;
  r.name = r.file = "tests/e2e/broken/typo.yaml";
  r.parse_error = true;
  r.reason = r.failure = "tests/e2e/broken/typo.yaml:3:1: unknown key \"stpes\"";
  std::string xml = JUnitXml({r});
  EXPECT_THAT(xml, HasSubstr("<testcase name=\"typo.yaml\" classname=\"broken.typo\""));
  EXPECT_THAT(
      xml,
      HasSubstr("<error message=\"tests/e2e/broken/typo.yaml:3:1: unknown key &quot;stpes&quot;\" "
                "type=\"ScenarioParseError\">"));
  EXPECT_THAT(xml, HasSubstr("failures=\"0\" errors=\"1\""));
  r.parse_error = false;  // the same result as a plain failure is not an <error>
  EXPECT_THAT(JUnitXml({r}), Not(HasSubstr("<error")));
}

TEST(JUnitXmlTest, ClassNamesAreRelativeToTheFolderThatWasRun) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / "bcsim-junit-names" / "library";
  fs::create_directories(root / "oauth");
  std::string file = (root / "oauth" / "wrong-account.yaml").string();
  EXPECT_EQ(JUnitClassName(file, {root.string()}), "library.oauth.wrong-account");
  EXPECT_EQ(JUnitClassName(file, {(root / "oauth").string()}), "oauth.wrong-account");
  EXPECT_EQ(JUnitClassName(file, {"/nonexistent-root"}), "oauth.wrong-account");  // its own folder
  EXPECT_EQ(JUnitClassName("scenarios/error-108.yaml"), "scenarios.error-108");
  EXPECT_THAT(JUnitClassName(file, {root.string()}), Not(HasSubstr("/")));
  fs::remove_all(root.parent_path());
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

// The page's data block: everything between its <script> tags.
std::string DataOf(const std::string& html) {
  std::size_t from = html.find("id=\"bcsim-data\">");
  std::size_t to = html.find("</script>", from);
  if (from == std::string::npos || to == std::string::npos) return "";
  from += std::strlen("id=\"bcsim-data\">");
  return html.substr(from, to - from);
}

TEST(HtmlReportTest, EscapesEverythingItShows) {
  std::string html = HtmlReport(Sample());
  EXPECT_THAT(html, HasSubstr("1 passed, 1 failed"));
  EXPECT_THAT(html, HasSubstr("error &lt;108&gt; &amp; &quot;friends&quot;"));
  std::string data = DataOf(html);
  EXPECT_THAT(data, HasSubstr("sync {user: \\u003calice>}"));
  EXPECT_THAT(data, HasSubstr("http://t/tasks?x=\\u003c1>"));
  EXPECT_THAT(data, HasSubstr("\\u003cp>Tasks"));  // the page snapshot, as data
  EXPECT_EQ(data.find('<'), std::string::npos);    // no tag can start inside the data
  EXPECT_THAT(html, Not(HasSubstr("<alice>")));
  EXPECT_THAT(html, Not(HasSubstr("<http")));
  EXPECT_THAT(DataOf("<script id=\"bcsim-data\">{\"a\":\"<b>\"}</script>"),
              HasSubstr("<"));  // the probe sees one
}

TEST(HtmlReportTest, FailedFirstWithIsoTimesTagsFaultsDiffsAndPages) {
  auto results = Sample();
  results[0].tags = {"oauth", "seed"};
  std::string html = HtmlReport(results);
  EXPECT_LT(html.find("<tr class=\"fail\">"), html.find("<tr class=\"pass\">"));  // failed on top
  EXPECT_THAT(html, HasSubstr("<span class=\"tag\">seed</span>"));
  EXPECT_THAT(html, HasSubstr("2026-12-01T09:00:00.000Z"));
  EXPECT_THAT(html, HasSubstr("2026-12-01T09:01:01.000Z"));
  EXPECT_THAT(html, Not(HasSubstr("day 2")));
  std::string data = DataOf(html);
  EXPECT_THAT(data, HasSubstr("\"faults\":[\"f1 (b.yaml:4:5): {respond: {status: 502}}\"]"));
  EXPECT_THAT(data, HasSubstr("\"expected\":\"the last sync of alice to fail with code 108\""));
  EXPECT_THAT(data, HasSubstr("\"found\":\"outcome ok\""));
  EXPECT_THAT(data, HasSubstr("\"pages\":[{\"browser\":\"alice\""));
  // The body both rows have is stored once.
  std::size_t first = data.find("Bad Gateway");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(data.find("Bad Gateway", first + 1), std::string::npos);
  EXPECT_THAT(html, HasSubstr("iframe"));  // drawn by the script: a snapshot box
  EXPECT_THAT(html, HasSubstr("setAttribute('sandbox','')"));  // with no allowances (no scripts)
}

// UTF-8 to UTF-16 code units, as JavaScript strings count them.
std::u16string Utf16(const std::string& s) {
  std::u16string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::uint32_t cp = n == 1 ? c : c & (0x3F >> (n - 1));
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if (cp >= 0x10000) {
      out += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      out += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
    i += static_cast<std::size_t>(n);
  }
  return out;
}

TEST(HtmlReportTest, SimilarPagesAreStoredAsDeltasTheScriptRebuildsExactly) {
  auto results = Sample();
  // bcsync-like pages: a long shared head and navigation (non-ASCII and an emoji in it), a
  // different middle, a shared end.
  const std::string head = "<!DOCTYPE html>\n<head><title>Tâches 📋</title></head><nav>" +
                           std::string(600, 'n') + "</nav><main>";
  const std::string tail = "</main>" + std::string(300, 't') + "</html>";
  std::vector<std::string> pages = {head + "<p>first é</p>" + tail, head + "<p>second</p>" + tail,
                                    head + "<p>third 📋</p>" + tail};
  for (const std::string& html : pages) {
    results[1].steps[0].pages.push_back({"alice", "http://t/tasks", 200, html, ""});
  }
  const nlohmann::json data = nlohmann::json::parse(DataOf(HtmlReport(results)));
  std::vector<std::u16string> blobs;
  int deltas = 0;
  for (const nlohmann::json& b : data["blobs"]) {  // what the report's script does on load
    if (b.is_array()) {
      ++deltas;
      const std::u16string& base = blobs.at(b[0].get<std::size_t>());
      const std::size_t pre = b[1], suf = b[2];
      blobs.push_back(base.substr(0, pre) + Utf16(b[3].get<std::string>()) +
                      base.substr(base.size() - suf));
    } else {
      blobs.push_back(Utf16(b.get<std::string>()));
    }
  }
  EXPECT_EQ(deltas, 2);  // the second and third pages
  for (const std::string& html : pages) {
    EXPECT_NE(std::find(blobs.begin(), blobs.end(), Utf16(html)), blobs.end()) << html;
  }
  // The probe: a wrong unit count (bytes instead of UTF-16 units) would not rebuild them.
  EXPECT_NE(Utf16(head).size(), head.size());
}

TEST(HtmlReportTest, AStepWithThousandsOfRequestsKeepsAThousandRows) {
  auto results = Sample();
  StepResult& st = results[1].steps[0];
  for (int i = 0; i < 1500; ++i)
    st.exchanges.push_back({"browser alice", "GET", "/p" + std::to_string(i), 200});
  std::string data = DataOf(HtmlReport(results));
  EXPECT_THAT(data, HasSubstr("\"/p998\""));
  EXPECT_THAT(data, Not(HasSubstr("\"/p999\"")));  // the 1001st row of the step (1 was there)
  EXPECT_THAT(data, HasSubstr("501 more requests of this step not shown"));
}

TEST(ReportHelpersTest, IsoTimeCapBodyAndDiffs) {
  EXPECT_EQ(IsoTime(1'796'115'600'000), "2026-12-01T09:00:00.000Z");
  EXPECT_EQ(IsoTime(1'797'411'661'250), "2026-12-16T09:01:01.250Z");
  EXPECT_NE(IsoTime(1'796'115'600'001), "2026-12-01T09:00:00.000Z");
  EXPECT_EQ(CapBody(std::string(5000, 'x'), 4096),
            std::string(4096, 'x') + "...[904 bytes elided]");
  EXPECT_EQ(CapBody("short", 4096), "short");
  auto d =
      SplitDiffs("a.yaml:3:5: tasks: expected task \"A\" for uma, found active [B]\nno diff here");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].what, "a.yaml:3:5: tasks");
  EXPECT_EQ(d[0].expected, "task \"A\" for uma");
  EXPECT_EQ(d[0].found, "active [B]");
}

TEST(RedactTest, PagesLoseTheirSecretFieldsAndKeepTheRest) {
  std::string page =
      R"(<form><input type="hidden" name="csrf_token" value="c5rf"><input value='st8' )"
      R"(name=state><input type="password" name="password" value="pw1">)"
      R"(<input name="title" value="Write copy"><a href="/cb?code=abc">x</a></form>)";
  std::string out = RedactHtml(page);
  for (const char* secret : {"c5rf", "st8", "pw1", "abc"})
    EXPECT_THAT(out, Not(HasSubstr(secret))) << secret;
  EXPECT_THAT(out, HasSubstr("value=\"Write copy\""));
  EXPECT_THAT(page, HasSubstr("c5rf"));  // the probe: the secret was there to find
}

TEST(RedactTest, AMetaNamedLikeASecretLosesItsContent) {
  // bcsync's layout carries the session's CSRF token for its JSON API in a <meta>.
  const std::string page = R"(<meta name="csrf-token" content="dc7f45"><meta name="viewport" )"
                           R"(content="width=device-width">)";
  const std::string out = RedactHtml(page);
  EXPECT_THAT(out, Not(HasSubstr("dc7f45")));
  EXPECT_THAT(out, HasSubstr(R"(name="csrf-token" content="[REDACTED]")"));
  EXPECT_THAT(out, HasSubstr(R"(content="width=device-width")"));  // not a secret: kept
  EXPECT_THAT(page, HasSubstr("dc7f45"));                            // the probe
}

TEST(RedactTest, PagesWithOddTagsStillLoseTheirSecrets) {
  // A '>' inside a quoted value, an unquoted value, a page cut in the middle of a tag.
  std::string out =
      RedactHtml(R"(<p title="a>b">x</p><INPUT NAME=api_key VALUE=k3y>)"
                 R"(<a href='/x?state=s7&page=2'>y</a><input name="token" value="t0)");
  for (const char* secret : {"k3y", "s7", "t0"}) EXPECT_THAT(out, Not(HasSubstr(secret))) << out;
  EXPECT_THAT(out, HasSubstr("title=\"a>b\""));
  EXPECT_THAT(out, HasSubstr("page=2"));
  const std::string plain = "<p>Write copy, due Friday</p>";
  EXPECT_EQ(RedactHtml(plain), plain);  // nothing secret: unchanged
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
