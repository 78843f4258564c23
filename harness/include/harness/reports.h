// Reporters: JUnit XML (testsuite/testcase/failure) and one self-contained HTML page with, per
// scenario, its steps and a timeline of the HTTP exchanges. Pure functions of the results
// (already redacted); thread safe.
#pragma once

#include <string>
#include <vector>

#include "harness/result.h"

namespace bcsim::harness {

std::string XmlEscape(const std::string& text);  // also fine for HTML text and attributes
// A JUnit classname: the scenario file's path relative to the working folder, without its
// extension, in dots ("scenarios/error-108.yaml" -> "scenarios.error-108").
std::string JUnitClassName(const std::string& file);
std::string JUnitXml(const std::vector<ScenarioResult>& results, const std::string& suite_name = "bcsim");
std::string HtmlReport(const std::vector<ScenarioResult>& results);

}  // namespace bcsim::harness
