// libFuzzer target: the generic CSV reader driven by a mapping (a fixed
// semicolon-delimited mapping with a thousands separator and a suppression marker).
#include <cstddef>
#include <cstdint>
#include <utility>

#include "fuzz_reader.hpp"

#include "kosh/ingest/mapping.hpp"

namespace {

// A mapping like a national statistics table: semicolon, thousands separator, "x" cells.
constexpr char kMappingToml[] = R"toml(
[dataset]
name = "fuzz mapping"
[csv]
delimiter = ";"
thousands = " "
[codes]
skip = ["WLD"]
[dimensions]
country = { column = "iso3", codes = "iso3" }
period = { column = "year" }
sex = { column = "sex", map = { Both = "total", Men = "male", Women = "female" } }
[[values]]
column = "population"
indicator = "population"
)toml";

const kosh::ingest::Mapping& FuzzMapping() {
  static const kosh::ingest::Mapping* mapping = [] {
    auto parsed = kosh::ingest::Mapping::Parse(kMappingToml, "fuzz_mapping.toml");
    if (!parsed) {
      __builtin_trap();  // the fixed mapping must parse
    }
    return new kosh::ingest::Mapping(std::move(*parsed));
  }();
  return *mapping;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kosh::fuzz::FuzzReader(kosh::ingest::Format::kMappedCsv, data, size, &FuzzMapping());
}
