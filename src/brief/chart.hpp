// SVG charts for the brief: a line chart of time series and the match x motive matrix with
// corridors placed on it. Plain SVG 1.1 with no scripts or external references, so a
// chart can be opened alone, inlined in HTML or linked from Markdown.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kosh/core/country.hpp"

namespace kosh::brief {

struct LineSeries {
  std::string label;
  std::vector<std::pair<int, double>> points;  // (year, value), by year
};

struct LineChart {
  std::string title;
  std::vector<LineSeries> series;
  int decimals = 0;  // of the axis labels
};

struct MatrixPoint {
  std::string label;  // short, e.g. the partner's code
  double motive = 0;  // [0, 1]
  double match = 0;
  double motive_low = 0, motive_high = 0;  // bootstrap intervals
  double match_low = 0, match_high = 0;
  bool country_is_destination = true;  // colour
  bool placed = true;                  // filled, or hollow when not placed
};

struct MatrixChart {
  std::string title;
  std::string axis_motive;  // "motive: opportunity -> fear"
  std::string axis_match;
  std::string quadrant[4];  // labels of categories 1-4
  std::string legend_destination, legend_origin, legend_unplaced;
  double motive_threshold = 0.5;
  double match_threshold = 0.5;
  std::vector<MatrixPoint> points;
};

std::string RenderSvg(const LineChart& chart, Lang lang);
std::string RenderSvg(const MatrixChart& chart);

// Escapes &, <, >, " and ' for XML and HTML text and attributes.
std::string EscapeXml(std::string_view text);

// "Nice" axis ticks from 0 (or the data minimum when negative) to at least `max`.
std::vector<double> NiceTicks(double min, double max, int target_count);

}  // namespace kosh::brief
