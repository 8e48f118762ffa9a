// Recommendations for one country: the measures that the categories of its corridors call
// for, for each role the country plays in them, with the reason each measure appears.
// A country that sends migrants on a category 1 corridor gets the category 1 measures for
// origin countries; one that hosts refugees on a category 3 corridor gets the category 3
// measures for destination countries; bilateral and international measures follow every
// placed corridor. Unplaced corridors recommend nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kosh/classify/classify.hpp"
#include "kosh/policy/catalogue.hpp"

namespace kosh::policy {

// One corridor that brings a measure into the brief.
struct Reason {
  std::string origin;  // canonical country codes
  std::string destination;
  int category = 0;
  Actor role = Actor::kOrigin;  // the country's role: kOrigin or kDestination
};

struct Recommendation {
  const Measure* measure = nullptr;
  std::vector<Reason> reasons;  // the corridors that call for it, in placement order
};

// Measures for `country` (canonical code) from its corridors' placements, grouped by actor
// in catalogue order. Measures tied to no category are not included: they hold for every
// country and are listed by `kosh measures --general`.
std::vector<Recommendation> Recommend(const Catalogue& catalogue, std::string_view country,
                                      const std::vector<classify::Placement>& placements);

}  // namespace kosh::policy
