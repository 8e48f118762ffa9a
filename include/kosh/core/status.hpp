// Status: the outcome of an operation that can fail for an expected reason.
//
// A Status is a code, a message and an optional location (file, line, column or field).
// The CLI maps codes to exit statuses and the server to HTTP statuses with ExitCodeFor()
// and HttpStatusFor(); nothing else interprets codes.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace kosh {

enum class StatusCode : std::uint8_t {
  kOk = 0,
  kInvalidArgument,  // bad option or request field: usage error
  kDataError,        // malformed input file, unknown code: bad input data
  kNotFound,         // unknown dataset, source, run
  kRefused,          // privacy gate refused, permission denied
  kUnavailable,      // database locked or unreachable
  kInternal,         // a bug, or an I/O failure we cannot attribute to the input
};

// Where in an input a problem was found. Line and column are 1-based; 0 means unknown.
struct Location {
  std::string file;
  std::int64_t line = 0;
  std::int64_t column = 0;
  std::string field;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  Status(StatusCode code, std::string message, Location location)
      : code_(code), message_(std::move(message)), location_(std::move(location)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const Location& location() const { return location_; }

  // "FILE:LINE:COL: message" (or "field NAME: message") when a location is known.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  Location location_;
};

Status InvalidArgument(std::string message);
Status DataError(std::string message, Location location = {});
Status NotFound(std::string message);
Status Internal(std::string message);
Status Unavailable(std::string message);

// The kosh CLI contract: 0 ok, 1 usage, 2 bad input data (kNotFound and kRefused count as
// input the user can fix), 3 internal or I/O. The CLI contract deliberately has fewer exit
// codes than STYLE.md's first sketch; the contract wins.
int ExitCodeFor(StatusCode code);
int HttpStatusFor(StatusCode code);
const char* StatusCodeName(StatusCode code);

}  // namespace kosh
