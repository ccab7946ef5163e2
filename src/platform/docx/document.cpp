#include "platform/docx/document.hpp"

#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace jx::docx {

namespace {

std::string esc(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n') break;
        out += static_cast<char>(c);
    }
  }
  return out;
}

// A run of text; newlines become line breaks.
std::string runs(const std::string& text, const std::string& rpr) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    std::string part = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    out += "<w:r>" + rpr + "<w:t xml:space=\"preserve\">" + esc(part) + "</w:t></w:r>";
    if (nl == std::string::npos) break;
    out += "<w:r><w:br/></w:r>";
    start = nl + 1;
  }
  return out;
}

std::string rpr(const char* font, int half_points, bool bold) {
  return std::string("<w:rPr><w:rFonts w:ascii=\"") + font + "\" w:hAnsi=\"" + font +
         "\" w:eastAsia=\"" + font + "\"/>" + (bold ? "<w:b/>" : "") + "<w:sz w:val=\"" +
         std::to_string(half_points) + "\"/><w:szCs w:val=\"" + std::to_string(half_points) +
         "\"/></w:rPr>";
}

const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "</Types>";
const char* kRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>";

void add(zip_t* z, const char* name, const std::string& body) {
  char* copy = static_cast<char*>(std::malloc(body.size() + 1));
  if (!copy) throw std::runtime_error("docx: out of memory");
  std::memcpy(copy, body.data(), body.size());
  zip_source_t* s = zip_source_buffer(z, copy, body.size(), 1);
  if (!s) {
    std::free(copy);
    throw std::runtime_error("docx: zip_source_buffer failed");
  }
  if (zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) < 0) {
    zip_source_free(s);
    throw std::runtime_error("docx: zip_file_add failed");
  }
}

}  // namespace

void Document::title(const std::string& text) {
  body_ += "<w:p><w:pPr><w:jc w:val=\"center\"/><w:spacing w:after=\"240\"/></w:pPr>" +
           runs(text, rpr("方正小标宋简体", 44, true)) + "</w:p>";
}

void Document::subtitle(const std::string& text) {
  body_ += "<w:p><w:pPr><w:jc w:val=\"center\"/><w:spacing w:after=\"240\"/></w:pPr>" +
           runs(text, rpr("楷体", 32, false)) + "</w:p>";
}

void Document::heading(const std::string& text, int level) {
  body_ +=
      "<w:p><w:pPr><w:spacing w:before=\"120\" w:after=\"60\"/><w:ind "
      "w:firstLine=\"640\"/></w:pPr>" +
      runs(text, level <= 1 ? rpr("黑体", 32, false) : rpr("楷体", 32, true)) + "</w:p>";
}

void Document::paragraph(const std::string& text, bool indent, bool bold) {
  body_ += std::string("<w:p><w:pPr><w:spacing w:line=\"560\" w:lineRule=\"exact\"/>") +
           (indent ? "<w:ind w:firstLine=\"640\"/>" : "") + "</w:pPr>" +
           runs(text, rpr("仿宋", 32, bold)) + "</w:p>";
}

void Document::table(const std::vector<std::string>& headers,
                     const std::vector<std::vector<std::string>>& rows,
                     const std::vector<int>& widths_percent) {
  const int total = 9000;  // twips across the text width of A4 with 公文 margins
  auto cell = [&](const std::string& text, size_t col, bool head) {
    int w = col < widths_percent.size()
                ? total * widths_percent[col] / 100
                : total / static_cast<int>(std::max<size_t>(1, headers.size()));
    return "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(w) +
           "\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:jc w:val=\"" + (head ? "center" : "left") +
           "\"/></w:pPr>" + runs(text, rpr(head ? "黑体" : "仿宋", 24, false)) + "</w:p></w:tc>";
  };
  std::string t =
      "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>"
      "<w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>"
      "<w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>"
      "<w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/>"
      "</w:tblBorders></w:tblPr><w:tr>";
  for (size_t i = 0; i < headers.size(); ++i) t += cell(headers[i], i, true);
  t += "</w:tr>";
  for (const auto& r : rows) {
    t += "<w:tr>";
    for (size_t i = 0; i < headers.size(); ++i) t += cell(i < r.size() ? r[i] : "", i, false);
    t += "</w:tr>";
  }
  body_ += t + "</w:tbl><w:p/>";
}

std::string Document::bytes() const {
  std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:body>" +
      body_ +
      "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" "
      "w:bottom=\"1984\" w:left=\"1587\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
      "</w:sectPr></w:body></w:document>";
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!src) throw std::runtime_error("docx: cannot create a buffer");
  zip_source_keep(src);
  zip_t* z = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  if (!z) {
    zip_source_free(src);
    throw std::runtime_error("docx: cannot open the zip");
  }
  try {
    add(z, "[Content_Types].xml", kContentTypes);
    add(z, "_rels/.rels", kRels);
    add(z, "word/document.xml", document);
  } catch (...) {
    zip_discard(z);
    zip_source_free(src);
    throw;
  }
  if (zip_close(z) < 0) {
    zip_discard(z);
    zip_source_free(src);
    throw std::runtime_error("docx: zip_close failed");
  }
  std::string out;
  if (zip_source_open(src) == 0) {
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    out.resize(static_cast<size_t>(size));
    zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
    zip_source_close(src);
  }
  zip_source_free(src);
  zip_error_fini(&err);
  if (out.empty()) throw std::runtime_error("docx: empty output");
  return out;
}

}  // namespace jx::docx
