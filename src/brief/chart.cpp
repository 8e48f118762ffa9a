#include "chart.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "kosh/brief/strings.hpp"

namespace kosh::brief {
namespace {

// Okabe-Ito colours: distinguishable with the common forms of colour blindness.
constexpr const char* kPalette[] = {"#0072B2", "#E69F00", "#009E73",
                                    "#CC79A7", "#56B4E9", "#D55E00"};
constexpr const char* kFont = "font-family=\"DejaVu Sans, Arial, sans-serif\"";

std::string Num(double v) { return fmt::format("{:.1f}", v); }

std::string Text(double x, double y, std::string_view text, std::string_view extra = {}) {
  return fmt::format("<text x=\"{}\" y=\"{}\" {}>{}</text>\n", Num(x), Num(y), extra,
                     EscapeXml(text));
}

// Code points, not bytes: labels are Cyrillic as often as Latin.
std::size_t Width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Splits a label into lines of at most `max` code points, at spaces.
std::vector<std::string> Wrap(std::string_view text, std::size_t max) {
  std::vector<std::string> lines(1);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view word = text.substr(start, end - start);
    if (!lines.back().empty() && Width(lines.back()) + 1 + Width(word) > max) {
      lines.emplace_back();
    }
    lines.back() += (lines.back().empty() ? "" : " ") + std::string(word);
    start = end + 1;
  }
  return lines;
}

// Where a point's label goes: right of the point unless another label is there already.
struct LabelPlacer {
  struct Box {
    double x0, y0, x1, y1;
  };
  std::vector<Box> taken;
  std::pair<double, double> Place(double x, double y, std::size_t chars, double left_edge,
                                  double right_edge) {
    const double w = 6.5 * static_cast<double>(chars);
    const double h = 11;
    const std::pair<double, double> tries[] = {{7, -6},  {7, 8},      {-7 - w, -6},  {-7 - w, 8},
                                               {7, -18}, {7, 20},     {-7 - w, -18}, {-7 - w, 20},
                                               {7, 32},  {-7 - w, 32}};
    for (const auto& [dx, dy] : tries) {
      const Box b{x + dx, y + dy - h, x + dx + w, y + dy};
      if (b.x0 < left_edge || b.x1 > right_edge) {
        continue;
      }
      const bool free = std::none_of(taken.begin(), taken.end(), [&](const Box& o) {
        return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1;
      });
      if (free) {
        taken.push_back(b);
        return {b.x0, b.y1};
      }
    }
    taken.push_back({x + 7, y - 6 - h, x + 7 + w, y - 6});
    return {x + 7, y - 6};
  }
};

}  // namespace

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::vector<double> NiceTicks(double min, double max, int target_count) {
  min = std::min(0.0, min);
  if (!(max > min)) {
    max = min + 1;
  }
  const double raw = (max - min) / std::max(1, target_count);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double f : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = f * magnitude;
    if (step >= raw) {
      break;
    }
  }
  std::vector<double> ticks;
  const double first = std::floor(min / step) * step;
  for (double t = first; t < max + step * 0.999; t += step) {
    ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
  }
  return ticks;
}

