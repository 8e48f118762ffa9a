#include "kosh/core/period.hpp"

#include <fmt/format.h>

#include "kosh/core/text.hpp"

namespace kosh {
namespace {

constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2200;

bool AllDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::optional<int> YearOf(std::string_view s) {
  if (s.size() != 4 || !AllDigits(s)) {
    return std::nullopt;
  }
  const int year = static_cast<int>(*text::ParseInteger(s));
  if (year < kMinYear || year > kMaxYear) {
    return std::nullopt;
  }
  return year;
}

std::optional<int> SmallNumber(std::string_view s, int lo, int hi) {
  if (s.empty() || s.size() > 2 || !AllDigits(s)) {
    return std::nullopt;
  }
  const int n = static_cast<int>(*text::ParseInteger(s));
  if (n < lo || n > hi) {
    return std::nullopt;
  }
  return n;
}

}  // namespace

Result<Period> Period::Parse(std::string_view input) {
  const std::string_view s = text::Trim(input);
  const auto bad = [&]() {
    return DataError(fmt::format(
        "invalid period '{}' (expected e.g. 2020, 2024-03, 2011-Q1 or 2015/2020)", input));
  };
  if (const auto year = YearOf(s)) {
    return Year(*year);
  }
  if (s.size() < 6) {
    return bad();
  }
  const auto first = YearOf(s.substr(0, 4));
  if (!first) {
    return bad();
  }
  std::string_view rest = s.substr(4);
  // A span: separator then a second year. The en dash is three bytes in UTF-8.
  for (std::string_view sep : {"-", "/", "\xE2\x80\x93", "_"}) {
    if (rest.starts_with(sep) && rest.size() == sep.size() + 4) {
      if (const auto last = YearOf(rest.substr(sep.size()))) {
        if (*last < *first) {
          return bad();
        }
        return Span(*first, *last);
      }
    }
  }
  // Quarters: "-Q1", "Q1", "_1Q".
  if (rest.starts_with("-Q") || rest.starts_with("-q")) {
    rest.remove_prefix(2);
  } else if (rest.starts_with("Q") || rest.starts_with("q")) {
    rest.remove_prefix(1);
  } else if (rest.starts_with("_") && rest.size() == 3 && (rest[2] == 'Q' || rest[2] == 'q')) {
    rest = rest.substr(1, 1);
  } else {
    rest = {};
  }
  if (!rest.empty()) {
    if (const auto quarter = SmallNumber(rest, 1, 4)) {
      return Quarter(*first, *quarter);
    }
    return bad();
  }
  // Months: "-03", "M03".
  std::string_view month_text = s.substr(4);
  if (month_text.starts_with("-") || month_text.starts_with("M") || month_text.starts_with("m")) {
    month_text.remove_prefix(1);
    if (month_text.size() == 2) {
      if (const auto month = SmallNumber(month_text, 1, 12)) {
        return Month(*first, *month);
      }
    }
  }
  return bad();
}

std::string Period::ToString() const {
  switch (kind_) {
    case Kind::kYear:
      return fmt::format("{}", start_year_);
    case Kind::kQuarter:
      return fmt::format("{}-Q{}", start_year_, sub_);
    case Kind::kMonth:
      return fmt::format("{}-{:02}", start_year_, sub_);
    case Kind::kSpan:
      return fmt::format("{}/{}", start_year_, end_year_);
  }
  return {};
}

int Period::StartKey() const {
  switch (kind_) {
    case Kind::kMonth:
      return start_year_ * 100 + sub_;
    case Kind::kQuarter:
      return start_year_ * 100 + (sub_ - 1) * 3 + 1;
    case Kind::kYear:
    case Kind::kSpan:
      break;
  }
  return start_year_ * 100 + 1;
}

int Period::EndKey() const {
  switch (kind_) {
    case Kind::kMonth:
      return end_year_ * 100 + sub_;
    case Kind::kQuarter:
      return end_year_ * 100 + sub_ * 3;
    case Kind::kYear:
    case Kind::kSpan:
      break;
  }
  return end_year_ * 100 + 12;
}

Period Period::FromKeys(Kind kind, int start_key, int end_key) {
  const int start_year = start_key / 100;
  const int end_year = end_key / 100;
  switch (kind) {
    case Kind::kMonth:
      return Month(start_year, start_key % 100);
    case Kind::kQuarter:
      return Quarter(start_year, (start_key % 100 - 1) / 3 + 1);
    case Kind::kSpan:
      return Span(start_year, end_year);
    case Kind::kYear:
      break;
  }
  return Year(start_year);
}

}  // namespace kosh
