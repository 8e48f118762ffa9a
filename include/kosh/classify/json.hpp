// A placement as JSON, in the shape of the CLI contract's `classify --format json`:
// {"origin", "destination", "year", "category", "match": {"score", "interval", "evidence"},
//  "motive": {...}, "confidence", "note", "gaps", "method_version"}. The CLI, the brief and
// the server all write this one shape.
#pragma once

#include <nlohmann/json.hpp>

#include "kosh/classify/classify.hpp"

namespace kosh::classify {

nlohmann::json ToJson(const Placement& placement);

}  // namespace kosh::classify
