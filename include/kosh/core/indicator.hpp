// The indicator registry: every indicator code kosh stores, with its meaning, unit and the
// publisher series it maps. The registry is data (data/indicators.toml, compiled into the
// binary); other components add indicators there, never in code.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kosh/core/result.hpp"

namespace kosh {

struct Indicator {
  std::string code;                 // e.g. "migrant_stock"
  std::string meaning;              // one sentence
  std::string unit;                 // e.g. "persons", "current USD", "% of GDP"
  std::string shape;                // "bilateral" (origin -> destination) or "country"
  std::string source;               // publisher series it maps, e.g. "WDI BX.TRF.PWKR.CD.DT"
  std::vector<std::string> series;  // codes readers recognise, "PUBLISHER:CODE"
};

class IndicatorRegistry {
 public:
  // Parses the TOML text of data/indicators.toml; `name` is used in error messages.
  static Result<IndicatorRegistry> Parse(std::string_view toml_text, std::string_view name);
  // The registry compiled into the binary.
  static const IndicatorRegistry& Default();

  const Indicator* Find(std::string_view code) const;
  // Like Find; an unknown code becomes kNotFound with "did you mean ...".
  Result<const Indicator*> Resolve(std::string_view code) const;
  // The indicator a reader's series code maps to, e.g. "WDI:SP.POP.TOTL"; nullptr if none.
  const Indicator* FindBySeries(std::string_view publisher_code) const;
  const std::vector<Indicator>& All() const { return indicators_; }

 private:
  std::vector<Indicator> indicators_;  // sorted by code
};

}  // namespace kosh
