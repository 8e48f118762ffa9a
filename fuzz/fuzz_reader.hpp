// What every reader's fuzz target does: feed the input to the reader as a file and throw
// the observations away. Crashes, sanitizer reports and hangs are the findings; errors
// returned for malformed input are the expected outcome.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "kosh/ingest/byte_source.hpp"
#include "kosh/ingest/reader.hpp"

namespace kosh::fuzz {

class DiscardSink : public ingest::ObservationSink {
 public:
  Status Add(const Observation& /*observation*/) override { return Status::Ok(); }
};

inline int FuzzReader(ingest::Format format, const std::uint8_t* data, std::size_t size,
                      const ingest::Mapping* mapping = nullptr) {
  auto source = ingest::ByteSource::FromString(
      std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
  ingest::ReadOptions options;
  options.mapping = mapping;
  DiscardSink sink;
  const auto result = ingest::ReadObservations(format, *source, options, sink);
  (void)result;
  return 0;
}

}  // namespace kosh::fuzz
