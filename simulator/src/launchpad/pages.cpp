#include "launchpad/pages.h"

#include "server/http_util.h"

namespace bcsim {
namespace {

std::string Layout(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
         HtmlEscape(title) + " | Basecamp Launchpad (bcsim)</title>\n</head>\n<body>\n" + body +
         "</body>\n</html>\n";
}

std::string Hidden(const HiddenFields& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    out += "<input type=\"hidden\" name=\"" + HtmlEscape(name) + "\" value=\"" +
           HtmlEscape(value) + "\">\n";
  }
  return out;
}

}  // namespace

std::string HomePage(const std::string& name, const std::string& email, bool signed_in,
                     const std::string& csrf) {
  if (!signed_in) {
    return Layout("Launchpad", "<h1>Basecamp Launchpad</h1>\n<p><a href=\"/signin\">Sign in</a></p>\n");
  }
  return Layout("Launchpad",
                "<h1>Basecamp Launchpad</h1>\n<p>Signed in as " + HtmlEscape(name) + " (" +
                    HtmlEscape(email) +
                    ")</p>\n<form method=\"post\" action=\"/signout\">\n" +
                    Hidden({{"authenticity_token", csrf}}) +
                    "<button type=\"submit\">Sign out</button>\n</form>\n");
}

std::string LoginPage(const HiddenFields& hidden, const std::string& error) {
  std::string body = "<h1>Sign in to Basecamp</h1>\n";
  if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + HtmlEscape(error) + "</p>\n";
  body +=
      "<form method=\"post\" action=\"/signin\">\n" + Hidden(hidden) +
      "<label for=\"email\">Email address</label>\n"
      "<input type=\"email\" id=\"email\" name=\"email\" autocomplete=\"username\">\n"
      "<label for=\"password\">Password</label>\n"
      "<input type=\"password\" id=\"password\" name=\"password\" "
      "autocomplete=\"current-password\">\n"
      "<button type=\"submit\">Sign in</button>\n</form>\n";
  return Layout("Sign in", body);
}

std::string ConsentPage(const ConsentView& v) {
  std::string body = "<h1>" + HtmlEscape(v.app_name) + " would like to access your Basecamp account</h1>\n";
  body += "<p>Signed in as " + HtmlEscape(v.identity_name) + " (" + HtmlEscape(v.identity_email) +
          ")</p>\n";
  body += "<p>" + HtmlEscape(v.app_name) + " will get access to:</p>\n<ul class=\"accounts\">\n";
  for (const auto& a : v.accounts) body += "<li>" + HtmlEscape(a) + "</li>\n";
  body += "</ul>\n";
  body += "<form method=\"post\" action=\"/authorization/new\">\n" + Hidden(v.hidden) +
          "<button type=\"submit\" name=\"commit\" value=\"Allow\">Allow</button>\n"
          "<button type=\"submit\" name=\"commit\" value=\"Deny\">Deny</button>\n</form>\n";
  body += "<form method=\"post\" action=\"/signout\">\n" +
          Hidden({{"return_to", v.signout_return_to}, {"authenticity_token", v.csrf}}) +
          "<button type=\"submit\">Not you? Sign out</button>\n</form>\n";
  return Layout("Authorize " + v.app_name, body);
}

std::string ErrorPage(const std::string& title, const std::string& message) {
  return Layout(title, "<h1>" + HtmlEscape(title) + "</h1>\n<p class=\"error\">" +
                           HtmlEscape(message) + "</p>\n");
}

}  // namespace bcsim
