// The brief is composed once as a list of blocks (headings, paragraphs, tables, lists,
// charts) in the chosen language; Markdown and HTML are two writers of the same blocks, so
// the two formats never drift apart. JSON is written from the data directly.
#include <algorithm>
#include <cmath>
#include <map>

#include "chart.hpp"
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kosh/brief/brief.hpp"
#include "kosh/brief/strings.hpp"
#include "kosh/classify/json.hpp"

namespace kosh::brief {
namespace {

struct ListItem {
  std::string lead;  // bold
  std::string text;
  std::string detail;  // small print under the text
};

struct Block {
  enum class Kind { kHeading, kParagraph, kTable, kList, kChart } kind = Kind::kParagraph;
  int level = 2;
  std::string text;  // heading, paragraph, or chart alt text
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // per column, right-aligned
  std::vector<ListItem> items;
  std::string chart_name;  // e.g. "matrix"
  std::string svg;
};

class Composer {
 public:
  Composer(const BriefData& data, Lang lang) : d_(data), lang_(lang) {}

  std::vector<Block> Compose() {
    const std::string country = Name(d_.country);
    Heading(1, S().Fill("title", lang_, {{"country", country}}));
    Paragraph(S().Fill("intro", lang_, {{"country", country}}));
    Paragraph(S().Fill("generated", lang_,
                       {{"version", d_.kosh_version},
                        {"method", d_.method_version},
                        {"year", std::to_string(d_.year)}}));
    Figures();
    Trends();
    Matrix(country);
    Corridors(S().Fill("section.as_destination", lang_, {{"country", country}}), d_.as_destination);
    Corridors(S().Fill("section.as_origin", lang_, {{"country", country}}), d_.as_origin);
    Measures(country);
    Evidence();
    Heading(2, T("section.reading"));
    Paragraph(T("reading.text"));
    Sources();
    return std::move(blocks_);
  }

  // The charts alone, for JSON.
  std::map<std::string, std::string> Charts() {
    std::map<std::string, std::string> out;
    if (const auto people = PeopleChart()) {
      out["people"] = *people;
    }
    if (const auto remittances = RemittanceChart()) {
      out["remittances"] = *remittances;
    }
    out["matrix"] = MatrixSvg(Name(d_.country));
    return out;
  }

 private:
  static const Strings& S() { return Strings::Default(); }
  std::string T(std::string_view id) const { return S().Get(id, lang_); }

  std::string Name(const std::string& code) const {
    const Country* c = CountryRegistry::Default().Find(code);
    return c != nullptr ? std::string(c->Name(lang_)) : code;
  }

  void Heading(int level, std::string text) {
    Block b;
    b.kind = Block::Kind::kHeading;
    b.level = level;
    b.text = std::move(text);
    blocks_.push_back(std::move(b));
  }
  void Paragraph(std::string text) {
    Block b;
    b.text = std::move(text);
    blocks_.push_back(std::move(b));
  }
  void Chart(std::string name, std::string alt, std::string svg) {
    Block b;
    b.kind = Block::Kind::kChart;
    b.chart_name = std::move(name);
    b.text = std::move(alt);
    b.svg = std::move(svg);
    blocks_.push_back(std::move(b));
  }

  std::string Figure(const brief::Figure& f) const {
    if (!f.value) {
      return T("figure.none");
    }
    switch (f.unit) {
      case Figure::Unit::kPercent:
        return FormatNumber(*f.value, lang_, 1);
      case Figure::Unit::kUsd:
        return FormatAmount(*f.value, lang_);
      case Figure::Unit::kPpp:
      case Figure::Unit::kPersons:
        return FormatNumber(*f.value, lang_);
    }
    return FormatNumber(*f.value, lang_);
  }

