// kosh brief: a country brief in English, Russian or Kazakh, as Markdown, HTML or JSON.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "verbs.hpp"
#include <fmt/format.h>
#include <unistd.h>

#include "kosh/core/status_macros.hpp"
#include "kosh/engine/brief.hpp"

namespace kosh::cli {
namespace {

struct BriefArgs {
  std::string country = "KAZ";
  std::string lang = "en";
  std::string format = "md";
  std::string out;
  int year = 0;
  std::size_t top = 8;
};

// Writes every file under a temporary name first and renames them only when all were
// written, so a failure leaves no half-written brief behind.
Status WriteAll(const std::vector<std::pair<std::filesystem::path, std::string>>& files) {
  std::vector<std::filesystem::path> temps;
  const auto cleanup = [&] {
    for (const auto& t : temps) {
      std::error_code ignored;
      std::filesystem::remove(t, ignored);
    }
  };
  for (const auto& [path, content] : files) {
    std::filesystem::path temp = path;
    temp += fmt::format(".tmp{}", getpid());
    std::ofstream f(temp, std::ios::binary | std::ios::trunc);
    if (f) {
      temps.push_back(temp);
      f << content;
      f.close();
    }
    if (!f) {
      cleanup();
      return Status(StatusCode::kInternal, fmt::format("{}: cannot write the file", path.string()));
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::error_code error;
    std::filesystem::rename(temps[i], files[i].first, error);
    if (error) {
      cleanup();
      return Status(StatusCode::kInternal,
                    fmt::format("{}: {}", files[i].first.string(), error.message()));
    }
  }
  return Status::Ok();
}

Status RunBrief(const Globals& g, const BriefArgs& a) {
  KOSH_ASSIGN_OR_RETURN(const Lang lang, ParseLang(a.lang));
  KOSH_ASSIGN_OR_RETURN(const brief::Format format, brief::ParseFormat(a.format));
  engine::BriefRequest request;
  request.country = a.country;
  if (a.year != 0) {
    request.year = a.year;
  }
  request.top_n = a.top;
  KOSH_ASSIGN_OR_RETURN(auto s, OpenStore(g));
  KOSH_ASSIGN_OR_RETURN(const brief::BriefData data, engine::BuildBrief(*s, request));
  brief::RenderOptions options;
  const std::filesystem::path out(a.out);
  if (!a.out.empty()) {
    options.chart_prefix = out.stem().string() + "-";
  }
  const brief::Document doc = brief::Render(data, lang, format, options);
  if (a.out.empty()) {
    std::cout << doc.text;
    return Status::Ok();
  }
  std::vector<std::pair<std::filesystem::path, std::string>> files = {{out, doc.text}};
  for (const brief::Attachment& chart : doc.attachments) {
    files.emplace_back(out.parent_path() / chart.name, chart.content);
  }
  KOSH_RETURN_IF_ERROR(WriteAll(files));
  for (const auto& [path, content] : files) {
    fmt::print(stderr, "wrote {} ({} bytes)\n", path.string(), content.size());
  }
  return Status::Ok();
}

}  // namespace

void AddBriefCommand(CLI::App& app, Globals& g, Status& status) {
  auto* cmd =
      app.add_subcommand("brief",
                         "A country brief: corridors, categories, measures by actor, "
                         "indicators, charts")
          ->footer(
              "The country as destination and as origin: its main corridors (by migrant stock) "
              "on the match x motive matrix with the evidence behind each placement, the "
              "measures their categories call for by actor (origin, destination, bilateral, "
              "international) with the reason each appears, key figures and SVG charts.\n"
              "Formats: md (charts become files next to --out; without --out they are left "
              "out), html (one standalone page, charts inline), json (everything, charts as "
              "SVG strings).\n\nExamples:\n"
              "  kosh brief KAZ\n"
              "  kosh brief KAZ --lang kk --format html --out kaz-brief.html\n"
              "  kosh brief Таджикистан --lang ru --out tjk.md   (writes tjk-people.svg ... too)\n"
              "  kosh brief KGZ --format json --year 2015");
  auto args = std::make_shared<BriefArgs>();
  cmd->add_option("COUNTRY", args->country, "country code or name (default KAZ)");
  cmd->add_option("--lang", args->lang, "en, ru or kk (default en)");
  cmd->add_option("--format", args->format, "md, html or json (default md)");
  cmd->add_option("--out", args->out, "write to this file instead of standard output");
  cmd->add_option("--year", args->year, "year (default: the latest migrant-stock year)");
  cmd->add_option("--top", args->top, "corridors per side (default 8)");
  cmd->callback([&g, &status, args] { status = RunBrief(g, *args); });
}

}  // namespace kosh::cli
