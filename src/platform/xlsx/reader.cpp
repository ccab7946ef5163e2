#include "platform/xlsx/reader.hpp"

#include "platform/util/text.hpp"

#include "platform/xlsx/cell_text.hpp"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace jx::xlsx {

namespace {

// ---- messages ---------------------------------------------------------------------------------

Msg not_xlsx() {
  return {"文件不是有效的 Excel（.xlsx）文件", "The file is not a valid Excel (.xlsx) file"};
}
Msg old_or_encrypted() {
  return {
      "文件是旧版 Excel（.xls）格式或设置了打开密码，请在 Excel 中另存为不设密码的 .xlsx "
      "文件后再导入",
      "The file is an old Excel (.xls) workbook or is password-protected; save it as an .xlsx "
      "without a password and import it again"};
}
Msg too_big(int64_t limit) {
  std::string mb = std::to_string(limit >> 20);
  return {"文件过大（上限 " + mb + " MB）", "The file is too large (limit " + mb + " MB)"};
}
Msg bomb() {
  return {"解压后内容过大，疑似压缩炸弹", "The file expands to too much data (suspected zip bomb)"};
}
Msg size_lie(const std::string& entry) {
  return {
      "文件结构异常：压缩包内“" + entry + "”的实际大小与声明不符",
      "The file is malformed: the real size of \"" + entry + "\" differs from its declared size"};
}
Msg too_many_entries() {
  return {"文件结构异常：压缩包内的文件过多", "The file is malformed: it holds too many entries"};
}
Msg encrypted_entry() {
  return {"文件已加密，无法读取", "The file is encrypted and cannot be read"};
}
Msg entity() {
  return {"文件包含不允许的 XML 实体",
          "The file contains XML entity declarations, which are not allowed"};
}
Msg damaged(const std::string& entry, const std::string& detail) {
  return {"文件内容已损坏，无法读取（" + entry + (detail.empty() ? "" : "：" + detail) + "）",
          "The file is damaged and cannot be read (" + entry +
              (detail.empty() ? "" : ": " + detail) + ")"};
}
Msg no_sheet(const std::string& sheet) {
  return {"工作表“" + sheet + "”不存在", "There is no sheet \"" + sheet + "\""};
}
Msg too_many_rows(int64_t limit) {
  std::string n = std::to_string(limit);
  return {"行数超过上限（" + n + " 行）", "Too many rows (limit " + n + ")"};
}
Msg too_many_columns(int limit) {
  std::string n = std::to_string(limit);
  return {"列数超过上限（" + n + " 列）", "Too many columns (limit " + n + ")"};
}
Msg cell_too_long(const std::string& ref, size_t limit) {
  std::string n = std::to_string(limit);
  return {"单元格 " + ref + " 的内容超过 " + n + " 个字符",
          "Cell " + ref + " holds more than " + n + " characters"};
}

// ---- small helpers ----------------------------------------------------------------------------

// The name without its namespace prefix ("x:row" -> "row", "r:id" -> "id"): SpreadsheetML is
// read by local names, so files from tools that prefix the main namespace read the same.
std::string_view local_name(const XML_Char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon ? std::string_view(colon + 1) : std::string_view(name);
}

const char* attr(const XML_Char** attrs, std::string_view name) {
  for (int i = 0; attrs[i]; i += 2)
    if (local_name(attrs[i]) == name) return attrs[i + 1];
  return nullptr;
}

// A positive decimal integer, or -1.
int64_t parse_count(std::string_view s) {
  if (s.empty() || s.size() > 15) return -1;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// ---- expat ------------------------------------------------------------------------------------

// Receives the elements of one XML part, by local name.
class XmlSink {
 public:
  virtual ~XmlSink() = default;
  virtual void start(std::string_view name, const XML_Char** attrs) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}
  bool done = false;  // set to stop reading the part (not an error)
};

struct ParseState {
  XML_Parser parser = nullptr;
  XmlSink* sink = nullptr;
  std::exception_ptr error;
  bool entity = false;

