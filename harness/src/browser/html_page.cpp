#include "harness/html_page.h"

#include <gumbo.h>

#include <cctype>

namespace bcsim::harness {
namespace {

std::string Attr(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : "";
}

bool HasAttr(const GumboNode* n, const char* name) {
  return gumbo_get_attribute(&n->v.element.attributes, name) != nullptr;
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void AppendCollapsed(std::string& out, const std::string& text) {
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
}

std::string Trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(' ');
  return s.substr(b, e - b + 1);
}

// The visible text under a node: script, style and template content skipped.
void TextOf(const GumboNode* n, std::string& out) {
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
    AppendCollapsed(out, n->v.text.text);
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT) return;
  GumboTag tag = n->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_HEAD) return;
  if (tag == GUMBO_TAG_INPUT) {
    std::string type = Lower(Attr(n, "type"));
    if (type == "submit" || type == "button") AppendCollapsed(out, " " + Attr(n, "value") + " ");
    return;
  }
  bool block = tag != GUMBO_TAG_A && tag != GUMBO_TAG_SPAN && tag != GUMBO_TAG_STRONG && tag != GUMBO_TAG_EM &&
               tag != GUMBO_TAG_B && tag != GUMBO_TAG_I && tag != GUMBO_TAG_CODE;
  if (block) AppendCollapsed(out, " ");
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) TextOf(static_cast<const GumboNode*>(kids.data[i]), out);
  if (block) AppendCollapsed(out, " ");
}

std::string VisibleText(const GumboNode* n) {
  std::string out;
  TextOf(n, out);
  return Trim(out);
}

class Walker {
 public:
  explicit Walker(HtmlPage& page) : page_(page) {}

  void Walk(const GumboNode* n, HtmlForm* form) {
    if (n->type != GUMBO_NODE_ELEMENT) return;
    const GumboElement& el = n->v.element;
    switch (el.tag) {
      case GUMBO_TAG_TITLE:
        page_.title = VisibleText(n);
        if (page_.title.empty() && el.children.length > 0) {
          const GumboNode* t = static_cast<const GumboNode*>(el.children.data[0]);
          if (t->type == GUMBO_NODE_TEXT) page_.title = t->v.text.text;
        }
        return;
      case GUMBO_TAG_A:
        if (HasAttr(n, "href")) page_.links.push_back({VisibleText(n), Attr(n, "href")});
        break;
      case GUMBO_TAG_FORM: {
        HtmlForm f;
        f.action = Attr(n, "action");
        f.method = Lower(Attr(n, "method"));
        if (f.method.empty()) f.method = "get";
        if (n->parent && n->parent->type == GUMBO_NODE_ELEMENT) f.context = VisibleText(n->parent);
        page_.forms.push_back(f);
        std::size_t index = page_.forms.size() - 1;
        for (unsigned i = 0; i < el.children.length; ++i) {
          Walk(static_cast<const GumboNode*>(el.children.data[i]), nullptr);
          WalkForm(static_cast<const GumboNode*>(el.children.data[i]), index);
        }
        return;
      }
      default:
        break;
    }
    for (unsigned i = 0; i < el.children.length; ++i) Walk(static_cast<const GumboNode*>(el.children.data[i]), form);
  }

 private:
  // Collects the controls inside form number `index` (nested forms are invalid HTML; gumbo drops them).
  void WalkForm(const GumboNode* n, std::size_t index) {
    if (n->type != GUMBO_NODE_ELEMENT) return;
    HtmlForm& f = page_.forms[index];
    const GumboElement& el = n->v.element;
    if (el.tag == GUMBO_TAG_INPUT) {
      std::string type = Lower(Attr(n, "type"));
      if (type.empty()) type = "text";
      if (type == "submit" || type == "image") {
        f.buttons.push_back({Attr(n, "value"), Attr(n, "name"), Attr(n, "value")});
      } else if (type != "button" && type != "reset") {
        HtmlField field{Attr(n, "name"), type, Attr(n, "value"), HasAttr(n, "checked"), {}, ""};
        if ((type == "checkbox" || type == "radio") && !HasAttr(n, "value")) field.value = "on";
        if (n->parent && n->parent->type == GUMBO_NODE_ELEMENT && n->parent->v.element.tag == GUMBO_TAG_LABEL)
          field.label = VisibleText(n->parent);
        f.fields.push_back(field);
      }
      return;
    }
    if (el.tag == GUMBO_TAG_BUTTON) {
      std::string type = Lower(Attr(n, "type"));
      if (type.empty() || type == "submit") f.buttons.push_back({VisibleText(n), Attr(n, "name"), Attr(n, "value")});
      return;
    }
    if (el.tag == GUMBO_TAG_TEXTAREA) {
      f.fields.push_back({Attr(n, "name"), "textarea", VisibleText(n), false, {}, ""});
      return;
    }
    if (el.tag == GUMBO_TAG_SELECT) {
      HtmlField field{Attr(n, "name"), "select", "", false, {}, ""};
      bool chosen = false;
      CollectOptions(n, field, chosen);
      if (!chosen && !field.options.empty()) field.value = field.options.front().second;
      f.fields.push_back(field);
      return;
    }
    for (unsigned i = 0; i < el.children.length; ++i) WalkForm(static_cast<const GumboNode*>(el.children.data[i]), index);
  }

  void CollectOptions(const GumboNode* n, HtmlField& field, bool& chosen) {
    const GumboElement& el = n->v.element;
    for (unsigned i = 0; i < el.children.length; ++i) {
      const GumboNode* c = static_cast<const GumboNode*>(el.children.data[i]);
      if (c->type != GUMBO_NODE_ELEMENT) continue;
      if (c->v.element.tag == GUMBO_TAG_OPTION) {
        std::string label = VisibleText(c);
        std::string value = HasAttr(c, "value") ? Attr(c, "value") : label;
        field.options.emplace_back(label, value);
        if (HasAttr(c, "selected") && !chosen) {
          field.value = value;
          chosen = true;
        }
      } else if (c->v.element.tag == GUMBO_TAG_OPTGROUP) {
        CollectOptions(c, field, chosen);
      }
    }
  }

  HtmlPage& page_;
};

const GumboNode* FindBody(const GumboNode* n) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  if (n->v.element.tag == GUMBO_TAG_BODY) return n;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    if (const GumboNode* b = FindBody(static_cast<const GumboNode*>(kids.data[i]))) return b;
  return nullptr;
}

}  // namespace

HtmlPage ParseHtml(const std::string& html) {
  HtmlPage page;
  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  Walker(page).Walk(out->root, nullptr);
  if (const GumboNode* body = FindBody(out->root)) page.text = VisibleText(body);
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return page;
}

}  // namespace bcsim::harness
