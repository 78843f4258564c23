// Builds the request the probe sends for an operation: the document's path with its parameters
// filled (ids from the pool, made up when none is known), the required query parameters, and a
// body generated from the requestBody schema.
//
// Values, first rule that applies: `enum` (first), `example`/`examples` (first), a value the
// description quotes ("on", "2026-06-01") or lists ("Values: A|B", "One of: white, red"), the
// `format` (date, date-time, binary), the name (`*_id`/`*_ids` from the pool, `*_sgid` from
// bodies seen, dates for `date`/`*_on`, timestamps for `*_at`, `hours`, `position`, urls,
// emails, webhook `types`), and last the type (a string naming the field, 1, true, one-item
// arrays, objects with their required properties). Only required properties are sent.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "probe/document.h"
#include "probe/pool.h"

namespace bcsim::probe {

struct ProbeRequest {
  std::string method;
  std::string target;        // path and query, as sent
  std::string content_type;  // "" when there is no body
  std::string body;
  std::vector<Id> path_ids;  // ids filled into the path, left to right
  std::string made_up;       // the first path parameter no id was known for ("" when none)
  Id last_id = 0;            // the rightmost id of the path (what a delete removes)
};

// True when every id parameter of the path has a candidate in the pool.
bool IdsKnown(const Operation& op, const IdPool& pool, Prefer prefer);

ProbeRequest BuildRequest(const Document& doc, const Operation& op, const IdPool& pool,
                          const std::string& account_id, Prefer prefer);

// A JSON value for `schema` (see above); `name` is the property or parameter name, `near` the
// last id of the request's path (0 for none): an id property whose name names no kind
// (source_id) takes something that belongs to it.
json ValueFor(const Document& doc, const json& schema, const std::string& name, const IdPool& pool, Id near = 0,
              int depth = 0);

// The literal segment before each `{param}` of a document path ("" for the first).
std::vector<std::pair<std::string, std::string>> PathParams(const std::string& path);

// What the top-level object(s) of an answer to `path` are: the last literal segment without
// ".json" for a collection path, the segment before the last parameter for an item path.
std::string CollectionOf(const std::string& path);

inline constexpr Id kMadeUpId = 1;  // sent where no id is known: no world gives an object id 1

}  // namespace bcsim::probe
