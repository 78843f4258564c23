#include "harness/browser.h"

#include <httplib.h>

#include <algorithm>

namespace bcsim::harness {
namespace {

constexpr int kMaxRedirects = 20;
constexpr std::size_t kBodyCap = 4096;  // per body kept for the report

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Quoted(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + ("\"" + s + "\"");
  return out.empty() ? "none" : out;
}

}  // namespace

Url SplitUrl(const std::string& url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return {"", url.empty() ? "/" : url};
  std::size_t slash = url.find('/', scheme + 3);
  if (slash == std::string::npos) return {url, "/"};
  return {url.substr(0, slash), url.substr(slash)};
}

namespace {
bool IsAbsolute(const std::string& href) {
  std::size_t colon = href.find("://");
  if (colon == std::string::npos || colon == 0) return false;
  return std::all_of(href.begin(), href.begin() + static_cast<long>(colon),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'; });
}
}  // namespace

std::string ResolveUrl(const std::string& base, const std::string& href_in) {
  std::string href = href_in.substr(0, href_in.find('#'));
  if (IsAbsolute(href)) return href;
  Url b = SplitUrl(base);
  if (href.empty()) return base.substr(0, base.find('#'));
  if (href.rfind("//", 0) == 0) return b.origin.substr(0, b.origin.find("://") + 1) + href;
  if (href[0] == '/') return b.origin + href;
  std::string path = b.target.substr(0, b.target.find('?'));
  if (href[0] == '?') return b.origin + path + href;
  return b.origin + path.substr(0, path.rfind('/') + 1) + href;
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += httplib::detail::encode_query_param(k) + "=" + httplib::detail::encode_query_param(v);
  }
  return out;
}

HttpBrowser::HttpBrowser(std::string name, std::function<Millis()> now,
                         std::function<void(Exchange)> log)
    : Browser(std::move(name)), now_(std::move(now)), log_(std::move(log)) {}

HttpBrowser::~HttpBrowser() = default;

httplib::Client& HttpBrowser::ClientFor(const std::string& origin) {
  auto& c = clients_[origin];
  if (!c) {
    c = std::make_unique<httplib::Client>(origin);
    c->set_tcp_nodelay(true);
    c->set_keep_alive(true);
    c->set_connection_timeout(5, 0);
    c->set_read_timeout(30, 0);
    c->set_follow_location(false);
  }
  return *c;
}

StatusOr<Page> HttpBrowser::Get(const std::string& url) { return Send("GET", url, ""); }

StatusOr<Page> HttpBrowser::Post(const std::string& url,
                                 const std::vector<std::pair<std::string, std::string>>& fields) {
  return Send("POST", url, FormEncode(fields));
}

StatusOr<Page> HttpBrowser::Send(std::string method, std::string url, std::string body) {
  for (int hop = 0; hop <= kMaxRedirects; ++hop) {
    Url u = SplitUrl(url);
    if (u.origin.empty()) return InvalidArgumentError("not an absolute URL: " + url);
    httplib::Headers headers = {{"User-Agent", "bcsim-browser (qa@bcsim.test)"}, {"Accept", "text/html,*/*"}};
    std::string cookie = cookies_.Header(u.origin);
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    Exchange ex{"browser " + name(), method, RedactUrl(url), 0, "", now_ ? now_() : 0};
    if (method == "POST") ex.note = "form: " + RedactUrl("?" + body).substr(1);
    ex.from = "browser";
    for (const auto& [k, v] : headers)
      ex.request_headers.emplace_back(k, IsSecretName(k) ? "[REDACTED]" : v);
    if (method == "POST") {
      ex.request_headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
      ex.request_body = CapBody(RedactUrl("?" + body).substr(1), kBodyCap);
    }
    httplib::Client& client = ClientFor(u.origin);
    httplib::Result res = method == "POST"
                              ? client.Post(u.target, headers, body, "application/x-www-form-urlencoded")
                              : client.Get(u.target, headers);
    if (!res) {
      ex.note = "no response: " + httplib::to_string(res.error());
      if (log_) log_(ex);
      return UnavailableError(method + " " + RedactUrl(url) + ": no response (" + httplib::to_string(res.error()) + ")");
    }
    for (const auto& [k, v] : res->headers)
      if (Lower(k) == "set-cookie") cookies_.Store(u.origin, v);
    ex.status = res->status;
    for (const auto& [k, v] : res->headers)
      ex.response_headers.emplace_back(k, IsSecretName(k)          ? "[REDACTED]"
                                          : Lower(k) == "location" ? RedactUrl(v)
                                                                   : v);
    ex.response_body = CapBody(RedactHtml(res->body), kBodyCap);
    bool redirect = res->status == 301 || res->status == 302 || res->status == 303 || res->status == 307 ||
                    res->status == 308;
    if (redirect && res->has_header("Location")) {
      std::string next = ResolveUrl(url, res->get_header_value("Location"));
      ex.note += (ex.note.empty() ? "" : "; ") + std::string("-> ") + RedactUrl(next);
      if (log_) log_(ex);
      if (res->status != 307 && res->status != 308) {
        method = "GET";
        body.clear();
      }
      url = next;
      continue;
    }
    if (log_) log_(ex);
    Page page;
    page.url = url;
    page.status = res->status;
    page.content_type = res->get_header_value("Content-Type");
    page.body = res->body;
    if (page.content_type.find("html") != std::string::npos) page.html = ParseHtml(page.body);
    Shown(page);
    return page;
  }
  return FailedPreconditionError("too many redirects from " + RedactUrl(url));
}

bool Browser::HasLink(const Page& page, const std::string& text) {
  return std::any_of(page.html.links.begin(), page.html.links.end(), [&](const auto& l) { return l.text == text; });
}

bool Browser::HasButton(const Page& page, const std::string& button) {
  for (const auto& f : page.html.forms)
    for (const auto& b : f.buttons)
      if (b.text == button) return true;
  return false;
}

StatusOr<Page> HttpBrowser::Click(const Page& page, const std::string& text) {
  std::vector<std::string> seen;
  for (const auto& l : page.html.links) {
    if (l.text == text) return Get(ResolveUrl(page.url, l.href));
    seen.push_back(l.text);
  }
  return NotFoundError("expected a link \"" + text + "\" on " + RedactUrl(page.url) + ", found links " + Quoted(seen));
}

StatusOr<FormChoice> ChooseForm(const Page& page, const std::string& button,
                                const std::map<std::string, std::string>& values,
                                const std::string& context) {
  const HtmlForm* form = nullptr;
  const HtmlButton* pressed = nullptr;
  FormChoice choice;
  std::vector<std::string> seen;
  for (std::size_t fi = 0; fi < page.html.forms.size(); ++fi) {
    const HtmlForm& f = page.html.forms[fi];
    for (std::size_t bi = 0; bi < f.buttons.size(); ++bi) {
      const HtmlButton& b = f.buttons[bi];
      seen.push_back(b.text);
      if (b.text != button) continue;
      bool better = !form || (!context.empty() && f.context.find(context) != std::string::npos &&
                              form->context.find(context) == std::string::npos);
      if (better) {
        form = &f;
        pressed = &b;
        choice.form = fi;
        choice.button = bi;
      }
    }
  }
  if (!form) {
    return NotFoundError("expected a button \"" + button + "\" on " + RedactUrl(page.url) + ", found buttons " +
                         Quoted(seen));
  }
  auto& fields = choice.fields;
  for (const auto& f : form->fields) {
    if (f.name.empty()) continue;
    auto v = values.find(f.name);
    if (f.type == "select") {
      std::string value = f.value;
      if (v != values.end()) {
        bool found = false;
        for (const auto& [label, val] : f.options) {
          if (label == v->second || val == v->second) {
            value = val;
            found = true;
            break;
          }
        }
        if (!found) {
          std::vector<std::string> labels;
          for (const auto& o : f.options) labels.push_back(o.first);
          return NotFoundError("expected an option \"" + v->second + "\" in \"" + f.name + "\", found " +
                               Quoted(labels));
        }
        choice.set[f.name] = value;
      }
      fields.emplace_back(f.name, value);
    } else if (f.type == "radio" || f.type == "checkbox") {
      bool on = f.checked;
      if (v != values.end()) {
        on = (v->second == f.value || v->second == f.label);
        if (on) choice.set[f.name] = f.value;
      }
      if (on) fields.emplace_back(f.name, f.value);
    } else {
      if (v != values.end()) choice.set[f.name] = v->second;
      fields.emplace_back(f.name, v != values.end() ? v->second : f.value);
    }
  }
  if (!pressed->name.empty()) fields.emplace_back(pressed->name, pressed->value);
  return choice;
}

StatusOr<Page> HttpBrowser::Submit(const Page& page, const std::string& button,
                                   const std::map<std::string, std::string>& values,
                                   const std::string& context) {
  auto choice = ChooseForm(page, button, values, context);
  if (!choice.ok()) return choice.status();
  const HtmlForm& form = page.html.forms[choice->form];
  std::string target = ResolveUrl(page.url, form.action);
  if (form.method == "post") return Post(target, choice->fields);
  std::string query = FormEncode(choice->fields);
  target = target.substr(0, target.find('?'));
  return Get(query.empty() ? target : target + "?" + query);
}

}  // namespace bcsim::harness

namespace bcsim::harness {
void HttpBrowser::DropConnections() { clients_.clear(); }
}  // namespace bcsim::harness
