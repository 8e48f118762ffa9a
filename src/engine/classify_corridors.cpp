// Gathers the evidence for corridors from the store and hands it to kosh::classify.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include <fmt/format.h>

#include "kosh/core/status_macros.hpp"
#include "kosh/engine/engine.hpp"

namespace kosh::engine {
namespace {

struct Value {
  double value = 0;
  std::int64_t source = 0;
};
using YearSeries = std::map<int, Value>;  // year -> value
using CorridorKey = std::pair<std::string, std::string>;

// The year nearest to `year` within `window` (ties: the earlier year); 0 if none.
int NearestYear(const YearSeries& series, int year, int window) {
  int best = 0;
  int best_distance = window + 1;
  for (const auto& [y, v] : series) {
    const int distance = std::abs(y - year);
    if (distance < best_distance) {
      best = y;
      best_distance = distance;
    }
  }
  return best;
}

Result<std::map<CorridorKey, YearSeries>> Bilateral(store::Store& store, const char* indicator,
                                                    const ClassifyRequest& request) {
  store::ObservationQuery q;
  q.indicator = indicator;
  q.origin = request.origin;
  q.destination = request.destination;
  q.sex = Sex::kTotal;
  KOSH_ASSIGN_OR_RETURN(auto rows, store.Query(q));
  std::map<CorridorKey, YearSeries> out;
  for (const auto& row : rows) {
    if (!row.value || !row.age.empty() || row.period.kind() != Period::Kind::kYear) {
      continue;
    }
    Value& v = out[{row.origin, row.destination}][row.period.start_year()];
    v.value += *row.value;  // several breakdowns (if any) add up
    v.source = row.source_id;
  }
  return out;
}

Result<std::map<std::string, YearSeries>> PerCountry(store::Store& store, const char* indicator,
                                                     const std::string& breakdown = "") {
  store::ObservationQuery q;
  q.indicator = indicator;
  q.sex = Sex::kTotal;
  KOSH_ASSIGN_OR_RETURN(auto rows, store.Query(q));
  std::map<std::string, YearSeries> out;
  for (const auto& row : rows) {
    if (!row.value || !row.region.empty() || row.breakdown != breakdown) {
      continue;
    }
    out[row.country][row.period.start_year()] = {*row.value, row.source_id};
  }
  return out;
}

const Value* Near(const std::map<std::string, YearSeries>& table, const std::string& country,
                  int year, int window, int* used_year) {
  const auto it = table.find(country);
  if (it == table.end()) {
    return nullptr;
  }
  const int y = NearestYear(it->second, year, window);
  if (y == 0) {
    return nullptr;
  }
  *used_year = y;
  return &it->second.at(y);
}

}  // namespace

Result<std::vector<classify::Placement>> ClassifyCorridors(store::Store& store,
                                                           const ClassifyRequest& request) {
  const classify::Method& m =
      request.method != nullptr ? *request.method : classify::Method::Default();
  KOSH_ASSIGN_OR_RETURN(auto stock, Bilateral(store, "migrant_stock", request));
  int year = request.year.value_or(0);
  if (year == 0) {
    auto latest = [](const std::map<CorridorKey, YearSeries>& table) {
      int y = 0;
      for (const auto& [corridor, series] : table) {
        y = std::max(y, series.rbegin()->first);
      }
      return y;
    };
    year = latest(stock);
    if (year == 0 && request.origin && request.destination) {
      // One corridor without stock: take the year from the destination's other corridors.
      ClassifyRequest wider = request;
      wider.origin.reset();
      KOSH_ASSIGN_OR_RETURN(auto around, Bilateral(store, "migrant_stock", wider));
      year = latest(around);
    }
    if (year == 0) {
      return Status(StatusCode::kNotFound,
                    "the store holds no migrant stock for these countries (import UN DESA data "
                    "first, e.g. `kosh init --embedded`)");
    }
  }
  KOSH_ASSIGN_OR_RETURN(auto refugees, Bilateral(store, "refugees", request));
  KOSH_ASSIGN_OR_RETURN(auto seekers, Bilateral(store, "asylum_seekers", request));
  // Other people in need of international protection (UNHCR, from 2022), e.g. people
  // displaced abroad under temporary protection, count with refugees and asylum-seekers.
  KOSH_ASSIGN_OR_RETURN(auto others, Bilateral(store, "other_in_need_of_protection", request));
  KOSH_ASSIGN_OR_RETURN(auto remittances, Bilateral(store, "remittances_bilateral", request));
  KOSH_ASSIGN_OR_RETURN(auto gdppc, PerCountry(store, "gdp_per_capita_ppp"));
  KOSH_ASSIGN_OR_RETURN(auto unemployment, PerCountry(store, "unemployment_pct"));
  KOSH_ASSIGN_OR_RETURN(auto ageing, PerCountry(store, "population_65_plus_pct"));
  KOSH_ASSIGN_OR_RETURN(auto work_rights,
                        PerCountry(store, "refugee_work_rights", "aspect=de_facto"));
  // Years that UNHCR covers at all: a corridor absent in such a year has no refugees.
  store::ObservationQuery any_refugees;
  any_refugees.indicator = "refugees";
  any_refugees.from_year = year - m.refugee_years;
  any_refugees.to_year = year + m.refugee_years;
  any_refugees.limit = 1;
  KOSH_ASSIGN_OR_RETURN(auto unhcr_rows, store.Query(any_refugees));
  YearSeries unhcr_years;
  for (const auto* table : {&refugees, &seekers, &others}) {
    for (const auto& [corridor, series] : *table) {
      for (const auto& [y, v] : series) {
        unhcr_years[y] = v;
      }
    }
  }
  if (!unhcr_rows.empty()) {
    unhcr_years[unhcr_rows.front().period.start_year()] = {};
  }
  const int refugee_year = NearestYear(unhcr_years, year, m.refugee_years);

  std::vector<CorridorKey> corridors;
  if (request.origin && request.destination) {
    corridors.emplace_back(*request.origin, *request.destination);
  } else {
    for (const auto& [corridor, series] : stock) {
      const int y = NearestYear(series, year, m.stock_years);
      if (y != 0 && series.at(y).value >= m.min_stock && corridor.first != corridor.second) {
        corridors.push_back(corridor);
      }
    }
  }

  std::vector<classify::Placement> placements;
  for (const CorridorKey& c : corridors) {
    classify::CorridorEvidence e;
    e.origin = c.first;
    e.destination = c.second;
    e.year = year;
    if (const auto it = stock.find(c); it != stock.end()) {
      if (const int y = NearestYear(it->second, year, m.stock_years); y != 0) {
        e.migrant_stock = it->second.at(y).value;
        e.stock_year = y;
        e.stock_sources = {it->second.at(y).source};
      }
    }
    const auto protected_at = [&](int y, std::vector<std::int64_t>* sources) {
      double total = 0;
      for (const auto* table : {&refugees, &seekers, &others}) {
        const auto it = table->find(c);
        if (it == table->end()) {
          continue;
        }
        const auto found = it->second.find(y);
        if (found != it->second.end()) {
          total += found->second.value;
          if (sources != nullptr) {
            sources->push_back(found->second.source);
          }
        }
      }
      return total;
    };
    if (refugee_year != 0) {
      e.refugee_year = refugee_year;
      e.protected_persons = protected_at(refugee_year, &e.refugee_sources);
      const int before = refugee_year - m.trend_years;
      if (unhcr_years.count(before) != 0 ||
          std::any_of(refugees.begin(), refugees.end(),
                      [&](const auto& kv) { return kv.second.count(before) != 0; })) {
        e.protected_before = protected_at(before, nullptr);
      }
    }
    int y_o = 0;
    int y_d = 0;
    const Value* gdp_o = Near(gdppc, c.first, year, m.indicator_years, &y_o);
    const Value* gdp_d = Near(gdppc, c.second, year, m.indicator_years, &y_d);
    if (const auto it = remittances.find(c);
        it != remittances.end() && e.migrant_stock && *e.migrant_stock > 0 && gdp_o != nullptr) {
      if (const int y = NearestYear(it->second, year, m.remittance_years); y != 0) {
        const double per_migrant = it->second.at(y).value * 1e6 / *e.migrant_stock;
        e.match_signals.push_back(
            {"remittances_per_migrant_vs_origin_income",
             per_migrant / gdp_o->value,
             y,
             {it->second.at(y).source, gdp_o->source},
             fmt::format("{:.0f} USD per migrant per year (KNOMAD {}) / origin GDP per capita "
                         "{:.0f} (PPP, {})",
                         per_migrant, y, gdp_o->value, y_o)});
      }
    }
    if (gdp_o != nullptr && gdp_d != nullptr && gdp_o->value > 0) {
      e.match_signals.push_back(
          {"income_gap",
           gdp_d->value / gdp_o->value,
           std::max(y_o, y_d),
           {gdp_d->source, gdp_o->source},
           fmt::format("GDP per capita (PPP) {:.0f} at destination ({}) / {:.0f} at origin ({})",
                       gdp_d->value, y_d, gdp_o->value, y_o)});
    }
    int y_u = 0;
    if (const Value* u = Near(unemployment, c.second, year, m.indicator_years, &y_u)) {
      e.match_signals.push_back(
          {"destination_unemployment",
           u->value,
           y_u,
           {u->source},
           fmt::format("unemployment at destination {:.1f}% ({})", u->value, y_u)});
    }
    int y_a = 0;
    if (const Value* a = Near(ageing, c.second, year, m.indicator_years, &y_a)) {
      e.match_signals.push_back(
          {"destination_ageing",
           a->value,
           y_a,
           {a->source},
           fmt::format("population aged 65+ at destination {:.1f}% ({})", a->value, y_a)});
    }
    int y_w = 0;
    if (const Value* w = Near(work_rights, c.second, year, 100, &y_w);
        w != nullptr && e.protected_persons && e.migrant_stock) {
      const double share =
          *e.protected_persons / std::max({*e.migrant_stock, *e.protected_persons, 1.0});
      classify::Signal signal{
          "refugee_work_rights",
          w->value,
          y_w,
          {w->source},
          fmt::format("refugees' de facto right to work at destination {:.0f}/5 "
                      "({}), weighted by the protection share {:.2f}",
                      w->value, y_w, share)};
      signal.weight_scale = share;
      e.match_signals.push_back(std::move(signal));
    }
    placements.push_back(classify::Classify(e, m));
  }
  return placements;
}

}  // namespace kosh::engine
