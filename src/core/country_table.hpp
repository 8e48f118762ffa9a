// The generated tables behind CountryRegistry (private to kosh_core).
#pragma once

#include <cstddef>
#include <string_view>

#include "kosh/core/country.hpp"

namespace kosh::internal {

struct CodeAlias {
  std::string_view system;  // "any", "unhcr", "cepii", "eurostat"
  std::string_view code;
  std::string_view target;  // canonical code
};

struct NameAlias {
  std::string_view name;
  std::string_view code;
};

extern const Country kCountryTable[];
extern const std::size_t kCountryTableSize;
extern const CodeAlias kCodeAliases[];
extern const std::size_t kCodeAliasesSize;
extern const NameAlias kNameAliases[];
extern const std::size_t kNameAliasesSize;

}  // namespace kosh::internal
