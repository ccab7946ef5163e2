// The built single-page app, loaded into memory at start (a few MB). Hashed assets under
// /assets/ are immutable for a year; index.html and other files are revalidated (no-cache) by
// ETag. Any other GET path that is not a file gets index.html (history-mode routing).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "platform/http/message.hpp"

namespace jx::http {

class StaticFiles {
 public:
  // Loads every file under dir; an empty or missing dir leaves it empty (API-only server).
  void load(const std::string& dir);
  bool empty() const { return files_.empty(); }
  // The response for a GET/HEAD of path, or nullopt when there is no UI to serve.
  std::optional<Response> serve(const Request& req) const;

 private:
  struct File {
    std::string body;
    std::string content_type;
    std::string etag;
    bool immutable = false;
  };
  Response respond(const Request& req, const File& f) const;
  std::unordered_map<std::string, File> files_;  // by URL path
};

}  // namespace jx::http
