#include "kosh/core/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <vector>

namespace kosh::text {
namespace {

// Decodes one code point at s[i]; returns 0 length on an invalid sequence.
std::size_t DecodeUtf8(std::string_view s, std::size_t i, char32_t* out) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *out = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) {
    return 0;
  }
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      return 0;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  *out = cp;
  return len;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

char32_t LowerCodePoint(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') {
    return cp + 32;
  }
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
    return cp + 0x20;
  }
  if (cp >= 0x100 && cp <= 0x17F) {  // Latin Extended-A pairs: even upper, odd lower
    return (cp % 2 == 0) ? cp + 1 : cp;
  }
  if (cp >= 0x410 && cp <= 0x42F) {
    return cp + 0x20;
  }
  if (cp >= 0x400 && cp <= 0x40F) {
    return cp + 0x50;
  }
  // Cyrillic supplement used by Kazakh (Ә Ғ Қ Ң Ө Ұ Ү Һ): even upper, odd lower.
  if ((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF) ||
      (cp >= 0x4D0 && cp <= 0x4FF)) {
    return (cp % 2 == 0) ? cp + 1 : cp;
  }
  if (cp >= 0x4C1 && cp <= 0x4CE) {
    return (cp % 2 == 1) ? cp + 1 : cp;
  }
  return cp;
}

std::vector<char32_t> CodePoints(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp = 0;
    std::size_t len = DecodeUtf8(s, i, &cp);
    if (len == 0) {
      cp = 0xFFFD;
      len = 1;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

}  // namespace

std::optional<std::size_t> FindInvalidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = DecodeUtf8(s, i, &cp);
    if (len == 0) {
      return i;
    }
    i += len;
  }
  return std::nullopt;
}

std::string FoldForLookup(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char32_t cp : CodePoints(Trim(s))) {
    if (cp == ' ' || cp == '\t' || cp == 0xA0) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) {
      out.push_back(' ');
    }
    pending_space = false;
    cp = LowerCodePoint(cp);
    if (cp == 0x451) {  // ё is written as е in much Russian text
      cp = 0x435;
    }
    if (cp == 0x2019) {  // typographic apostrophe
      cp = '\'';
    }
    AppendUtf8(out, cp);
  }
  return out;
}

std::string ToUpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 32);
    }
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_space(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  const std::vector<char32_t> x = CodePoints(a);
  const std::vector<char32_t> y = CodePoints(b);
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitution = diagonal + (x[i - 1] == y[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[y.size()];
}

std::optional<double> ParseNumber(std::string_view s, char thousands) {
  s = Trim(s);
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
  }
  if (s.empty()) {
    return std::nullopt;
  }
  std::string cleaned;
  if (thousands != '\0' && s.find(thousands) != std::string_view::npos) {
    // Accept "1,234,567.5" but not "12,34": every group after the first has three digits.
    const std::size_t end_of_int = std::min(s.find('.'), s.size());
    std::size_t digits_since_sep = 0;
    bool seen_sep = false;
    for (std::size_t i = 0; i < end_of_int; ++i) {
      const char c = s[i];
      if (c == thousands) {
        if ((seen_sep && digits_since_sep != 3) || (!seen_sep && digits_since_sep == 0) ||
            digits_since_sep > 3) {
          return std::nullopt;
        }
        seen_sep = true;
        digits_since_sep = 0;
        continue;
      }
      if (c >= '0' && c <= '9') {
        ++digits_since_sep;
      }
      cleaned.push_back(c);
    }
    if (digits_since_sep != 3) {
      return std::nullopt;
    }
    cleaned.append(s.substr(end_of_int));
    s = cleaned;
  }
  double value = 0;
  const char* first = s.data();
  const char* last = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr != last) {
    return std::nullopt;
  }
  if (!std::isfinite(value)) {  // "nan" and "inf" are never published figures
    return std::nullopt;
  }
  return value;
}

std::optional<long long> ParseInteger(std::string_view s) {
  long long value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace kosh::text
