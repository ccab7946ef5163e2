#include "platform/util/json_input.hpp"

#include "platform/util/text.hpp"

namespace jx {

namespace json = boost::json;

std::string JsonInput::str(const char* key, const char* label, bool required, size_t max_chars) {
  auto it = o_.find(key);
  if (it == o_.end() || it->value().is_null()) {
    if (required) add(key, {std::string(label) + "不能为空", std::string(key) + " is required"});
    return {};
  }
  if (!it->value().is_string()) {
    add(key, {std::string(label) + "必须是文本", std::string(key) + " must be a string"});
    return {};
  }
  std::string v(it->value().as_string());
  if (required && v.empty())
    add(key, {std::string(label) + "不能为空", std::string(key) + " is required"});
  if (utf8_length(v) > max_chars)
    add(key, {std::string(label) + "不能超过 " + std::to_string(max_chars) + " 个字",
              std::string(key) + " is too long"});
  return v;
}

std::optional<int64_t> JsonInput::int64(const char* key, const char* label, bool required) {
  auto it = o_.find(key);
  if (it == o_.end() || it->value().is_null()) {
    if (required) add(key, {std::string(label) + "不能为空", std::string(key) + " is required"});
    return std::nullopt;
  }
  if (it->value().is_int64()) return it->value().as_int64();
  if (it->value().is_uint64() && it->value().as_uint64() <= INT64_MAX)
    return static_cast<int64_t>(it->value().as_uint64());
  add(key, {std::string(label) + "必须是整数", std::string(key) + " must be an integer"});
  return std::nullopt;
}

std::vector<std::string> JsonInput::str_list(const char* key, const char* label) {
  std::vector<std::string> out;
  auto it = o_.find(key);
  if (it == o_.end() || !it->value().is_array()) {
    add(key, {std::string(label) + "必须是列表", std::string(key) + " must be an array"});
    return out;
  }
  for (const auto& v : it->value().as_array()) {
    if (!v.is_string()) {
      add(key,
          {std::string(label) + "的每一项必须是文本", std::string(key) + " items must be strings"});
      return {};
    }
    out.emplace_back(v.as_string());
  }
  return out;
}

}  // namespace jx
