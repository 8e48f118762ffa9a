#include "kosh/core/status.hpp"

#include <fmt/format.h>

namespace kosh {

std::string Status::ToString() const {
  if (ok()) {
    return "OK";
  }
  std::string prefix;
  if (!location_.file.empty()) {
    prefix = location_.file;
    if (location_.line > 0) {
      prefix += fmt::format(":{}", location_.line);
      if (location_.column > 0) {
        prefix += fmt::format(":{}", location_.column);
      }
    }
    prefix += ": ";
  }
  if (!location_.field.empty() && location_.file.empty()) {
    prefix = fmt::format("field '{}': ", location_.field);
  }
  return prefix + message_;
}

Status InvalidArgument(std::string message) {
  return {StatusCode::kInvalidArgument, std::move(message)};
}
Status DataError(std::string message, Location location) {
  return {StatusCode::kDataError, std::move(message), std::move(location)};
}
Status NotFound(std::string message) { return {StatusCode::kNotFound, std::move(message)}; }
Status Internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }
Status Unavailable(std::string message) { return {StatusCode::kUnavailable, std::move(message)}; }

int ExitCodeFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 0;
    case StatusCode::kInvalidArgument:
      return 1;
    case StatusCode::kDataError:
    case StatusCode::kNotFound:
    case StatusCode::kRefused:
      return 2;
    case StatusCode::kUnavailable:
    case StatusCode::kInternal:
      return 3;
  }
  return 3;
}

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kDataError:
      return 422;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kRefused:
      return 403;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kDataError:
      return "data_error";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kRefused:
      return "refused";
    case StatusCode::kUnavailable:
      return "unavailable";
    case StatusCode::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace kosh
