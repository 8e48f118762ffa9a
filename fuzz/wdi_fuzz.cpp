// libFuzzer target: the World Bank WDI reader (long, wide API and DataBank layouts).
#include <cstddef>
#include <cstdint>
#include <string>

#include "kosh/ingest/byte_source.hpp"
#include "kosh/ingest/reader.hpp"

namespace {

class DiscardSink : public kosh::ingest::ObservationSink {
 public:
  kosh::Status Add(const kosh::Observation& /*observation*/) override { return kosh::Status::Ok(); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto source = kosh::ingest::ByteSource::FromString(
      std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
  kosh::ingest::ReadOptions options;
  DiscardSink sink;
  const auto result =
      kosh::ingest::ReadObservations(kosh::ingest::Format::kWdi, *source, options, sink);
  (void)result;
  return 0;
}
