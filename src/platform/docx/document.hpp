// A small .docx writer for the reports jixiao prints (事前绩效评估报告 and later ones): a title,
// headings, paragraphs and plain tables, in 仿宋/黑体 at 公文 sizes, A4. Enough for Word, WPS
// and LibreOffice to open and print; not a general word processor.
//
// Contract: build a Document, then bytes() gives the .docx. Text is escaped; control characters
// other than tab and newline are dropped (a newline starts a new line in the same paragraph).
// Thread-compatible (no shared state). bytes() throws std::runtime_error only if libzip fails.
#pragma once

#include <string>
#include <vector>

namespace jx::docx {

class Document {
 public:
  void title(const std::string& text);
  void subtitle(const std::string& text);
  void heading(const std::string& text, int level = 1);  // 1: 黑体 三号, 2: 楷体 三号 bold
  void paragraph(const std::string& text, bool indent = true, bool bold = false);
  void table(const std::vector<std::string>& headers,
             const std::vector<std::vector<std::string>>& rows,
             const std::vector<int>& widths_percent = {});
  std::string bytes() const;

 private:
  std::string body_;
};

}  // namespace jx::docx
