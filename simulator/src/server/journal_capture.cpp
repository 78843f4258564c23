#include "server/journal_capture.h"

#include <strings.h>

#include <cctype>
#include <cstring>

namespace bcsim {
namespace {

bool StartsWithNoCase(const std::string& s, const char* prefix) {
  return strncasecmp(s.c_str(), prefix, strlen(prefix)) == 0;
}

bool IsJsonType(const std::string& type) {
  const std::string base = type.substr(0, type.find(';'));
  return StartsWithNoCase(base, "application/json") ||
         (base.size() >= 5 && strcasecmp(base.c_str() + base.size() - 5, "+json") == 0);
}

// "https://x/cb?code=abc&state=s" → "https://x/cb?code=[REDACTED]&state=s"; unchanged when no
// parameter is secret-named.
std::string RedactUrlQuery(const std::string& url) {
  const std::size_t q = url.find('?');
  if (q == std::string::npos) return url;
  const std::size_t hash = url.find('#', q);
  httplib::Params params;
  httplib::detail::parse_query_text(url.substr(q + 1, hash == std::string::npos ? std::string::npos
                                                                                 : hash - q - 1),
                                    params);
  bool secret = false;
  for (const auto& [k, v] : params) secret = secret || IsSecretParam(k);
  if (!secret) return url;
  // A fragment could carry anything (implicit-grant tokens): it is dropped with the rewrite.
  return url.substr(0, q + 1) + RedactParams(params);
}

// Every string value that is a URL with a query gets its secret-named parameters redacted
// (a webhook's payload_url "https://t/hook?token=..." is a secret under a plain name).
void RedactUrlValues(nlohmann::json& j) {
  if (j.is_string()) {
    const std::string& text = j.get_ref<const std::string&>();
    if (text.find("://") != std::string::npos && text.find('?') != std::string::npos) {
      j = RedactUrlQuery(text);
    }
  } else if (j.is_structured()) {
    for (auto& child : j) RedactUrlValues(child);
  }
}

// True when no secret word (IsSecretParam's) occurs anywhere in `text`, in any case: then no
// field, header or parameter in it can be secret-named, and it needs no redaction.
bool HasNoSecretWord(const std::string& text) {
  static const char* kWords[] = {"token", "secret", "password", "code",
                                 "key",   "csrf",   "authorization", "cookie"};
  std::string lower(text.size(), '\0');
  for (std::size_t i = 0; i < text.size(); ++i)
    lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  for (const char* w : kWords) {
    if (lower.find(w) != std::string::npos) return false;
  }
  return true;
}

}  // namespace

std::string JournalBodyText(const std::string& content_type, const std::string& body,
                            std::size_t* elided) {
  *elided = 0;
  if (body.empty()) return "";
  if (IsJsonType(content_type)) {
    // Most bodies (the API's own renderings) name no secret at all: nothing in them can be
    // redacted, so they are kept as sent, without building and printing a document (valid or
    // not: parsing would find no secret-named field either way).
    if (HasNoSecretWord(body)) return CapWithMarker(body, kJournalPartCap, elided);
    nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return "[" + std::to_string(body.size()) + " bytes of invalid JSON not kept]";
    nlohmann::json redacted = RedactJson(j);
    RedactUrlValues(redacted);
    return CapWithMarker(redacted.dump(), kJournalPartCap, elided);
  }
  if (StartsWithNoCase(content_type, "application/x-www-form-urlencoded")) {
    httplib::Params params;
    httplib::detail::parse_query_text(body, params);
    return CapWithMarker(RedactParams(params), kJournalPartCap, elided);
  }
  return "[" + std::to_string(body.size()) + " bytes of " +
         (content_type.empty() ? std::string("untyped content") : content_type) + " not kept]";
}

std::vector<std::pair<std::string, std::string>> JournalHeaderList(
    const std::multimap<std::string, std::string>& headers) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t used = 0;
  std::size_t elided = 0;
  for (auto [k, v] : RedactHeaders(headers)) {
    if (strcasecmp(k.c_str(), "Location") == 0 || strcasecmp(k.c_str(), "Referer") == 0) {
      v = RedactUrlQuery(v);
    }
    if (used + k.size() + v.size() > kJournalPartCap) {
      elided += k.size() + v.size();
      continue;
    }
    used += k.size() + v.size();
    out.emplace_back(std::move(k), std::move(v));
  }
  if (elided > 0) out.emplace_back("...", "[" + std::to_string(elided) + " bytes of headers elided]");
  return out;
}

std::shared_ptr<const JournalPayload> CaptureExchange(const httplib::Request& req,
                                                      const httplib::Response& res) {
  auto p = std::make_shared<JournalPayload>();
  p->request_headers = JournalHeaderList({req.headers.begin(), req.headers.end()});
  p->request_body =
      JournalBodyText(req.get_header_value("Content-Type"), req.body, &p->request_body_elided);
  p->response_headers = JournalHeaderList({res.headers.begin(), res.headers.end()});
  p->response_body =
      JournalBodyText(res.get_header_value("Content-Type"), res.body, &p->response_body_elided);
  return p;
}

}  // namespace bcsim
