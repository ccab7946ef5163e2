#include "platform/http/server.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url.hpp>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace jx::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

struct Server::Impl {
  ServerOptions opt;
  Dispatcher& dispatcher;
  // One io_context per I/O thread, each run by its own thread; accepted connections are dealt
  // round-robin. A connection stays on one thread, so no scheduler lock is shared between
  // threads on the hot path. ioc is the first: acceptor, signals and shutdown live there.
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  asio::io_context& ioc;
  size_t next_context = 0;
  asio::thread_pool blocking;
  tcp::acceptor acceptor{ioc};
  std::unique_ptr<asio::ssl::context> ssl;
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  std::atomic<int> in_flight{0};
  std::atomic<bool> draining{false};
  std::shared_ptr<spdlog::logger> access;

  Impl(ServerOptions o, Dispatcher& d)
      : opt(std::move(o)),
        dispatcher(d),
        contexts(make_contexts(std::max(1, opt.io_threads))),
        ioc(*contexts.front()),
        blocking(std::max(1, opt.blocking_threads)) {}

  static std::vector<std::unique_ptr<asio::io_context>> make_contexts(int n) {
    std::vector<std::unique_ptr<asio::io_context>> v;
    for (int i = 0; i < n; ++i) v.push_back(std::make_unique<asio::io_context>(1));
    return v;
  }

  static Request convert(const bhttp::request<bhttp::string_body>& req, const std::string& ip) {
    Request r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    r.remote_ip = ip;
    auto parsed = boost::urls::parse_origin_form(r.target);
    if (parsed) {
      r.path = parsed->path();
      for (auto p : parsed->params()) r.query.emplace(p.key, p.value);
    } else {
      r.path = r.target.substr(0, r.target.find('?'));
    }
    r.headers.reserve(16);
    for (const auto& f : req) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers.emplace_back(std::move(name), std::string(f.value()));
    }
    r.body = req.body();
    return r;
  }

  // The response as bytes on the wire: status line, headers, body, in one buffer and one write
  // (building Beast's header container cost an allocation per field on every request).
  static std::string serialize(Response& res, unsigned version, bool keep_alive, bool head) {
    std::string out;
    size_t len = res.body.size();
    out.reserve(256 + res.body.size() + res.headers.size() * 64);
    out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    out += std::to_string(res.status);
    out += ' ';
    out += std::string_view(bhttp::obsolete_reason(static_cast<bhttp::status>(res.status)));
    out += "\r\n";
    if (!res.content_type.empty()) {
      out += "Content-Type: ";
      out += res.content_type;
      out += "\r\n";
    }
    for (const auto& [k, v] : res.headers) {
      // Header values come from our own code; CR/LF would split the response, so never pass them.
      if (k.find_first_of("\r\n") != std::string::npos ||
          v.find_first_of("\r\n") != std::string::npos)
        continue;
      out += k;
      out += ": ";
      out += v;
      out += "\r\n";
    }
    if (res.status != 204 && res.status != 304) {
      out += "Content-Length: ";
      out += std::to_string(len);
      out += "\r\n";
    }
    if (!keep_alive)
      out += "Connection: close\r\n";
    else if (version == 10)
      out += "Connection: keep-alive\r\n";
    out += "\r\n";
    if (!head) out += res.body;
    return out;
  }

  void log_access(const Request& r, int status, size_t bytes, double ms, const Response& res) {
    if (!access) return;
    std::string rid;
    for (auto& [k, v] : res.headers)
      if (k == "X-Request-Id") rid = v;
    access->info("{} \"{} {}\" {} {} {:.1f}ms {}", r.remote_ip, r.method, r.path, status, bytes, ms,
                 rid);
  }

  template <class Stream>
  awaitable<void> serve(Stream& stream, std::string ip) {
    beast::flat_buffer buffer;
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(opt.max_body_bytes);
      parser.header_limit(16 * 1024);
      beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(opt.keepalive_timeout_s));
      // Wait for the header with the keep-alive timeout, then the body with the request one.
      auto [ec_h, nh] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
      bool too_large = ec_h == bhttp::error::body_limit;
      if (!ec_h) {
        auto declared = parser.content_length();
        too_large = declared && *declared > opt.max_body_bytes;
      }
      if (ec_h && !too_large) {
        if (ec_h == bhttp::error::header_limit) co_await refuse(stream, 431, parser);
        co_return;
      }
      boost::system::error_code ec;
      if (!too_large) {
        beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(opt.request_timeout_s));
        auto [ec_b, n] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
        ec = ec_b;
        too_large = ec == bhttp::error::body_limit;
      }
      if (too_large) {
        co_await refuse(stream, 413, parser);
        co_await linger(stream);
        co_return;
      }
      if (ec) co_return;
      ++in_flight;
      auto start = std::chrono::steady_clock::now();
      auto& breq = parser.get();
      Request req = convert(
          breq, opt.trusted_proxies.empty()
                    ? ip
                    : opt.trusted_proxies.client_ip(ip, std::string_view(breq["X-Forwarded-For"])));
      bool head = breq.method() == bhttp::verb::head;
      Response res;
      if (dispatcher.is_blocking(req)) {
        res = co_await asio::co_spawn(
            blocking, [&]() -> awaitable<Response> { co_return dispatcher.handle(req); },
            use_awaitable);
      } else {
        res = dispatcher.handle(req);
      }
      bool keep = breq.keep_alive() && !draining.load();
      int status = res.status;
      size_t bytes = res.body.size();
      double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      log_access(req, status, bytes, ms, res);
      std::string out = serialize(res, breq.version(), keep, head);
      beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(opt.request_timeout_s));
      auto [wec, wn] = co_await asio::async_write(stream, asio::buffer(out), kTuple);
      --in_flight;
      if (wec || !keep) co_return;
    }
  }

  template <class Stream>
  awaitable<void> refuse(Stream& stream, int status,
                         bhttp::request_parser<bhttp::string_body>& parser) {
    Request req;
    if (parser.is_header_done()) {
      req = convert(parser.get(), "");
    }
    Response res = dispatcher.refuse(req, status);
    std::string out = serialize(res, 11, false, false);
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
    co_await asio::async_write(stream, asio::buffer(out), kTuple);
  }

  // After refusing a request whose body is still arriving, read and discard what the client is
  // sending (bounded in bytes and time) so it can finish writing and read our answer instead of
  // getting a connection reset.
  template <class Stream>
  awaitable<void> linger(Stream& stream) {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      beast::error_code ec;
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(3));
    std::vector<char> sink(64 * 1024);
    size_t total = 0;
    while (total < 4 * opt.max_body_bytes + (16u << 20)) {
      auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
      if (ec) break;
      total += n;
    }
  }

  awaitable<void> plain_session(tcp::socket socket) {
    std::string ip = remote_ip(socket);
    beast::tcp_stream stream(std::move(socket));
    co_await serve(stream, ip);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  awaitable<void> tls_session(tcp::socket socket) {
    std::string ip = remote_ip(socket);
    beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *ssl);
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(opt.request_timeout_s));
    auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, kTuple);
    if (ec) co_return;
    co_await serve(stream, ip);
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
    co_await stream.async_shutdown(kTuple);
  }

  static std::string remote_ip(const tcp::socket& s) {
    beast::error_code ec;
    auto ep = s.remote_endpoint(ec);
    if (ec) return "";
    return address_text(ep.address());
  }

  awaitable<void> accept_loop() {
    for (;;) {
      asio::io_context& target = *contexts[next_context++ % contexts.size()];
      auto [ec, socket] = co_await acceptor.async_accept(target, kTuple);
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      auto ex = socket.get_executor();
      if (ssl)
        asio::co_spawn(ex, tls_session(std::move(socket)), asio::detached);
      else
        asio::co_spawn(ex, plain_session(std::move(socket)), asio::detached);
    }
  }

  // Stops accepting, then waits until no request is in flight (or the grace period ends).
  void begin_drain() {
    if (draining.exchange(true)) return;
    beast::error_code ec;
    acceptor.close(ec);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(opt.shutdown_grace_s);
    auto timer = std::make_shared<asio::steady_timer>(ioc);
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [this, timer, deadline, poll]() {
      if (in_flight.load() == 0 || std::chrono::steady_clock::now() >= deadline) {
        for (auto& c : contexts) c->stop();
        return;
      }
      timer->expires_after(std::chrono::milliseconds(20));
      timer->async_wait([poll](beast::error_code) { (*poll)(); });
    };
    (*poll)();
  }
};

