// kosh: the command line. Each verb parses its options, calls one library function and
// prints the result. The verbs, options and exit codes (0 ok, 1 usage, 2 bad input data,
// 3 internal or I/O error) follow the project's CLI contract; see README.md.
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "common.hpp"
#include "output.hpp"
#include "verbs.hpp"
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "kosh/classify/json.hpp"
#include "kosh/core/country.hpp"
#include "kosh/core/indicator.hpp"
#include "kosh/core/status_macros.hpp"
#include "kosh/engine/engine.hpp"
#include "kosh/engine/json.hpp"
#include "kosh/policy/catalogue.hpp"

namespace kosh::cli {
namespace {

// The first failed file's status, after every report was printed.
Status FirstFailure(const std::vector<engine::ImportReport>& reports) {
  std::size_t failed = 0;
  Status first;
  for (const auto& r : reports) {
    if (r.outcome == engine::ImportReport::Outcome::kFailed) {
      if (failed++ == 0) {
        first = r.error;
      }
      fmt::print(stderr, "kosh: {}\n", r.error.ToString());
    }
  }
  if (failed == 0) {
    return Status::Ok();
  }
  return Status(first.code(),
                failed == 1
                    ? std::string("1 file was rejected; the others were imported")
                    : fmt::format("{} files were rejected; the others were imported", failed));
}

void PrintReports(const std::vector<engine::ImportReport>& reports, OutputFormat format) {
  Table t;
  t.columns = {"file",      "format",   "outcome",       "rows",
               "source_id", "revision", "missing_cells", "note"};
  std::size_t absent = 0;
  for (const auto& r : reports) {
    std::string note = r.reason;
    for (const auto& w : r.summary.warnings) {
      note += (note.empty() ? "" : "; ") + w;
    }
    if (r.superseded) {
      note += (note.empty() ? "" : "; ") + fmt::format("supersedes source {}", *r.superseded);
    }
    using Outcome = engine::ImportReport::Outcome;
    if (r.outcome == Outcome::kFailed) {
      note = r.reason;
    }
    // A person importing part of a folder needs no line per absent dataset; programs
    // reading csv or json get them all.
    if (format == OutputFormat::kTable && r.outcome == Outcome::kSkipped &&
        r.reason == engine::kNotInFolder) {
      ++absent;
      continue;
    }
    const bool has_source = r.outcome == Outcome::kImported ||
                            r.outcome == Outcome::kAlreadyImported ||
                            r.outcome == Outcome::kReinstated;
    t.rows.push_back({r.file, r.format, engine::OutcomeName(r.outcome),
                      r.outcome == Outcome::kSkipped || r.outcome == Outcome::kFailed
                          ? nlohmann::json(nullptr)
                          : nlohmann::json(r.source.rows),
                      has_source ? nlohmann::json(r.source.id) : nlohmann::json(nullptr),
                      has_source ? nlohmann::json(r.source.revision) : nlohmann::json(nullptr),
                      has_source || r.outcome == Outcome::kDryRun
                          ? nlohmann::json(r.summary.missing_cells)
                          : nlohmann::json(nullptr),
                      note});
  }
  Print(std::cout, t, format, "imports");
  if (absent > 0) {
    fmt::print(stderr, "kosh: {} catalogued datasets are not in this folder (see --format csv)\n",
               absent);
  }
}

Status RunInit(const Globals& g, bool embedded, OutputFormat format) {
  KOSH_ASSIGN_OR_RETURN(auto s, store::Store::Open(StoreLocation(g)));
  KOSH_ASSIGN_OR_RETURN(int version, s->Migrate());
  fmt::print(stderr, "kosh: store {} at schema version {}\n", StoreLocation(g), version);
  if (!embedded) {
    return Status::Ok();
  }
  const std::string dir = (std::filesystem::path(engine::DataDir()) / "embedded").string();
  engine::ImportOptions options;
  KOSH_ASSIGN_OR_RETURN(auto reports, engine::ImportAll(*s, dir, options));
  std::erase_if(reports,
                [](const auto& r) { return r.outcome == engine::ImportReport::Outcome::kSkipped; });
  PrintReports(reports, format);
  return FirstFailure(reports);
}

Status RunImport(const Globals& g, const std::string& format_name,
                 const std::vector<std::string>& files, const std::string& mapping, bool dry_run,
                 OutputFormat format) {
  KOSH_ASSIGN_OR_RETURN(auto s, OpenStore(g));
  engine::ImportOptions options;
  options.mapping_path = mapping;
  options.dry_run = dry_run;
  std::vector<engine::ImportReport> reports;
  if (format_name == "all") {
    if (files.size() != 1) {
      return InvalidArgument("`kosh import all` takes one folder");
    }
    options.progress = ProgressBar("importing");
    KOSH_ASSIGN_OR_RETURN(reports, engine::ImportAll(*s, files[0], options));
  } else {
    KOSH_ASSIGN_OR_RETURN(const ingest::Format f, ingest::ParseFormat(format_name));
    for (const std::string& file : files) {
      options.progress = ProgressBar(std::filesystem::path(file).filename().string());
      KOSH_ASSIGN_OR_RETURN(auto report, engine::ImportFile(*s, f, file, options));
      reports.push_back(std::move(report));
    }
  }
  PrintReports(reports, format);
  return FirstFailure(reports);
}

Status RunSources(const Globals& g, OutputFormat format) {
  KOSH_ASSIGN_OR_RETURN(auto s, OpenStore(g));
  KOSH_ASSIGN_OR_RETURN(auto sources, s->ListSources());
  Table t;
  t.columns = {"id",          "name",     "sha256",        "format",           "rows",
               "imported_at", "revision", "superseded_by", "importer_version", "size_bytes"};
  for (const auto& r : sources) {
    t.rows.push_back({r.id, r.name, r.sha256, r.format, r.rows, r.imported_at, r.revision,
                      r.superseded_by ? nlohmann::json(*r.superseded_by) : nlohmann::json(nullptr),
                      r.importer_version, r.size_bytes});
  }
  if (format == OutputFormat::kTable) {  // a person does not need 64 hex digits
    for (auto& row : t.rows) {
      row[2] = row[2].get<std::string>().substr(0, 12);
    }
  }
  Print(std::cout, t, format, "sources");
  return Status::Ok();
}

Status RunCountries(const std::string& lang_text, bool all, OutputFormat format) {
  KOSH_ASSIGN_OR_RETURN(const Lang lang, ParseLang(lang_text));
  Table t;
  t.columns = {"iso2", "iso3", "m49", "region", "subregion", "name", "kind"};
  for (const Country& c : CountryRegistry::Default().All()) {
    if (!all && c.kind != EntityKind::kCountry) {
      continue;
    }
    t.rows.push_back({std::string(c.iso2), std::string(c.code), std::string(c.m49),
                      std::string(c.region), std::string(c.subregion), std::string(c.Name(lang)),
                      EntityKindName(c.kind)});
  }
  Print(std::cout, t, format, "countries");
  return Status::Ok();
}

struct QueryArgs {
  std::string indicator, origin, destination, country, sex = "total";
  int from = 0, to = 0;
  bool list = false;
  bool history = false;
  std::int64_t limit = -1;
};

Status RunQuery(const Globals& g, const QueryArgs& a, OutputFormat format) {
  if (a.list || a.indicator.empty()) {
    Table t;
    t.columns = {"code", "shape", "unit", "source", "meaning"};
    for (const Indicator& ind : IndicatorRegistry::Default().All()) {
      t.rows.push_back({ind.code, ind.shape, ind.unit, ind.source, ind.meaning});
    }
    Print(std::cout, t, format, "indicators");
    return Status::Ok();
  }
  KOSH_ASSIGN_OR_RETURN(const Indicator* ind, IndicatorRegistry::Default().Resolve(a.indicator));
  store::ObservationQuery q;
  q.indicator = ind->code;
  if (!a.origin.empty()) {
    KOSH_ASSIGN_OR_RETURN(q.origin, CountryCode(a.origin));
  }
  if (!a.destination.empty()) {
    KOSH_ASSIGN_OR_RETURN(q.destination, CountryCode(a.destination));
  }
  if (!a.country.empty()) {
    KOSH_ASSIGN_OR_RETURN(q.country, CountryCode(a.country));
  }
  if (a.from != 0) {
    q.from_year = a.from;
  }
  if (a.to != 0) {
    q.to_year = a.to;
  }
  const auto sex = ParseSex(a.sex);
  if (!sex) {
    return InvalidArgument(fmt::format("--sex: {}", sex.error().message()));
  }
  q.sex = *sex;
  q.include_superseded = a.history;
  q.limit = a.limit;
  KOSH_ASSIGN_OR_RETURN(auto s, OpenStore(g));
  KOSH_ASSIGN_OR_RETURN(auto rows, s->Query(q));
  Table t;
  const bool bilateral = ind->shape == "bilateral";
  t.columns = bilateral ? std::vector<std::string>{"origin", "destination"}
                        : std::vector<std::string>{"country", "region"};
  for (const char* c :
       {"period", "sex", "age", "breakdown", "value", "unit", "flags", "source_id"}) {
    t.columns.emplace_back(c);
  }
  for (const auto& r : rows) {
    std::vector<nlohmann::json> row;
    if (bilateral) {
      row = {r.origin, r.destination};
    } else {
      row = {r.country, r.region};
    }
    for (nlohmann::json v :
         {nlohmann::json(r.period.ToString()), nlohmann::json(SexName(r.sex)),
          nlohmann::json(r.age), nlohmann::json(r.breakdown),
          r.value ? nlohmann::json(*r.value) : nlohmann::json(nullptr),
          nlohmann::json(r.unit.empty() ? ind->unit : r.unit),
          nlohmann::json(FlagsToString(r.flag_mask)), nlohmann::json(r.source_id)}) {
      row.push_back(std::move(v));
    }
    t.rows.push_back(std::move(row));
  }
  nlohmann::json extra = {{"indicator", ind->code}, {"unit", ind->unit}, {"meaning", ind->meaning}};
  Print(std::cout, t, format, "observations", extra);
  if (rows.empty()) {
    fmt::print(stderr,
               "kosh: no observations match (has the data been imported? see `kosh sources`)\n");
  }
  return Status::Ok();
}

std::string Human(double v) {
  if (v >= 1e9) {
    return fmt::format("{:.2f} bn", v / 1e9);
  }
  if (v >= 1e6) {
    return fmt::format("{:.2f} M", v / 1e6);
  }
  return FormatNumber(v);
}

Status RunOverview(const Globals& g, const std::string& country, std::size_t top,
                   OutputFormat format) {
  KOSH_ASSIGN_OR_RETURN(auto s, OpenStore(g));
  KOSH_ASSIGN_OR_RETURN(const engine::CountryOverview o,
                        engine::BuildCountryOverview(*s, country, top));
  if (format == OutputFormat::kJson) {
    const nlohmann::json doc = engine::ToJson(o);
    std::cout << doc.dump(2) << "\n";
    return Status::Ok();
  }
  std::cout << fmt::format("{} ({}) — {}\n\n", o.name, o.code, o.region);
  std::cout << fmt::format("Migrant stock, {} (UN DESA)\n", o.stock_year);
  std::cout << fmt::format("  immigrants living in {}: {}\n", o.code,
                           o.immigrant_stock ? Human(*o.immigrant_stock) : "n/a");
  std::cout << fmt::format("  emigrants born in {} living abroad: {}\n\n", o.code,
                           o.emigrant_stock ? Human(*o.emigrant_stock) : "n/a");
  const auto block = [&](const std::string& title, const std::vector<engine::Corridor>& list) {
    std::cout << title << "\n";
    if (list.empty()) {
      std::cout << "  (no data)\n";
    }
    double max = list.empty() ? 1 : list.front().value;
    for (const auto& c : list) {
      const int bar = max > 0 ? static_cast<int>(c.value / max * 30) : 0;
      std::cout << fmt::format("  {:<3} {:<28} {:>12}  {}\n", c.partner,
                               c.partner_name.substr(0, 28), FormatNumber(c.value),
                               std::string(static_cast<std::size_t>(bar), '#'));
    }
    std::cout << "\n";
  };
  block(fmt::format("Top origins of immigrants in {} ({})", o.code, o.stock_year), o.top_origins);
  block(fmt::format("Top destinations of emigrants from {} ({})", o.code, o.stock_year),
        o.top_destinations);
  if (o.refugee_year > 0) {
    std::cout << fmt::format(
        "Refugees, {} (UNHCR)\n  hosted in {}: {}\n  from {} abroad "
        "(refugees + asylum-seekers): {}\n\n",
        o.refugee_year, o.code, FormatNumber(o.refugees_hosted.value_or(0)), o.code,
        FormatNumber(o.refugees_abroad.value_or(0)));
    block(fmt::format("Top origins of refugees hosted in {}", o.code), o.refugee_origins);
  }
  std::cout << "Personal remittances received (World Bank WDI)\n";
  if (o.remittances_received_usd.empty()) {
    std::cout << "  (no data)\n";
  }
  const std::size_t first =
      o.remittances_received_usd.size() > 8 ? o.remittances_received_usd.size() - 8 : 0;
  for (std::size_t i = first; i < o.remittances_received_usd.size(); ++i) {
    const auto& p = o.remittances_received_usd[i];
    std::string pct;
    for (const auto& q : o.remittances_pct_gdp) {
      if (q.period == p.period) {
        pct = fmt::format("  ({:.1f}% of GDP)", q.value);
      }
    }
    std::cout << fmt::format("  {}  {:>12} USD{}\n", p.period, Human(p.value), pct);
  }
  return Status::Ok();
}

Status RunClassify(const Globals& g, const std::string& origin, const std::string& destination,
                   int year, OutputFormat format) {
  engine::ClassifyRequest request;
  if (!origin.empty()) {
    KOSH_ASSIGN_OR_RETURN(request.origin, CountryCode(origin));
  }
  if (!destination.empty()) {
    KOSH_ASSIGN_OR_RETURN(request.destination, CountryCode(destination));
  }
  if (year != 0) {
    request.year = year;
  }
  KOSH_ASSIGN_OR_RETURN(auto s, OpenStore(g));
  KOSH_ASSIGN_OR_RETURN(auto placements, engine::ClassifyCorridors(*s, request));
  if (format == OutputFormat::kJson) {
    nlohmann::json corridors = nlohmann::json::array();
    for (const auto& p : placements) {
      corridors.push_back(classify::ToJson(p));
    }
    std::cout << nlohmann::json({{"corridors", corridors}}).dump(2) << "\n";
    return Status::Ok();
  }
  Table t;
  t.columns = {"origin", "destination", "year",       "category",
               "match",  "motive",      "confidence", "note"};
  const auto score = [](const classify::AxisScore& a) {
    return a.score ? nlohmann::json(fmt::format("{:.2f} [{:.2f}-{:.2f}]", *a.score, a.interval_low,
                                                a.interval_high))
                   : nlohmann::json(nullptr);
  };
  for (const auto& p : placements) {
    t.rows.push_back({p.origin, p.destination, p.year,
                      p.category ? nlohmann::json(*p.category) : nlohmann::json(nullptr),
                      score(p.match), score(p.motive), std::round(p.confidence * 100) / 100,
                      p.note});
  }
  Print(std::cout, t, format, "corridors");
  return Status::Ok();
}

Status RunMeasures(int category, const std::string& actor_text, const std::string& lang_text,
                   bool general, OutputFormat format) {
  KOSH_ASSIGN_OR_RETURN(const Lang lang, ParseLang(lang_text));
  std::optional<int> wanted_category;
  if (category != 0) {
    if (category < 1 || category > 4) {
      return InvalidArgument(fmt::format("--category must be 1-4, not {}", category));
    }
    wanted_category = category;
  }
  std::optional<policy::Actor> actor;
  if (!actor_text.empty()) {
    KOSH_ASSIGN_OR_RETURN(actor, policy::ParseActor(actor_text));
  }
  const auto measures = policy::Catalogue::Default().Select(wanted_category, actor, general);
  Table t;
  t.columns = {"id", "categories", "actor", "gcm", "sdg", "indicator", "text"};
  for (const policy::Measure* m : measures) {
    const auto join = [](const auto& items) {
      std::string out;
      for (const auto& item : items) {
        out += fmt::format("{}{}", out.empty() ? "" : ",", item);
      }
      return out;
    };
    t.rows.push_back({m->id, m->categories.empty() ? std::string("all") : join(m->categories),
                      policy::ActorName(m->actor), join(m->gcm), join(m->sdg), m->indicator,
                      m->Text(lang)});
  }
  Print(std::cout, t, format, "measures");
  return Status::Ok();
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{
      "kosh — an open migration-governance engine: one data standard for migration statistics, "
      "models of migration flows, and policies by corridor.\n\n"
      "Start with:\n"
      "  kosh init --embedded          create ./kosh.db with the built-in Central Asia extract\n"
      "  kosh brief KAZ                the migration brief for Kazakhstan (--lang ru|kk, --format "
      "html)\n"
      "  kosh overview KAZ             migrant stock, refugees and remittances for Kazakhstan\n"
      "  kosh query migrant_stock --origin TJK --destination RUS\n",
      "kosh"};
  app.set_version_flag("--version", std::string("kosh ") + engine::Version());
  app.require_subcommand(1);
  // Global options (--store, --format) may also follow the verb, as the examples show.
  app.fallthrough();
  Globals g;
  app.add_option("--store", g.store,
                 "store: a SQLite file path (default $KOSH_STORE, else ./kosh.db)");
  std::string format_text = "table";
  app.add_option("--format", format_text, "output: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));

  Status status;
  const auto output = [&]() { return ParseOutputFormat(format_text).value(); };

  auto* init = app.add_subcommand("init", "Create or migrate the store")
                   ->footer("Examples:\n  kosh init\n  kosh init --embedded --store ka.db");
  bool embedded = false;
  init->add_flag("--embedded", embedded,
                 "load the shipped extract for Central Asia (data/embedded, see SOURCES.md)");
  init->callback([&] { status = RunInit(g, embedded, output()); });

  auto* import_cmd =
      app.add_subcommand("import", "Import files, all-or-nothing per file")
          ->footer(
              "FORMAT is undesa-stock, unhcr, wdi, sdmx-csv, csv (with --mapping), or "
              "all (a folder laid out like the public dataset folder).\n"
              "Re-importing the same bytes is a no-op; new bytes for the same file "
              "supersede the old revision (history is kept).\n\nExamples:\n"
              "  kosh import undesa-stock bilateral_stock_2020rev.csv\n"
              "  kosh import wdi API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2.csv\n"
              "  kosh import csv kz.csv --mapping data/mappings/kz_internal_migration.toml\n"
              "  kosh import all ../shared/data\n"
              "  kosh import unhcr population.csv --dry-run");
  std::string format_name;
  std::vector<std::string> files;
  std::string mapping;
  bool dry_run = false;
  import_cmd->add_option("FORMAT", format_name, "undesa-stock|unhcr|wdi|sdmx-csv|csv|all")
      ->required();
  import_cmd->add_option("FILE", files, "files (or, for all, one folder)")->required();
  import_cmd->add_option("--mapping", mapping, "TOML mapping file for the csv format");
  import_cmd->add_flag("--dry-run", dry_run, "read and validate, then store nothing");
  import_cmd->callback(
      [&] { status = RunImport(g, format_name, files, mapping, dry_run, output()); });

  auto* sources = app.add_subcommand("sources", "List imported sources and their provenance")
                      ->footer("Example:\n  kosh sources --format json");
  sources->callback([&] { status = RunSources(g, output()); });

  auto* countries = app.add_subcommand("countries", "The country registry")
                        ->footer(
                            "Examples:\n  kosh countries --lang kk\n  kosh countries --all "
                            "--format csv   (with historical, special and aggregate codes)");
  std::string lang = "en";
  bool all_entities = false;
  countries->add_option("--lang", lang, "name language: en, ru or kk");
  countries->add_flag("--all", all_entities, "include historical entities and aggregates");
  countries->callback([&] { status = RunCountries(lang, all_entities, output()); });

  auto* query = app.add_subcommand("query", "Observations of one indicator")
                    ->footer(
                        "C is any ISO alpha-2/alpha-3 or M49 code, or a name in English, Russian "
                        "or Kazakh.\n\nExamples:\n"
                        "  kosh query --list\n"
                        "  kosh query migrant_stock --origin TJK --destination RUS --format json\n"
                        "  kosh query refugees --destination Казахстан --from 2015\n"
                        "  kosh query remittances_received_pct_gdp --country KGZ --format csv");
  QueryArgs qa;
  query->add_option("INDICATOR", qa.indicator, "indicator code (see --list)");
  query->add_flag("--list", qa.list, "list the indicator registry");
  query->add_option("--origin", qa.origin, "origin country");
  query->add_option("--destination", qa.destination, "destination country");
  query->add_option("--country", qa.country, "country, for single-country indicators");
  query->add_option("--from", qa.from, "first year");
  query->add_option("--to", qa.to, "last year");
  query->add_option("--sex", qa.sex, "total (default), female or male");
  query->add_option("--limit", qa.limit, "at most this many rows");
  query->add_flag("--history", qa.history, "include superseded revisions");
  query->callback([&] { status = RunQuery(g, qa, output()); });

  auto* overview =
      app.add_subcommand("overview", "A country overview: corridors, refugees, remittances")
          ->footer(
              "Examples:\n  kosh overview KAZ\n  kosh overview Кыргызстан "
              "--format json");
  std::string overview_country = "KAZ";
  std::size_t top = 8;
  overview->add_option("COUNTRY", overview_country, "country code or name (default KAZ)");
  overview->add_option("--top", top, "corridors to list (default 8)");
  overview->callback([&] { status = RunOverview(g, overview_country, top, output()); });

  auto* classify_cmd =
      app.add_subcommand("classify", "Corridors on the match x motive matrix, with evidence")
          ->footer(
              "Categories: 1 economic migrants (opportunity, strong match); 2 refugees with "
              "skills in demand; 3 refugees whose skills are not in demand; 4 distressed "
              "migrants, not refugees. A corridor is left unplaced (category null) when the "
              "evidence cannot support a placement; the note says why. Method: "
              "data/classify/method.toml, docs/classify.md.\n\nExamples:\n"
              "  kosh classify --origin TJK --destination RUS\n"
              "  kosh classify --destination KAZ --format json\n"
              "  kosh classify --origin AFG --year 2015");
  std::string classify_origin;
  std::string classify_destination;
  int classify_year = 0;
  classify_cmd->add_option("--origin", classify_origin, "origin country");
  classify_cmd->add_option("--destination", classify_destination, "destination country");
  classify_cmd->add_option("--year", classify_year, "year (default: latest migrant stock year)");
  classify_cmd->callback([&] {
    status = RunClassify(g, classify_origin, classify_destination, classify_year, output());
  });

  auto* measures_cmd =
      app.add_subcommand("measures", "The policy catalogue: measures by category and actor")
          ->footer(
              "The measures of the founding paper (Tables 1-3 and its text), in English, "
              "Russian and Kazakh, with the Global Compact objectives and SDG targets they "
              "serve.\n\nExamples:\n"
              "  kosh measures --category 3 --actor international\n"
              "  kosh measures --category 1 --actor origin --lang kk --general\n"
              "  kosh measures --format json");
  int measures_category = 0;
  std::string measures_actor;
  std::string measures_lang = "en";
  bool measures_general = false;
  measures_cmd->add_option("--category", measures_category, "category 1-4");
  measures_cmd->add_option("--actor", measures_actor,
                           "origin, destination, bilateral or international");
  measures_cmd->add_option("--lang", measures_lang, "en, ru or kk");
  measures_cmd->add_flag("--general", measures_general,
                         "with --category, add the measures the paper ties to no category");
  measures_cmd->callback([&] {
    status =
        RunMeasures(measures_category, measures_actor, measures_lang, measures_general, output());
  });

  AddBriefCommand(app, g, status);
  AddServeCommand(app, g, status);
  // Model verbs exist when their component is built (KOSH_MODELS, all by default).
#ifdef KOSH_WITH_FLOWS
  AddFlowsCommand(app, g, status);
#endif
#ifdef KOSH_WITH_GRAVITY
  AddGravityCommand(app, g, status);
#endif
#ifdef KOSH_WITH_ABM
  AddAbmCommand(app, g, status);
#endif

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 1;
  }
  return status.ok() ? 0 : Fail(status);
}  // namespace kosh::cli

}  // namespace kosh::cli

int main(int argc, char** argv) {
  try {
    return kosh::cli::Main(argc, argv);
  } catch (const std::exception& e) {
    fmt::print(stderr, "kosh: internal error: {}\n", e.what());
    return 3;
  }
}