  bool halted() const { return error || entity || sink->done; }
  // Exceptions must not cross expat's C frames: keep them and stop the parser.
  template <typename F>
  void guard(F&& f) {
    if (halted()) return;
    try {
      f();
    } catch (...) {
      error = std::current_exception();
    }
    if (halted()) XML_StopParser(parser, XML_FALSE);
  }
};

void XMLCALL on_start(void* ud, const XML_Char* name, const XML_Char** attrs) {
  auto* st = static_cast<ParseState*>(ud);
  st->guard([&] { st->sink->start(local_name(name), attrs); });
}
void XMLCALL on_end(void* ud, const XML_Char* name) {
  auto* st = static_cast<ParseState*>(ud);
  st->guard([&] { st->sink->end(local_name(name)); });
}
void XMLCALL on_text(void* ud, const XML_Char* s, int len) {
  auto* st = static_cast<ParseState*>(ud);
  st->guard([&] { st->sink->text(std::string_view(s, static_cast<size_t>(len))); });
}
// Any DOCTYPE (and so any entity declaration) stops the parse before anything is expanded.
void XMLCALL on_doctype(void* ud, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* st = static_cast<ParseState*>(ud);
  st->entity = true;
  XML_StopParser(st->parser, XML_FALSE);
}
void XMLCALL on_entity(void* ud, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                       const XML_Char*, const XML_Char*, const XML_Char*) {
  auto* st = static_cast<ParseState*>(ud);
  st->entity = true;
  XML_StopParser(st->parser, XML_FALSE);
}
int XMLCALL on_external_entity(XML_Parser, const XML_Char*, const XML_Char*, const XML_Char*,
                               const XML_Char*) {
  return XML_STATUS_ERROR;
}

struct ParserCloser {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};
struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

// ---- the reader -------------------------------------------------------------------------------

struct Reader::Impl {
  struct Sheet {
    std::string name;
    std::string path;  // entry name in the zip; "" when the relationship is missing
  };

  std::string bytes;
  Limits limits;
  std::unique_ptr<zip_t, ZipCloser> zip;
  std::vector<Sheet> sheets;
  // Shared strings back to back in one pool: a file of millions of tiny <si/> costs 8 bytes
  // each, not a std::string each.
  std::string shared_pool;
  std::vector<size_t> shared_ends;  // string i is [shared_ends[i-1], shared_ends[i])
  std::vector<DateKind> xf_kinds;   // by cellXfs index (a cell's s attribute)
  bool date1904 = false;

  int64_t locate(const std::string& path) const {
    return zip_name_locate(zip.get(), path.c_str(), ZIP_FL_NOCASE);
  }

  // Streams one entry through expat into sink, counting the bytes actually inflated.
  void parse(int64_t index, const std::string& name, XmlSink& sink) const {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip.get(), static_cast<zip_uint64_t>(index), 0, &st) != 0)
      throw ReadError(damaged(name, ""));
    if (st.size > static_cast<zip_uint64_t>(limits.max_entry_uncompressed)) throw ReadError(bomb());
    const auto declared = static_cast<int64_t>(st.size);
    std::unique_ptr<zip_file_t, ZipFileCloser> file(
        zip_fopen_index(zip.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) {
      int code = zip_error_code_zip(zip_get_error(zip.get()));
      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
        throw ReadError(encrypted_entry());
      throw ReadError(damaged(name, zip_strerror(zip.get())));
    }
    std::unique_ptr<XML_ParserStruct, ParserCloser> parser(XML_ParserCreate(nullptr));
    if (!parser) throw std::bad_alloc();
    ParseState state;
    state.parser = parser.get();
    state.sink = &sink;
    XML_SetUserData(parser.get(), &state);
    XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
    XML_SetEntityDeclHandler(parser.get(), on_entity);
    XML_SetExternalEntityRefHandler(parser.get(), on_external_entity);
    XML_SetElementHandler(parser.get(), on_start, on_end);
    XML_SetCharacterDataHandler(parser.get(), on_text);

    std::vector<char> buf(64 * 1024);
    int64_t total = 0;
    for (;;) {
      // Never ask for more than one byte past the declared size: a lying header is caught
      // before it costs more than the truth it claimed.
      const int64_t want =
          std::min<int64_t>(static_cast<int64_t>(buf.size()), declared - total + 1);
      zip_int64_t n = zip_fread(file.get(), buf.data(), static_cast<zip_uint64_t>(want));
      if (n < 0) throw ReadError(damaged(name, zip_file_strerror(file.get())));
      total += n;
      if (total > declared) throw ReadError(size_lie(name));
      if (total > limits.max_entry_uncompressed) throw ReadError(bomb());
      const bool last = n == 0;
      if (XML_Parse(parser.get(), buf.data(), static_cast<int>(n), last) == XML_STATUS_ERROR) {
        if (state.error) std::rethrow_exception(state.error);
        if (state.entity) throw ReadError(entity());
        if (sink.done) return;
        char line[48];
        std::snprintf(line, sizeof line, "line %lu: ",
                      static_cast<unsigned long>(XML_GetCurrentLineNumber(parser.get())));
        throw ReadError(
            damaged(name, line + std::string(XML_ErrorString(XML_GetErrorCode(parser.get())))));
      }
      if (state.error) std::rethrow_exception(state.error);
      if (sink.done || last) return;
    }
  }

