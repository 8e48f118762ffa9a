#include "kosh/engine/map.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "kosh/core/country.hpp"
#include "kosh/core/status_macros.hpp"

namespace kosh::engine {
namespace {

constexpr MapIndicator kAll[] = {MapIndicator::kImmigrantStock,    MapIndicator::kEmigrantStock,
                                 MapIndicator::kRefugeesHosted,    MapIndicator::kRefugeesOrigin,
                                 MapIndicator::kRemittancesPctGdp, MapIndicator::kRemittancesUsd};

}  // namespace

const char* MapIndicatorName(MapIndicator indicator) {
  switch (indicator) {
    case MapIndicator::kImmigrantStock:
      return "immigrant_stock";
    case MapIndicator::kEmigrantStock:
      return "emigrant_stock";
    case MapIndicator::kRefugeesHosted:
      return "refugees_hosted";
    case MapIndicator::kRefugeesOrigin:
      return "refugees_origin";
    case MapIndicator::kRemittancesPctGdp:
      return "remittances_pct_gdp";
    case MapIndicator::kRemittancesUsd:
      return "remittances_usd";
  }
  return "immigrant_stock";
}

Result<MapIndicator> ParseMapIndicator(std::string_view text) {
  std::string known;
  for (const MapIndicator m : kAll) {
    if (text == MapIndicatorName(m)) {
      return m;
    }
    known += fmt::format("{}{}", known.empty() ? "" : ", ", MapIndicatorName(m));
  }
  return InvalidArgument(fmt::format("unknown map indicator '{}' (use {})", text, known));
}

Result<MapLayer> BuildMap(store::Store& store, MapIndicator indicator, std::optional<int> year) {
  store::ObservationQuery q;
  q.sex = Sex::kTotal;
  // Which store indicator, and which code of a row is the country the value belongs to.
  enum class Key { kCountry, kOrigin, kDestination } key = Key::kCountry;
  switch (indicator) {
    case MapIndicator::kImmigrantStock:
      q.indicator = "immigrant_stock_total";
      break;
    case MapIndicator::kEmigrantStock:
      q.indicator = "emigrant_stock_total";
      break;
    case MapIndicator::kRefugeesHosted:
      q.indicator = "refugees";
      key = Key::kDestination;
      break;
    case MapIndicator::kRefugeesOrigin:
      q.indicator = "refugees";
      key = Key::kOrigin;
      break;
    case MapIndicator::kRemittancesPctGdp:
      q.indicator = "remittances_received_pct_gdp";
      break;
    case MapIndicator::kRemittancesUsd:
      q.indicator = "remittances_received_usd";
      break;
  }
  KOSH_ASSIGN_OR_RETURN(auto rows, store.Query(q));
  std::map<std::string, std::map<int, double>> by_country;
  for (const auto& row : rows) {
    if (!row.value || !row.age.empty() || !row.region.empty() || !row.breakdown.empty() ||
        row.period.kind() != Period::Kind::kYear) {
      continue;
    }
    const std::string& code = key == Key::kCountry  ? row.country
                              : key == Key::kOrigin ? row.origin
                                                    : row.destination;
    by_country[code][row.period.start_year()] += *row.value;
  }
  MapLayer layer;
  layer.indicator = indicator;
  for (const auto& [code, years] : by_country) {
    const Country* c = CountryRegistry::Default().Find(code, CodeSystem::kIso3);
    if (c == nullptr || c->kind != EntityKind::kCountry || years.empty()) {
      continue;
    }
    int chosen = years.rbegin()->first;
    if (year) {
      int best = -1;
      for (const auto& [y, v] : years) {
        if (best < 0 || std::abs(y - *year) < best) {
          best = std::abs(y - *year);
          chosen = y;
        }
      }
    }
    layer.values.push_back({code, std::string(c->m49), years.at(chosen), chosen});
  }
  return layer;
}

}  // namespace kosh::engine