  void Figures() {
    Heading(2, T("section.figures"));
    Block table;
    table.kind = Block::Kind::kTable;
    table.header = {T("col.indicator"), T("col.value"), T("col.year")};
    table.numeric = {false, true, true};
    for (const brief::Figure& f : d_.figures) {
      table.rows.push_back(
          {T("figure." + f.id), Figure(f), f.value ? std::to_string(f.year) : std::string()});
    }
    blocks_.push_back(std::move(table));
  }

  std::optional<std::string> SeriesChart(const std::vector<Series>& series, const char* title,
                                         int decimals) const {
    LineChart chart;
    chart.title = T(title);
    chart.decimals = decimals;
    for (const Series& s : series) {
      if (s.points.empty()) {
        continue;
      }
      LineSeries line;
      line.label = T("series." + s.id);
      for (const Point& p : s.points) {
        line.points.emplace_back(p.year, p.value);
      }
      chart.series.push_back(std::move(line));
    }
    if (chart.series.empty()) {
      return std::nullopt;
    }
    return RenderSvg(chart, lang_);
  }
  std::optional<std::string> PeopleChart() const {
    return SeriesChart(d_.people, "chart.people", 0);
  }
  std::optional<std::string> RemittanceChart() const {
    return SeriesChart(d_.remittances, "chart.remittances", 1);
  }

  void Trends() {
    Heading(2, T("section.trends"));
    const auto people = PeopleChart();
    const auto remittances = RemittanceChart();
    if (!people && !remittances) {
      Paragraph(T("chart.no_series"));
      return;
    }
    if (people) {
      Chart("people", T("chart.people"), *people);
    }
    if (remittances) {
      Chart("remittances", T("chart.remittances"), *remittances);
    }
  }

  std::string MatrixSvg(const std::string& country) const {
    MatrixChart chart;
    chart.title = S().Fill("chart.matrix", lang_, {{"year", std::to_string(d_.year)}});
    chart.axis_motive = T("chart.axis_motive");
    chart.axis_match = T("chart.axis_match");
    for (int c = 0; c < 4; ++c) {
      chart.quadrant[c] = T(fmt::format("category.{}", c + 1));
    }
    chart.legend_destination = S().Fill("chart.as_destination", lang_, {{"country", country}});
    chart.legend_origin = S().Fill("chart.as_origin", lang_, {{"country", country}});
    chart.legend_unplaced = T("chart.unplaced");
    chart.motive_threshold = d_.motive_threshold;
    chart.match_threshold = d_.match_threshold;
    const auto add = [&](const std::vector<classify::Placement>& rows, bool as_destination) {
      for (const classify::Placement& p : rows) {
        if (!p.match.score || !p.motive.score) {
          continue;  // a corridor with one axis unknown has no place on the plane
        }
        MatrixPoint point;
        point.label = as_destination ? p.origin : p.destination;
        point.motive = *p.motive.score;
        point.match = *p.match.score;
        point.motive_low = p.motive.interval_low;
        point.motive_high = p.motive.interval_high;
        point.match_low = p.match.interval_low;
        point.match_high = p.match.interval_high;
        point.country_is_destination = as_destination;
        point.placed = p.category.has_value();
        chart.points.push_back(std::move(point));
      }
    };
    add(d_.as_destination, true);
    add(d_.as_origin, false);
    return RenderSvg(chart);
  }

  void Matrix(const std::string& country) {
    Heading(2, T("section.matrix"));
    Chart("matrix", S().Fill("chart.matrix", lang_, {{"year", std::to_string(d_.year)}}),
          MatrixSvg(country));
    std::size_t placed = 0;
    std::size_t total = 0;
    for (const auto* rows : {&d_.as_destination, &d_.as_origin}) {
      for (const classify::Placement& p : *rows) {
        ++total;
        placed += p.category ? 1 : 0;
      }
    }
    Paragraph(S().Fill("corridors.placed", lang_,
                       {{"placed", std::to_string(placed)}, {"total", std::to_string(total)}}));
  }