  void parse_optional(const std::string& path, XmlSink& sink) const {
    int64_t index = locate(path);
    if (index >= 0) parse(index, path, sink);
  }
};

namespace {

class WorkbookSink : public XmlSink {
 public:
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
  bool date1904 = false;

  void start(std::string_view name, const XML_Char** attrs) override {
    if (name == "sheet") {
      const char* n = attr(attrs, "name");
      const char* id = attr(attrs, "id");
      if (n) sheets.emplace_back(n, id ? id : "");
    } else if (name == "workbookPr") {
      const char* v = attr(attrs, "date1904");
      date1904 = v && (std::strcmp(v, "1") == 0 || std::strcmp(v, "true") == 0);
    }
  }
  void end(std::string_view) override {}
};

class RelsSink : public XmlSink {
 public:
  struct Rel {
    std::string type;
    std::string target;
  };
  std::map<std::string, Rel> by_id;

  void start(std::string_view name, const XML_Char** attrs) override {
    if (name != "Relationship") return;
    const char* id = attr(attrs, "Id");
    const char* type = attr(attrs, "Type");
    const char* target = attr(attrs, "Target");
    const char* mode = attr(attrs, "TargetMode");
    if (!id || !target || (mode && std::strcmp(mode, "External") == 0)) return;
    by_id[id] = {type ? type : "", target};
  }
  void end(std::string_view) override {}

  // The zip path of the first relationship whose type ends with suffix, or "".
  std::string find_type(std::string_view suffix) const {
    for (const auto& [id, rel] : by_id)
      if (rel.type.size() >= suffix.size() &&
          std::string_view(rel.type).substr(rel.type.size() - suffix.size()) == suffix)
        return resolve(rel.target);
    return "";
  }

  // Targets are relative to xl/ (the workbook's folder) unless they start with '/'.
  static std::string resolve(const std::string& target) {
    std::string path = target[0] == '/' ? target.substr(1) : "xl/" + target;
    std::vector<std::string> parts;
    size_t pos = 0;
    while (pos <= path.size()) {
      size_t slash = path.find('/', pos);
      if (slash == std::string::npos) slash = path.size();
      std::string part = path.substr(pos, slash - pos);
      if (part == "..") {
        if (!parts.empty()) parts.pop_back();
      } else if (!part.empty() && part != ".") {
        parts.push_back(part);
      }
      pos = slash + 1;
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
  }
};

class SharedStringsSink : public XmlSink {
 public:
  SharedStringsSink(std::string& pool, std::vector<size_t>& ends) : pool_(pool), ends_(ends) {}

  void start(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      in_si_ = true;
      current_.clear();
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t" && in_si_ && phonetic_ == 0) {
      in_t_ = true;
    }
  }
  void end(std::string_view name) override {
    if (name == "si") {
      pool_ += decode_escapes(current_);
      ends_.push_back(pool_.size());
      in_si_ = false;
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "t") {
      in_t_ = false;
    }
  }
  void text(std::string_view s) override {
    if (in_t_) current_.append(s);
  }

 private:
  std::string& pool_;
  std::vector<size_t>& ends_;
  std::string current_;
  bool in_si_ = false;
  bool in_t_ = false;
  int phonetic_ = 0;
};

class StylesSink : public XmlSink {
 public:
  static int format_id(const char* text) {
    return static_cast<int>(std::min<int64_t>(parse_count(text), INT32_MAX));
  }

  explicit StylesSink(std::vector<DateKind>& out) : out_(out) {}

