#include "server.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "api.hpp"
#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>

#include "kosh/core/status_macros.hpp"

namespace kosh::server {
namespace {

namespace fs = std::filesystem;

// JSON is UTF-8 by definition (RFC 8259); a charset parameter would also keep the HTTP
// library from compressing it.
constexpr const char* kJsonType = "application/json";
// Every answer: no sniffing, no framing, nothing loaded from elsewhere. Inline styles are
// allowed because the brief's HTML and the charts use them; scripts come only from here.
constexpr const char* kSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";
constexpr std::size_t kMaxCacheEntries = 4096;

const char* ErrorCode(int http_status) {
  switch (http_status) {
    case 400:
      return "invalid_argument";
    case 403:
      return "refused";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    case 422:
      return "data_error";
    case 503:
      return "unavailable";
    default:
      return http_status >= 500 ? "internal" : "invalid_argument";
  }
}

std::string ErrorBody(int http_status, const std::string& message) {
  return nlohmann::json({{"code", ErrorCode(http_status)}, {"message", message}})
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// "/api/v1/briefs/{country}" -> "/api/v1/briefs/([^/]+)"
std::string PatternOf(const std::string& path) {
  std::string pattern;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      const std::size_t end = path.find('}', i);
      if (end != std::string::npos) {
        pattern += "([^/]+)";
        i = end;
        continue;
      }
    }
    pattern += path[i];
  }
  return pattern;
}

// Exclusive use of one store connection per request; connections are reused.
class StorePool {
 public:
  explicit StorePool(std::string location) : location_(std::move(location)) {}

  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<store::Store> s) : pool_(pool), store_(std::move(s)) {}
    ~Lease() { pool_.Release(std::move(store_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    store::Store& operator*() { return *store_; }

   private:
    StorePool& pool_;
    std::unique_ptr<store::Store> store_;
  };

  Result<std::unique_ptr<Lease>> Acquire() {
    {
      std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        auto s = std::move(free_.back());
        free_.pop_back();
        return std::make_unique<Lease>(*this, std::move(s));
      }
    }
    KOSH_ASSIGN_OR_RETURN(auto s, store::Store::Open(location_));
    return std::make_unique<Lease>(*this, std::move(s));
  }

 private:
  void Release(std::unique_ptr<store::Store> s) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(s));
  }

  std::string location_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<store::Store>> free_;
};

// The HTTP library listens with a backlog of 5: a burst of new connections would wait a
// second for SYN retransmission. Listening again on the bound socket raises the backlog.
class HttpServer : public httplib::Server {
 public:
  void RaiseBacklog() {
    if (svr_sock_ != INVALID_SOCKET) {
      ::listen(svr_sock_, SOMAXCONN);
    }
  }
};

struct CachedReply {
  Reply reply;
  std::string etag;
};

}  // namespace

std::string DefaultWebDir() {
  const auto has_index = [](const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "index.html", ec);
  };
  if (const char* env = std::getenv("KOSH_WEB_DIR"); env != nullptr && *env != '\0') {
    return has_index(env) ? std::string(env) : std::string();
  }
  for (const fs::path& dir : {fs::path(KOSH_SOURCE_WEB_DIR), fs::path(KOSH_INSTALL_WEB_DIR)}) {
    if (has_index(dir)) {
      return dir.string();
    }
  }
  return {};
}

struct Server::Impl {
  Options options;
  HttpServer http;
  StorePool pool;
  std::vector<Route> routes;

  // Answers by request target, valid while the store's sources stay the same.
  std::shared_mutex cache_mutex;
  std::unordered_map<std::string, std::shared_ptr<const CachedReply>> cache;
  // Requests that miss the cache while the same answer is being computed wait for it
  // instead of computing it again (a burst of cold requests would otherwise pile up).
  using Outcome = std::pair<std::shared_ptr<const CachedReply>, Status>;
  std::mutex inflight_mutex;
  std::unordered_map<std::string, std::shared_future<Outcome>> inflight;
  std::mutex version_mutex;
  std::string data_version;
  std::chrono::steady_clock::time_point version_checked;

  explicit Impl(const Options& o) : options(o), pool(o.store) {}

