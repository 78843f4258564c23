// Launchpad's HTML pages. Their visible texts are part of the contract (docs/contracts.md):
// the harness's browser finds forms, inputs and buttons by these names and labels.
// Pure functions; every value is HTML-escaped here.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace bcsim {

using HiddenFields = std::vector<std::pair<std::string, std::string>>;

// GET /: "Signed in as NAME (EMAIL)" and a Sign out button (its form carries `csrf` as
// authenticity_token), or a "Sign in" link.
std::string HomePage(const std::string& name, const std::string& email, bool signed_in,
                     const std::string& csrf);

// The login form (inputs email, password; button "Sign in"), posting to /signin with `hidden`
// carried along. `error` (e.g. "That email or password is wrong.") is shown when not empty.
std::string LoginPage(const HiddenFields& hidden, const std::string& error);

struct ConsentView {
  std::string app_name;
  std::string identity_name;
  std::string identity_email;
  std::vector<std::string> accounts;  // "Acme Inc (Basecamp)"...
  HiddenFields hidden;                // OAuth params + authenticity_token
  std::string signout_return_to;      // where "Not you? Sign out" leads after signing out
  std::string csrf;                   // the sign-out form's authenticity_token
};
// One form with buttons "Allow" and "Deny" (name "commit"), plus a "Not you? Sign out" form.
std::string ConsentPage(const ConsentView& view);

// An error page with a title and a message (e.g. "Provided redirect_uri is not approved").
std::string ErrorPage(const std::string& title, const std::string& message);

}  // namespace bcsim
