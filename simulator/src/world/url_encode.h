// Percent-encoding of a query component or form value: RFC 3986's unreserved characters are
// kept, every other byte becomes %XX. `also_keep` names more characters to keep as they are
// (the API's Link headers keep "," "[" "]" of `type[]=a,b`). Pure, thread safe.
#pragma once

#include <string>
#include <string_view>

namespace bcsim {

std::string UrlEncode(std::string_view text, std::string_view also_keep = "");

}  // namespace bcsim
