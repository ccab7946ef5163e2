// Attachments: files users upload (申报材料, 依据文件, reports), kept content-addressed in the
// database (one row per distinct content, keyed by its SHA-256), so a backup of the database is a
// backup of the files and the same file uploaded twice is stored once. Modules keep their own
// reference rows (which record, which name, who uploaded it) pointing at the hash.
//
// Contract
// - check_upload() decides what a file IS from its bytes (magic numbers and, for zip containers,
//   the entries inside), never from its name or the Content-Type the browser sent; a file whose
//   name claims another type is refused. Errors are ApiError 413 (too large) or 422 on field
//   "file" with a Chinese message naming the allowed types.
// - put() runs in the caller's write transaction and returns the hash; storing content that is
//   already there writes nothing. get() returns the bytes.
// - Names are cleaned by clean_name(): no path separators or control characters, ≤ 120 chars.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/util/clock.hpp"

namespace jx::files {

// Types jixiao recognises: pdf, doc, docx, xls, xlsx, ppt, pptx, wps, ofd, zip, jpg, png, txt.
struct Policy {
  int64_t max_bytes = 20LL << 20;
  std::vector<std::string> types = {"pdf", "doc", "docx", "xls", "xlsx",
                                    "ofd", "zip", "jpg",  "png"};
};

struct Detected {
  std::string type;          // "pdf", "docx", ...
  std::string content_type;  // the MIME type to serve it with
};

// What the bytes are; nullopt when none of the known types.
std::optional<Detected> sniff(const std::string& bytes);
// Checks size, type and that the name's extension agrees with the content (a .docx must be a
// docx; an .doc may be doc or docx, .xls xls or xlsx; jpeg/jpg alike). Returns the detected type.
Detected check_upload(const std::string& bytes, const std::string& name, const Policy& policy);
std::string clean_name(const std::string& name);

struct Stored {
  std::string sha256;
  int64_t size = 0;
  std::string content_type;
  std::string bytes;
};

std::string put(db::Conn& tx, const Clock& clock, const std::string& bytes,
                const std::string& content_type);
std::optional<Stored> get(db::Conn& c, const std::string& sha256);

}  // namespace jx::files
