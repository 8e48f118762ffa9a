// Small text utilities shared by the readers and the registries.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kosh::text {

// Byte offset of the first invalid UTF-8 sequence, or nullopt if `s` is valid UTF-8.
std::optional<std::size_t> FindInvalidUtf8(std::string_view s);

// Lower-cases ASCII, Latin-1 supplement, Cyrillic (Russian and Kazakh letters) and
// trims and collapses whitespace, so names in en/ru/kk compare without case.
std::string FoldForLookup(std::string_view s);

std::string ToUpperAscii(std::string_view s);
std::string_view Trim(std::string_view s);

// Levenshtein distance in code points.
std::size_t EditDistance(std::string_view a, std::string_view b);

// Parses a decimal number, accepting surrounding spaces, a leading '+', and a thousands
// separator when `thousands` is not '\0' (groups of three digits only).
std::optional<double> ParseNumber(std::string_view s, char thousands = '\0');

// Parses a base-10 integer without sign or spaces.
std::optional<long long> ParseInteger(std::string_view s);

}  // namespace kosh::text