  std::string Score(const classify::AxisScore& axis) const {
    if (!axis.score) {
      return "—";
    }
    return fmt::format("{} [{}–{}]", FormatNumber(*axis.score, lang_, 2),
                       FormatNumber(axis.interval_low, lang_, 2),
                       FormatNumber(axis.interval_high, lang_, 2));
  }

  std::string Percent(double fraction) const {
    return FormatNumber(fraction * 100, lang_, 0) + (lang_ == Lang::kEn ? "%" : "\u00a0%");
  }

  std::string GapText(const classify::Gap& gap) const {
    const auto value = [&](std::size_t i) { return i < gap.values.size() ? gap.values[i] : 0.0; };
    const std::string id = "gap." + gap.code;
    if (gap.code == "match_weight") {
      return S().Fill(id, lang_,
                      {{"available", FormatNumber(value(0), lang_, 2)},
                       {"needed", FormatNumber(value(1), lang_, 2)}});
    }
    if (gap.code == "low_confidence") {
      return S().Fill(id, lang_,
                      {{"category", FormatNumber(value(0), lang_)},
                       {"confidence", Percent(value(1))},
                       {"needed", Percent(value(2))}});
    }
    if (gap.code == "not_richer") {
      return S().Fill(id, lang_, {{"ratio", FormatNumber(value(0), lang_, 2)}});
    }
    return T(id);
  }

  std::string CategoryCell(const classify::Placement& p) const {
    if (p.category) {
      return fmt::format("{} — {}", *p.category, T(fmt::format("category.{}", *p.category)));
    }
    std::string out = T("not_placed") + ": ";
    for (std::size_t i = 0; i < p.gaps.size(); ++i) {
      out += (i > 0 ? "; " : "") + GapText(p.gaps[i]);
    }
    return out;
  }

  std::string CorridorLabel(const classify::Placement& p) const {
    return Name(p.origin) + " → " + Name(p.destination);
  }

  void Corridors(std::string title, const std::vector<classify::Placement>& rows) {
    Heading(2, std::move(title));
    if (rows.empty()) {
      Paragraph(T("corridors.none"));
      return;
    }
    Block table;
    table.kind = Block::Kind::kTable;
    table.header = {T("col.corridor"), T("col.stock"),  T("col.category"),
                    T("col.match"),    T("col.motive"), T("col.confidence")};
    table.numeric = {false, true, false, true, true, true};
    for (const classify::Placement& p : rows) {
      table.rows.push_back({CorridorLabel(p),
                            p.migrant_stock ? FormatNumber(*p.migrant_stock, lang_) : "—",
                            CategoryCell(p), Score(p.match), Score(p.motive),
                            p.category ? Percent(p.confidence) : "—"});
    }
    blocks_.push_back(std::move(table));
  }

  static std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& part : parts) {
      out += (out.empty() ? "" : std::string(separator)) + part;
    }
    return out;
  }

  void Measures(const std::string& country) {
    Heading(2, T("section.measures"));
    if (d_.recommendations.empty()) {
      Paragraph(T("measures.none"));
      return;
    }
    Paragraph(S().Fill("measures.intro", lang_, {{"country", country}}));
    std::optional<policy::Actor> current;
    Block list;
    list.kind = Block::Kind::kList;
    const auto flush = [&] {
      if (!list.items.empty()) {
        blocks_.push_back(std::move(list));
        list = Block();
        list.kind = Block::Kind::kList;
      }
    };
    for (const policy::Recommendation& r : d_.recommendations) {
      const policy::Measure& m = *r.measure;
      if (current != m.actor) {
        flush();
        current = m.actor;
        Heading(3, T(std::string("actor.") + policy::ActorName(m.actor)));
      }
      std::vector<std::string> because;
      for (const policy::Reason& reason : r.reasons) {
        because.push_back(fmt::format(
            "{} → {} ({})", reason.origin, reason.destination,
            S().Fill("category.label", lang_, {{"category", std::to_string(reason.category)}})));
      }
      std::vector<std::string> detail = {T("measures.because") + " " + Join(because, ", ")};
      if (!m.gcm.empty()) {
        std::vector<std::string> gcm;
        for (const int g : m.gcm) {
          gcm.push_back(std::to_string(g));
        }
        detail.push_back(T("measures.gcm") + " " + Join(gcm, ", "));
      }
      if (!m.sdg.empty()) {
        detail.push_back(T("measures.sdg") + " " + Join(m.sdg, ", "));
      }
      if (!m.indicator.empty()) {
        detail.push_back(T("measures.indicator") + " " + m.indicator);
      }
      list.items.push_back({m.id, m.Text(lang_), Join(detail, "; ")});
    }
    flush();
  }

