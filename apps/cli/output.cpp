#include "output.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>

#include <fmt/format.h>

namespace kosh::cli {

Result<OutputFormat> ParseOutputFormat(const std::string& text) {
  if (text == "table") {
    return OutputFormat::kTable;
  }
  if (text == "csv") {
    return OutputFormat::kCsv;
  }
  if (text == "json") {
    return OutputFormat::kJson;
  }
  return InvalidArgument(fmt::format("unknown --format '{}' (use table, csv or json)", text));
}

std::string FormatNumber(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e15) {
    return fmt::format("{:.0f}", value);
  }
  if (std::fabs(value) >= 1000) {
    return fmt::format("{:.2f}", value);
  }
  return fmt::format("{:.6g}", value);
}

namespace {

// Table cells are rounded for people; CSV cells keep every digit (shortest exact form).
std::string Cell(const nlohmann::json& v, bool exact = false) {
  if (v.is_null()) {
    return "";
  }
  if (v.is_string()) {
    return v.get<std::string>();
  }
  if (v.is_number_float()) {
    return exact ? fmt::format("{}", v.get<double>()) : FormatNumber(v.get<double>());
  }
  return v.dump();
}

std::string CsvEscape(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) {
    return s;
  }
  std::string out = "\"";
  for (char c : s) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

// Display width in code points (good enough for Latin and Cyrillic).
std::size_t Width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

void Print(std::ostream& out, const Table& table, OutputFormat format, const std::string& key,
           const nlohmann::json& extra) {
  if (format == OutputFormat::kJson) {
    nlohmann::json doc = extra;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& row : table.rows) {
      nlohmann::json obj = nlohmann::json::object();
      for (std::size_t i = 0; i < table.columns.size() && i < row.size(); ++i) {
        obj[table.columns[i]] = row[i];
      }
      list.push_back(std::move(obj));
    }
    doc[key] = std::move(list);
    out << doc.dump(2) << "\n";
    return;
  }
  if (format == OutputFormat::kCsv) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      out << (i ? "," : "") << CsvEscape(table.columns[i]);
    }
    out << "\n";
    for (const auto& row : table.rows) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        out << (i ? "," : "") << CsvEscape(Cell(row[i], true));
      }
      out << "\n";
    }
    return;
  }
  std::vector<std::size_t> widths;
  for (const auto& c : table.columns) {
    widths.push_back(Width(c));
  }
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], Width(Cell(row[i])));
    }
  }
  const auto line = [&](const std::vector<std::string>& cells, const std::vector<bool>& right) {
    std::string text;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::string pad(widths[i] - Width(cells[i]), ' ');
      text += (i ? "  " : "") + (right[i] ? pad + cells[i] : cells[i] + pad);
    }
    while (!text.empty() && text.back() == ' ') {
      text.pop_back();
    }
    out << text << "\n";
  };
  line(table.columns, std::vector<bool>(table.columns.size(), false));
  std::vector<std::string> rule;
  rule.reserve(widths.size());
  for (std::size_t w : widths) {
    rule.emplace_back(w, '-');
  }
  line(rule, std::vector<bool>(rule.size(), false));
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    std::vector<bool> right;
    for (const auto& v : row) {
      cells.push_back(Cell(v));
      right.push_back(v.is_number());
    }
    line(cells, right);
  }
}

}  // namespace kosh::cli
