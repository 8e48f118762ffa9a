#include "kosh/classify/json.hpp"

namespace kosh::classify {
namespace {

nlohmann::json OrNull(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

nlohmann::json AxisJson(const AxisScore& axis) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& item : axis.evidence) {
    evidence.push_back({{"type", item.type},
                        {"value", item.value},
                        {"score", OrNull(item.score)},
                        {"weight", item.weight},
                        {"direction", item.direction},
                        {"year", item.year},
                        {"source_ids", item.sources},
                        {"detail", item.detail}});
  }
  nlohmann::json out = {{"score", OrNull(axis.score)}, {"evidence", evidence}};
  if (axis.score) {
    out["interval"] = {axis.interval_low, axis.interval_high};
  }
  return out;
}

}  // namespace

nlohmann::json ToJson(const Placement& p) {
  nlohmann::json gaps = nlohmann::json::array();
  for (const Gap& gap : p.gaps) {
    gaps.push_back({{"code", gap.code}, {"values", gap.values}});
  }
  return {{"origin", p.origin},
          {"destination", p.destination},
          {"year", p.year},
          {"migrant_stock", OrNull(p.migrant_stock)},
          {"stock_year", p.stock_year},
          {"category", p.category ? nlohmann::json(*p.category) : nlohmann::json()},
          {"match", AxisJson(p.match)},
          {"motive", AxisJson(p.motive)},
          {"confidence", p.confidence},
          {"note", p.note},
          {"gaps", gaps},
          {"method_version", p.method_version}};
}

}  // namespace kosh::classify