  std::string Value(double v) const {
    const double a = std::fabs(v);
    return FormatNumber(v, lang_, a >= 100 ? 0 : a >= 10 ? 1 : a >= 0.1 ? 2 : 3);
  }

  void Evidence() {
    Heading(2, T("section.evidence"));
    for (const auto* rows : {&d_.as_destination, &d_.as_origin}) {
      for (const classify::Placement& p : *rows) {
        Heading(3, fmt::format("{}: {}", CorridorLabel(p), CategoryCell(p)));
        Block table;
        table.kind = Block::Kind::kTable;
        table.header = {T("col.evidence"), T("col.value"),     T("col.score"),
                        T("col.weight"),   T("col.direction"), T("col.year")};
        table.numeric = {false, true, true, true, false, true};
        for (const auto* axis : {&p.motive, &p.match}) {
          for (const classify::EvidenceItem& e : axis->evidence) {
            table.rows.push_back({T("evidence." + e.type), Value(e.value),
                                  e.score ? FormatNumber(*e.score, lang_, 2) : "—",
                                  FormatNumber(e.weight, lang_, 2), T("direction." + e.direction),
                                  e.year > 0 ? std::to_string(e.year) : ""});
          }
        }
        if (table.rows.empty()) {
          continue;
        }
        blocks_.push_back(std::move(table));
      }
    }
  }

  void Sources() {
    Heading(2, T("section.sources"));
    Paragraph(T("sources.intro"));
    Block table;
    table.kind = Block::Kind::kTable;
    table.header = {"#", T("col.file"), T("col.format"), T("col.rows")};
    table.numeric = {true, false, false, true};
    for (const SourceRow& s : d_.sources) {
      table.rows.push_back({std::to_string(s.id), s.name, s.format,
                            FormatNumber(static_cast<double>(s.rows), lang_)});
    }
    blocks_.push_back(std::move(table));
  }

  const BriefData& d_;
  Lang lang_;
  std::vector<Block> blocks_;
};

// --- Markdown

std::string MarkdownCell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

Document WriteMarkdown(const std::vector<Block>& blocks, Lang lang, const RenderOptions& options) {
  Document doc;
  std::string& md = doc.text;
  bool told_about_charts = false;
  for (const Block& b : blocks) {
    switch (b.kind) {
      case Block::Kind::kHeading:
        md += std::string(static_cast<std::size_t>(b.level), '#') + " " + b.text + "\n\n";
        break;
      case Block::Kind::kParagraph:
        md += b.text + "\n\n";
        break;
      case Block::Kind::kTable: {
        md += "|";
        for (const auto& h : b.header) {
          md.append(" ").append(MarkdownCell(h)).append(" |");
        }
        md += "\n|";
        for (std::size_t i = 0; i < b.header.size(); ++i) {
          md += i < b.numeric.size() && b.numeric[i] ? "---:|" : "---|";
        }
        md += "\n";
        for (const auto& row : b.rows) {
          md += "|";
          for (const auto& cell : row) {
            md.append(" ").append(MarkdownCell(cell)).append(" |");
          }
          md += "\n";
        }
        md += "\n";
        break;
      }
      case Block::Kind::kList:
        for (const ListItem& item : b.items) {
          md += "- **" + item.lead + "** " + item.text + "\n";
          if (!item.detail.empty()) {
            md += "  <br>_" + item.detail + "_\n";
          }
        }
        md += "\n";
        break;
      case Block::Kind::kChart:
        if (options.chart_prefix) {
          const std::string name = *options.chart_prefix + b.chart_name + ".svg";
          md.append("![").append(b.text).append("](").append(name).append(")\n\n");
          doc.attachments.push_back({name, b.svg});
        } else if (!told_about_charts) {
          md.append("_").append(Strings::Default().Get("chart.missing", lang)).append("_\n\n");
          told_about_charts = true;
        }
        break;
    }
  }
  while (md.size() > 1 && md[md.size() - 1] == '\n' && md[md.size() - 2] == '\n') {
    md.pop_back();
  }
  return doc;
}

