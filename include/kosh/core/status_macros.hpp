// The two propagation macros; nothing else hides control flow.
#pragma once

#include "kosh/core/result.hpp"

#define KOSH_CONCAT_INNER(a, b) a##b
#define KOSH_CONCAT(a, b) KOSH_CONCAT_INNER(a, b)

#define KOSH_RETURN_IF_ERROR(expr)        \
  do {                                    \
    ::kosh::Status kosh_status_ = (expr); \
    if (!kosh_status_.ok()) {             \
      return kosh_status_;                \
    }                                     \
  } while (false)

// `lhs` may be a declaration ("auto x"), so it cannot be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define KOSH_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.has_value()) {                          \
    return tmp.error();                            \
  }                                                \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)

#define KOSH_ASSIGN_OR_RETURN(lhs, expr) \
  KOSH_ASSIGN_OR_RETURN_IMPL(KOSH_CONCAT(kosh_result_, __LINE__), lhs, expr)
