// The country brief: a country as origin and as destination, its main corridors on the
// match x motive matrix with their evidence, the measures their categories call for by
// actor (with the reason each appears), key figures and charts — in English, Russian or
// Kazakh, as Markdown, a standalone HTML page or JSON.
//
// The brief only renders: the engine gathers a BriefData from the store
// (engine::BuildBrief), and Render turns it into a document. Rendering is deterministic —
// the same data give the same bytes — so briefs can be compared with golden files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kosh/classify/classify.hpp"
#include "kosh/core/country.hpp"
#include "kosh/core/result.hpp"
#include "kosh/policy/recommend.hpp"

namespace kosh::brief {

struct Point {
  int year = 0;
  double value = 0;
};

// A time series; `id` names its label in data/brief/strings.toml ("series.<id>").
struct Series {
  std::string id;
  std::vector<Point> points;  // by year
};

// A headline number; `id` names its label ("figure.<id>"). Empty value: no data.
struct Figure {
  std::string id;
  std::optional<double> value;
  int year = 0;
  enum class Unit { kPersons, kUsd, kPercent, kPpp } unit = Unit::kPersons;
};

struct SourceRow {
  std::int64_t id = 0;
  std::string name;
  std::string format;
  std::int64_t rows = 0;
};

struct BriefData {
  std::string country;  // canonical code
  int year = 0;         // the year the corridors are judged on
  std::string kosh_version;
  std::string method_version;
  double match_threshold = 0.5;  // where the matrix chart draws its quadrant lines
  double motive_threshold = 0.5;
  std::vector<Figure> figures;
  std::vector<Series> people;                       // stocks and refugees over time (persons)
  std::vector<Series> remittances;                  // remittances, % of GDP
  std::vector<classify::Placement> as_destination;  // the main corridors, by stock
  std::vector<classify::Placement> as_origin;
  std::vector<policy::Recommendation> recommendations;
  std::vector<SourceRow> sources;
};

enum class Format { kMarkdown, kHtml, kJson };
Result<Format> ParseFormat(std::string_view text);  // md, html, json
const char* FormatExtension(Format format);         // "md", "html", "json"

struct RenderOptions {
  // Markdown cannot hold SVG: with a prefix the charts become attachments named
  // "<prefix>people.svg" ... and the text links them; without one they are left out and
  // the text says how to get them. HTML inlines the charts, JSON carries them as strings.
  std::optional<std::string> chart_prefix;
};

struct Attachment {
  std::string name;  // file name, e.g. "brief-KAZ-matrix.svg"
  std::string content;
};

struct Document {
  std::string text;
  std::vector<Attachment> attachments;
};

Document Render(const BriefData& data, Lang lang, Format format, const RenderOptions& options);

}  // namespace kosh::brief
