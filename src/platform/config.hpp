// Configuration: defaults, then jixiao.toml, then JIXIAO_* environment variables, then flags.
// Defaults work with no file at all.
#pragma once

#include <functional>
#include <string>

namespace jx {

struct Config {
  std::string db_url;                     // sqlite:///abs/path.db | postgresql://...   (JIXIAO_DB)
  std::string listen = "127.0.0.1:8080";  // (JIXIAO_LISTEN)
  std::string web_dir;   // built SPA; default: <exe>/../share/jixiao/web or ./web/dist
  std::string tls_cert;  // PEM files; TLS is on when both are set
  std::string tls_key;
  int io_threads = 0;        // 0: number of cores
  int blocking_threads = 4;  // password hashing, exports, jobs
  int db_pool_size = 8;
  size_t max_body_bytes = 10 * 1024 * 1024;  // 413 beyond this
  int request_timeout_s = 30;
  int keepalive_timeout_s = 60;
  int shutdown_grace_s = 20;
  std::string log_level = "info";
  std::string access_log = "stderr";  // "stderr", "off" or a file path
  bool test_fixtures =
      false;  // test-only endpoints (clock, fixture documents); never in production
  int login_rate_per_minute = 30;  // per IP
  // Reverse proxies whose X-Forwarded-For names the client (audit, login log, login rate limit):
  // addresses and CIDR ranges, comma-separated; none by default (the header is ignored).
  std::string trusted_proxies;

  // Loads the file (if path is non-empty, or ./jixiao.toml if it exists) and the environment.
  // Throws std::runtime_error with a clear message on a bad file or value.
  static Config load(const std::string& toml_path);
  // Sets one key by its jixiao.toml name from text (flags use this too); throws on a bad value.
  void set(const std::string& name, const std::string& value);
};

}  // namespace jx
