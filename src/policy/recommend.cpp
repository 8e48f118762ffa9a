#include "kosh/policy/recommend.hpp"

#include <algorithm>
#include <map>

namespace kosh::policy {

std::vector<Recommendation> Recommend(const Catalogue& catalogue, std::string_view country,
                                      const std::vector<classify::Placement>& placements) {
  // Reasons keyed by the measure's position in the catalogue, so the output follows the
  // catalogue's order (origin, destination, bilateral, international within a category).
  std::map<std::size_t, Recommendation> by_position;
  const auto& all = catalogue.All();
  for (const classify::Placement& p : placements) {
    if (!p.category) {
      continue;
    }
    Actor role;
    if (p.origin == country) {
      role = Actor::kOrigin;
    } else if (p.destination == country) {
      role = Actor::kDestination;
    } else {
      continue;
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
      const Measure& m = all[i];
      const bool for_category =
          std::find(m.categories.begin(), m.categories.end(), *p.category) != m.categories.end();
      const bool for_role =
          m.actor == role || m.actor == Actor::kBilateral || m.actor == Actor::kInternational;
      if (!for_category || !for_role) {
        continue;
      }
      Recommendation& r = by_position[i];
      r.measure = &m;
      r.reasons.push_back({p.origin, p.destination, *p.category, role});
    }
  }
  std::vector<Recommendation> out;
  out.reserve(by_position.size());
  for (auto& entry : by_position) {
    out.push_back(std::move(entry.second));
  }
  std::stable_sort(out.begin(), out.end(), [](const Recommendation& a, const Recommendation& b) {
    return a.measure->actor < b.measure->actor;
  });
  return out;
}

}  // namespace kosh::policy