Server::Server(ServerOptions options, Dispatcher& dispatcher)
    : impl_(std::make_unique<Impl>(std::move(options), dispatcher)) {
  auto& o = impl_->opt;
  if (o.access_log == "stderr") {
    impl_->access = spdlog::stderr_logger_mt("access");
  } else if (o.access_log != "off" && !o.access_log.empty()) {
    impl_->access = spdlog::basic_logger_mt("access", o.access_log);
  }
  if (impl_->access) impl_->access->set_pattern("%Y-%m-%dT%H:%M:%S.%e %v");
  if (!o.tls_cert.empty() && !o.tls_key.empty()) {
    impl_->ssl = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    impl_->ssl->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                            asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                            asio::ssl::context::no_tlsv1_1);
    try {
      impl_->ssl->use_certificate_chain_file(o.tls_cert);
      impl_->ssl->use_private_key_file(o.tls_key, asio::ssl::context::pem);
    } catch (const std::exception& e) {
      throw std::runtime_error("TLS 证书或私钥无法读取 (cannot load TLS certificate/key): " +
                               std::string(e.what()));
    }
  }
}

Server::~Server() {
  if (impl_->access) spdlog::drop("access");
  impl_->blocking.join();
}

void Server::listen() {
  auto& im = *impl_;
  beast::error_code ec;
  auto addr = asio::ip::make_address(im.opt.host, ec);
  if (ec) throw std::runtime_error("监听地址无效 (bad listen address): " + im.opt.host);
  tcp::endpoint ep(addr, im.opt.port);
  im.acceptor.open(ep.protocol(), ec);
  if (!ec) im.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) im.acceptor.bind(ep, ec);
  if (!ec) im.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error("无法监听 " + im.opt.host + ":" + std::to_string(im.opt.port) +
                             " (cannot listen: " + ec.message() + ")");
}

uint16_t Server::port() const {
  return impl_->acceptor.local_endpoint().port();
}

void Server::run(const std::function<void()>& on_ready) {
  auto& im = *impl_;
  im.signals.async_wait([&im](beast::error_code ec, int) {
    if (!ec) im.begin_drain();
  });
  asio::co_spawn(im.ioc, im.accept_loop(), asio::detached);
  if (on_ready) on_ready();
  // The other contexts start with no work: keep them running until the drain stops them.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep;
  std::vector<std::thread> threads;
  for (size_t i = 1; i < im.contexts.size(); ++i) {
    keep.push_back(asio::make_work_guard(*im.contexts[i]));
    threads.emplace_back([&im, i] { im.contexts[i]->run(); });
  }
  im.ioc.run();
  for (auto& t : threads) t.join();
}

void Server::stop() {
  asio::post(impl_->ioc, [this] { impl_->begin_drain(); });
}

}  // namespace jx::http
