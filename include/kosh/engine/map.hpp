// One value per country for a world map: stocks, refugees and remittances, each country's
// latest figure (or the one nearest to a year).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kosh/core/result.hpp"
#include "kosh/store/store.hpp"

namespace kosh::engine {

enum class MapIndicator {
  kImmigrantStock,     // immigrants living in the country (UN DESA)
  kEmigrantStock,      // emigrants from the country living abroad
  kRefugeesHosted,     // refugees in the country, summed over origins (UNHCR)
  kRefugeesOrigin,     // refugees from the country, summed over countries of asylum
  kRemittancesPctGdp,  // personal remittances received, % of GDP (World Bank)
  kRemittancesUsd,
};
// "immigrant_stock", "emigrant_stock", "refugees_hosted", "refugees_origin",
// "remittances_pct_gdp", "remittances_usd"
const char* MapIndicatorName(MapIndicator indicator);
Result<MapIndicator> ParseMapIndicator(std::string_view text);

struct MapValue {
  std::string code;  // canonical country code
  std::string m49;   // ISO numeric, as world maps key their shapes
  double value = 0;
  int year = 0;
};

struct MapLayer {
  MapIndicator indicator = MapIndicator::kImmigrantStock;
  std::vector<MapValue> values;  // countries only (no aggregates), by code
};

// Each country's latest value, or its value nearest to `year` (ties: the earlier year).
Result<MapLayer> BuildMap(store::Store& store, MapIndicator indicator, std::optional<int> year);

}  // namespace kosh::engine
