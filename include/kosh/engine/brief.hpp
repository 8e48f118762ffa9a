// Gathers a country brief from the store: key figures, time series, the country's main
// corridors on the match x motive matrix (as destination and as origin) and the measures
// their categories call for. brief::Render turns the result into Markdown, HTML or JSON.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "kosh/brief/brief.hpp"
#include "kosh/core/result.hpp"
#include "kosh/store/store.hpp"

namespace kosh::engine {

struct BriefRequest {
  std::string country;      // any code or name; unknown -> kNotFound with "did you mean"
  std::optional<int> year;  // default: the country's latest migrant-stock year
  std::size_t top_n = 8;    // corridors per side, by migrant stock
};

// Key figures are the latest values in the store (the values nearest to `year` when a
// year is asked for). kNotFound when the store has no migrant stock for the country near
// the year, naming the years it does have.
Result<brief::BriefData> BuildBrief(store::Store& store, const BriefRequest& request);

}  // namespace kosh::engine
