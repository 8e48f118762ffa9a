#include "kosh/engine/brief.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "kosh/core/country.hpp"
#include "kosh/core/status_macros.hpp"
#include "kosh/engine/engine.hpp"
#include "kosh/policy/catalogue.hpp"

namespace kosh::engine {
namespace {

// Yearly totals of one indicator for a country (single-country indicators) or summed over
// its partners (bilateral ones, with the country as origin or destination).
struct Yearly {
  std::map<int, double> values;
  std::map<int, std::int64_t> source;
};

enum class Side { kCountry, kOrigin, kDestination };

Status AddYearly(store::Store& store, const char* indicator, const std::string& code, Side side,
                 Yearly& out) {
  store::ObservationQuery q;
  q.indicator = indicator;
  q.sex = Sex::kTotal;
  switch (side) {
    case Side::kCountry:
      q.country = code;
      break;
    case Side::kOrigin:
      q.origin = code;
      break;
    case Side::kDestination:
      q.destination = code;
      break;
  }
  KOSH_ASSIGN_OR_RETURN(auto rows, store.Query(q));
  for (const auto& row : rows) {
    if (!row.value || !row.age.empty() || !row.region.empty() || !row.breakdown.empty() ||
        row.period.kind() != Period::Kind::kYear) {
      continue;
    }
    const int year = row.period.start_year();
    out.values[year] += *row.value;
    out.source[year] = row.source_id;
  }
  return Status::Ok();
}

Result<Yearly> Collect(store::Store& store, std::initializer_list<const char*> indicators,
                       const std::string& code, Side side) {
  Yearly out;
  for (const char* indicator : indicators) {
    KOSH_RETURN_IF_ERROR(AddYearly(store, indicator, code, side, out));
  }
  return out;
}

brief::Series ToSeries(const char* id, const Yearly& y) {
  brief::Series s;
  s.id = id;
  for (const auto& [year, value] : y.values) {
    s.points.push_back({year, value});
  }
  return s;
}

// The latest value, or the one nearest to `year` (ties: the earlier year).
brief::Figure ToFigure(const char* id, const Yearly& y, std::optional<int> year,
                       brief::Figure::Unit unit, std::set<std::int64_t>& sources) {
  brief::Figure f;
  f.id = id;
  f.unit = unit;
  if (y.values.empty()) {
    return f;
  }
  int chosen = y.values.rbegin()->first;
  if (year) {
    int best = -1;
    for (const auto& [candidate, value] : y.values) {
      const int distance = std::abs(candidate - *year);
      if (best < 0 || distance < best) {
        best = distance;
        chosen = candidate;
      }
    }
  }
  f.year = chosen;
  f.value = y.values.at(chosen);
  sources.insert(y.source.at(chosen));
  return f;
}

bool IsCountry(const std::string& code) {
  const Country* c = CountryRegistry::Default().Find(code, CodeSystem::kIso3);
  return c != nullptr && c->kind != EntityKind::kSpecial && c->kind != EntityKind::kAggregate;
}

// The top `n` corridors by migrant stock, partners that are countries only.
std::vector<classify::Placement> Top(std::vector<classify::Placement> all, bool as_destination,
                                     std::size_t n) {
  std::erase_if(all, [&](const classify::Placement& p) {
    return !IsCountry(as_destination ? p.origin : p.destination);
  });
  std::stable_sort(all.begin(), all.end(),
                   [](const classify::Placement& a, const classify::Placement& b) {
                     return a.migrant_stock.value_or(0) > b.migrant_stock.value_or(0);
                   });
  if (all.size() > n) {
    all.resize(n);
  }
  return all;
}

}  // namespace

Result<brief::BriefData> BuildBrief(store::Store& store, const BriefRequest& request) {
  KOSH_ASSIGN_OR_RETURN(const Country* country,
                        CountryRegistry::Default().Resolve(request.country));
  const std::string code(country->code);
  const classify::Method& method = classify::Method::Default();
  brief::BriefData d;
  d.country = code;
  d.kosh_version = Version();
  d.method_version = method.version;
  d.match_threshold = method.match_threshold;
  d.motive_threshold = method.motive_threshold;

  std::set<std::int64_t> sources;
  KOSH_ASSIGN_OR_RETURN(const Yearly immigrants,
                        Collect(store, {"immigrant_stock_total"}, code, Side::kCountry));
  KOSH_ASSIGN_OR_RETURN(const Yearly emigrants,
                        Collect(store, {"emigrant_stock_total"}, code, Side::kCountry));
  KOSH_ASSIGN_OR_RETURN(const Yearly hosted,
                        Collect(store, {"refugees"}, code, Side::kDestination));
  KOSH_ASSIGN_OR_RETURN(const Yearly abroad,
                        Collect(store, {"refugees", "asylum_seekers"}, code, Side::kOrigin));
  KOSH_ASSIGN_OR_RETURN(const Yearly remit_usd,
                        Collect(store, {"remittances_received_usd"}, code, Side::kCountry));
  KOSH_ASSIGN_OR_RETURN(const Yearly remit_pct,
                        Collect(store, {"remittances_received_pct_gdp"}, code, Side::kCountry));
  KOSH_ASSIGN_OR_RETURN(const Yearly population,
                        Collect(store, {"population"}, code, Side::kCountry));
  KOSH_ASSIGN_OR_RETURN(const Yearly gdppc,
                        Collect(store, {"gdp_per_capita_ppp"}, code, Side::kCountry));
  KOSH_ASSIGN_OR_RETURN(const Yearly unemployment,
                        Collect(store, {"unemployment_pct"}, code, Side::kCountry));
  KOSH_ASSIGN_OR_RETURN(const Yearly ageing,
                        Collect(store, {"population_65_plus_pct"}, code, Side::kCountry));

  // Corridors first: they fix the year the brief is about.
  ClassifyRequest in_request;
  in_request.destination = code;
  in_request.year = request.year;
  ClassifyRequest out_request;
  out_request.origin = code;
  out_request.year = request.year;
  auto inbound = ClassifyCorridors(store, in_request);
  auto outbound = ClassifyCorridors(store, out_request);
  if (!inbound && inbound.error().code() != StatusCode::kNotFound) {
    return inbound.error();
  }
  if (!outbound && outbound.error().code() != StatusCode::kNotFound) {
    return outbound.error();
  }
  d.as_destination =
      Top(inbound ? std::move(*inbound) : std::vector<classify::Placement>{}, true, request.top_n);
  d.as_origin = Top(outbound ? std::move(*outbound) : std::vector<classify::Placement>{}, false,
                    request.top_n);
  if (d.as_destination.empty() && d.as_origin.empty()) {
    std::set<int> years;
    for (const auto* y : {&immigrants, &emigrants}) {
      for (const auto& [year, value] : y->values) {
        years.insert(year);
      }
    }
    std::string have = "none";
    if (!years.empty()) {
      have = fmt::format("{}", *years.begin());
      for (auto it = std::next(years.begin()); it != years.end(); ++it) {
        have += fmt::format(", {}", *it);
      }
    }
    return Status(StatusCode::kNotFound,
                  request.year ? fmt::format("no migrant stock for {} near {} (within {} years); "
                                             "the store has the years: {}",
                                             code, *request.year, method.stock_years, have)
                               : fmt::format("the store holds no migrant stock for {} (import UN "
                                             "DESA data first, e.g. `kosh init --embedded`)",
                                             code));
  }
  d.year = !d.as_destination.empty() ? d.as_destination.front().year : d.as_origin.front().year;
  for (const auto* side : {&d.as_destination, &d.as_origin}) {
    for (const classify::Placement& p : *side) {
      for (const auto* axis : {&p.match, &p.motive}) {
        for (const classify::EvidenceItem& e : axis->evidence) {
          sources.insert(e.sources.begin(), e.sources.end());
        }
      }
    }
  }
  std::vector<classify::Placement> all = d.as_destination;
  all.insert(all.end(), d.as_origin.begin(), d.as_origin.end());
  d.recommendations = policy::Recommend(policy::Catalogue::Default(), code, all);

  using Unit = brief::Figure::Unit;
  d.figures = {
      ToFigure("immigrant_stock", immigrants, request.year, Unit::kPersons, sources),
      ToFigure("emigrant_stock", emigrants, request.year, Unit::kPersons, sources),
      ToFigure("refugees_hosted", hosted, request.year, Unit::kPersons, sources),
      ToFigure("refugees_abroad", abroad, request.year, Unit::kPersons, sources),
      ToFigure("remittances_usd", remit_usd, request.year, Unit::kUsd, sources),
      ToFigure("remittances_pct_gdp", remit_pct, request.year, Unit::kPercent, sources),
      ToFigure("population", population, request.year, Unit::kPersons, sources),
      ToFigure("gdp_per_capita_ppp", gdppc, request.year, Unit::kPpp, sources),
      ToFigure("unemployment_pct", unemployment, request.year, Unit::kPercent, sources),
      ToFigure("population_65_plus_pct", ageing, request.year, Unit::kPercent, sources),
  };
  d.people = {ToSeries("immigrants", immigrants), ToSeries("emigrants", emigrants),
              ToSeries("refugees_hosted", hosted), ToSeries("refugees_abroad", abroad)};
  d.remittances = {ToSeries("remittances_pct_gdp", remit_pct)};
  for (const auto* y : {&immigrants, &emigrants, &hosted, &abroad, &remit_pct}) {
    for (const auto& [year, id] : y->source) {
      sources.insert(id);
    }
  }

  KOSH_ASSIGN_OR_RETURN(auto records, store.ListSources());
  for (const SourceRecord& r : records) {
    if (sources.count(r.id) != 0) {
      d.sources.push_back({r.id, r.name, r.format, r.rows});
    }
  }
  return d;
}

}  // namespace kosh::engine
