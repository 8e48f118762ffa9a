#include "kosh/core/observation.hpp"

#include <fmt/format.h>

#include "kosh/core/text.hpp"

namespace kosh {

const char* SexName(Sex sex) {
  switch (sex) {
    case Sex::kTotal:
      return "total";
    case Sex::kFemale:
      return "female";
    case Sex::kMale:
      return "male";
  }
  return "total";
}

Result<Sex> ParseSex(std::string_view input) {
  const std::string s = text::FoldForLookup(input);
  if (s == "total" || s == "both" || s == "t" || s == "_t" || s == "all" || s == "both sexes") {
    return Sex::kTotal;
  }
  if (s == "female" || s == "f" || s == "women" || s == "females") {
    return Sex::kFemale;
  }
  if (s == "male" || s == "m" || s == "men" || s == "males") {
    return Sex::kMale;
  }
  return DataError(fmt::format("invalid sex '{}' (expected total, female or male)", input));
}

std::string FlagsToString(std::uint8_t mask) {
  std::string out;
  const auto add = [&](std::uint8_t bit, const char* name) {
    if ((mask & bit) != 0) {
      if (!out.empty()) {
        out += ',';
      }
      out += name;
    }
  };
  add(flags::kEstimated, "estimated");
  add(flags::kProvisional, "provisional");
  add(flags::kMissing, "missing");
  add(flags::kSuppressed, "suppressed");
  return out;
}

}  // namespace kosh
