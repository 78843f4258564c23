// An HTML page as a person sees it: its links, its forms (fields, selects, buttons) and its
// visible text, parsed with gumbo (a real HTML5 parser). Plain data; thread safe to read.
#pragma once

#include <string>
#include <vector>

namespace bcsim::harness {

struct HtmlLink {
  std::string text;  // visible text, whitespace collapsed
  std::string href;  // as written (relative or absolute)
};

struct HtmlField {  // <input>, <textarea>, <select>
  std::string name;
  std::string type;   // "text", "hidden", "password", "checkbox", "radio", "select", "textarea", ...
  std::string value;  // current value (a select's selected option)
  bool checked = false;
  std::vector<std::pair<std::string, std::string>> options;  // select: (label, value)
  std::string label;  // radio/checkbox: the text of its <label>, when there is one
};

struct HtmlButton {  // <button> or <input type=submit>
  std::string text;
  std::string name;
  std::string value;
};

struct HtmlForm {
  std::string action;  // as written; "" means the page's own URL
  std::string method;  // "get" or "post", lower case
  std::vector<HtmlField> fields;
  std::vector<HtmlButton> buttons;
  std::string context;  // the visible text of the form's parent element (which item it is for)
};

struct HtmlPage {
  std::string title;
  std::string text;  // all visible text of <body>, whitespace collapsed to single spaces
  std::vector<HtmlLink> links;
  std::vector<HtmlForm> forms;
};

HtmlPage ParseHtml(const std::string& html);

}  // namespace bcsim::harness
