#include "common.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>
#include <unistd.h>

#include "kosh/core/country.hpp"
#include "kosh/core/status_macros.hpp"

namespace kosh::cli {

std::string StoreLocation(const Globals& g) {
  if (!g.store.empty()) {
    return g.store;
  }
  if (const char* env = std::getenv("KOSH_STORE"); env != nullptr && *env != '\0') {
    return env;
  }
  return "kosh.db";
}

Result<std::unique_ptr<store::Store>> OpenStore(const Globals& g) {
  KOSH_ASSIGN_OR_RETURN(auto s, store::Store::Open(StoreLocation(g)));
  const auto migrated = s->Migrate();
  if (!migrated) {
    return migrated.error();
  }
  return s;
}

Result<std::string> CountryCode(const std::string& text) {
  KOSH_ASSIGN_OR_RETURN(const Country* c, CountryRegistry::Default().Resolve(text));
  return std::string(c->code);
}

std::function<void(std::int64_t, std::int64_t)> ProgressBar(const std::string& label) {
  if (isatty(STDERR_FILENO) == 0) {
    return nullptr;
  }
  return [label](std::int64_t done, std::int64_t total) {
    constexpr std::int64_t kMinBytes = 4 << 20;
    if (total < kMinBytes) {
      return;
    }
    constexpr std::size_t kWidth = 30;
    const double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
    const auto filled = static_cast<std::size_t>(fraction * kWidth);
    fmt::print(stderr, "\r{} [{}{}] {:3.0f}% {:.1f} MB", label, std::string(filled, '='),
               std::string(kWidth - filled, ' '), fraction * 100, static_cast<double>(done) / 1e6);
    if (done >= total) {
      fmt::print(stderr, "\n");
    }
  };
}

int Fail(const Status& status) {
  fmt::print(stderr, "kosh: {}\n", status.ToString());
  return ExitCodeFor(status.code());
}

}  // namespace kosh::cli
