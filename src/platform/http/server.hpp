// HTTP transport: Boost.Beast over asio with C++20 coroutines, one io_context on N threads,
// keep-alive, read/write timeouts, a body limit (413), optional TLS, and a graceful shutdown on
// SIGTERM/SIGINT that lets in-flight requests finish. It knows nothing of routes: every request
// goes to the Dispatcher. Beast and asio stay inside server.cpp (they compile slowly).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "platform/http/message.hpp"
#include "platform/http/proxy.hpp"

namespace jx::http {

class Dispatcher {
 public:
  virtual ~Dispatcher() = default;
  // Answers one request. Must not throw: errors are responses.
  virtual Response handle(Request& req) = 0;
  // True when the request should run on the blocking pool rather than an I/O thread.
  virtual bool is_blocking(const Request& req) const = 0;
  // The response for a request refused before dispatch (413 body too large, 400 malformed).
  virtual Response refuse(const Request& req, int status) = 0;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int io_threads = 2;
  int blocking_threads = 4;
  size_t max_body_bytes = 10 * 1024 * 1024;
  int request_timeout_s = 30;
  int keepalive_timeout_s = 60;
  int shutdown_grace_s = 20;
  std::string tls_cert;  // PEM paths; TLS when both are set
  std::string tls_key;
  std::string access_log = "stderr";  // "stderr", "off" or a file path
  TrustedProxies trusted_proxies;     // whose X-Forwarded-For names the client
};

class Server {
 public:
  Server(ServerOptions options, Dispatcher& dispatcher);
  ~Server();
  // Binds and listens; throws std::runtime_error with a clear message if the address is taken.
  void listen();
  // The port actually bound (useful with port 0).
  uint16_t port() const;
  // Serves until SIGTERM/SIGINT or stop(); then drains in-flight requests and returns.
  void run(const std::function<void()>& on_ready);
  // Asks run() to drain and return; thread-safe.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jx::http
