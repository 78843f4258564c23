// A minimal streaming JSON writer for the hot responses (projects.json under load), where
// building an nlohmann::json tree and dumping it costs more than the rest of the request.
// Output is compact JSON; keys are written in the order given.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bcsim::api {

class JsonOut {
 public:
  explicit JsonOut(std::string& out) : out_(out) {}

  JsonOut& BeginObject() { Comma(); out_ += '{'; first_ = true; return *this; }
  JsonOut& EndObject() { out_ += '}'; first_ = false; return *this; }
  JsonOut& BeginArray() { Comma(); out_ += '['; first_ = true; return *this; }
  JsonOut& EndArray() { out_ += ']'; first_ = false; return *this; }
  JsonOut& Key(std::string_view key) {
    Comma();
    Quoted(key);
    out_ += ':';
    first_ = true;  // the value that follows takes no comma
    return *this;
  }
  JsonOut& String(std::string_view value) { Comma(); Quoted(value); return *this; }
  JsonOut& Int(std::int64_t value) { Comma(); out_ += std::to_string(value); return *this; }
  JsonOut& Bool(bool value) { Comma(); out_ += value ? "true" : "false"; return *this; }
  JsonOut& Null() { Comma(); out_ += "null"; return *this; }
  // A value already rendered as JSON.
  JsonOut& Raw(std::string_view json) { Comma(); out_ += json; return *this; }

 private:
  void Comma() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  void Quoted(std::string_view s) {
    out_ += '"';
    std::size_t run = 0;  // start of the current stretch that needs no escaping
    for (std::size_t i = 0; i < s.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default: {
          static const char* kHex = "0123456789abcdef";
          out_ += "\\u00";
          out_ += kHex[(c >> 4) & 0xf];
          out_ += kHex[c & 0xf];
        }
      }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }

  std::string& out_;
  bool first_ = true;
};

}  // namespace bcsim::api
