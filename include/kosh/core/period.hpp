// Period: the time an observation refers to — a year, a quarter, a month, or a span of
// years such as 2015–2020 (the 5-year periods of flow estimates).
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "kosh/core/result.hpp"

namespace kosh {

class Period {
 public:
  enum class Kind : std::uint8_t { kYear = 0, kQuarter = 1, kMonth = 2, kSpan = 3 };

  Period() = default;
  static Period Year(int year) { return {Kind::kYear, year, 0, year}; }
  static Period Month(int year, int month) { return {Kind::kMonth, year, month, year}; }
  static Period Quarter(int year, int quarter) { return {Kind::kQuarter, year, quarter, year}; }
  static Period Span(int first_year, int last_year) {
    return {Kind::kSpan, first_year, 0, last_year};
  }

  // Accepts "2020", "2024-03", "2024M03", "2011-Q1", "2011Q1", "2011_1Q", "2015-2020",
  // "2015/2020", "2015–2020". Years must lie in 1800..2200.
  static Result<Period> Parse(std::string_view text);

  // Canonical text: "2020", "2024-03", "2011-Q1", "2015/2020".
  std::string ToString() const;

  Kind kind() const { return kind_; }
  int start_year() const { return start_year_; }
  int end_year() const { return end_year_; }
  int sub() const { return sub_; }  // month 1-12 or quarter 1-4, 0 for years and spans

  // Sortable integer encodings used by the store: yyyymm of the first and last month.
  int StartKey() const;
  int EndKey() const;
  static Period FromKeys(Kind kind, int start_key, int end_key);

  auto operator<=>(const Period&) const = default;

 private:
  Period(Kind kind, int start_year, int sub, int end_year)
      : kind_(kind), start_year_(start_year), sub_(sub), end_year_(end_year) {}

  Kind kind_ = Kind::kYear;
  int start_year_ = 0;
  int sub_ = 0;
  int end_year_ = 0;
};

}  // namespace kosh
