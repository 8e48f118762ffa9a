// libFuzzer target: the UNHCR reader (data package tables and Refugee Data Finder).
#include <cstddef>
#include <cstdint>

#include "fuzz_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kosh::fuzz::FuzzReader(kosh::ingest::Format::kUnhcr, data, size);
}
