// kosh serve: the HTTP API and the web dashboard, until Ctrl-C.
#include <csignal>
#include <thread>

#include "server.hpp"
#include "verbs.hpp"
#include <fmt/format.h>
#include <pthread.h>
#include <unistd.h>

#include "kosh/core/status_macros.hpp"

namespace kosh::cli {
namespace {

struct ServeArgs {
  server::Options options;
  std::string web = "auto";
};

Status RunServe(const Globals& g, ServeArgs a) {
  a.options.store = StoreLocation(g);
  if (a.web == "auto") {
    a.options.web_dir = server::DefaultWebDir();
  } else if (a.web != "none") {
    a.options.web_dir = a.web;
  }
  if (a.options.threads < 1 || a.options.threads > 4096) {
    return InvalidArgument("--threads must be 1-4096");
  }
  // SIGINT and SIGTERM are taken by one thread that stops the server, so every worker
  // finishes its answer and the store is closed cleanly.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  KOSH_ASSIGN_OR_RETURN(auto srv, server::Server::Create(a.options));
  KOSH_ASSIGN_OR_RETURN(const int port, srv->Bind());
  fmt::print(stderr, "kosh: store {}\n", a.options.store);
  fmt::print(stderr, "kosh: {}\n",
             a.options.web_dir.empty() ? std::string("web dashboard not built: API only")
                                       : "web dashboard from " + a.options.web_dir);
  // The URL on stdout, alone on its line, for people and for scripts that wait for it.
  fmt::print("kosh: serving http://{}:{}/ (Ctrl-C stops)\n", a.options.bind, port);
  std::fflush(stdout);
  std::thread stopper([&srv, signals] {
    int received = 0;
    sigwait(&signals, &received);
    srv->Stop();
  });
  Status served = srv->Listen();
  // When Listen returned for another reason than a signal, wake the stopper so it can end:
  // the signal is blocked in every thread, so only its sigwait takes it.
  kill(getpid(), SIGTERM);
  stopper.join();
  fmt::print(stderr, "kosh: stopped\n");
  return served;
}

}  // namespace

void AddServeCommand(CLI::App& app, Globals& g, Status& status) {
  auto* cmd = app.add_subcommand("serve", "HTTP API and web dashboard")
                  ->footer(
                      "Serves the JSON API under /api/v1 (docs/api.md; OpenAPI at "
                      "/api/v1/openapi.json) and the dashboard built in web/dist, in English, "
                      "Russian and Kazakh, until Ctrl-C. Loopback only unless --bind says "
                      "otherwise.\n\nExamples:\n"
                      "  kosh serve\n"
                      "  kosh serve --port 9000 --store full.db\n"
                      "  kosh serve --bind 0.0.0.0 --threads 512   (every interface; "
                      "put TLS in front)");
  auto args = std::make_shared<ServeArgs>();
  cmd->add_option("--port", args->options.port, "port (default 8080; 0 picks a free one)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--bind", args->options.bind, "address to listen on (default 127.0.0.1)");
  cmd->add_option("--web", args->web,
                  "the built dashboard folder (default: web/dist or the installed one; none "
                  "for the API only)");
  cmd->add_option("--threads", args->options.threads,
                  "worker threads, one per open connection (default 256)");
  cmd->add_flag("--access-log", args->options.access_log,
                "log method, path and status of every request on stderr (never the query)");
  cmd->callback([&g, &status, args] { status = RunServe(g, *args); });
}

}  // namespace kosh::cli
