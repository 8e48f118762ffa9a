// The brief's words in English, Russian and Kazakh (data/brief/strings.toml, compiled into
// the binary), and numbers written the way each language writes them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kosh/core/country.hpp"
#include "kosh/core/result.hpp"

namespace kosh::brief {

class Strings {
 public:
  struct Entry {
    std::string id;
    std::string text[3];  // by Lang
  };
  // Parses a strings file; errors name the file and line. Rejects duplicate ids, missing
  // languages and placeholders that differ between languages.
  static Result<Strings> Parse(std::string_view toml_text, std::string_view name);
  static const Strings& Default();

  const std::vector<Entry>& All() const { return entries_; }
  // The text of `id`, or the id itself when it is unknown (visible, never a crash).
  std::string Get(std::string_view id, Lang lang) const;
  // Get() with {name} placeholders replaced by the values given.
  std::string Fill(std::string_view id, Lang lang,
                   const std::vector<std::pair<std::string_view, std::string>>& values) const;

 private:
  std::vector<Entry> entries_;
};

// The {name} placeholders of a text, in order of appearance.
std::vector<std::string> Placeholders(std::string_view text);

// 1234567.8 -> "1,234,568" (en) or "1 234 568" (ru, kk; with no-break spaces);
// `decimals` digits after the decimal point ("." in en, "," in ru and kk).
std::string FormatNumber(double value, Lang lang, int decimals = 0);
// A large amount in words: 3.1e9 -> "3.1 billion" / "3,1 млрд"; below a million as
// FormatNumber.
std::string FormatAmount(double value, Lang lang);

}  // namespace kosh::brief
