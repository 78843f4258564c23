// The Work family of endpoints (see routes.h): its handlers and its part of the route table.
#include "api/handlers.h"
#include "api/routes.h"

namespace bcsim::api {

std::vector<Route> WorkRoutes() { return {}; }

}  // namespace bcsim::api
