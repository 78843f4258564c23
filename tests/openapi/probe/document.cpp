#include "probe/document.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <cctype>
#include <fstream>
#include <sstream>

namespace bcsim::probe {
namespace {

void AllowNullable(json& node) {
  if (node.is_object()) {
    if (node.value("nullable", false) && node.contains("type") && node["type"].is_string()) {
      node["type"] = json::array({node["type"], "null"});
    }
    // `propertyNames: {type: string}` says nothing (JSON names are strings), and valijson
    // fails every non-empty map under it when nested (WebhookHeadersMap in recent_deliveries).
    if (node.contains("propertyNames") && node["propertyNames"] == json{{"type", "string"}}) {
      node.erase("propertyNames");
    }
    for (auto& [_, child] : node.items()) AllowNullable(child);
  } else if (node.is_array()) {
    for (auto& child : node) AllowNullable(child);
  }
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string PointerEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace

Document::~Document() = default;

StatusOr<std::unique_ptr<Document>> Document::Load(const std::string& file) {
  std::ifstream in(file);
  if (!in) return InvalidArgumentError(file + ": cannot read the OpenAPI document");
  std::stringstream text;
  text << in.rdbuf();
  json doc = json::parse(text.str(), nullptr, false);
  if (doc.is_discarded()) return InvalidArgumentError(file + ": expected JSON, found text that does not parse");
  StatusOr<std::unique_ptr<Document>> out = FromJson(std::move(doc));
  if (!out.ok()) return InvalidArgumentError(file + ": " + out.status().message());
  return out;
}

StatusOr<std::unique_ptr<Document>> Document::FromJson(json doc) {
  if (!doc.is_object() || !doc.contains("paths") || !doc["paths"].is_object()) {
    return InvalidArgumentError("expected an OpenAPI document with a `paths` object");
  }
  std::unique_ptr<Document> d(new Document());
  AllowNullable(doc);
  json& position = doc["components"]["schemas"]["DockItem"]["properties"]["position"];
  if (position.is_object() && position.contains("type")) position["type"] = json::array({"integer", "null"});
  d->doc_ = std::move(doc);

  for (const auto& [path, item] : d->doc_["paths"].items()) {
    for (const auto& [method, spec] : item.items()) {
      if (method != "get" && method != "post" && method != "put" && method != "delete" && method != "patch") continue;
      Operation op;
      op.index = d->operations_.size();
      op.method = Upper(method);
      op.path = path;
      op.id = spec.value("operationId", op.method + " " + path);
      op.tag = spec.contains("tags") && !spec["tags"].empty() ? spec["tags"][0].get<std::string>() : "(untagged)";
      for (const json& p : spec.value("parameters", json::array())) {
        const json& param = d->Resolve(p);
        if (!param.is_object()) continue;
        op.params.push_back({param.value("name", ""), param.value("in", ""), param.value("required", false), param});
      }
      if (spec.contains("requestBody")) {
        const json& content = d->Resolve(spec["requestBody"]).value("content", json::object());
        // JSON first when several media types are offered.
        for (const char* type : {"application/json", "multipart/form-data", "application/octet-stream"}) {
          if (content.contains(type)) {
            op.body_type = type;
            op.body_schema = content[type].value("schema", json::object());
            break;
          }
        }
        if (op.body_type.empty() && !content.empty()) {
          op.body_type = content.begin().key();
          op.body_schema = content.begin()->value("schema", json::object());
        }
      }
      const json responses = spec.value("responses", json::object());  // items() of a temporary would dangle
      for (const auto& [code, response] : responses.items()) {
        if (code.size() != 3 || code[0] != '2') continue;
        const json& r = d->Resolve(response);
        op.success[std::stoi(code)] = r.contains("content") && r["content"].contains("application/json");
      }
      d->operations_.push_back(std::move(op));
    }
  }
  return d;
}

const json& Document::Resolve(const json& schema) const {
  static const json kNull;
  const json* node = &schema;
  for (int hops = 0; hops < 32 && node->is_object() && node->contains("$ref"); ++hops) {
    const std::string ref = (*node)["$ref"].get<std::string>();
    if (ref.rfind("#/", 0) != 0) return kNull;
    try {
      node = &doc_.at(json::json_pointer(ref.substr(1)));
    } catch (const json::exception&) {
      return kNull;
    }
  }
  return *node;
}

std::vector<std::string> Document::Validate(const Operation& op, int status, const json& body) {
  auto documented = op.success.find(status);
  if (documented == op.success.end() || !documented->second) {
    return {"status " + std::to_string(status) + " has no JSON schema in the document"};
  }
  std::string method = op.method;
  for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string pointer = "#/paths/" + PointerEscape(op.path) + "/" + method + "/responses/" +
                              std::to_string(status) + "/content/application~1json/schema";
  auto it = schemas_.find(pointer);
  if (it == schemas_.end()) {
    // The whole document is the root (so every $ref resolves) with a $ref to this schema; it is
    // set only while parsing, so no copy of the document is made.
    doc_["$ref"] = pointer;
    auto schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(doc_);
    try {
      parser.populateSchema(adapter, *schema);
    } catch (const std::exception& e) {
      doc_.erase("$ref");
      return {std::string("the document's schema does not parse: ") + e.what()};
    }
    doc_.erase("$ref");
    it = schemas_.emplace(pointer, std::move(schema)).first;
  }
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(body);
  std::vector<std::string> errors;
  if (!validator.validate(*it->second, target, &results)) {
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
      std::string where;
      for (const std::string& part : error.context) where += part;
      errors.push_back(where + ": " + error.description);
    }
    if (errors.empty()) errors.push_back("[root]: does not match the schema");
  }
  return errors;
}

}  // namespace bcsim::probe
