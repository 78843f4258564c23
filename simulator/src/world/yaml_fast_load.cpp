// FastLoad: libyaml events -> yaml-cpp nodes, the way yaml-cpp's own NodeBuilder makes them.
#include "world/yaml_fast_load.h"

#include <yaml.h>

#include <cstring>
#include <memory>
#include <vector>

namespace bcsim::loader {
struct FastBuild {};  // names the as_if specialisation below
}  // namespace bcsim::loader

// YAML::Node befriends every as_if<T, S>; this specialisation uses the node internals that
// yaml-cpp's NodeBuilder uses (create_node, set_mark, push_back, insert), all public in
// yaml-cpp/node/detail, and the private Node(detail::node&, memory) constructor.
template <>
struct YAML::as_if<bcsim::loader::FastBuild, bcsim::loader::FastBuild> {
  static std::optional<Node> Load(const std::string& text);
};

namespace {

struct EventReader {  // owns a libyaml parser and its current event
  yaml_parser_t parser;
  yaml_event_t event;
  bool has_event = false;
  explicit EventReader(const std::string& text) {
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~EventReader() {
    if (has_event) yaml_event_delete(&event);
    yaml_parser_delete(&parser);
  }
  EventReader(const EventReader&) = delete;
  EventReader& operator=(const EventReader&) = delete;
  bool Next() {
    if (has_event) yaml_event_delete(&event);
    has_event = yaml_parser_parse(&parser, &event) != 0;
    return has_event;
  }
};

bool PlainText(const std::string& text) {
  for (unsigned char c : text) {
    if (c >= 0x80 || c == '\t' || c == '\r') return false;
  }
  return true;
}

YAML::Mark MakeMark(std::size_t pos, std::size_t line, std::size_t column) {
  YAML::Mark mark;
  mark.pos = static_cast<int>(pos);
  mark.line = static_cast<int>(line);
  mark.column = static_cast<int>(column);
  return mark;
}

// yaml-cpp marks an empty value (`key:` with nothing after it) at the token that follows it;
// libyaml marks it where it would have been. Walk from there past blanks and comments.
YAML::Mark NextTokenMark(const std::string& text, const yaml_mark_t& from) {
  std::size_t pos = from.index, line = from.line, column = from.column;
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == ' ') {
      ++pos;
      ++column;
    } else if (c == '\n') {
      ++pos;
      ++line;
      column = 0;
    } else if (c == '#') {
      while (pos < text.size() && text[pos] != '\n') {
        ++pos;
        ++column;
      }
    } else {
      break;
    }
  }
  return MakeMark(pos, line, column);
}

bool IsNullText(const unsigned char* value, std::size_t length) {
  const char* v = reinterpret_cast<const char*>(value);
  const std::string_view s(v, length);
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

}  // namespace

std::optional<YAML::Node> YAML::as_if<bcsim::loader::FastBuild, bcsim::loader::FastBuild>::Load(
    const std::string& text) {
  if (!PlainText(text)) return std::nullopt;
  EventReader p(text);
  detail::shared_memory_holder memory = std::make_shared<detail::memory_holder>();
  struct Frame {
    detail::node* node;
    bool is_map;
    detail::node* key;  // maps: the key waiting for its value
  };
  std::vector<Frame> stack;
  detail::node* root = nullptr;
  bool in_document = false;
  // Adds a finished node to the collection on top of the stack (or makes it the root).
  auto attach = [&](detail::node& node) {
    if (stack.empty()) {
      root = &node;
      return;
    }
    Frame& top = stack.back();
    if (!top.is_map) {
      top.node->push_back(node, memory);
    } else if (top.key == nullptr) {
      top.key = &node;
    } else {
      top.node->insert(*top.key, node, memory);
      top.key = nullptr;
    }
  };
  while (true) {
    if (!p.Next()) return std::nullopt;  // a syntax error: yaml-cpp reports it its own way
    const yaml_event_t& e = p.event;
    switch (e.type) {
      case YAML_STREAM_START_EVENT:
        break;
      case YAML_STREAM_END_EVENT:
        return Node();  // no document at all: what YAML::Load returns for it
      case YAML_DOCUMENT_START_EVENT:
        if (e.data.document_start.version_directive != nullptr ||
            e.data.document_start.tag_directives.start != e.data.document_start.tag_directives.end) {
          return std::nullopt;
        }
        in_document = true;
        break;
      case YAML_DOCUMENT_END_EVENT:
        if (!in_document || root == nullptr) return std::nullopt;
        return Node(*root, memory);  // later documents are ignored, as YAML::Load does
      case YAML_ALIAS_EVENT:
        return std::nullopt;
      case YAML_SCALAR_EVENT: {
        const auto& s = e.data.scalar;
        if (s.anchor != nullptr || s.tag != nullptr) return std::nullopt;
        detail::node& node = memory->create_node();
        const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
        if (plain && IsNullText(s.value, s.length)) {
          node.set_mark(s.length == 0 ? NextTokenMark(text, e.start_mark)
                                      : MakeMark(e.start_mark.index, e.start_mark.line, e.start_mark.column));
          node.set_null();
        } else {
          node.set_mark(MakeMark(e.start_mark.index, e.start_mark.line, e.start_mark.column));
          node.set_scalar(std::string(reinterpret_cast<const char*>(s.value), s.length));
          node.set_tag(plain ? "?" : "!");
        }
        attach(node);
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        const bool is_map = e.type == YAML_MAPPING_START_EVENT;
        const bool flow = is_map ? e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                                 : e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        const yaml_char_t* anchor = is_map ? e.data.mapping_start.anchor : e.data.sequence_start.anchor;
        const yaml_char_t* tag = is_map ? e.data.mapping_start.tag : e.data.sequence_start.tag;
        if (anchor != nullptr || tag != nullptr) return std::nullopt;
        detail::node& node = memory->create_node();
        node.set_mark(MakeMark(e.start_mark.index, e.start_mark.line, e.start_mark.column));
        node.set_type(is_map ? NodeType::Map : NodeType::Sequence);
        node.set_tag("?");
        node.set_style(flow ? EmitterStyle::Flow : EmitterStyle::Block);
        stack.push_back(Frame{&node, is_map, nullptr});
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        if (stack.empty()) return std::nullopt;
        detail::node* node = stack.back().node;
        stack.pop_back();
        attach(*node);
        break;
      }
      default:
        return std::nullopt;
    }
  }
}

namespace bcsim::loader {

std::optional<YAML::Node> FastLoad(const std::string& text) {
  return YAML::as_if<FastBuild, FastBuild>::Load(text);
}

}  // namespace bcsim::loader