std::string RenderSvg(const LineChart& chart, Lang lang) {
  constexpr double kWidth = 640, kX0 = 78, kX1 = 620, kY0 = 44, kY1 = 250;
  int first_year = std::numeric_limits<int>::max();
  int last_year = std::numeric_limits<int>::min();
  double low = 0;
  double high = 0;
  for (const auto& s : chart.series) {
    for (const auto& [year, value] : s.points) {
      first_year = std::min(first_year, year);
      last_year = std::max(last_year, year);
      low = std::min(low, value);
      high = std::max(high, value);
    }
  }
  const int legend_rows = static_cast<int>(chart.series.size());
  const double height = kY1 + 46 + 20.0 * legend_rows;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" "
      "height=\"{}\" role=\"img\" aria-label=\"{}\" {} font-size=\"12\">\n",
      kWidth, Num(height), kWidth, Num(height), EscapeXml(chart.title), kFont);
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  svg += Text(kX0, 24, chart.title, "font-size=\"14\" font-weight=\"bold\"");
  if (first_year > last_year) {
    return svg + "</svg>\n";
  }
  if (first_year == last_year) {
    --first_year;
    ++last_year;
  }
  const std::vector<double> ticks = NiceTicks(low, high, 5);
  const double y_min = ticks.front();
  const double y_max = ticks.back();
  const auto x_of = [&](double year) {
    return kX0 + (year - first_year) / (last_year - first_year) * (kX1 - kX0);
  };
  const auto y_of = [&](double v) { return kY1 - (v - y_min) / (y_max - y_min) * (kY1 - kY0); };
  for (const double t : ticks) {
    svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#dddddd\"/>\n",
                       Num(kX0), Num(y_of(t)), Num(kX1), Num(y_of(t)));
    svg += Text(kX0 - 6, y_of(t) + 4, FormatNumber(t, lang, chart.decimals),
                "text-anchor=\"end\" fill=\"#444444\"");
  }
  const int span = last_year - first_year;
  const int step = span <= 12 ? 1 : span <= 30 ? 5 : 10;
  for (int year = first_year; year <= last_year; ++year) {
    if (year % step != 0) {
      continue;
    }
    svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#888888\"/>\n",
                       Num(x_of(year)), Num(kY1), Num(kY1 + 4));
    svg +=
        Text(x_of(year), kY1 + 18, std::to_string(year), "text-anchor=\"middle\" fill=\"#444444\"");
  }
  svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#888888\"/>\n",
                     Num(kX0), Num(kY1), Num(kX1));
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const auto& s = chart.series[i];
    const char* colour = kPalette[i % std::size(kPalette)];
    std::string path;
    for (const auto& [year, value] : s.points) {
      path += fmt::format("{}{},{}", path.empty() ? "M" : " L", Num(x_of(year)), Num(y_of(value)));
    }
    if (s.points.size() > 1) {
      svg += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", path,
                         colour);
    }
    for (const auto& [year, value] : s.points) {
      svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"{}\"/>\n", Num(x_of(year)),
                         Num(y_of(value)), colour);
    }
    const double lx = kX0;
    const double ly = kY1 + 40 + 20.0 * static_cast<double>(i);
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"4\" fill=\"{}\"/>\n", Num(lx),
                       Num(ly - 5), colour);
    svg += Text(lx + 20, ly, s.label);
  }
  return svg + "</svg>\n";
}

