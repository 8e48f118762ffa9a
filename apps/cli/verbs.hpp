// Verbs that live in their own file. Each adds its subcommand to `app`; when the
// subcommand runs, its outcome is stored in `status` (the exit code follows from it).
#pragma once

#include "common.hpp"
#include <CLI/CLI.hpp>

namespace kosh::cli {

void AddBriefCommand(CLI::App& app, Globals& g, Status& status);
void AddServeCommand(CLI::App& app, Globals& g, Status& status);
void AddFlowsCommand(CLI::App& app, Globals& g, Status& status);
void AddGravityCommand(CLI::App& app, Globals& g, Status& status);
void AddAbmCommand(CLI::App& app, Globals& g, Status& status);

}  // namespace kosh::cli
