#include "harness/result.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <regex>

namespace bcsim::harness {

bool IsSecretName(const std::string& name) {
  std::string n = name;
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* s : {"password", "secret", "token", "code", "key", "authorization", "csrf",
                        "session", "cookie", "state"})
    if (n.find(s) != std::string::npos) return true;
  return false;
}

std::string RedactUrl(const std::string& url) {
  std::size_t q = url.find('?');
  if (q == std::string::npos) return url;
  std::string out = url.substr(0, q + 1);
  std::string query = url.substr(q + 1);
  std::size_t start = 0;
  bool first = true;
  while (start <= query.size()) {
    std::size_t amp = query.find('&', start);
    std::string part = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    std::size_t eq = part.find('=');
    if (!first) out += '&';
    first = false;
    if (eq != std::string::npos && IsSecretName(part.substr(0, eq))) {
      out += part.substr(0, eq) + "=[REDACTED]";
    } else {
      out += part;
    }
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return out;
}

namespace {
std::string LowerCopy(const std::string& s) {
  std::string out = s;
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string RedactText(const std::string& text) {
  // Secret-named JSON fields, form fields and headers (token, secret, password, key, csrf,
  // authorization, cookie; `code` only as a form field: a JSON "code" is a catalogue code).
  static const std::regex bearer(R"((Bearer\s+)[A-Za-z0-9._~+/=-]+)");
  static const std::string kWords = "(?:token|secret|password|key|csrf|authorization|cookie)";
  static const std::regex json_secret(
      "(\"[A-Za-z_-]*" + kWords + "[A-Za-z_-]*\"\\s*:\\s*\")[^\"]*\"", std::regex::icase);
  static const std::regex form_secret(
      R"re(\b([A-Za-z_]*(?:token|secret|password|code|key|csrf)[A-Za-z_]*=)[^&\s"]+)re",
      std::regex::icase);
  static const std::regex header_secret(
      R"re(\b((?:[A-Za-z]+-)*[A-Za-z]*(?:token|secret|password|key|csrf|cookie)[A-Za-z-]*:)re"
      R"re([ \t]*)[^\s"]+)re",
      std::regex::icase);
  // Each pattern needs one of these words: most bodies have none, and std::regex is slow.
  std::string lower = LowerCopy(text);
  bool any = false;
  for (const char* w :
       {"token", "secret", "password", "code", "key", "csrf", "authorization", "cookie", "bearer"})
    any = any || lower.find(w) != std::string::npos;
  if (!any) return text;
  std::string out = std::regex_replace(text, bearer, "$1[REDACTED]");
  out = std::regex_replace(out, json_secret, "$1[REDACTED]\"");
  out = std::regex_replace(out, form_secret, "$1[REDACTED]");
  out = std::regex_replace(out, header_secret, "$1[REDACTED]");
  return out;
}

namespace {

// One tag, "<input name=x value=y ...>": a secret-named control's value and the secret query
// parameters of a URL attribute become [REDACTED]; other values go through RedactText.
std::string RedactTag(const std::string& tag) {
  struct Attr {
    std::string name;
    std::size_t value_begin = 0, value_end = 0;  // the value's bytes in `tag`, quotes excluded
    bool has_value = false;
  };
  std::size_t i = 1;
  while (i < tag.size() && !std::isspace(static_cast<unsigned char>(tag[i])) && tag[i] != '>') ++i;
  std::string element = LowerCopy(tag.substr(1, i - 1));
  std::vector<Attr> attrs;
  while (i < tag.size()) {
    while (i < tag.size() && (std::isspace(static_cast<unsigned char>(tag[i])) || tag[i] == '/'))
      ++i;
    if (i >= tag.size() || tag[i] == '>') break;
    Attr a;
    std::size_t n = i;
    while (i < tag.size() && tag[i] != '=' && tag[i] != '>' &&
           !std::isspace(static_cast<unsigned char>(tag[i])))
      ++i;
    a.name = LowerCopy(tag.substr(n, i - n));
    while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
    if (i < tag.size() && tag[i] == '=') {
      ++i;
      while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
      a.has_value = true;
      if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
        char q = tag[i++];
        a.value_begin = i;
        while (i < tag.size() && tag[i] != q) ++i;
        a.value_end = i;
        if (i < tag.size()) ++i;
      } else {
        a.value_begin = i;
        while (i < tag.size() && tag[i] != '>' && !std::isspace(static_cast<unsigned char>(tag[i])))
          ++i;
        a.value_end = i;
      }
    }
    if (i == n) ++i;  // a stray byte: step over it
    attrs.push_back(a);
  }
  // A form control or a <meta> whose name is secret-like (csrf, token, ...): its value (a
  // control's `value`, a meta's `content`) is redacted.
  bool secret_control = false;
  const bool meta = element == "meta";
  if (meta || element == "input" || element == "textarea" || element == "select" ||
      element == "option")
    for (const auto& a : attrs)
      if (a.name == "name" && IsSecretName(tag.substr(a.value_begin, a.value_end - a.value_begin)))
        secret_control = true;
  std::string out;
  std::size_t at = 0;
  for (const auto& a : attrs) {
    if (!a.has_value) continue;
    std::string value = tag.substr(a.value_begin, a.value_end - a.value_begin);
    std::string redacted;
    if (secret_control && a.name == (meta ? "content" : "value")) {
      redacted = "[REDACTED]";
    } else if (a.name == "href" || a.name == "action" || a.name == "src" ||
               a.name == "formaction") {
      redacted = RedactText(RedactUrl(value));
    } else {
      redacted = RedactText(value);
    }
    out += tag.substr(at, a.value_begin - at) + redacted;
    at = a.value_end;
  }
  return out + tag.substr(at);
}

}  // namespace

