// HTML building blocks for the dashboard: escaping and the page layout. Every dynamic value
// goes through Escape(). Pure; thread safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace bcsync::web {

std::string Escape(const std::string& text);

// A POST form with the CSRF token, optional hidden fields and one submit button.
std::string ButtonForm(const std::string& action, const std::string& label, const std::string& csrf,
                       const std::vector<std::pair<std::string, std::string>>& hidden = {});

// The full page: title, navigation (when csrf is non-empty, i.e. logged in) and body (HTML).
std::string Layout(const std::string& title, const std::string& csrf, const std::string& body);

}  // namespace bcsync::web
