// What the journal keeps of an exchange's headers and bodies (SimulatorOptions::journal_bodies):
// each part redacted, then capped at kJournalPartCap bytes with a marker (journal.h).
//
// Redaction, so that no secret is ever stored:
//   - headers: a secret-named header's value is "[REDACTED]" (RedactHeaders: Authorization,
//     Cookie, Set-Cookie, X-Auth-Token...); a Location or Referer value's secret-named query
//     parameters too (a Launchpad redirect carries ?code=...).
//   - JSON bodies: every secret-named field at any depth (RedactJson: password, access_token...);
//     a body in which no secret word occurs at all is kept as sent (nothing to redact, and no
//     parse); invalid JSON that holds a secret word is not kept.
//   - form bodies: every secret-named field (RedactParams: client_secret, code, refresh_token...).
//   - anything else (HTML pages carry CSRF tokens, invalid JSON may carry anything): not kept;
//     a note "[N bytes of TYPE not kept]" stands in.
// Thread safety: pure functions.
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "server/journal.h"

namespace bcsim {

std::shared_ptr<const JournalPayload> CaptureExchange(const httplib::Request& req,
                                                      const httplib::Response& res);

// The parts, exposed for tests.
std::string JournalBodyText(const std::string& content_type, const std::string& body,
                            std::size_t* elided);
std::vector<std::pair<std::string, std::string>> JournalHeaderList(
    const std::multimap<std::string, std::string>& headers);

}  // namespace bcsim
