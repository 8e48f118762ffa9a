// The policy catalogue: every measure of the founding paper (its Tables 1-3 and running
// text), by category and actor, in English, Russian and Kazakh, linked to the Global
// Compact for Migration's objectives and SDG targets. The measures are data
// (data/policy/*.toml, compiled into the binary); nothing here writes policy text.
// Immutable after loading; safe to share between threads.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kosh/core/country.hpp"
#include "kosh/core/result.hpp"

namespace kosh::policy {

enum class Actor { kOrigin, kDestination, kBilateral, kInternational };
const char* ActorName(Actor actor);
Result<Actor> ParseActor(std::string_view text);

struct Measure {
  std::string id;               // M-<category>-<actor>-<nn>, as in the specification
  std::vector<int> categories;  // 1-4; empty = not tied to a category
  Actor actor = Actor::kOrigin;
  bool from_table = false;          // a table cell (else the paper's running text)
  std::vector<int> gcm;             // Global Compact objectives, 1-23
  std::vector<std::string> sdg;     // SDG targets, e.g. "10.7"
  std::string indicator;            // an M&E indicator code, or empty
  std::string ambiguous;            // the specification's note where the paper is unclear
  std::array<std::string, 3> text;  // by Lang: en, ru, kk

  const std::string& Text(Lang lang) const { return text[static_cast<std::size_t>(lang)]; }
};

class Catalogue {
 public:
  struct File {
    std::string_view toml;
    std::string_view name;
  };
  // Parses catalogue files; errors name the file and line. Rejects duplicate ids, unknown
  // actors, categories outside 1-4, GCM objectives outside 1-23 and missing texts.
  static Result<Catalogue> Parse(const std::vector<File>& files);
  // The catalogue compiled into the binary.
  static const Catalogue& Default();

  const std::vector<Measure>& All() const { return measures_; }
  const Measure* Find(std::string_view id) const;
  // Measures for a category (also those tied to no category when `include_general`) and,
  // optionally, one actor; in catalogue order.
  std::vector<const Measure*> Select(std::optional<int> category, std::optional<Actor> actor,
                                     bool include_general = false) const;

 private:
  std::vector<Measure> measures_;
};

}  // namespace kosh::policy
