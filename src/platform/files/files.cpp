#include "platform/files/files.hpp"
#include "platform/xlsx/table_export.hpp"

#include <zip.h>

#include <algorithm>
#include <cctype>

#include "platform/util/crypto.hpp"
#include "platform/util/error.hpp"
#include "platform/util/text.hpp"

namespace jx::files {

namespace {

bool starts(const std::string& b, std::string_view magic) {
  return b.size() >= magic.size() && b.compare(0, magic.size(), magic) == 0;
}

// The names of a zip's entries (at most a few hundred are looked at); empty if it is no zip.
std::vector<std::string> zip_names(const std::string& bytes) {
  std::vector<std::string> names;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) return names;
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!z) {
    zip_source_free(src);
    zip_error_fini(&err);
    return names;
  }
  zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n && i < 500; ++i)
    if (const char* name = zip_get_name(z, static_cast<zip_uint64_t>(i), 0)) names.push_back(name);
  zip_discard(z);
  zip_error_fini(&err);
  return names;
}

bool has_prefix(const std::vector<std::string>& names, std::string_view prefix) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return n.rfind(prefix, 0) == 0; });
}

bool looks_like_text(const std::string& b) {
  size_t n = std::min<size_t>(b.size(), 4096);
  if (n == 0) return false;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(b[i]);
    if (c < 0x09 || (c > 0x0D && c < 0x20)) return false;
  }
  return true;
}

std::string extension(const std::string& name) {
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return "";
  std::string e = name.substr(dot + 1);
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  return e;
}

// The types a file name's extension may hold.
std::vector<std::string> types_for_extension(const std::string& ext) {
  if (ext == "jpg" || ext == "jpeg") return {"jpg"};
  if (ext == "doc") return {"doc", "docx"};
  if (ext == "xls") return {"xls", "xlsx"};
  if (ext == "ppt") return {"ppt", "pptx"};
  if (ext == "wps") return {"doc", "docx"};
  return {ext};
}

std::string type_list(const Policy& p) {
  std::string out;
  for (const auto& t : p.types) out += (out.empty() ? "" : "、") + t;
  return out;
}

}  // namespace

std::optional<Detected> sniff(const std::string& b) {
  if (starts(b, "%PDF-")) return Detected{"pdf", "application/pdf"};
  if (starts(b, "\xFF\xD8\xFF")) return Detected{"jpg", "image/jpeg"};
  if (starts(b, "\x89PNG\r\n\x1A\n")) return Detected{"png", "image/png"};
  if (starts(b, std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) {
    // An OLE compound file: Word, Excel or PowerPoint 97-2003 (or WPS). Tell them apart by the
    // stream names, which are UTF-16 in the directory.
    auto has = [&](std::string_view ascii) {
      std::string w;
      for (char c : ascii) {
        w += c;
        w += '\0';
      }
      return b.find(w) != std::string::npos;
    };
    if (has("WordDocument")) return Detected{"doc", "application/msword"};
    if (has("Workbook") || has("Book")) return Detected{"xls", "application/vnd.ms-excel"};
    if (has("PowerPoint Document")) return Detected{"ppt", "application/vnd.ms-powerpoint"};
    return std::nullopt;
  }
  if (starts(b, "PK\x03\x04") || starts(b, "PK\x05\x06")) {
    auto names = zip_names(b);
    if (names.empty()) return std::nullopt;
    bool ooxml = has_prefix(names, "[Content_Types].xml");
    if (ooxml && has_prefix(names, "word/"))
      return Detected{"docx",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document"};
    if (ooxml && has_prefix(names, "xl/")) return Detected{"xlsx", xlsx::kContentType};
    if (ooxml && has_prefix(names, "ppt/"))
      return Detected{"pptx",
                      "application/vnd.openxmlformats-officedocument.presentationml.presentation"};
    if (has_prefix(names, "OFD.xml")) return Detected{"ofd", "application/ofd"};
    return Detected{"zip", "application/zip"};
  }
  if (looks_like_text(b)) return Detected{"txt", "text/plain; charset=utf-8"};
  return std::nullopt;
}

std::string clean_name(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' ||
        c == '"' || c == '<' || c == '>' || c == '|')
      out += '_';
    else
      out += static_cast<char>(c);
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  // ≤ 120 characters, cut on a UTF-8 boundary.
  size_t chars = 0, i = 0;
  for (; i < out.size(); ++i)
    if ((static_cast<unsigned char>(out[i]) & 0xC0) != 0x80 && ++chars > 120) break;
  out.resize(i);
  return out.empty() ? "附件" : out;
}

Detected check_upload(const std::string& bytes, const std::string& name, const Policy& policy) {
  if (static_cast<int64_t>(bytes.size()) > policy.max_bytes)
    throw ApiError(
        413, "payload_too_large",
        {"附件不能超过 " + std::to_string(policy.max_bytes >> 20) + " MB", "The file is too large"},
        {{"file", {"文件过大", "Too large"}}});
  if (!utf8_valid(name))
    throw ApiError::field("name", {"文件名不是有效的 UTF-8 文本", "The file name is not UTF-8"});
  if (bytes.empty()) throw ApiError::field("file", {"文件是空的", "The file is empty"});
  auto d = sniff(bytes);
  const std::string allowed = type_list(policy);
  if (!d || std::find(policy.types.begin(), policy.types.end(), d->type) == policy.types.end())
    throw ApiError::field("file", {"不支持的文件类型，只接受 " + allowed,
                                   "Unsupported file type; allowed: " + allowed});
  auto ok = types_for_extension(extension(name));
  if (std::find(ok.begin(), ok.end(), d->type) == ok.end())
    throw ApiError::field(
        "file", {"文件内容是 " + d->type + "，与文件名“" + clean_name(name) + "”的扩展名不符",
                 "The content does not match the file name"});
  return *d;
}

std::string put(db::Conn& tx, const Clock& clock, const std::string& bytes,
                const std::string& content_type) {
  std::string sha = crypto::sha256_hex(bytes);
  tx.exec(
      "INSERT INTO files (sha256, size, content_type, bytes, created_at) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (sha256) DO NOTHING",
      {sha, static_cast<int64_t>(bytes.size()), content_type, db::Blob{bytes},
       format_utc(clock.now())});
  return sha;
}

std::optional<Stored> get(db::Conn& c, const std::string& sha256) {
  auto r = c.one("SELECT sha256, size, content_type, bytes FROM files WHERE sha256 = ?", {sha256});
  if (!r) return std::nullopt;
  return Stored{r->text(0), r->i64(1), r->text(2), r->text(3)};
}

}  // namespace jx::files
