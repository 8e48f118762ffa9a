// Tabular output in the three formats every verb offers: an aligned table for people,
// CSV and JSON for programs. JSON is one document on stdout.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kosh/core/result.hpp"

namespace kosh::cli {

enum class OutputFormat { kTable, kCsv, kJson };
Result<OutputFormat> ParseOutputFormat(const std::string& text);

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<nlohmann::json>> rows;  // strings, numbers or null
};

// Writes `table`; for JSON, as {"<key>": [ {column: value, ...}, ... ]} plus `extra` fields.
void Print(std::ostream& out, const Table& table, OutputFormat format, const std::string& key,
           const nlohmann::json& extra = nlohmann::json::object());

std::string FormatNumber(double value);

}  // namespace kosh::cli