// --- HTML

constexpr const char* kStyle =
    "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:0;color:#1d1d1d;background:#fafafa}"
    "main{max-width:960px;margin:0 auto;padding:24px;background:#fff}"
    "h1{font-size:1.7em;margin-top:0}h2{margin-top:2em;border-bottom:1px solid #ddd}"
    "table{border-collapse:collapse;margin:1em 0;width:100%;font-size:.92em}"
    "th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}"
    "th{background:#f0f3f6}td.n{text-align:right;white-space:nowrap}"
    "li{margin:.5em 0}li small{color:#555}figure{margin:1em 0}svg{max-width:100%;height:auto}"
    "@media print{body{background:#fff}main{padding:0}}";

Document WriteHtml(const std::vector<Block>& blocks, Lang lang) {
  static constexpr const char* kLangCodes[] = {"en", "ru", "kk"};
  std::string title;
  for (const Block& b : blocks) {
    if (b.kind == Block::Kind::kHeading && b.level == 1) {
      title = b.text;
      break;
    }
  }
  std::string h = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
      kLangCodes[static_cast<int>(lang)], EscapeXml(title), kStyle);
  for (const Block& b : blocks) {
    switch (b.kind) {
      case Block::Kind::kHeading:
        h += fmt::format("<h{0}>{1}</h{0}>\n", b.level, EscapeXml(b.text));
        break;
      case Block::Kind::kParagraph:
        h += "<p>" + EscapeXml(b.text) + "</p>\n";
        break;
      case Block::Kind::kTable: {
        h += "<table>\n<thead><tr>";
        for (const auto& cell : b.header) {
          h += "<th>" + EscapeXml(cell) + "</th>";
        }
        h += "</tr></thead>\n<tbody>\n";
        for (const auto& row : b.rows) {
          h += "<tr>";
          for (std::size_t i = 0; i < row.size(); ++i) {
            const bool numeric = i < b.numeric.size() && b.numeric[i];
            h += (numeric ? "<td class=\"n\">" : "<td>") + EscapeXml(row[i]) + "</td>";
          }
          h += "</tr>\n";
        }
        h += "</tbody>\n</table>\n";
        break;
      }
      case Block::Kind::kList:
        h += "<ul>\n";
        for (const ListItem& item : b.items) {
          h += "<li><strong>" + EscapeXml(item.lead) + "</strong> " + EscapeXml(item.text);
          if (!item.detail.empty()) {
            h += "<br><small>" + EscapeXml(item.detail) + "</small>";
          }
          h += "</li>\n";
        }
        h += "</ul>\n";
        break;
      case Block::Kind::kChart:
        h += "<figure>\n" + b.svg + "</figure>\n";
        break;
    }
  }
  h += "</main>\n</body>\n</html>\n";
  return {std::move(h), {}};
}

// --- JSON

nlohmann::json CorridorsJson(const std::vector<classify::Placement>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const classify::Placement& p : rows) {
    out.push_back(classify::ToJson(p));
  }
  return out;
}