  void start(std::string_view name, const XML_Char** attrs) override {
    if (name == "numFmt") {
      const char* id = attr(attrs, "numFmtId");
      const char* code = attr(attrs, "formatCode");
      if (id && code) custom_[format_id(id)] = custom_format_kind(code);
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = attr(attrs, "numFmtId");
      int fmt = id ? format_id(id) : 0;
      auto it = custom_.find(fmt);
      out_.push_back(it != custom_.end() ? it->second : builtin_format_kind(fmt));
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

 private:
  std::vector<DateKind>& out_;
  std::unordered_map<int, DateKind> custom_;
  bool in_cell_xfs_ = false;
};

class SheetSink : public XmlSink {
 public:
  SheetSink(const Reader::Impl& book, const RowFn& fn) : book_(book), fn_(fn) {}

  void start(std::string_view name, const XML_Char** attrs) override {
    if (name == "row") {
      const char* r = attr(attrs, "r");
      int64_t n = r ? parse_count(r) : -1;
      row_ = n > 0 ? n : row_ + 1;
      col_ = -1;
      cells_.clear();
    } else if (name == "c") {
      in_cell_ = true;
      const char* r = attr(attrs, "r");
      int index = -1;
      if (r) {
        size_t letters = 0;
        while (r[letters] && std::isalpha(static_cast<unsigned char>(r[letters]))) ++letters;
        index = column_index(std::string(r, letters));
      }
      col_ = index >= 0 ? index : col_ + 1;
      const char* t = attr(attrs, "t");
      type_ = t ? t : "";
      const char* s = attr(attrs, "s");
      style_ = s ? parse_count(s) : 0;
      value_.clear();
    } else if (!in_cell_) {
      return;
    } else if (name == "v") {
      in_v_ = true;
    } else if (name == "is") {
      in_inline_ = true;
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t" && in_inline_ && phonetic_ == 0) {
      in_t_ = true;
    }
  }

  void text(std::string_view s) override {
    if (!in_v_ && !in_t_) return;
    value_.append(s);
    // Bytes bound the characters from above (4 per character at most): stop early.
    if (value_.size() > book_.limits.max_cell_chars * 4) throw ReadError(too_long());
  }

  void end(std::string_view name) override {
    if (name == "v") {
      in_v_ = false;
    } else if (name == "t") {
      in_t_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "c") {
      in_cell_ = false;
      finish_cell();
    } else if (name == "row") {
      finish_row();
    }
  }

 private:
  std::string too_long_ref() const { return column_letters(col_) + std::to_string(row_); }
  Msg too_long() const { return cell_too_long(too_long_ref(), book_.limits.max_cell_chars); }

  std::string render() const {
    if (type_ == "s") {
      int64_t i = parse_count(value_);
      if (value_.empty()) return "";
      if (i < 0 || static_cast<size_t>(i) >= book_.shared_ends.size())
        throw ReadError(damaged("sharedStrings", "index " + value_));
      const auto n = static_cast<size_t>(i);
      const size_t begin = n == 0 ? 0 : book_.shared_ends[n - 1];
      return book_.shared_pool.substr(begin, book_.shared_ends[n] - begin);
    }
    if (type_ == "inlineStr" || type_ == "str") return decode_escapes(value_);
    if (type_ == "b") return value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
    if (type_ == "e") return value_;
    if (type_ == "d") return iso_date_text(value_);
    if (value_.empty()) return "";
    DateKind kind = style_ >= 0 && static_cast<size_t>(style_) < book_.xf_kinds.size()
                        ? book_.xf_kinds[static_cast<size_t>(style_)]
                        : DateKind::kNone;
    return kind == DateKind::kNone ? general_number_text(value_)
                                   : date_serial_text(value_, kind, book_.date1904);
  }

  void finish_cell() {
    std::string v = render();
    if (v.empty()) return;
    if (col_ >= book_.limits.max_columns)
      throw ReadError(too_many_columns(book_.limits.max_columns));
    if (row_ > book_.limits.max_rows) throw ReadError(too_many_rows(book_.limits.max_rows));
    if (utf8_length(v) > book_.limits.max_cell_chars) throw ReadError(too_long());
    if (static_cast<size_t>(col_) >= cells_.size()) cells_.resize(static_cast<size_t>(col_) + 1);
    cells_[static_cast<size_t>(col_)] = std::move(v);
  }

  void finish_row() {
    if (cells_.empty()) return;
    if (++delivered_ > book_.limits.max_rows) throw ReadError(too_many_rows(book_.limits.max_rows));
    if (!fn_(row_, cells_)) done = true;
    cells_.clear();
  }

  const Reader::Impl& book_;
  const RowFn& fn_;
  int64_t row_ = 0;
  int col_ = -1;
  int64_t delivered_ = 0;
  std::vector<std::string> cells_;
  std::string type_;
  int64_t style_ = 0;
  std::string value_;
  bool in_cell_ = false;
  bool in_v_ = false;
  bool in_inline_ = false;
  bool in_t_ = false;
  int phonetic_ = 0;
};

}  // namespace

Reader::Reader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Reader::Reader(Reader&&) noexcept = default;
Reader& Reader::operator=(Reader&&) noexcept = default;
Reader::~Reader() = default;

Reader Reader::open(std::string bytes, Limits limits) {
  if (static_cast<int64_t>(bytes.size()) > limits.max_file_bytes)
    throw ReadError(too_big(limits.max_file_bytes));
  static constexpr char kOle[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  if (bytes.compare(0, 8, kOle, 8) == 0) throw ReadError(old_or_encrypted());
  if (bytes.compare(0, 4, "PK\x03\x04", 4) != 0) throw ReadError(not_xlsx());

  auto impl = std::make_unique<Impl>();
  impl->bytes = std::move(bytes);
  impl->limits = limits;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source =
      zip_source_buffer_create(impl->bytes.data(), impl->bytes.size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    throw std::bad_alloc();
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (!archive) {
    zip_source_free(source);
    throw ReadError(not_xlsx());
  }
  impl->zip.reset(archive);

  // Declared sizes first: cheap, and most bombs stop here.
  const int64_t entries = zip_get_num_entries(archive, 0);
  if (entries > limits.max_entries) throw ReadError(too_many_entries());
  int64_t total = 0;
  for (int64_t i = 0; i < entries; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
      throw ReadError(not_xlsx());
    // Compared unsigned first: a zip64 header may claim sizes no int64 holds.
    if (st.size > static_cast<zip_uint64_t>(limits.max_entry_uncompressed)) throw ReadError(bomb());
    const auto size = static_cast<int64_t>(st.size);
    const auto packed = static_cast<int64_t>(
        std::clamp<zip_uint64_t>(st.comp_size, 1, static_cast<zip_uint64_t>(INT64_MAX)));
    total += size;
    if (size > limits.max_entry_uncompressed || total > limits.max_total_uncompressed ||
        (size >= limits.ratio_min_entry_bytes && size / packed > limits.max_ratio))
      throw ReadError(bomb());
  }

  int64_t workbook = impl->locate("xl/workbook.xml");
  if (workbook < 0) throw ReadError(not_xlsx());
  WorkbookSink book;
  impl->parse(workbook, "xl/workbook.xml", book);
  impl->date1904 = book.date1904;

  RelsSink rels;
  int64_t rels_index = impl->locate("xl/_rels/workbook.xml.rels");
  if (rels_index < 0) throw ReadError(not_xlsx());
  impl->parse(rels_index, "xl/_rels/workbook.xml.rels", rels);
  for (const auto& [name, id] : book.sheets) {
    auto it = rels.by_id.find(id);
    impl->sheets.push_back(
        {name, it == rels.by_id.end() ? "" : RelsSink::resolve(it->second.target)});
  }

  std::string shared = rels.find_type("/sharedStrings");
  SharedStringsSink shared_sink(impl->shared_pool, impl->shared_ends);
  impl->parse_optional(shared.empty() ? "xl/sharedStrings.xml" : shared, shared_sink);
  std::string styles = rels.find_type("/styles");
  StylesSink styles_sink(impl->xf_kinds);
  impl->parse_optional(styles.empty() ? "xl/styles.xml" : styles, styles_sink);
  return Reader(std::move(impl));
}

std::vector<std::string> Reader::sheet_names() const {
  std::vector<std::string> names;
  for (const auto& s : impl_->sheets) names.push_back(s.name);
  return names;
}

bool Reader::has_sheet(const std::string& sheet) const {
  for (const auto& s : impl_->sheets)
    if (s.name == sheet) return true;
  return false;
}

bool Reader::date1904() const {
  return impl_->date1904;
}

void Reader::rows(const std::string& sheet, const RowFn& fn) const {
  for (const auto& s : impl_->sheets) {
    if (s.name != sheet) continue;
    int64_t index = s.path.empty() ? -1 : impl_->locate(s.path);
    if (index < 0) throw ReadError(damaged(s.path.empty() ? sheet : s.path, "missing"));
    SheetSink sink(*impl_, fn);
    impl_->parse(index, s.path, sink);
    return;
  }
  throw ReadError(no_sheet(sheet));
}

int column_index(const std::string& letters) {
  if (letters.empty() || letters.size() > 3) return -1;
  int v = 0;
  for (char c : letters) {
    char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (u < 'A' || u > 'Z') return -1;
    v = v * 26 + (u - 'A' + 1);
  }
  return v <= 16384 ? v - 1 : -1;
}

std::string column_letters(int index) {
  std::string out;
  for (int n = index + 1; n > 0; n = (n - 1) / 26)
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  return out;
}

}  // namespace jx::xlsx
