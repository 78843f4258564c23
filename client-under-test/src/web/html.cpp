#include "web/html.h"

#include <cstdint>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace bcsync::web {

std::string Escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string ButtonForm(const std::string& action, const std::string& label, const std::string& csrf,
                       const std::vector<std::pair<std::string, std::string>>& hidden,
                       const std::string& kind) {
  std::string out = "<form method=\"post\" action=\"" + Escape(action) + "\" class=\"inline\">";
  out += "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(csrf) + "\">";
  for (const auto& [name, value] : hidden) {
    out += "<input type=\"hidden\" name=\"" + Escape(name) + "\" value=\"" + Escape(value) + "\">";
  }
  out += "<button type=\"submit\" class=\"" + Escape(kind) + "\">" + Escape(label) +
         "</button></form>\n";
  return out;
}

const std::string& StyleHref() {
  static const std::string href = [] {
    std::uint32_t h = 2166136261u;  // FNV-1a of the sheet: a new sheet is a new URL
    for (unsigned char c : StyleSheet()) h = (h ^ c) * 16777619u;
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(h));
    return std::string(kStylePath) + "?v=" + hex;
  }();
  return href;
}

std::string Layout(const std::string& title, const std::string& csrf, const std::string& body) {
  return Layout(title, csrf, body, Viewer{});
}

std::string Layout(const std::string& title, const std::string& csrf, const std::string& body,
                   const Viewer& viewer) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
      Escape(title) + " - bcsync</title><link rel=\"stylesheet\" href=\"" + StyleHref() + "\">" +
      (csrf.empty() ? std::string()
                    : "<meta name=\"csrf-token\" content=\"" + Escape(csrf) + "\">") +
      "</head>\n<body>\n<header class=\"topbar\"><span class=\"product\">bcsync</span>";
  if (!csrf.empty()) {
    out += "<span class=\"who\">";
    if (!viewer.email.empty()) {
      out += "<span>Signed in as <strong>" + Escape(viewer.name) + "</strong> (" +
             Escape(viewer.email) + ")";
      if (viewer.admin) out += " <span class=\"role\">admin</span>";
      out += "</span>";
    }
    out += ButtonForm("/logout", "Log out", csrf) + "</span>";
  }
  out += "</header>\n<div class=\"frame\">\n";
  if (!csrf.empty()) {
    out +=
        "<nav class=\"side\"><a href=\"/tasks\">Tasks</a><a href=\"/tasks#time\">Time</a>"
        "<a href=\"/settings\">Settings</a>"
        "<a href=\"/settings/integrations\">Integration Settings</a>"
        "<a href=\"/settings/company-integrations\">Company Integrations</a>";
    if (viewer.admin) out += "<a href=\"/settings/tracker\">Tracker settings</a>";
    out += "</nav>\n";
  }
  out += "<main>\n<h1>" + Escape(title) + "</h1>\n" + body + "</main>\n</div>\n</body></html>\n";
  return out;
}

std::string Badge(const std::string& state) {
  std::string kind = "neutral";
  if (state == "on" || state == "ok" || state == "written") kind = "on";
  if (state == "off") kind = "off";
  if (state == "error" || state == "needs_reconnect" || state == "failed") kind = "error";
  if (state == "pending choice" || state == "pending") kind = "pending";
  return "<strong class=\"badge badge-" + kind + "\">" + Escape(state) + "</strong>";
}

std::string CountsInWords(const std::string& counts_json) {
  const nlohmann::json counts = nlohmann::json::parse(counts_json, nullptr, false);
  if (!counts.is_object()) return "";
  auto count = [&counts](const char* key) -> std::string {
    const auto it = counts.find(key);
    if (it == counts.end() || !it->is_number_integer()) return "";
    return std::to_string(it->get<long long>());
  };
  std::string tasks;
  for (const char* key : {"active", "archived", "added"}) {
    const std::string n = count(key);
    if (!n.empty()) tasks += (tasks.empty() ? "" : ", ") + n + " " + key;
  }
  std::string out = tasks;
  const std::string requests = count("requests");
  if (!requests.empty()) {
    out += (out.empty() ? "" : "; ") + requests + (requests == "1" ? " request" : " requests") +
           " to Basecamp";
  }
  const std::string not_modified = count("not_modified");
  if (!not_modified.empty() && not_modified != "0") out += " (" + not_modified + " not modified)";
  return out;
}

