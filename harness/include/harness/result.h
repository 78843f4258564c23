// What a scenario run produced: per step its outcome and the HTTP exchanges it caused, per
// scenario pass/fail with the failure explained. Plain data, filled by the runner, read by the
// console, JUnit and HTML reporters. Everything in it is already redacted.
#pragma once

#include <cstdint>
#include <string>
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
};

struct ScenarioResult {
  std::string name;
  std::string file;
  std::string summary;
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

// "alice", "[a, b]", "{user: alice}" from JSON, for step titles and messages.
std::string Brief(const nlohmann::json& value);

}  // namespace bcsim::harness
