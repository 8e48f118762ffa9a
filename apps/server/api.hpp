// The routes of /api/v1, separate from the HTTP plumbing (server.cpp): each takes its
// parsed request and an open store and returns a body or a Status.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kosh/core/country.hpp"
#include "kosh/core/result.hpp"
#include "kosh/store/store.hpp"

namespace kosh::server {

struct Request {
  std::vector<std::string> path;              // the {parameters} of the route, in order
  std::map<std::string, std::string> params;  // query parameters (first value of each)
};

struct Reply {
  std::string body;
  std::string content_type = "application/json";
};

using Handler = std::function<Result<Reply>(const Request&, store::Store&)>;

struct ApiRoute {
  std::string path;                  // OpenAPI template, e.g. "/api/v1/briefs/{country}"
  std::vector<std::string> allowed;  // query parameters it accepts
  Handler handler;
};

// Every route of the API, in the order of docs/api.md.
std::vector<ApiRoute> ApiRoutes();

// The OpenAPI 3.1 document (apps/server/openapi.json, compiled in).
std::string_view OpenApiDocument();

}  // namespace kosh::server
