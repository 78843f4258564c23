// LoadChecked: libyaml events -> limit checks, and yaml-cpp nodes the way yaml-cpp's own
// NodeBuilder makes them.
#include "world/yaml_fast_load.h"

#include <yaml.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bcsim/load_limits.h"

namespace bcsim::loader {
struct FastBuild {};  // names the as_if specialisation below
}  // namespace bcsim::loader

// YAML::Node befriends every as_if<T, S>; this specialisation uses the node internals that
// yaml-cpp's NodeBuilder uses (create_node, set_mark, push_back, insert), all public in
// yaml-cpp/node/detail, and the private Node(detail::node&, memory) constructor.
template <>
struct YAML::as_if<bcsim::loader::FastBuild, bcsim::loader::FastBuild> {
  static bcsim::loader::CheckedYaml Load(const std::string& text,
                                        const bcsim::limits::ReadLimits& limits);
};

namespace {

using bcsim::loader::CheckedYaml;
using bcsim::loader::YamlProblem;

struct EventReader {  // owns a libyaml parser and its current event
  yaml_parser_t parser;
  yaml_event_t event;
  bool has_event = false;
  explicit EventReader(const std::string& text) {
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
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

YamlProblem ProblemAt(const yaml_mark_t& mark, std::string message) {
  return YamlProblem{mark.line, mark.column, std::move(message)};
}

// libyaml's own words for a syntax error, with where it started when it says.
YamlProblem SyntaxProblem(const yaml_parser_t& parser, const std::string& text) {
  std::string message = parser.problem != nullptr ? parser.problem : "invalid YAML";
  const yaml_mark_t& at = parser.problem_mark;
  // For ASCII text the mark's index is a byte offset: a tab there is the usual culprit.
  const bool ascii = std::none_of(text.begin(), text.end(),
                                  [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  if (ascii && at.index < text.size() && text[at.index] == '\t') {
    message = "expected spaces for indentation, found a tab (YAML does not allow tabs there)";
  } else if (parser.context != nullptr) {
    message += std::string(" ") + parser.context + " started at line " +
               std::to_string(parser.context_mark.line + 1) + ", column " +
               std::to_string(parser.context_mark.column + 1);
  }
  if (parser.error == YAML_READER_ERROR) {  // not text at all: no position inside it
    return YamlProblem{0, 0, "expected UTF-8 text, found " + message};
  }
  return ProblemAt(at, message);
}

std::uint64_t SaturatingAdd(std::uint64_t a, std::uint64_t b) {
  return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

// What one finished node (with everything under it) weighs, for alias expansion.
struct Weight {
  std::uint64_t nodes = 0;
  std::uint64_t bytes = 0;
  void Add(const Weight& w) {
    nodes = SaturatingAdd(nodes, w.nodes);
    bytes = SaturatingAdd(bytes, w.bytes);
  }
};

struct AnchorInfo {
  Weight weight;
  bool done = false;
};

// The keys of the open maps so far, for duplicates, innermost map last: a map's keys sit
// together at the end while it is the innermost (its children's keys are dropped when they
// close), so one vector serves every level without an allocation per map. A map with many
// keys moves its own into a hash map.
class OpenKeys {
 public:
  using BigMap = std::unordered_map<std::string, yaml_mark_t>;
  std::size_t size() const { return keys_.size(); }
  void Truncate(std::size_t from) { keys_.resize(from); }
  // Returns the first mark of `key` in the innermost map (its keys start at `from`, or live in
  // `*big`) when it is already there; otherwise records it.
  const yaml_mark_t* Insert(std::size_t from, std::unique_ptr<BigMap>* big, std::string_view key,
                            const yaml_mark_t& mark) {
    if (*big) {
      auto [it, inserted] = (*big)->try_emplace(std::string(key), mark);
      return inserted ? nullptr : &it->second;
    }
    for (std::size_t i = from; i < keys_.size(); ++i) {
      if (keys_[i].first == key) return &keys_[i].second;
    }
    keys_.emplace_back(std::string(key), mark);
    if (keys_.size() - from > 16) {
      *big = std::make_unique<BigMap>();
      for (std::size_t i = from; i < keys_.size(); ++i) (*big)->emplace(std::move(keys_[i]));
      keys_.resize(from);
    }
    return nullptr;
  }

 private:
  std::vector<std::pair<std::string, yaml_mark_t>> keys_;
};

const char* KindOf(yaml_event_type_t type) {
  return type == YAML_MAPPING_START_EVENT ? "a map" : "a list";
}

}  // namespace

CheckedYaml YAML::as_if<bcsim::loader::FastBuild, bcsim::loader::FastBuild>::Load(
    const std::string& text, const bcsim::limits::ReadLimits& limits) {
  CheckedYaml out;
  bool build = PlainText(text);  // false once the text leaves the plain road: checks go on
  EventReader p(text);
  detail::shared_memory_holder memory = std::make_shared<detail::memory_holder>();
  struct Frame {
    detail::node* node;  // null when not building
    bool is_map;
    detail::node* key;  // maps: the key waiting for its value
    bool awaiting_value = false;  // maps: the next node is a value (else a key)
    Weight weight;                // this collection and what is under it so far
    std::string anchor;           // "" when not anchored
    std::size_t keys_from = 0;    // maps: where its keys start in open_keys
    std::unique_ptr<OpenKeys::BigMap> big_keys;  // maps with many keys: their keys
  };
  OpenKeys open_keys;
  std::vector<Frame> stack;
  std::unordered_map<std::string, AnchorInfo> anchors;
  std::size_t aliases = 0;
  Weight expanded;  // what all aliases stand for so far
  detail::node* root = nullptr;
  bool in_document = false;
  auto fail = [&](YamlProblem problem) {
    out.problem = std::move(problem);
    out.tree.reset();
    return out;
  };
  // Checks a node about to be added to the top collection: a map key must be text, once.
  // Returns a problem, or nullopt.
  auto check_slot = [&](const yaml_event_t& e) -> std::optional<YamlProblem> {
    if (stack.empty() || !stack.back().is_map || stack.back().awaiting_value) return std::nullopt;
    if (e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT) {
      return ProblemAt(e.start_mark,
                       std::string("expected a key name (text), found ") + KindOf(e.type));
    }
    if (e.type == YAML_ALIAS_EVENT) {
      return ProblemAt(e.start_mark, std::string("expected a key name (text), found an alias *") +
                                         reinterpret_cast<const char*>(e.data.alias.anchor));
    }
    const auto& s = e.data.scalar;
    const std::string_view key(reinterpret_cast<const char*>(s.value), s.length);
    Frame& top = stack.back();
    if (const yaml_mark_t* first =
            open_keys.Insert(top.keys_from, &top.big_keys, key, e.start_mark)) {
      YamlProblem problem = ProblemAt(e.start_mark, "duplicate key \"" + std::string(key) + "\"");
      problem.first = std::make_pair(first->line, first->column);
      return problem;
    }
    return std::nullopt;
  };
  // A finished node (weight `w`) goes into the collection on top of the stack.
  auto settle = [&](const Weight& w) {
    if (stack.empty()) return;
    Frame& top = stack.back();
    top.weight.Add(w);
    if (top.is_map) top.awaiting_value = !top.awaiting_value;
  };
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
    if (!p.Next()) return fail(SyntaxProblem(p.parser, text));
    const yaml_event_t& e = p.event;
    if (e.type == YAML_SCALAR_EVENT || e.type == YAML_ALIAS_EVENT ||
        e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT) {
      if (std::optional<YamlProblem> problem = check_slot(e)) return fail(std::move(*problem));
    }
    switch (e.type) {
      case YAML_STREAM_START_EVENT:
        break;
      case YAML_STREAM_END_EVENT:
        if (build) out.tree = Node();  // no document at all: what YAML::Load returns for it
        return out;
      case YAML_DOCUMENT_START_EVENT:
        if (e.data.document_start.version_directive != nullptr ||
            e.data.document_start.tag_directives.start !=
                e.data.document_start.tag_directives.end) {
          build = false;
        }
        in_document = true;
        break;
      case YAML_DOCUMENT_END_EVENT:
        // Later documents are ignored, as YAML::Load does.
        if (build && in_document && root != nullptr) out.tree = Node(*root, memory);
        return out;
      case YAML_ALIAS_EVENT: {
        build = false;
        const std::string name = reinterpret_cast<const char*>(e.data.alias.anchor);
        auto it = anchors.find(name);
        if (it == anchors.end()) {
          return fail(ProblemAt(e.start_mark, "expected an alias of an anchor defined before "
                                              "it, found *" + name + " (no &" + name + " before)"));
        }
        if (!it->second.done) {
          return fail(ProblemAt(e.start_mark, "expected an alias of a finished node, found *" +
                                                  name + " inside &" + name +
                                                  " itself (a recursive alias)"));
        }
        if (++aliases > limits.max_aliases) {
          return fail(ProblemAt(e.start_mark, "expected at most " +
                                                  std::to_string(limits.max_aliases) +
                                                  " aliases in a file, found more"));
        }
        expanded.Add(it->second.weight);
        if (expanded.nodes > limits.max_alias_expanded_nodes ||
            expanded.bytes > limits.max_alias_expanded_bytes) {
          return fail(ProblemAt(
              e.start_mark, "expected aliases to stand for at most " +
                                std::to_string(limits.max_alias_expanded_nodes) + " nodes and " +
                                std::to_string(limits.max_alias_expanded_bytes >> 20) +
                                " MiB in all, found *" + name +
                                " going past that (aliases nested like \"billion laughs\"?)"));
        }
        settle(it->second.weight);
        break;
      }
      case YAML_SCALAR_EVENT: {
        const auto& s = e.data.scalar;
        const Weight w{1, s.length};
        if (s.anchor != nullptr) {
          anchors[reinterpret_cast<const char*>(s.anchor)] = AnchorInfo{w, true};
          build = false;
        }
        if (s.tag != nullptr) build = false;
        if (build) {
          detail::node& node = memory->create_node();
          const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
          if (plain && IsNullText(s.value, s.length)) {
            node.set_mark(s.length == 0 ? NextTokenMark(text, e.start_mark)
                                        : MakeMark(e.start_mark.index, e.start_mark.line,
                                                   e.start_mark.column));
            node.set_null();
          } else {
            node.set_mark(MakeMark(e.start_mark.index, e.start_mark.line, e.start_mark.column));
            node.set_scalar(std::string(reinterpret_cast<const char*>(s.value), s.length));
            node.set_tag(plain ? "?" : "!");
          }
          attach(node);
        }
        settle(w);
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        const bool is_map = e.type == YAML_MAPPING_START_EVENT;
        if (stack.size() >= static_cast<std::size_t>(limits.max_nesting)) {
          return fail(ProblemAt(e.start_mark, "expected at most " +
                                                  std::to_string(limits.max_nesting) +
                                                  " levels of nested lists and maps, found " +
                                                  KindOf(e.type) + " deeper than that"));
        }
        const bool flow = is_map ? e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                                 : e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        const yaml_char_t* anchor =
            is_map ? e.data.mapping_start.anchor : e.data.sequence_start.anchor;
        const yaml_char_t* tag = is_map ? e.data.mapping_start.tag : e.data.sequence_start.tag;
        std::string anchor_name;
        if (anchor != nullptr) {
          anchor_name = reinterpret_cast<const char*>(anchor);
          anchors[anchor_name] = AnchorInfo{{}, false};  // open: an alias of it now is recursive
          build = false;
        }
        if (tag != nullptr) build = false;
        detail::node* node = nullptr;
        if (build) {
          node = &memory->create_node();
          node->set_mark(MakeMark(e.start_mark.index, e.start_mark.line, e.start_mark.column));
          node->set_type(is_map ? NodeType::Map : NodeType::Sequence);
          node->set_tag("?");
          node->set_style(flow ? EmitterStyle::Flow : EmitterStyle::Block);
        }
        stack.push_back(Frame{node, is_map, nullptr, false, Weight{1, 0}, std::move(anchor_name),
                              open_keys.size(), nullptr});
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        if (stack.empty()) return fail(ProblemAt(e.start_mark, "expected a node, found an end"));
        Frame done = std::move(stack.back());
        stack.pop_back();
        open_keys.Truncate(done.keys_from);
        if (!done.anchor.empty()) anchors[done.anchor] = AnchorInfo{done.weight, true};
        if (build && done.node != nullptr) attach(*done.node);
        settle(done.weight);
        break;
      }
      default:
        build = false;
        break;
    }
  }
}

namespace bcsim::loader {

CheckedYaml LoadChecked(const std::string& text, const limits::ReadLimits& limits) {
  return YAML::as_if<FastBuild, FastBuild>::Load(text, limits);
}

std::optional<YAML::Node> FastLoad(const std::string& text) {
  CheckedYaml checked = LoadChecked(text);
  if (checked.problem) return std::nullopt;
  return std::move(checked.tree);
}

}  // namespace bcsim::loader
