#include "kosh/policy/catalogue.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace kosh::embedded {
extern const std::string_view kPolicyMeasures12Toml;
extern const std::string_view kPolicyMeasures34Toml;
extern const std::string_view kPolicyMeasuresAllToml;
}  // namespace kosh::embedded

namespace kosh::policy {

const char* ActorName(Actor actor) {
  switch (actor) {
    case Actor::kOrigin:
      return "origin";
    case Actor::kDestination:
      return "destination";
    case Actor::kBilateral:
      return "bilateral";
    case Actor::kInternational:
      return "international";
  }
  return "origin";
}

Result<Actor> ParseActor(std::string_view text) {
  for (Actor a : {Actor::kOrigin, Actor::kDestination, Actor::kBilateral, Actor::kInternational}) {
    if (text == ActorName(a)) {
      return a;
    }
  }
  return InvalidArgument(fmt::format(
      "unknown actor '{}' (use origin, destination, bilateral or international)", text));
}

Result<Catalogue> Catalogue::Parse(const std::vector<File>& files) {
  Catalogue catalogue;
  std::set<std::string> ids;
  for (const File& file : files) {
    const std::string name(file.name);
    toml::table doc;
    try {
      doc = toml::parse(file.toml, file.name);
    } catch (const toml::parse_error& e) {
      return DataError(std::string(e.description()),
                       Location{name, e.source().begin.line, e.source().begin.column, ""});
    }
    const toml::array* list = doc["measure"].as_array();
    if (list == nullptr) {
      return DataError("no [[measure]] entries", Location{name});
    }
    for (const toml::node& node : *list) {
      const auto line = static_cast<std::int64_t>(node.source().begin.line);
      const auto bad = [&](std::string message) {
        return DataError(std::move(message), Location{name, line});
      };
      const toml::table* t = node.as_table();
      if (t == nullptr) {
        return bad("[[measure]] must be a table");
      }
      Measure m;
      m.id = (*t)["id"].value_or(std::string());
      if (m.id.empty()) {
        return bad("a measure needs an id");
      }
      if (!ids.insert(m.id).second) {
        return bad(fmt::format("duplicate measure id '{}'", m.id));
      }
      auto actor = ParseActor((*t)["actor"].value_or(std::string()));
      if (!actor) {
        return bad(fmt::format("{}: {}", m.id, actor.error().message()));
      }
      m.actor = *actor;
      const std::string source = (*t)["source"].value_or(std::string());
      if (source != "table" && source != "text") {
        return bad(fmt::format("{}: source must be table or text", m.id));
      }
      m.from_table = source == "table";
      if (const toml::array* categories = (*t)["categories"].as_array()) {
        for (const toml::node& c : *categories) {
          const auto value = c.value<std::int64_t>();
          if (!value || *value < 1 || *value > 4) {
            return bad(fmt::format("{}: categories are 1-4", m.id));
          }
          m.categories.push_back(static_cast<int>(*value));
        }
      }
      if (const toml::array* gcm = (*t)["gcm"].as_array()) {
        for (const toml::node& g : *gcm) {
          const auto value = g.value<std::int64_t>();
          if (!value || *value < 1 || *value > 23) {
            return bad(fmt::format("{}: GCM objectives are 1-23", m.id));
          }
          m.gcm.push_back(static_cast<int>(*value));
        }
      }
      if (const toml::array* sdg = (*t)["sdg"].as_array()) {
        for (const toml::node& s : *sdg) {
          if (const auto value = s.value<std::string>()) {
            m.sdg.push_back(*value);
          }
        }
      }
      m.indicator = (*t)["indicator"].value_or(std::string());
      m.ambiguous = (*t)["ambiguous"].value_or(std::string());
      for (const auto& [key, lang] :
           {std::pair<const char*, Lang>{"en", Lang::kEn}, {"ru", Lang::kRu}, {"kk", Lang::kKk}}) {
        std::string text = (*t)[key].value_or(std::string());
        if (text.empty()) {
          return bad(fmt::format("{}: the {} text is missing", m.id, key));
        }
        m.text[static_cast<std::size_t>(lang)] = std::move(text);
      }
      catalogue.measures_.push_back(std::move(m));
    }
  }
  return catalogue;
}

const Catalogue& Catalogue::Default() {
  static const Catalogue* catalogue = [] {
    auto parsed = Parse({{embedded::kPolicyMeasures12Toml, "data/policy/measures_1_2.toml"},
                         {embedded::kPolicyMeasures34Toml, "data/policy/measures_3_4.toml"},
                         {embedded::kPolicyMeasuresAllToml, "data/policy/measures_all.toml"}});
    if (!parsed) {  // compiled in and tested; failing here is a build defect
      fmt::print(stderr, "kosh: built-in policy catalogue is invalid: {}\n",
                 parsed.error().ToString());
      std::abort();
    }
    return new Catalogue(std::move(parsed).value());
  }();
  return *catalogue;
}

const Measure* Catalogue::Find(std::string_view id) const {
  for (const Measure& m : measures_) {
    if (m.id == id) {
      return &m;
    }
  }
  return nullptr;
}

std::vector<const Measure*> Catalogue::Select(std::optional<int> category,
                                              std::optional<Actor> actor,
                                              bool include_general) const {
  std::vector<const Measure*> out;
  for (const Measure& m : measures_) {
    if (actor && m.actor != *actor) {
      continue;
    }
    if (category) {
      const bool in_category =
          std::find(m.categories.begin(), m.categories.end(), *category) != m.categories.end();
      if (!in_category && !(include_general && m.categories.empty())) {
        continue;
      }
    }
    out.push_back(&m);
  }
  return out;
}

}  // namespace kosh::policy