std::string RedactHtml(const std::string& html) {
  // Linear: text between tags through RedactText, each tag through RedactTag.
  std::string out;
  out.reserve(html.size() + 64);
  std::size_t i = 0;
  while (i < html.size()) {
    std::size_t lt = html.find('<', i);
    out += RedactText(html.substr(i, lt == std::string::npos ? std::string::npos : lt - i));
    if (lt == std::string::npos) break;
    std::size_t j = lt + 1;
    char q = 0;
    for (; j < html.size(); ++j) {  // the tag's end: the first '>' outside quotes
      if (q) {
        if (html[j] == q) q = 0;
      } else if (html[j] == '"' || html[j] == '\'') {
        q = html[j];
      } else if (html[j] == '>') {
        break;
      }
    }
    if (j >= html.size()) {  // cut or broken: the same, to its end
      out += RedactTag(html.substr(lt));
      break;
    }
    out += RedactTag(html.substr(lt, j - lt + 1));
    i = j + 1;
  }
  return out;
}

namespace {
// Step arguments: `key` and `code` name scenario keys and catalogue codes there, not secrets.
bool IsPasswordLike(const std::string& name) {
  std::string key = name;
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* s : {"password", "secret", "token", "csrf", "authorization", "cookie"})
    if (key.find(s) != std::string::npos) return true;
  return false;
}
}  // namespace

std::string Brief(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + Brief(v[i]);
    return out + "]";
  }
  if (v.is_object()) {
    std::string out = "{";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.key() == "ms") continue;
      out += (first ? "" : ", ") + it.key() + ": " + (IsPasswordLike(it.key()) ? "[REDACTED]" : Brief(it.value()));
      first = false;
    }
    return out + "}";
  }
  if (v.is_null()) return "null";
  return v.dump();
}

}  // namespace bcsim::harness

namespace bcsim::harness {

std::string IsoTime(Millis ms) {
  long long s = ms / 1000, frac = ms % 1000;
  if (frac < 0) {
    frac += 1000;
    --s;
  }
  std::time_t t = static_cast<std::time_t>(s);
  std::tm tm{};
  if (!gmtime_r(&t, &tm)) return std::to_string(ms) + " ms";
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03lldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
  return buf;
}

std::string CapBody(const std::string& body, std::size_t max) {
  if (body.size() <= max) return body;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8
  return body.substr(0, cut) + "...[" + std::to_string(body.size() - cut) + " bytes elided]";
}

std::vector<Diff> SplitDiffs(const std::string& failure) {
  std::vector<Diff> out;
  std::size_t start = 0;
  while (start < failure.size() && out.size() < 20) {
    std::size_t end = failure.find('\n', start);
    std::string line =
        failure.substr(start, end == std::string::npos ? std::string::npos : end - start);
    start = end == std::string::npos ? failure.size() : end + 1;
    std::size_t e = line.find("expected ");
    std::size_t f = line.find(", found ", e == std::string::npos ? 0 : e);
    if (e == std::string::npos || f == std::string::npos) continue;
    Diff d;
    d.what = line.substr(0, e);
    while (!d.what.empty() && (d.what.back() == ' ' || d.what.back() == ':')) d.what.pop_back();
    d.expected = line.substr(e + 9, f - e - 9);
    d.found = line.substr(f + 8);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace bcsim::harness
