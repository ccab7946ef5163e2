// Reading request JSON with clear, field-named errors in Chinese (and English).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "platform/util/error.hpp"

namespace jx {

// Collects field errors while reading; throw_if_any() raises one 422 naming them all.
class JsonInput {
 public:
  explicit JsonInput(const boost::json::object& o) : o_(o) {}

  // A string field; label is the Chinese field name for the message.
  std::string str(const char* key, const char* label, bool required = true, size_t max_chars = 200);
  std::optional<int64_t> int64(const char* key, const char* label, bool required = true);
  std::vector<std::string> str_list(const char* key, const char* label);
  bool has(const char* key) const { return o_.contains(key); }
  void add(std::string field, Msg m) { errors_.push_back({std::move(field), std::move(m)}); }
  void throw_if_any() const {
    if (!errors_.empty()) throw ApiError::validation(errors_);
  }

 private:
  const boost::json::object& o_;
  std::vector<FieldError> errors_;
};

// Paging from the query string: page >= 1, 1 <= page_size <= 200 (default 20).
struct Page {
  int64_t page = 1;
  int64_t size = 20;
  int64_t offset() const { return (page - 1) * size; }
};

}  // namespace jx
