#include "api.hpp"

#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kosh/brief/brief.hpp"
#include "kosh/classify/json.hpp"
#include "kosh/core/indicator.hpp"
#include "kosh/core/status_macros.hpp"
#include "kosh/engine/brief.hpp"
#include "kosh/engine/engine.hpp"
#include "kosh/engine/json.hpp"
#include "kosh/engine/map.hpp"
#include "kosh/policy/catalogue.hpp"

namespace kosh::embedded {
extern const std::string_view kOpenApiJson;
}  // namespace kosh::embedded

namespace kosh::server {
namespace {

// Invalid UTF-8 in echoed input must not throw: replace it.
Reply Json(const nlohmann::json& doc) {
  return {doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

const std::string* Param(const Request& r, const std::string& name) {
  const auto it = r.params.find(name);
  return it == r.params.end() ? nullptr : &it->second;
}

// A parameter problem is the client's: 400, naming the parameter.
Status BadParam(const std::string& name, const std::string& what) {
  return InvalidArgument(fmt::format("{}: {}", name, what));
}

Result<std::optional<std::int64_t>> IntParam(const Request& r, const std::string& name,
                                             std::int64_t min, std::int64_t max) {
  const std::string* text = Param(r, name);
  if (text == nullptr) {
    return std::optional<std::int64_t>();
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) {
    return BadParam(name, fmt::format("'{}' is not a whole number", *text));
  }
  if (value < min || value > max) {
    return BadParam(name, fmt::format("must be between {} and {}, not {}", min, max, value));
  }
  return std::optional<std::int64_t>(value);
}

Result<Lang> LangParam(const Request& r) {
  const std::string* text = Param(r, "lang");
  if (text == nullptr) {
    return Lang::kEn;
  }
  auto lang = ParseLang(*text);
  if (!lang) {
    return BadParam("lang", "use en, ru or kk");
  }
  return *lang;
}

// A country in a query parameter: unknown is the client's mistake (400, "did you mean").
Result<std::optional<std::string>> CountryParam(const Request& r, const std::string& name) {
  const std::string* text = Param(r, name);
  if (text == nullptr) {
    return std::optional<std::string>();
  }
  auto country = CountryRegistry::Default().Resolve(*text);
  if (!country) {
    return BadParam(name, country.error().message());
  }
  return std::optional<std::string>(std::string((*country)->code));
}

// A country in the path: unknown is a resource that does not exist (404).
Result<const Country*> CountryPath(const Request& r) {
  return CountryRegistry::Default().Resolve(r.path.at(0));
}

Result<Reply> Health(const Request&, store::Store& s) {
  KOSH_ASSIGN_OR_RETURN(const int schema, s.SchemaVersion());
  KOSH_ASSIGN_OR_RETURN(const auto sources, s.ListSources());
  std::size_t current = 0;
  for (const auto& src : sources) {
    current += src.superseded_by ? 0 : 1;
  }
  return Json({{"status", "ok"},
               {"version", engine::Version()},
               {"schema_version", schema},
               {"sources", current}});
}

Result<Reply> Countries(const Request& r, store::Store&) {
  KOSH_ASSIGN_OR_RETURN(const Lang lang, LangParam(r));
  nlohmann::json list = nlohmann::json::array();
  for (const Country& c : CountryRegistry::Default().All()) {
    if (c.kind == EntityKind::kCountry) {
      list.push_back(engine::ToJson(c, lang));
    }
  }
  return Json({{"countries", list}});
}

Result<Reply> CountryOne(const Request& r, store::Store&) {
  KOSH_ASSIGN_OR_RETURN(const Country* c, CountryPath(r));
  nlohmann::json doc = engine::ToJson(*c, Lang::kEn);
  doc.erase("name");
  doc["names"] = {{"en", c->name_en}, {"ru", c->name_ru}, {"kk", c->name_kk}};
  return Json(doc);
}

Result<Reply> CountryOverview(const Request& r, store::Store& s) {
  KOSH_ASSIGN_OR_RETURN(const Country* c, CountryPath(r));
  KOSH_ASSIGN_OR_RETURN(const auto top, IntParam(r, "top", 1, 50));
  KOSH_ASSIGN_OR_RETURN(const auto overview,
                        engine::BuildCountryOverview(s, std::string(c->code),
                                                     static_cast<std::size_t>(top.value_or(8))));
  return Json(engine::ToJson(overview));
}

Result<Reply> Indicators(const Request&, store::Store&) {
  nlohmann::json list = nlohmann::json::array();
  for (const Indicator& ind : IndicatorRegistry::Default().All()) {
    list.push_back({{"code", ind.code},
                    {"shape", ind.shape},
                    {"unit", ind.unit},
                    {"source", ind.source},
                    {"meaning", ind.meaning}});
  }
  return Json({{"indicators", list}});
}

Result<Reply> Observations(const Request& r, store::Store& s) {
  const std::string* code = Param(r, "indicator");
  if (code == nullptr) {
    return BadParam("indicator", "required (see /api/v1/indicators)");
  }
  auto indicator = IndicatorRegistry::Default().Resolve(*code);
  if (!indicator) {
    return BadParam("indicator", indicator.error().message());
  }
  store::ObservationQuery q;
  q.indicator = (*indicator)->code;
  KOSH_ASSIGN_OR_RETURN(q.origin, CountryParam(r, "origin"));
  KOSH_ASSIGN_OR_RETURN(q.destination, CountryParam(r, "destination"));
  KOSH_ASSIGN_OR_RETURN(q.country, CountryParam(r, "country"));
  KOSH_ASSIGN_OR_RETURN(const auto from, IntParam(r, "from", 1000, 3000));
  KOSH_ASSIGN_OR_RETURN(const auto to, IntParam(r, "to", 1000, 3000));
  KOSH_ASSIGN_OR_RETURN(const auto limit, IntParam(r, "limit", 1, 10000));
  KOSH_ASSIGN_OR_RETURN(const auto offset, IntParam(r, "offset", 0, std::int64_t{1} << 40));
  if (from) {
    q.from_year = static_cast<int>(*from);
  }
  if (to) {
    q.to_year = static_cast<int>(*to);
  }
  q.sex = Sex::kTotal;
  if (const std::string* sex = Param(r, "sex")) {
    auto parsed = ParseSex(*sex);
    if (!parsed) {
      return BadParam("sex", "use total, female or male");
    }
    q.sex = *parsed;
  }
  q.offset = offset.value_or(0);
  // One row more than asked tells whether there is a next page.
  q.limit = limit.value_or(1000) + 1;
  KOSH_ASSIGN_OR_RETURN(auto rows, s.Query(q));
  const bool more = static_cast<std::int64_t>(rows.size()) > limit.value_or(1000);
  if (more) {
    rows.pop_back();
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& row : rows) {
    nlohmann::json j = engine::ToJson(row);
    if (row.unit.empty()) {
      j["unit"] = (*indicator)->unit;
    }
    list.push_back(std::move(j));
  }
  return Json(
      {{"observations", list},
       {"offset", q.offset},
       {"limit", limit.value_or(1000)},
       {"next_offset", more ? nlohmann::json(q.offset + static_cast<std::int64_t>(rows.size()))
                            : nlohmann::json()}});
}

Result<Reply> Map(const Request& r, store::Store& s) {
  engine::MapIndicator indicator = engine::MapIndicator::kImmigrantStock;
  if (const std::string* text = Param(r, "indicator")) {
    auto parsed = engine::ParseMapIndicator(*text);
    if (!parsed) {
      return BadParam("indicator", parsed.error().message());
    }
    indicator = *parsed;
  }
  KOSH_ASSIGN_OR_RETURN(const auto year, IntParam(r, "year", 1000, 3000));
  KOSH_ASSIGN_OR_RETURN(
      const auto layer,
      engine::BuildMap(s, indicator,
                       year ? std::optional<int>(static_cast<int>(*year)) : std::nullopt));
  return Json(engine::ToJson(layer));
}

Result<Reply> Corridors(const Request& r, store::Store& s) {
  engine::ClassifyRequest request;
  KOSH_ASSIGN_OR_RETURN(request.origin, CountryParam(r, "origin"));
  KOSH_ASSIGN_OR_RETURN(request.destination, CountryParam(r, "destination"));
  if (!request.origin && !request.destination) {
    return BadParam("origin", "give an origin, a destination or both");
  }
  KOSH_ASSIGN_OR_RETURN(const auto year, IntParam(r, "year", 1000, 3000));
  if (year) {
    request.year = static_cast<int>(*year);
  }
  KOSH_ASSIGN_OR_RETURN(const auto placements, engine::ClassifyCorridors(s, request));
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : placements) {
    list.push_back(classify::ToJson(p));
  }
  return Json({{"corridors", list}});
}

Result<Reply> Measures(const Request& r, store::Store&) {
  KOSH_ASSIGN_OR_RETURN(const Lang lang, LangParam(r));
  KOSH_ASSIGN_OR_RETURN(const auto category, IntParam(r, "category", 1, 4));
  std::optional<policy::Actor> actor;
  if (const std::string* text = Param(r, "actor")) {
    auto parsed = policy::ParseActor(*text);
    if (!parsed) {
      return BadParam("actor", "use origin, destination, bilateral or international");
    }
    actor = *parsed;
  }
  bool general = false;
  if (const std::string* text = Param(r, "general")) {
    if (*text != "true" && *text != "false") {
      return BadParam("general", "use true or false");
    }
    general = *text == "true";
  }
  nlohmann::json list = nlohmann::json::array();
  for (const policy::Measure* m : policy::Catalogue::Default().Select(
           category ? std::optional<int>(static_cast<int>(*category)) : std::nullopt, actor,
           general)) {
    list.push_back(engine::ToJson(*m, lang));
  }
  return Json({{"measures", list}});
}

Result<Reply> Brief(const Request& r, store::Store& s) {
  KOSH_ASSIGN_OR_RETURN(const Country* c, CountryPath(r));
  KOSH_ASSIGN_OR_RETURN(const Lang lang, LangParam(r));
  brief::Format format = brief::Format::kJson;
  if (const std::string* text = Param(r, "format")) {
    auto parsed = brief::ParseFormat(*text);
    if (!parsed) {
      return BadParam("format", "use json, html or md");
    }
    format = *parsed;
  }
  engine::BriefRequest request;
  request.country = std::string(c->code);
  KOSH_ASSIGN_OR_RETURN(const auto year, IntParam(r, "year", 1000, 3000));
  KOSH_ASSIGN_OR_RETURN(const auto top, IntParam(r, "top", 1, 50));
  if (year) {
    request.year = static_cast<int>(*year);
  }
  request.top_n = static_cast<std::size_t>(top.value_or(8));
  KOSH_ASSIGN_OR_RETURN(const auto data, engine::BuildBrief(s, request));
  Reply reply{brief::Render(data, lang, format, {}).text};
  if (format == brief::Format::kHtml) {
    reply.content_type = "text/html; charset=utf-8";
  } else if (format == brief::Format::kMarkdown) {
    reply.content_type = "text/markdown; charset=utf-8";
  }
  return reply;
}

Result<Reply> OpenApi(const Request&, store::Store&) {
  return Reply{std::string(embedded::kOpenApiJson)};
}

}  // namespace

std::vector<ApiRoute> ApiRoutes() {
  return {
      {"/api/v1/health", {}, Health},
      {"/api/v1/countries", {"lang"}, Countries},
      {"/api/v1/countries/{country}", {}, CountryOne},
      {"/api/v1/countries/{country}/overview", {"top"}, CountryOverview},
      {"/api/v1/indicators", {}, Indicators},
      {"/api/v1/observations",
       {"indicator", "origin", "destination", "country", "from", "to", "sex", "limit", "offset"},
       Observations},
      {"/api/v1/map", {"indicator", "year"}, Map},
      {"/api/v1/corridors", {"origin", "destination", "year"}, Corridors},
      {"/api/v1/measures", {"category", "actor", "lang", "general"}, Measures},
      {"/api/v1/briefs/{country}", {"lang", "format", "year", "top"}, Brief},
      {"/api/v1/openapi.json", {}, OpenApi},
  };
}

std::string_view OpenApiDocument() { return embedded::kOpenApiJson; }

}  // namespace kosh::server
