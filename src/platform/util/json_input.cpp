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

std::optional<std::string> JsonInput::opt_str(const char* key, const char* label,
                                              size_t max_chars) {
  auto it = o_.find(key);
  if (it == o_.end() || it->value().is_null()) return std::nullopt;
  return str(key, label, false, max_chars);
}

std::optional<bool> JsonInput::opt_bool(const char* key, const char* label) {
  auto it = o_.find(key);
  if (it == o_.end() || it->value().is_null()) return std::nullopt;
  if (it->value().is_bool()) return it->value().as_bool();
  add(key, {std::string(label) + "应为是或否", std::string(key) + " must be true or false"});
  return std::nullopt;
}

std::optional<std::vector<std::string>> JsonInput::opt_str_list(const char* key,
                                                                const char* label) {
  auto it = o_.find(key);
  if (it == o_.end() || it->value().is_null()) return std::nullopt;
  return str_list(key, label);
}

std::optional<std::vector<const json::object*>> JsonInput::opt_objects(const char* key,
                                                                       const char* label,
                                                                       size_t max_items) {
  auto it = o_.find(key);
  if (it == o_.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_array() || it->value().as_array().size() > max_items) {
    add(key, {std::string(label) + "必须是不超过" + std::to_string(max_items) + "行的列表",
              std::string(key) + " must be an array"});
    return std::nullopt;
  }
  std::vector<const json::object*> out;
  const auto& arr = it->value().as_array();
  for (size_t i = 0; i < arr.size(); ++i) {
    if (arr[i].is_object())
      out.push_back(&arr[i].as_object());
    else
      add(std::string(key) + "." + std::to_string(i),
          {std::string(label) + "的每一行必须是对象", std::string(key) + " items must be objects"});
  }
  return out;
}

std::vector<int64_t> JsonInput::id_list(const char* key, const char* label) {
  std::vector<int64_t> out;
  auto it = o_.find(key);
  if (it == o_.end() || it->value().is_null()) return out;
  if (!it->value().is_array()) {
    add(key, {std::string(label) + "必须是列表", std::string(key) + " must be an array"});
    return out;
  }
  for (const auto& x : it->value().as_array()) {
    if (x.is_int64()) {
      out.push_back(x.as_int64());
    } else {
      add(key, {std::string(label) + "必须是编号列表", std::string(key) + " must be ids"});
      return {};
    }
  }
  return out;
}

std::map<std::string, std::string> JsonInput::str_map(const char* key, const char* label) {
  std::map<std::string, std::string> out;
  auto it = o_.find(key);
  if (it == o_.end() || it->value().is_null()) return out;
  if (!it->value().is_object()) {
    add(key, {std::string(label) + "必须是对象", std::string(key) + " must be an object"});
    return out;
  }
  for (const auto& [k, v] : it->value().as_object()) {
    if (v.is_string())
      out[std::string(k)] = std::string(v.as_string());
    else if (!v.is_null())
      add(std::string(key) + "." + std::string(k),
          {std::string(label) + "必须是文本", std::string(key) + " values must be strings"});
  }
  return out;
}

}  // namespace jx
