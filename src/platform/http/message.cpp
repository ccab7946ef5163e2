#include "platform/http/message.hpp"

#include <boost/json.hpp>

namespace jx::http {

namespace json = boost::json;

std::string Request::header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return v;
  return {};
}

std::string Request::cookie(std::string_view name) const {
  std::string all = header("cookie");
  std::string_view s(all);
  while (!s.empty()) {
    size_t semi = s.find(';');
    std::string_view part = s.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name)
      return std::string(part.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    s.remove_prefix(semi + 1);
  }
  return {};
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

json::object Request::json_object() const {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object())
    throw ApiError::bad_request(
        {"请求内容不是有效的 JSON 对象", "The request body is not a JSON object"});
  return std::move(v.as_object());
}

Lang Request::lang() const {
  std::string al = header("accept-language");
  // The first listed language decides; zh is the default.
  size_t i = al.find_first_not_of(' ');
  if (i != std::string::npos && al.compare(i, 2, "en") == 0) return Lang::kEn;
  return Lang::kZh;
}

Response Response::json(const json::value& v, int status) {
  Response r;
  r.status = status;
  r.body = json::serialize(v);
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

static std::string percent_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

Response Response::download(std::string body, std::string content_type,
                            const std::string& file_name) {
  Response r;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  std::string ascii;
  for (unsigned char c : file_name)
    ascii += (c < 128 && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
  r.set_header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" +
                                          percent_encode(file_name));
  r.set_header("Cache-Control", "no-store");
  return r;
}

json::object error_body(const ApiError& e, Lang lang) {
  json::array details;
  for (const auto& d : e.details())
    details.push_back(json::object{{"field", d.field}, {"message", pick(d.message, lang)}});
  return json::object{{"error", json::object{{"code", e.code()},
                                             {"message", pick(e.message(), lang)},
                                             {"details", details}}}};
}

}  // namespace jx::http
