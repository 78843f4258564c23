// Internal to the card table endpoints: what the table, column and card renderers share.
#pragma once

#include <initializer_list>
#include <string_view>
#include <vector>

#include "api/work.h"

namespace bcsim::api::work {

// The four column types; one card table orders them together.
extern const std::initializer_list<std::string_view> kColumnTypes;

// The active columns of card table `board`, in order.
std::vector<Recording*> Columns(Project& project, Id board);

// Find (work.h) ignoring the request's bucket: a wormhole leads into another project.
std::optional<RecordingRef> FindAcrossBuckets(Ctx& c, const std::string& id,
                                              std::initializer_list<std::string_view> types,
                                              bool active);

Json RenderColumn(Ctx& c, const RecordingRef& r);
Json RenderCard(Ctx& c, const RecordingRef& r);
Json RenderStep(Ctx& c, const RecordingRef& r);

}  // namespace bcsim::api::work