  // The store's sources (ids and which are current) decide whether cached answers hold.
  // Checked at most once a second, so an import shows within a second.
  void RefreshDataVersion(store::Store& s) {
    const auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard lock(version_mutex);
      if (now - version_checked < std::chrono::seconds(1)) {
        return;
      }
      version_checked = now;
    }
    auto sources = s.ListSources();
    if (!sources) {
      return;
    }
    std::string version;
    for (const auto& src : *sources) {
      version += fmt::format("{}:{};", src.id, src.superseded_by.value_or(0));
    }
    std::lock_guard lock(version_mutex);
    if (version != data_version) {
      data_version = std::move(version);
      std::unique_lock cache_lock(cache_mutex);
      cache.clear();
    }
  }

  std::shared_ptr<const CachedReply> Cached(const std::string& key) {
    std::shared_lock lock(cache_mutex);
    const auto it = cache.find(key);
    return it == cache.end() ? nullptr : it->second;
  }

  void Remember(const std::string& key, std::shared_ptr<const CachedReply> reply) {
    std::unique_lock lock(cache_mutex);
    if (cache.size() >= kMaxCacheEntries) {
      cache.clear();  // simple and bounded; hot entries come back on the next request
    }
    cache.emplace(key, std::move(reply));
  }

  static void Send(const httplib::Request& req, httplib::Response& res, const CachedReply& c) {
    res.set_header("ETag", c.etag);
    res.set_header("Cache-Control", "no-cache");
    if (req.get_header_value("If-None-Match") == c.etag) {
      res.status = 304;
      return;
    }
    res.set_content(c.reply.body, c.reply.content_type.c_str());
  }

  static void SendError(httplib::Response& res, const Status& status) {
    res.status = HttpStatusFor(status.code());
    res.set_content(ErrorBody(res.status, status.message()), kJsonType);
  }

  void Add(const ApiRoute& route) {
    routes.push_back({"GET", route.path});
    http.Get(PatternOf(route.path), [this, route](const httplib::Request& req,
                                                  httplib::Response& res) {
      Request request;
      for (std::size_t i = 1; i < req.matches.size(); ++i) {
        request.path.push_back(req.matches[i].str());
      }
      for (const auto& [name, value] : req.params) {
        if (std::find(route.allowed.begin(), route.allowed.end(), name) == route.allowed.end()) {
          std::string allowed;
          for (const auto& a : route.allowed) {
            allowed += (allowed.empty() ? "" : ", ") + a;
          }
          SendError(res, InvalidArgument(fmt::format(
                             "unknown parameter '{}' ({})", name,
                             allowed.empty() ? "this route takes none" : "use " + allowed)));
          return;
        }
        request.params.emplace(name, value);  // the first of repeated parameters counts
      }
      auto lease = pool.Acquire();
      if (!lease) {
        SendError(res, lease.error());
        return;
      }
      StorePool::Lease& held = **lease;
      store::Store& s = *held;
      RefreshDataVersion(s);
      const std::string key = req.target;
      if (auto hit = Cached(key)) {
        Send(req, res, *hit);
        return;
      }
      std::promise<Outcome> promise;
      std::shared_future<Outcome> pending;
      {
        std::lock_guard lock(inflight_mutex);
        if (const auto it = inflight.find(key); it != inflight.end()) {
          pending = it->second;
        } else {
          inflight.emplace(key, promise.get_future().share());
        }
      }
      if (pending.valid()) {
        const Outcome& shared = pending.get();
        if (shared.first) {
          Send(req, res, *shared.first);
        } else {
          SendError(res, shared.second);
        }
        return;
      }
      Outcome outcome;
      // Whatever happens, the waiters get an answer: an exception becomes a 500.
      Result<Reply> reply = Status(StatusCode::kInternal, "internal error");
      try {
        reply = route.handler(request, s);
      } catch (const std::exception& e) {
        fmt::print(stderr, "kosh serve: internal error: {}\n", e.what());
      }
      if (reply) {
        auto entry = std::make_shared<CachedReply>();
        entry->etag = fmt::format("\"{:016x}\"", std::hash<std::string>{}(reply->body));
        entry->reply = std::move(*reply);
        Remember(key, entry);
        outcome.first = std::move(entry);
      } else {
        outcome.second = reply.error();
      }
      {
        std::lock_guard lock(inflight_mutex);
        inflight.erase(key);
      }
      promise.set_value(outcome);
      if (outcome.first) {
        Send(req, res, *outcome.first);
      } else {
        SendError(res, outcome.second);
      }
    });
  }

  void Configure() {
    http.new_task_queue = [n = options.threads] {
      return new httplib::ThreadPool(static_cast<std::size_t>(std::max(1, n)));
    };
    http.set_payload_max_length(std::size_t{64} * 1024);
    http.set_read_timeout(10);
    http.set_write_timeout(30);
    http.set_keep_alive_max_count(100000);
    http.set_tcp_nodelay(true);
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Content-Security-Policy", kSecurityPolicy},
                              {"Referrer-Policy", "no-referrer"}});
    // Only GET (and HEAD) exist; anything else is 405 before routing.
    http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
      if (req.method == "GET" || req.method == "HEAD") {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      res.status = 405;
      res.set_header("Allow", "GET, HEAD");
      res.set_content(ErrorBody(405, fmt::format("{} is not allowed; use GET", req.method)),
                      kJsonType);
      return httplib::Server::HandlerResponse::Handled;
    });
    // Errors that no handler wrote (unknown route, a request the parser refused) get the
    // same JSON shape as the others.
    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request& req, httplib::Response& res) {
          if (!res.body.empty()) {
            return httplib::Server::HandlerResponse::Unhandled;
          }
          const std::string message = res.status == 404
                                          ? fmt::format("no such resource: {}", req.path)
                                          : fmt::format("the request was refused ({})", res.status);
          res.set_content(ErrorBody(res.status, message), kJsonType);
          return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
          std::string what = "unknown error";
          try {
            std::rethrow_exception(std::move(error));
          } catch (const std::exception& e) {
            what = e.what();
          } catch (...) {
          }
          fmt::print(stderr, "kosh serve: internal error: {}\n", what);
          res.status = 500;
          res.set_content(ErrorBody(500, "internal error"), kJsonType);
        });
    if (options.access_log) {
      // The path only: queries may one day carry what people typed.
      http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        fmt::print(stderr, "{} {} {}\n", req.method, req.path, res.status);
      });
    }
    for (const ApiRoute& route : ApiRoutes()) {
      Add(route);
    }
    if (!options.web_dir.empty()) {
      http.set_mount_point("/", options.web_dir, {{"Cache-Control", "no-cache"}});
    } else {
      http.Get("/", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(
            "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>kosh</title>"
            "<p>The web dashboard is not built here (build it with <code>bash "
            "scripts/test_web.sh</code> or <code>npm run build</code> in <code>web/</code>). "
            "The API is at <a href=\"/api/v1/openapi.json\">/api/v1</a>.</p></html>\n",
            "text/html; charset=utf-8");
      });
    }
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Create(const Options& options) {
  // Fail early, with the store's own message, when the store cannot be opened.
  KOSH_ASSIGN_OR_RETURN(auto probe, store::Store::Open(options.store));
  if (auto migrated = probe->Migrate(); !migrated) {
    return migrated.error();
  }
  auto impl = std::make_unique<Impl>(options);
  impl->Configure();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<int> Server::Bind() {
  const Options& o = impl_->options;
  int port = o.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(o.bind);
    if (port < 0) {
      return Status(StatusCode::kUnavailable, fmt::format("cannot bind {}", o.bind));
    }
  } else if (!impl_->http.bind_to_port(o.bind, port)) {
    return Status(
        StatusCode::kUnavailable,
        fmt::format("cannot bind {}:{} (in use, or not an address of this machine)", o.bind, port));
  }
  impl_->http.RaiseBacklog();
  return port;
}

Status Server::Listen() {
  if (!impl_->http.listen_after_bind()) {
    return Status(StatusCode::kUnavailable, "the server stopped listening unexpectedly");
  }
  return Status::Ok();
}

void Server::Stop() { impl_->http.stop(); }

const std::vector<Route>& Server::routes() const { return impl_->routes; }

}  // namespace kosh::server
