// What every verb of the command line shares: the global options, opening the store,
// resolving a country argument, a progress bar, and turning a status into an exit code.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "kosh/core/result.hpp"
#include "kosh/core/status.hpp"
#include "kosh/store/store.hpp"

namespace kosh::cli {

struct Globals {
  std::string store;
  std::string format = "table";
};

// --store, else $KOSH_STORE, else ./kosh.db.
std::string StoreLocation(const Globals& g);
// Opens the store and applies pending migrations.
Result<std::unique_ptr<store::Store>> OpenStore(const Globals& g);
// The canonical code of a country given by code or name; kInvalidData with "did you mean".
Result<std::string> CountryCode(const std::string& text);
// A progress bar on stderr for large inputs, only when a person is watching.
std::function<void(std::int64_t, std::int64_t)> ProgressBar(const std::string& label);
// Prints the error on stderr and returns the exit code of the contract.
int Fail(const Status& status);

}  // namespace kosh::cli
