#include "probe/classify.h"

namespace bcsim::probe {
namespace {

// A short, one-line excerpt of a body for the report (no secrets: the probe's bodies are the
// simulator's API answers, never tokens).
std::string Excerpt(const std::string& body) {
  std::string out;
  for (char c : body.substr(0, 120)) out += (c == '\n' || c == '\r') ? ' ' : c;
  return body.size() > 120 ? out + "..." : out;
}

std::string Documented(const Operation& op) {
  std::string out;
  for (const auto& [code, _] : op.success) out += (out.empty() ? "" : ", ") + std::to_string(code);
  return out;
}

}  // namespace

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kServed: return "served";
    case Outcome::kInvalid: return "invalid";
    case Outcome::kNotServed: return "not served";
    case Outcome::kError: return "error";
  }
  return "error";
}

Verdict Classify(Document& doc, const Operation& op, int status, const std::string& body,
                 const std::string& made_up_id, const std::string& transport_error) {
  if (status == 0) return {Outcome::kError, "no response: " + transport_error};
  if (!made_up_id.empty()) {
    return {Outcome::kNotServed, "no {" + made_up_id + "} known, sent a made-up id: " + std::to_string(status)};
  }
  if (status == 404 || status == 405 || status == 501) {
    return {Outcome::kNotServed, std::to_string(status) + (body.empty() ? "" : " " + Excerpt(body))};
  }
  if (status < 200 || status > 299) {
    return {Outcome::kError, std::to_string(status) + (body.empty() ? "" : " " + Excerpt(body))};
  }
  auto documented = op.success.find(status);
  if (documented == op.success.end()) {
    return {Outcome::kInvalid, std::to_string(status) + " is not documented (documented: " + Documented(op) + ")"};
  }
  if (!documented->second) return {Outcome::kServed, ""};  // a body-less 2xx; a body is tolerated
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) return {Outcome::kInvalid, std::to_string(status) + " body is not JSON: " + Excerpt(body)};
  std::vector<std::string> errors = doc.Validate(op, status, parsed);
  if (!errors.empty()) return {Outcome::kInvalid, std::to_string(status) + " " + errors.front()};
  return {Outcome::kServed, ""};
}

}  // namespace bcsim::probe
