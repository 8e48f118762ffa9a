// libFuzzer target: the UN DESA migrant stock reader (long, totals and official layouts).
#include <cstddef>
#include <cstdint>

#include "fuzz_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kosh::fuzz::FuzzReader(kosh::ingest::Format::kUndesaStock, data, size);
}
