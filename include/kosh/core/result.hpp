// Result<T>: a value or a non-OK Status, shaped like std::expected so it can become an
// alias once the toolchain has it.
#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "kosh/core/status.hpp"

namespace kosh {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!status_.ok() && "Result built from an OK status carries no value");
  }

  bool has_value() const { return value_.has_value(); }
  explicit operator bool() const { return has_value(); }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

  const Status& error() const { return status_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace kosh