const std::string& StyleSheet() {
  static const std::string css = R"css(:root{--ink:#1d2330;--muted:#5b6475;--line:#dfe3ea;
--bg:#f5f6f8;--card:#fff;--brand:#2d6cdf;--on:#1f7a3f;--off:#6b7280;--err:#b42318;--warn:#9a6700}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
background:var(--bg)}
a{color:var(--brand)}
.topbar{display:flex;align-items:center;justify-content:space-between;gap:1rem;flex-wrap:wrap;
padding:.6rem 1.25rem;background:#1d2330;color:#fff}
.topbar .product{font-weight:700;font-size:1.1rem;letter-spacing:.02em}
.topbar .who{display:flex;align-items:center;gap:.75rem;flex-wrap:wrap;font-size:.9rem}
.topbar .role{background:#3b4457;border-radius:999px;padding:0 .5rem;font-size:.8rem}
.frame{display:flex;max-width:1200px;margin:0 auto;gap:1.5rem;padding:1.25rem}
nav.side{flex:0 0 13rem;display:flex;flex-direction:column;gap:.15rem}
nav.side a{display:block;padding:.45rem .75rem;border-radius:6px;color:var(--ink);
text-decoration:none}
nav.side a:hover{background:#e8ecf3}
main{flex:1;min-width:0}
h1{font-size:1.5rem;margin:.2rem 0 1rem}
h2{font-size:1.1rem;margin:0 0 .6rem}
main>section,main>table,.card,.sync-error,details{background:var(--card);
border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem;margin:0 0 1rem}
.sync-error{border-left:4px solid var(--err)}
.sync-error p{margin:.25rem 0}
.note .sync-error{border-left-color:var(--brand)}
p.error{color:var(--err);font-weight:600}
p.notice,p.ok{color:var(--on);font-weight:600}
form{margin:.25rem 0}
form.inline{display:inline-block;margin:.15rem .35rem .15rem 0}
label{display:inline-flex;flex-direction:column;gap:.2rem;margin:0 .75rem .5rem 0;font-size:.85rem;
color:var(--muted)}
input,select{font:inherit;color:var(--ink);padding:.4rem .55rem;border:1px solid var(--line);
border-radius:6px;background:#fff;min-width:8rem}
input[type=checkbox]{min-width:0}
button{font:inherit;cursor:pointer;padding:.4rem .9rem;border-radius:6px;
border:1px solid var(--line);background:#fff;color:var(--ink)}
button.primary,main form:not(.inline) button{background:var(--brand);border-color:var(--brand);
color:#fff}
button.danger{color:var(--err);border-color:#f1c0bb}
.topbar button{background:transparent;color:#fff;border-color:#566078}
.badge{display:inline-block;border-radius:999px;padding:0 .6rem;font-size:.85rem;color:#fff;
background:var(--muted)}
.badge-on{background:var(--on)}.badge-off{background:var(--off)}.badge-error{background:var(--err)}
.badge-pending{background:var(--warn)}
table{width:100%;border-collapse:collapse}
main>table{padding:0;overflow:hidden}
th,td{text-align:left;padding:.5rem .75rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.muted{color:var(--muted)}
ul{padding-left:1.2rem}
@media (max-width:720px){.frame{flex-direction:column;padding:.75rem;gap:.75rem}
nav.side{flex:none;flex-direction:row;flex-wrap:wrap}nav.side a{padding:.3rem .55rem}
table,tbody,tr,td,th{display:block}tr{border-bottom:1px solid var(--line)}
th{display:none}td{border:0;padding:.25rem .75rem}td:first-child{font-weight:600;padding-top:.6rem}
td:empty{display:none}}
)css";
  return css;
}

}  // namespace bcsync::web