std::string RenderSvg(const MatrixChart& chart) {
  constexpr double kX0 = 70, kX1 = 530, kY0 = 50, kY1 = 510, kWidth = 580, kHeight = 620;
  const auto x_of = [&](double motive) { return kX0 + std::clamp(motive, 0.0, 1.0) * (kX1 - kX0); };
  const auto y_of = [&](double match) { return kY1 - std::clamp(match, 0.0, 1.0) * (kY1 - kY0); };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
      "height=\"{1}\" role=\"img\" aria-label=\"{2}\" {3} font-size=\"12\">\n",
      kWidth, kHeight, EscapeXml(chart.title), kFont);
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  svg += Text(kX0, 28, chart.title, "font-size=\"14\" font-weight=\"bold\"");
  // Quadrants: category 1 top left (opportunity, strong match), 2 top right, 3 bottom right,
  // 4 bottom left — the layout of the founding paper's figure.
  const double xt = x_of(chart.motive_threshold);
  const double yt = y_of(chart.match_threshold);
  struct Quad {
    double x, y, w, h;
    const char* fill;
    double tx, ty;
    const char* anchor;
  };
  const Quad quads[4] = {
      {kX0, kY0, xt - kX0, yt - kY0, "#e8f1fa", kX0 + 8, kY0 + 18, "start"},
      {xt, kY0, kX1 - xt, yt - kY0, "#e9f5ee", kX1 - 8, kY0 + 18, "end"},
      {xt, yt, kX1 - xt, kY1 - yt, "#fbeee6", kX1 - 8, kY1 - 10, "end"},
      {kX0, yt, xt - kX0, kY1 - yt, "#f4eef7", kX0 + 8, kY1 - 10, "start"},
  };
  for (int q = 0; q < 4; ++q) {
    const Quad& r = quads[q];
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
                       Num(r.x), Num(r.y), Num(r.w), Num(r.h), r.fill);
    const auto lines = Wrap(fmt::format("{} {}", q + 1, chart.quadrant[q]), 30);
    // Labels at the bottom grow upwards so they stay inside their quadrant.
    const double first_y = q < 2 ? r.ty : r.ty - 13.0 * static_cast<double>(lines.size() - 1);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      svg += Text(r.tx, first_y + 13.0 * static_cast<double>(i), lines[i],
                  fmt::format("text-anchor=\"{}\" fill=\"#555555\" font-size=\"11\"", r.anchor));
    }
  }
  svg += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#888888\"/>\n",
      Num(kX0), Num(kY0), Num(kX1 - kX0), Num(kY1 - kY0));
  for (const double t : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    svg += Text(x_of(t), kY1 + 16, fmt::format("{:.2f}", t),
                "text-anchor=\"middle\" fill=\"#444444\"");
    svg += Text(kX0 - 6, y_of(t) + 4, fmt::format("{:.2f}", t),
                "text-anchor=\"end\" fill=\"#444444\"");
  }
  svg += Text((kX0 + kX1) / 2, kY1 + 36, chart.axis_motive, "text-anchor=\"middle\"");
  svg += fmt::format(
      "<text transform=\"translate(22 {}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
      Num((kY0 + kY1) / 2), EscapeXml(chart.axis_match));
  LabelPlacer labels;
  for (const MatrixPoint& p : chart.points) {
    labels.taken.push_back(
        {x_of(p.motive) - 5, y_of(p.match) - 5, x_of(p.motive) + 5, y_of(p.match) + 5});
  }
  for (const MatrixPoint& p : chart.points) {
    const char* colour = p.country_is_destination ? kPalette[0] : kPalette[1];
    const double x = x_of(p.motive);
    const double y = y_of(p.match);
    svg += fmt::format(
        "<g><title>{}</title>"
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-opacity=\"0.5\"/>"
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-opacity=\"0.5\"/>"
        "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"/>",
        EscapeXml(p.label), Num(x_of(p.motive_low)), Num(y), Num(x_of(p.motive_high)), Num(y),
        colour, Num(x), Num(y_of(p.match_low)), Num(x), Num(y_of(p.match_high)), colour, Num(x),
        Num(y), p.placed ? colour : "#ffffff", colour);
    const auto [lx, ly] = labels.Place(x, y, Width(p.label), kX0 + 2, kWidth - 4);
    svg += Text(lx, ly, p.label, "font-size=\"10\"");
    svg += "</g>\n";
  }
  // The legend, one entry per line: labels can be long in Russian and Kazakh.
  const double ly = kY1 + 62;
  svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\"/>\n", Num(kX0 + 5),
                     Num(ly - 4), kPalette[0]);
  svg += Text(kX0 + 15, ly, chart.legend_destination);
  svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\"/>\n", Num(kX0 + 5),
                     Num(ly + 14), kPalette[1]);
  svg += Text(kX0 + 15, ly + 18, chart.legend_origin);
  svg += fmt::format(
      "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"#ffffff\" stroke=\"#555555\" "
      "stroke-width=\"1.5\"/>\n",
      Num(kX0 + 5), Num(ly + 32));
  svg += Text(kX0 + 15, ly + 36, chart.legend_unplaced);
  return svg + "</svg>\n";
}

}  // namespace kosh::brief
