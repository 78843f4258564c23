// Reporters: JUnit XML (testsuite/testcase/failure) and one self-contained HTML page with, per
// scenario, its steps and a timeline of the HTTP exchanges. Pure functions of the results
// (already redacted); thread safe.
#pragma once

#include <string>
#include <vector>

#include "harness/result.h"

namespace bcsim::harness {

std::string XmlEscape(const std::string& text);  // also fine for HTML text and attributes
// A JUnit classname, the same wherever the run started: the file's path from the folder that
// was run (one of `roots`, the paths given to `bcsim run`), that folder's own name first, in
// dots, without the extension ("/ci/w/scenarios/oauth/x.yaml" run as "/ci/w/scenarios" ->
// "scenarios.oauth.x"); a file outside every root folder: its own folder's name and its name.
std::string JUnitClassName(const std::string& file, const std::vector<std::string>& roots = {});
// One testcase per scenario: a failure's message is the failing step's (its mark first), its
// text the whole explanation; the step log (ISO 8601 virtual times) is system-out; a file that
// did not parse is a testcase named after the file with an <error> holding the parse error.
std::string JUnitXml(const std::vector<ScenarioResult>& results,
                     const std::string& suite_name = "bcsim",
                     const std::vector<std::string>& roots = {});
// The trace viewer: one self-contained page (inline CSS and JS, no network, works from file://).
// A summary (failed first, durations, tags), then per scenario its steps, each with a swim-lane
// timeline of its exchanges (browser, tracker, Basecamp, Launchpad, control) in ISO 8601 virtual
// time that expand to their redacted headers and bodies, faults with their FILE:LINE:COL, the
// checker's own reads folded away, the page each browser ended on (a sandboxed srcdoc iframe,
// no scripts; a screenshot from a real browser) and a failed expectation as an expected/found
// diff. Bodies, pages and screenshots are stored once each (deduplicated) and drawn on demand.
std::string HtmlReport(const std::vector<ScenarioResult>& results);

}  // namespace bcsim::harness
