// libFuzzer target: the World Bank WDI reader (long, wide API and DataBank layouts).
#include <cstddef>
#include <cstdint>

#include "fuzz_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kosh::fuzz::FuzzReader(kosh::ingest::Format::kWdi, data, size);
}
