#include "platform/http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "platform/util/crypto.hpp"

namespace jx::http {

namespace fs = std::filesystem;

namespace {

std::string mime(const std::string& ext) {
  static const std::unordered_map<std::string, std::string> m = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"}};
  auto it = m.find(ext);
  return it == m.end() ? "application/octet-stream" : it->second;
}

}  // namespace

void StaticFiles::load(const std::string& dir) {
  files_.clear();
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    File f;
    f.body = ss.str();
    f.content_type = mime(e.path().extension().string());
    f.etag = "\"" + crypto::sha256_hex(f.body).substr(0, 20) + "\"";
    std::string url = "/" + fs::relative(e.path(), dir).generic_string();
    f.immutable = url.rfind("/assets/", 0) == 0;
    files_[url] = std::move(f);
  }
}

Response StaticFiles::respond(const Request& req, const File& f) const {
  Response r;
  r.content_type = f.content_type;
  r.set_header("ETag", f.etag);
  r.set_header("Cache-Control", f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (req.header("if-none-match") == f.etag) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  r.body = f.body;
  return r;
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
  if (files_.empty()) return std::nullopt;
  auto it = files_.find(req.path == "/" ? "/index.html" : req.path);
  if (it != files_.end()) return respond(req, it->second);
  // A missing hashed asset is a real 404: answering index.html would be cached as JS.
  if (req.path.rfind("/assets/", 0) == 0) return std::nullopt;
  auto index = files_.find("/index.html");
  if (index == files_.end()) return std::nullopt;
  return respond(req, index->second);
}

}  // namespace jx::http
