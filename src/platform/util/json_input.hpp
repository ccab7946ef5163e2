// Reading request JSON with clear, field-named errors in Chinese (and English).
#pragma once

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/util/error.hpp"

namespace jx {

// Collects field errors while reading; throw_if_any() raises one 422 naming them all.
// The opt_* readers are for partial updates: an absent or null field is nullopt and no error.
// at() reads a nested object (a row of a list) into the same errors, its fields named
// "amounts.3.year".
class JsonInput {
 public:
  explicit JsonInput(const boost::json::object& o) : o_(o), sink_(&errors_) {}
  JsonInput(const JsonInput&) = delete;  // a copy would write into the original's errors
  JsonInput& operator=(const JsonInput&) = delete;

  // A string field; label is the Chinese field name for the message.
  std::string str(const char* key, const char* label, bool required = true, size_t max_chars = 200);
  std::optional<int64_t> int64(const char* key, const char* label, bool required = true);
  std::vector<std::string> str_list(const char* key, const char* label);
  std::optional<std::string> opt_str(const char* key, const char* label, size_t max_chars = 200);
  std::optional<int64_t> opt_int64(const char* key, const char* label) {
    return int64(key, label, false);
  }
  std::optional<bool> opt_bool(const char* key, const char* label);
  std::optional<std::vector<std::string>> opt_str_list(const char* key, const char* label);
  // A list of ids (absent or null: empty).
  std::vector<int64_t> id_list(const char* key, const char* label);
  // An object of strings, e.g. ratings by item code (absent or null: empty; null values skipped).
  std::map<std::string, std::string> str_map(const char* key, const char* label);
  // The objects of a list field (absent or null: nullopt); a non-object item or a list longer
  // than max_items is an error.
  std::optional<std::vector<const boost::json::object*>> opt_objects(const char* key,
                                                                     const char* label,
                                                                     size_t max_items = 1000);
  // A reader of a nested object whose errors are named "<prefix>.<field>" and land here.
  JsonInput at(const boost::json::object& o, const std::string& prefix) const {
    return JsonInput(o, prefix + ".", sink_);
  }
  bool has(const char* key) const { return o_.contains(key); }
  void add(std::string field, Msg m) { sink_->push_back({prefix_ + field, std::move(m)}); }
  bool ok() const { return sink_->empty(); }
  void throw_if_any() const {
    if (!sink_->empty()) throw ApiError::validation(*sink_);
  }

 private:
  JsonInput(const boost::json::object& o, std::string prefix, std::vector<FieldError>* sink)
      : o_(o), prefix_(std::move(prefix)), sink_(sink) {}
  const boost::json::object& o_;
  std::string prefix_;
  std::vector<FieldError> errors_;
  std::vector<FieldError>* sink_;
};

// Paging from the query string: page >= 1, 1 <= page_size <= 200 (default 20).
struct Page {
  int64_t page = 1;
  int64_t size = 20;
  int64_t offset() const { return (page - 1) * size; }
};

}  // namespace jx
