// libFuzzer target: the SDMX-CSV 1.0 and 2.0 reader.
#include <cstddef>
#include <cstdint>

#include "fuzz_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kosh::fuzz::FuzzReader(kosh::ingest::Format::kSdmxCsv, data, size);
}
