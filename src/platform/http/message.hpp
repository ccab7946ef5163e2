// Request and Response as handlers see them: plain values, no Beast types, so modules compile
// fast and handlers are testable without a socket.
#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "platform/util/error.hpp"

namespace jx::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as received: path + query
  std::string path;    // decoded path
  std::multimap<std::string, std::string> query;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_ip;
  std::unordered_map<std::string, std::string> params;  // path parameters from the route

  std::string header(std::string_view lower_name) const;
  std::string cookie(std::string_view name) const;
  std::optional<std::string> query_param(std::string_view name) const;
  std::string param(std::string_view name) const {
    return params.count(std::string(name)) ? params.at(std::string(name)) : "";
  }
  // The body parsed as a JSON object; ApiError 400 (in Chinese) if it is not one.
  boost::json::object json_object() const;
  Lang lang() const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response json(const boost::json::value& v, int status = 200);
  static Response no_content();
  // A file download: Content-Disposition with an RFC 5987 UTF-8 file name.
  static Response download(std::string body, std::string content_type,
                           const std::string& file_name);
  void set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// The JSON error body for an ApiError in the caller's language.
boost::json::object error_body(const ApiError& e, Lang lang);

}  // namespace jx::http
