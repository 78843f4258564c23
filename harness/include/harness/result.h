// What a scenario run produced: per step its outcome and the HTTP exchanges it caused, per
// scenario pass/fail with the failure explained. Plain data, filled by the runner, read by the
// console, JUnit and HTML reporters. Everything in it is already redacted.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "harness/scenario.h"

namespace bcsim::harness {

struct Exchange {
  std::string source;  // "browser alice", "bcsync -> basecamp", ...
  std::string method;
  std::string url;     // secrets in the query redacted
  int status = 0;      // 0: no response
  std::string note;    // Location, form fields (passwords redacted), faults fired, ...
  Millis at_ms = 0;    // virtual time
  // For the trace viewer (all redacted; bodies capped by CapBody): who called whom, one of
  // "browser", "tracker", "basecamp", "launchpad", "control", "checker".
  std::string from;
  std::string to;
  bool checker = false;  // the checker's own reads (expectations, re-logins): folded by default
  std::vector<std::pair<std::string, std::string>> request_headers, response_headers;
  std::string request_body, response_body;
  // Faults that fired on it: "f1 (FILE:LINE:COL): respond {status: 502}".
  std::vector<std::string> faults;
};

// What a browser showed at the end of a step: the page (HTML, capped) and, from a real
// browser, a screenshot (PNG, base64).
struct PageShot {
  std::string browser;
  std::string url;
  int status = 0;
  std::string html;
  std::string png_base64;
};

// One failed expectation's "expected X, found Y", split for a diff.
struct Diff {
  std::string what;  // "FILE:LINE:COL: tasks"
  std::string expected;
  std::string found;
};

struct StepResult {
  std::string kind;
  Mark mark;
  std::string title;  // e.g. "sync {user: alice}"
  bool ok = true;
  std::string failure;  // "expected ..., found ..." when !ok
  double duration_ms = 0;
  std::vector<Exchange> exchanges;
  std::vector<std::string> notes;  // e.g. "login: uma was not used: ..."
  Millis at_ms = 0;                // virtual time when the step began
  std::vector<PageShot> pages;     // the pages the step's browsers ended on
  std::vector<Diff> diffs;         // when !ok: each "expected ..., found ..." of the failure
};

struct ScenarioResult {
  std::string name;
  std::string file;
  std::string summary;
  std::vector<std::string> tags;
  bool parse_error = false;  // the file did not parse or check: `failure` says why
  bool passed = false;
  std::string reason;   // one line for the progress output
  std::string failure;  // the full explanation: step, expected, found, last exchanges
  double duration_ms = 0;
  std::vector<StepResult> steps;
  // With RunOptions::prove: expectations checked with mutants, mutants tried, and each
  // survivor as "FILE:LINE:COL: survived: KIND {args} (CHANGE)".
  int expectations_proved = 0;
  int mutants = 0;
  std::vector<std::string> survivors;
};

// Secrets never leave the harness: query values and form fields named like secrets
// (password, code, token, secret, ...) and Bearer tokens become [REDACTED].
std::string RedactUrl(const std::string& url);
std::string RedactText(const std::string& text);
bool IsSecretName(const std::string& name);
// RedactText for an HTML page, and the value of every form control named like a secret
// (a hidden csrf_token or state, a password field) becomes [REDACTED].
std::string RedactHtml(const std::string& html);

// Virtual time as ISO 8601 UTC with milliseconds: "2026-12-01T09:00:00.000Z".
std::string IsoTime(Millis ms);
// At most `max` bytes of a body; the rest replaced by "...[N bytes elided]".
std::string CapBody(const std::string& body, std::size_t max);
// Each "expected X, found Y" line of a failure message (after any "MARK: kind: " prefix).
std::vector<Diff> SplitDiffs(const std::string& failure);

// "alice", "[a, b]", "{user: alice}" from JSON, for step titles and messages.
std::string Brief(const nlohmann::json& value);

}  // namespace bcsim::harness
