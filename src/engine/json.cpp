#include "kosh/engine/json.hpp"

namespace kosh::engine {
namespace {

nlohmann::json CodeOrNull(const std::string& code) {
  return code.empty() ? nlohmann::json() : nlohmann::json(code);
}

nlohmann::json OrNull(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

}  // namespace

nlohmann::json ToJson(const Country& c, Lang lang) {
  return {{"code", c.code},
          {"iso2", CodeOrNull(std::string(c.iso2))},
          {"m49", CodeOrNull(std::string(c.m49))},
          {"name", c.Name(lang)},
          {"region", c.region},
          {"subregion", c.subregion}};
}

nlohmann::json ToJson(const store::ObservationRow& r) {
  return {{"indicator", r.indicator},
          {"origin", CodeOrNull(r.origin)},
          {"destination", CodeOrNull(r.destination)},
          {"country", CodeOrNull(r.country)},
          {"region", CodeOrNull(r.region)},
          {"period", r.period.ToString()},
          {"sex", SexName(r.sex)},
          {"age", CodeOrNull(r.age)},
          {"breakdown", CodeOrNull(r.breakdown)},
          {"value", OrNull(r.value)},
          {"unit", r.unit},
          {"source_id", r.source_id}};
}

nlohmann::json ToJson(const policy::Measure& m, Lang lang) {
  return {{"id", m.id},
          {"categories", m.categories},
          {"actor", policy::ActorName(m.actor)},
          {"gcm", m.gcm},
          {"sdg", m.sdg},
          {"indicator", CodeOrNull(m.indicator)},
          {"text", m.Text(lang)}};
}

nlohmann::json ToJson(const CountryOverview& o) {
  const auto corridors = [](const std::vector<Corridor>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : list) {
      out.push_back({{"country", c.partner}, {"name", c.partner_name}, {"value", c.value}});
    }
    return out;
  };
  const auto series = [](const std::vector<SeriesPoint>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : list) {
      out.push_back({{"period", p.period}, {"value", p.value}});
    }
    return out;
  };
  return {{"country", o.code},
          {"name", o.name},
          {"subregion", o.region},
          {"migrant_stock",
           {{"year", o.stock_year},
            {"immigrants", OrNull(o.immigrant_stock)},
            {"emigrants", OrNull(o.emigrant_stock)},
            {"top_origins", corridors(o.top_origins)},
            {"top_destinations", corridors(o.top_destinations)}}},
          {"refugees",
           {{"year", o.refugee_year},
            {"hosted", OrNull(o.refugees_hosted)},
            {"abroad_incl_asylum_seekers", OrNull(o.refugees_abroad)},
            {"top_origins_hosted", corridors(o.refugee_origins)}}},
          {"remittances_received_usd", series(o.remittances_received_usd)},
          {"remittances_received_pct_gdp", series(o.remittances_pct_gdp)}};
}

nlohmann::json ToJson(const MapLayer& layer) {
  nlohmann::json values = nlohmann::json::array();
  for (const MapValue& v : layer.values) {
    values.push_back({{"code", v.code}, {"m49", v.m49}, {"value", v.value}, {"year", v.year}});
  }
  return {{"indicator", MapIndicatorName(layer.indicator)}, {"values", values}};
}

}  // namespace kosh::engine
