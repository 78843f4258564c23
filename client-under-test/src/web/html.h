// HTML building blocks for the dashboard: escaping, the page layout and its stylesheet. Every
// dynamic value goes through Escape(). Pure; thread safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace bcsync::web {

std::string Escape(const std::string& text);

// A POST form with the CSRF token, optional hidden fields and one submit button. `kind` is the
// button's class: "primary", "secondary" or "danger".
std::string ButtonForm(const std::string& action, const std::string& label, const std::string& csrf,
                       const std::vector<std::pair<std::string, std::string>>& hidden = {},
                       const std::string& kind = "secondary");

// Who is looking at the page: the top bar names them; admins get the admin links.
struct Viewer {
  std::string name;
  std::string email;
  bool admin = false;
};

// The full page: top bar, left navigation (when csrf is non-empty, i.e. logged in), title and
// body (HTML). The 3-argument form names nobody in the top bar.
std::string Layout(const std::string& title, const std::string& csrf, const std::string& body);
std::string Layout(const std::string& title, const std::string& csrf, const std::string& body,
                   const Viewer& viewer);

// A status badge: the state's text in a coloured pill (on, off, error, needs_reconnect, ...).
std::string Badge(const std::string& state);

// A sync run's counts ({"active":3,"archived":1,"added":0,"requests":2}) in words:
// "3 active, 1 archived, 0 added; 2 requests to Basecamp". "" when there are none.
std::string CountsInWords(const std::string& counts_json);

// The stylesheet, served at kStylePath (no framework, no network, no inline styles: CSP-safe).
inline constexpr const char* kStylePath = "/style.css";
// The page layout links StyleHref() (kStylePath?v=HASH), so the sheet can be cached for a year.
const std::string& StyleSheet();
const std::string& StyleHref();

}  // namespace bcsync::web
