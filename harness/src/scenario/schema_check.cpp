#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "document.h"
#include "bcsim/world_loader.h"
#include "harness/scenario_parser.h"
#include "harness/validate.h"

namespace bcsim::harness {
namespace {

struct LoadedSchema {
  std::unique_ptr<valijson::Schema> schema;
  std::string error;
};

const LoadedSchema& SchemaAt(const std::string& path) {
  static std::mutex mu;
  static std::map<std::string, LoadedSchema> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(path);
  if (it != cache.end()) return it->second;
  LoadedSchema& out = cache[path];
  std::ifstream in(path);
  if (!in) {
    out.error = path + ": cannot read the schema";
    return out;
  }
  try {
    nlohmann::json doc = nlohmann::json::parse(in);
    out.schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, *out.schema);
  } catch (const std::exception& e) {
    out.schema.reset();
    out.error = path + ": bad schema: " + e.what();
  }
  return out;
}

// Follows valijson's context ("<root>", "[steps]", "[0]", ...) through the YAML document to the
// node the error is about; stops at the deepest node that exists.
YAML::Node NodeAt(const YAML::Node& root, const std::vector<std::string>& context) {
  YAML::Node node = root;
  for (const auto& part : context) {
    if (part.size() < 2 || part.front() != '[' || part.back() != ']') continue;
    std::string key = part.substr(1, part.size() - 2);
    YAML::Node next;
    if (node.IsSequence()) {
      std::size_t i = 0;
      try {
        i = std::stoul(key);
      } catch (...) {
        break;
      }
      if (i >= node.size()) break;
      next = node[i];
    } else if (node.IsMap()) {
      bool found = false;
      for (const auto& kv : node) {
        if (kv.first.Scalar() == key) {
          next = kv.second;
          found = true;
          break;
        }
      }
      if (!found) break;
    } else {
      break;
    }
    node.reset(next);
  }
  return node;
}

// valijson's descriptions in the parser's own words ("expected …, found …").
std::string InPlainWords(const std::string& d, const YAML::Node& at) {
  auto quoted = [&d]() {
    std::size_t open = d.rfind('\'');
    std::size_t before = open == std::string::npos ? open : d.rfind('\'', open - 1);
    return before == std::string::npos ? std::string() : d.substr(before + 1, open - before - 1);
  };
  if (d.rfind("Missing required property", 0) == 0)
    return "expected \"" + quoted() + "\" here, found no such key";
  if (d.rfind("Object contains a property that could not be validated", 0) == 0)
    return "expected only the keys docs/scenario-format.md lists here, found \"" + quoted() + "\"";
  if (d.rfind("Value type not permitted", 0) == 0)
    return "expected another kind of value here (see docs/scenario-format.md), found " + Describe(at);
  if (d.rfind("Failed to match against any enum values", 0) == 0)
    return "expected one of the values docs/scenario-format.md lists, found " + Describe(at);
  if (d.find("'pattern' constraint") != std::string::npos)
    return "expected a value of the documented form (e.g. a duration like 15m), found " + Describe(at);
  if (d.find("minimum") != std::string::npos || d.find("maximum") != std::string::npos)
    return "expected a number in the documented range, found " + Describe(at);
  if (d.find("minProperties") != std::string::npos || d.find("fewer properties") != std::string::npos)
    return "expected at least one key here, found none";
  return d;
}

}  // namespace

std::vector<std::string> ValidateScenarioFile(const std::string& path, const std::string& schema_path,
                                              const std::vector<std::string>& include_roots) {
  bcsim::ReadOptions read_options;
  read_options.include_roots = include_roots;
  std::vector<std::string> problems;
  auto doc = LoadDocument(path, include_roots);
  if (!doc.ok()) return {doc.status().message()};

  const LoadedSchema& schema = SchemaAt(schema_path.empty() ? BCSIM_SCENARIO_SCHEMA : schema_path);
  if (!schema.schema) return {schema.error};

  // The parser's messages are the clearest: report its first problem first.
  auto parsed = ParseScenarioFile(path, include_roots);
  if (!parsed.ok()) problems.push_back(parsed.status().message());

  // The simulator's own loader: the world's references (people, identities, to-do keys).
  if (Status world = bcsim::ValidateScenarioFile(path, read_options); !world.ok()) problems.push_back(world.message());

  nlohmann::json target = YamlToJson((*doc)->root());
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(target);
  if (!validator.validate(*schema.schema, adapter, &results)) {
    // Keep the deepest errors: they say what is wrong, the outer ones only that a branch failed.
    std::vector<valijson::ValidationResults::Error> errors;
    valijson::ValidationResults::Error e;
    while (results.popError(e)) errors.push_back(e);
    // Lines the parser or the loader already explained need no schema noise; neither do the
    // summaries of a oneOf ("Failed to validate against child schema #3"), nor the "Missing
    // required property" of each branch that was not meant.
    std::set<std::string> explained;
    for (const auto& p : problems) explained.insert(p.substr(0, p.find(':', p.find(':') + 1) + 1));
    std::map<std::string, int> missing_at;
    for (const auto& err : errors)
      if (err.description.rfind("Missing required property", 0) == 0) {
        std::string where;
        for (const auto& c : err.context) where += c;
        ++missing_at[where];
      }
    std::set<std::string> seen;
    for (const auto& err : errors) {
      // Keep the leaves: an error about a node whose child also has an error says less.
      bool has_deeper = std::any_of(errors.begin(), errors.end(), [&](const auto& other) {
        return other.context.size() > err.context.size() &&
               std::equal(err.context.begin(), err.context.end(), other.context.begin());
      });
      if (has_deeper) continue;
      const std::string& d = err.description;
      if (d.rfind("Failed to validate", 0) == 0) continue;
      std::string where;
      for (std::size_t i = 1; i < err.context.size(); ++i) where += err.context[i];
      if (d.rfind("Missing required property", 0) == 0 && missing_at["<root>" + where] + missing_at[where] > 1) continue;
      YAML::Node at = NodeAt((*doc)->root(), err.context);
      std::string mark = (*doc)->MarkOf(at).ToString();
      if (explained.count(mark.substr(0, mark.rfind(':') + 1))) continue;
      std::string line = mark + ": " + (where.empty() ? "" : where + ": ") + InPlainWords(d, at);
      if (seen.insert(line).second) problems.push_back(line);
    }
  }
  return problems;
}

}  // namespace bcsim::harness
