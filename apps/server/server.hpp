// kosh serve: the HTTP/JSON API under /api/v1 (docs/api.md, OpenAPI at
// /api/v1/openapi.json) and the static web dashboard, over the same library as the CLI.
// The server holds no logic of its own: each route parses its parameters, calls the engine
// and writes JSON. Answers are cached until the store's sources change (checked at most
// once a second), and carry an ETag.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kosh/core/result.hpp"

namespace kosh::server {

struct Options {
  std::string bind = "127.0.0.1";
  int port = 8080;          // 0: any free port (see Bind)
  std::string store;        // a store location, as for --store
  std::string web_dir;      // the built dashboard (web/dist); empty: API only
  int threads = 256;        // worker threads; one serves one connection at a time
  bool access_log = false;  // method, path (never the query) and status on stderr
};

// A registered route, as the OpenAPI document names it ("/api/v1/countries/{country}").
struct Route {
  std::string method;
  std::string path;
};

class Server {
 public:
  // Checks that the store opens; nothing is bound yet.
  static Result<std::unique_ptr<Server>> Create(const Options& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the address; returns the port (the chosen one when Options::port is 0).
  Result<int> Bind();
  // Serves until Stop() is called (from another thread or a signal-handling thread).
  Status Listen();
  void Stop();

  const std::vector<Route>& routes() const;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Where the built dashboard is: $KOSH_WEB_DIR, else the source tree's web/dist
// (development builds), else <prefix>/share/kosh/web; empty when none has index.html.
std::string DefaultWebDir();

}  // namespace kosh::server
