// The official OpenAPI document as the probe reads it: its operations in document order, each
// with its tag, path and query parameters, request body and documented 2xx responses, and a
// validator of response bodies against the schema the document gives for an operation and status.
//
// The document is read as OpenAPI 3.1 with two adjustments, the same ones tests/openapi/
// openapi_test.cpp makes: `nullable: true` adds `null` to a schema's `type`, and
// DockItem.position may be null (Basecamp sends null for a disabled tool, api-facts.md §3.2).
// `x-*` keys and unknown formats are ignored by valijson.
//
// Not thread safe (schemas are parsed on first use and cached).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bcsim/status.h"

namespace valijson {
class Schema;
}

namespace bcsim::probe {

using nlohmann::json;

struct Parameter {
  std::string name;
  std::string in;  // "path" or "query"
  bool required = false;
  json spec;  // the whole parameter object (schema, description, examples)
};

struct Operation {
  std::size_t index = 0;  // position in document order
  std::string method;     // upper case: GET, POST, PUT, DELETE
  std::string path;       // as the document writes it: "/{accountId}/todos/{todoId}"
  std::string id;         // operationId
  std::string tag;        // the first tag, "(untagged)" when none
  std::vector<Parameter> params;
  std::string body_type;  // request body media type ("" when none)
  json body_schema;       // its schema (may be a $ref)
  // Documented 2xx statuses: true when that status carries an application/json body.
  std::map<int, bool> success;
};

class Document {
 public:
  // Reads and checks the file: kInvalidArgument names what is wrong (not JSON, no `paths`).
  static StatusOr<std::unique_ptr<Document>> Load(const std::string& file);
  // From an already parsed document (tests).
  static StatusOr<std::unique_ptr<Document>> FromJson(json doc);
  ~Document();

  const std::vector<Operation>& operations() const { return operations_; }

  // Follows `$ref`s ("#/components/schemas/X") to the schema they name; `schema` itself when
  // it is no reference; null json for a dangling one.
  const json& Resolve(const json& schema) const;

  // Validation errors of `body` against the operation's response schema for `status`, each
  // "[root][0][id]: why"; empty when valid. One error when the status has no JSON schema.
  std::vector<std::string> Validate(const Operation& op, int status, const json& body);

 private:
  Document() = default;
  json doc_;
  std::vector<Operation> operations_;
  std::map<std::string, std::unique_ptr<valijson::Schema>> schemas_;  // by JSON pointer
};

}  // namespace bcsim::probe
