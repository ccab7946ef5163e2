// Errors that end a request: ApiError carries the HTTP status, a stable machine code, a
// message in Chinese and English, and per-field details. Services throw it; the router turns
// it into {"error":{"code","message","details":[{"field","message"}]}}. Anything else thrown
// is an internal error (500) and is logged with the request id.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace jx {

// A user-facing text in both languages. zh is the default; en on Accept-Language: en.
struct Msg {
  std::string zh;
  std::string en;
};

enum class Lang { kZh, kEn };

inline const std::string& pick(const Msg& m, Lang lang) {
  return lang == Lang::kEn && !m.en.empty() ? m.en : m.zh;
}

struct FieldError {
  std::string field;  // JSON field name, dotted for nested fields ("items.3.amount_fen")
  Msg message;
};

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, Msg message, std::vector<FieldError> details = {})
      : std::runtime_error(code),
        status_(status),
        code_(std::move(code)),
        message_(std::move(message)),
        details_(std::move(details)) {}

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const Msg& message() const { return message_; }
  const std::vector<FieldError>& details() const { return details_; }

  static ApiError validation(std::vector<FieldError> details) {
    return ApiError(422, "validation_failed", {"提交的数据有误，请检查标出的字段", "Invalid input"},
                    std::move(details));
  }
  static ApiError field(std::string field, Msg message) {
    return validation({{std::move(field), std::move(message)}});
  }
  static ApiError bad_request(Msg m) { return ApiError(400, "bad_request", std::move(m)); }
  static ApiError unauthenticated(Msg m = {"请先登录", "Please sign in"}) {
    return ApiError(401, "unauthenticated", std::move(m));
  }
  static ApiError forbidden(Msg m = {"没有执行此操作的权限", "Permission denied"}) {
    return ApiError(403, "forbidden", std::move(m));
  }
  static ApiError not_found(Msg m = {"记录不存在或无权访问", "Not found"}) {
    return ApiError(404, "not_found", std::move(m));
  }
  static ApiError conflict(std::string code, Msg m) {
    return ApiError(409, std::move(code), std::move(m));
  }
  static ApiError stale() {
    return ApiError(409, "version_conflict",
                    {"记录已被他人修改，请刷新后重试",
                     "The record was changed by someone else; reload and retry"});
  }
  static ApiError too_many(Msg m) { return ApiError(429, "too_many_requests", std::move(m)); }

 private:
  int status_;
  std::string code_;
  Msg message_;
  std::vector<FieldError> details_;
};

}  // namespace jx
