// How one answer to one operation counts: the probe's only judgement, kept pure so a test can
// feed it a wrong body or a 404 and see it counted as such.
//
//   served      a documented 2xx whose JSON body validates against the operation's schema for
//               that status, or a documented body-less 2xx (204)
//   invalid     a 2xx the document does not allow: the body fails the schema (the first error
//               is kept), is not JSON, or the status is not one the operation documents
//   not served  404, 405, 501, or any answer to a request whose path needed an id the probe
//               did not know (it sent a made-up one)
//   error       anything else: 4xx/5xx other than those, or no answer at all
#pragma once

#include <string>

#include "probe/document.h"

namespace bcsim::probe {

enum class Outcome { kServed, kInvalid, kNotServed, kError };

const char* OutcomeName(Outcome o);  // "served", "invalid", "not served", "error"

struct Verdict {
  Outcome outcome = Outcome::kError;
  std::string detail;  // why, for everything but served ("" then)
};

// `status` 0 means no response arrived (`transport_error` says why). `made_up_id` names the
// path parameter the probe had no id for ("" when every id was known).
Verdict Classify(Document& doc, const Operation& op, int status, const std::string& body,
                 const std::string& made_up_id = "", const std::string& transport_error = "");

}  // namespace bcsim::probe
