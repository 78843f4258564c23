#include "web/html.h"

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
                       const std::vector<std::pair<std::string, std::string>>& hidden) {
  std::string out = "<form method=\"post\" action=\"" + Escape(action) + "\">";
  out += "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(csrf) + "\">";
  for (const auto& [name, value] : hidden) {
    out += "<input type=\"hidden\" name=\"" + Escape(name) + "\" value=\"" + Escape(value) + "\">";
  }
  out += "<button type=\"submit\">" + Escape(label) + "</button></form>\n";
  return out;
}

std::string Layout(const std::string& title, const std::string& csrf, const std::string& body) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Escape(title) +
      " - bcsync</title>" +
      (csrf.empty() ? std::string() : "<meta name=\"csrf-token\" content=\"" + Escape(csrf) + "\">") +
      "</head>\n<body>\n";
  if (!csrf.empty()) {
    out +=
        "<nav><a href=\"/tasks\">Tasks</a> | <a href=\"/settings\">Settings</a> | "
        "<a href=\"/settings/company-integrations\">Company Integrations</a> | "
        "<a href=\"/settings/integrations\">Integration Settings</a>\n" +
        ButtonForm("/logout", "Log out", csrf) + "</nav>\n";
  }
  out += "<main>\n<h1>" + Escape(title) + "</h1>\n" + body + "</main>\n</body></html>\n";
  return out;
}

}  // namespace bcsync::web
