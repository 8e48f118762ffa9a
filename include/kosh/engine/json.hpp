// The JSON shapes that the CLI (--format json) and the HTTP API share, so both always
// answer in the same words.
#pragma once

#include <nlohmann/json.hpp>

#include "kosh/core/country.hpp"
#include "kosh/engine/engine.hpp"
#include "kosh/engine/map.hpp"
#include "kosh/policy/catalogue.hpp"
#include "kosh/store/store.hpp"

namespace kosh::engine {

// {"code", "iso2", "m49", "name" (in `lang`), "region", "subregion"}
nlohmann::json ToJson(const Country& country, Lang lang);
// {"indicator", "origin", "destination", "country", "period", "sex", "age", "breakdown",
//  "value", "unit", "source_id"} — empty codes are null.
nlohmann::json ToJson(const store::ObservationRow& row);
// {"id", "categories", "actor", "gcm", "sdg", "indicator", "text"} with the text in `lang`.
nlohmann::json ToJson(const policy::Measure& measure, Lang lang);
// As `kosh overview --format json`.
nlohmann::json ToJson(const CountryOverview& overview);
// {"indicator", "values": [{"code", "m49", "value", "year"}]}
nlohmann::json ToJson(const MapLayer& layer);

}  // namespace kosh::engine