Document WriteJson(const BriefData& d, Lang lang) {
  static constexpr const char* kLangCodes[] = {"en", "ru", "kk"};
  static constexpr const char* kUnits[] = {"persons", "usd", "percent", "ppp_dollars"};
  const Strings& s = Strings::Default();
  const Country* c = CountryRegistry::Default().Find(d.country);
  nlohmann::json j;
  j["country"] = {{"code", d.country},
                  {"name", c != nullptr ? std::string(c->Name(lang)) : d.country}};
  j["lang"] = kLangCodes[static_cast<int>(lang)];
  j["year"] = d.year;
  j["kosh_version"] = d.kosh_version;
  j["method_version"] = d.method_version;
  nlohmann::json figures = nlohmann::json::array();
  for (const Figure& f : d.figures) {
    figures.push_back({{"id", f.id},
                       {"label", s.Get("figure." + f.id, lang)},
                       {"value", f.value ? nlohmann::json(*f.value) : nlohmann::json()},
                       {"year", f.value ? nlohmann::json(f.year) : nlohmann::json()},
                       {"unit", kUnits[static_cast<int>(f.unit)]}});
  }
  j["figures"] = figures;
  nlohmann::json series = nlohmann::json::array();
  for (const auto* group : {&d.people, &d.remittances}) {
    for (const Series& ser : *group) {
      nlohmann::json points = nlohmann::json::array();
      for (const Point& p : ser.points) {
        points.push_back({{"year", p.year}, {"value", p.value}});
      }
      series.push_back(
          {{"id", ser.id}, {"label", s.Get("series." + ser.id, lang)}, {"points", points}});
    }
  }
  j["series"] = series;
  j["corridors"] = {{"as_destination", CorridorsJson(d.as_destination)},
                    {"as_origin", CorridorsJson(d.as_origin)}};
  nlohmann::json measures = nlohmann::json::array();
  for (const policy::Recommendation& r : d.recommendations) {
    const policy::Measure& m = *r.measure;
    nlohmann::json reasons = nlohmann::json::array();
    for (const policy::Reason& reason : r.reasons) {
      reasons.push_back({{"origin", reason.origin},
                         {"destination", reason.destination},
                         {"category", reason.category},
                         {"role", policy::ActorName(reason.role)}});
    }
    measures.push_back(
        {{"id", m.id},
         {"actor", policy::ActorName(m.actor)},
         {"categories", m.categories},
         {"text", m.Text(lang)},
         {"gcm", m.gcm},
         {"sdg", m.sdg},
         {"indicator", m.indicator.empty() ? nlohmann::json() : nlohmann::json(m.indicator)},
         {"reasons", reasons}});
  }
  j["measures"] = measures;
  nlohmann::json sources = nlohmann::json::array();
  for (const SourceRow& src : d.sources) {
    sources.push_back(
        {{"id", src.id}, {"name", src.name}, {"format", src.format}, {"rows", src.rows}});
  }
  j["sources"] = sources;
  j["charts"] = Composer(d, lang).Charts();
  return {j.dump(2) + "\n", {}};
}

}  // namespace

Result<Format> ParseFormat(std::string_view text) {
  if (text == "md" || text == "markdown") {
    return Format::kMarkdown;
  }
  if (text == "html") {
    return Format::kHtml;
  }
  if (text == "json") {
    return Format::kJson;
  }
  return InvalidArgument(fmt::format("unknown brief format '{}' (use md, html or json)", text));
}

const char* FormatExtension(Format format) {
  switch (format) {
    case Format::kMarkdown:
      return "md";
    case Format::kHtml:
      return "html";
    case Format::kJson:
      return "json";
  }
  return "md";
}

Document Render(const BriefData& data, Lang lang, Format format, const RenderOptions& options) {
  if (format == Format::kJson) {
    return WriteJson(data, lang);
  }
  const std::vector<Block> blocks = Composer(data, lang).Compose();
  return format == Format::kHtml ? WriteHtml(blocks, lang) : WriteMarkdown(blocks, lang, options);
}

}  // namespace kosh::brief
