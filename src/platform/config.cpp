#include "platform/config.hpp"

#include "platform/http/proxy.hpp"

#include <toml++/toml.h>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace jx {

namespace {

int to_int(const std::string& name, const std::string& v) {
  try {
    size_t used = 0;
    int n = std::stoi(v, &used);
    if (used == v.size()) return n;
  } catch (const std::exception&) {
  }
  throw std::runtime_error("配置项 " + name + " 必须是整数 (must be an integer): " + v);
}

bool to_bool(const std::string& name, const std::string& v) {
  if (v == "1" || v == "true" || v == "yes") return true;
  if (v == "0" || v == "false" || v == "no" || v.empty()) return false;
  throw std::runtime_error("配置项 " + name + " 必须是 true/false (must be a boolean): " + v);
}

// One table of settings: name, setter from text.
struct Key {
  const char* name;
  std::function<void(Config&, const std::string&)> set;
};

const std::vector<Key>& keys() {
  static const std::vector<Key> k = {
      {"db", [](Config& c, const std::string& v) { c.db_url = v; }},
      {"listen", [](Config& c, const std::string& v) { c.listen = v; }},
      {"web_dir", [](Config& c, const std::string& v) { c.web_dir = v; }},
      {"tls_cert", [](Config& c, const std::string& v) { c.tls_cert = v; }},
      {"tls_key", [](Config& c, const std::string& v) { c.tls_key = v; }},
      {"io_threads",
       [](Config& c, const std::string& v) { c.io_threads = to_int("io_threads", v); }},
      {"blocking_threads",
       [](Config& c, const std::string& v) { c.blocking_threads = to_int("blocking_threads", v); }},
      {"db_pool_size",
       [](Config& c, const std::string& v) { c.db_pool_size = to_int("db_pool_size", v); }},
      {"max_body_mb",
       [](Config& c, const std::string& v) {
         c.max_body_bytes = size_t(to_int("max_body_mb", v)) << 20;
       }},
      {"request_timeout_s",
       [](Config& c, const std::string& v) {
         c.request_timeout_s = to_int("request_timeout_s", v);
       }},
      {"keepalive_timeout_s",
       [](Config& c, const std::string& v) {
         c.keepalive_timeout_s = to_int("keepalive_timeout_s", v);
       }},
      {"shutdown_grace_s",
       [](Config& c, const std::string& v) { c.shutdown_grace_s = to_int("shutdown_grace_s", v); }},
      {"log_level", [](Config& c, const std::string& v) { c.log_level = v; }},
      {"access_log", [](Config& c, const std::string& v) { c.access_log = v; }},
      {"login_rate_per_minute",
       [](Config& c, const std::string& v) {
         c.login_rate_per_minute = to_int("login_rate_per_minute", v);
       }},
      {"trusted_proxies",
       [](Config& c, const std::string& v) {
         try {
           http::TrustedProxies::parse(v);
         } catch (const std::invalid_argument& e) {
           throw std::runtime_error("配置项 trusted_proxies 中 " + std::string(e.what()) +
                                    " 不是IP地址或网段 (not an address or CIDR range)");
         }
         c.trusted_proxies = v;
       }},
      {"test_fixtures",
       [](Config& c, const std::string& v) { c.test_fixtures = to_bool("test_fixtures", v); }},
  };
  return k;
}

}  // namespace

void Config::set(const std::string& name, const std::string& value) {
  for (const auto& k : keys())
    if (name == k.name) {
      k.set(*this, value);
      return;
    }
  throw std::runtime_error("未知的配置项 (unknown setting): " + name);
}

Config Config::load(const std::string& toml_path) {
  Config c;
  std::string path = toml_path;
  if (path.empty() && std::filesystem::exists("jixiao.toml")) path = "jixiao.toml";
  if (!path.empty()) {
    toml::table t;
    try {
      t = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      throw std::runtime_error("配置文件 " + path +
                               " 有误 (bad config file): " + std::string(e.description()) +
                               " at line " + std::to_string(e.source().begin.line));
    }
    for (auto&& [k, v] : t) {
      std::string name(k.str());
      std::string text;
      if (auto s = v.value<std::string>())
        text = *s;
      else if (auto i = v.value<int64_t>())
        text = std::to_string(*i);
      else if (auto b = v.value<bool>())
        text = *b ? "true" : "false";
      else
        throw std::runtime_error("配置项 " + name + " 的类型不支持 (unsupported type) in " + path);
      c.set(name, text);
    }
  }
  for (const auto& k : keys()) {
    std::string env = "JIXIAO_";
    for (const char* p = k.name; *p; ++p)
      env += static_cast<char>(std::toupper(static_cast<unsigned char>(*p)));
    if (const char* v = std::getenv(env.c_str())) k.set(c, v);
  }
  return c;
}

}  // namespace jx
