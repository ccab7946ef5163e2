// Attachments: the type is read from the bytes, never the name; names are cleaned; content is
// stored once per hash.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <cstdio>

#include "platform/db/db.hpp"
#include "platform/db/migrations.hpp"
#include "platform/files/files.hpp"
#include "platform/util/error.hpp"
#include "platform/xlsx/table_export.hpp"

namespace jx::files {
namespace {

// A zip holding the given entries (in memory).
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(src);
  zip_t* z = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  for (const auto& [name, body] : entries) {
    char* copy = static_cast<char*>(malloc(body.size() + 1));
    memcpy(copy, body.data(), body.size());
    zip_source_t* s = zip_source_buffer(z, copy, body.size(), 1);
    zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8);
  }
  zip_close(z);
  zip_source_open(src);
  zip_source_seek(src, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  std::string out(static_cast<size_t>(size), '\0');
  zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(src);
  zip_source_free(src);
  return out;
}

std::string ole(const char* stream) {
  std::string b("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  b += std::string(100, '\0');
  for (const char* p = stream; *p; ++p) {
    b += *p;
    b += '\0';
  }
  return b;
}

TEST(Files, SniffByContent) {
  struct Row {
    std::string bytes;
    const char* type;  // "" : unknown
  };
  const Row rows[] = {
      {"%PDF-1.7\n...", "pdf"},
      {std::string("\xFF\xD8\xFF\xE0", 4) + "JFIF", "jpg"},
      {std::string("\x89PNG\r\n\x1A\n", 8) + "IHDR", "png"},
      {ole("WordDocument"), "doc"},
      {ole("Workbook"), "xls"},
      {ole("Nothing"), ""},
      {make_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w/>"}}), "docx"},
      {make_zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<w/>"}}), "xlsx"},
      {make_zip({{"OFD.xml", "<ofd/>"}, {"Doc_0/Document.xml", "<d/>"}}), "ofd"},
      {make_zip({{"a.txt", "hello"}}), "zip"},
      {"纯文本说明\n第二行", "txt"},
      {std::string("\x00\x01\x02\x03", 4), ""},
      {"PK\x03\x04 broken", ""},
  };
  for (const auto& r : rows) {
    auto d = sniff(r.bytes);
    if (*r.type == '\0') {
      EXPECT_FALSE(d) << d->type;
    } else {
      ASSERT_TRUE(d) << r.type;
      EXPECT_EQ(d->type, r.type);
    }
  }
  xlsx::Table t{"表", {"a"}, {}, {{"1"}}};
  EXPECT_EQ(sniff(xlsx::to_xlsx(t))->type, "xlsx");
}

TEST(Files, UploadChecksSizeTypeAndName) {
  Policy p;
  p.max_bytes = 1000;
  const std::string pdf = "%PDF-1.4 small";
  EXPECT_EQ(check_upload(pdf, "申报书.PDF", p).type, "pdf");
  auto status = [&](const std::string& bytes, const std::string& name) {
    try {
      check_upload(bytes, name, p);
      return 0;
    } catch (const ApiError& e) {
      EXPECT_FALSE(e.message().zh.empty());
      return e.status();
    }
  };
  EXPECT_EQ(status(pdf + std::string(1000, 'x'), "a.pdf"), 413);
  EXPECT_EQ(status("", "a.pdf"), 422);
  EXPECT_EQ(status(pdf, "a.docx"), 422);  // the name lies
  EXPECT_EQ(status(pdf, "a.exe"), 422);
  EXPECT_EQ(status("MZ\x90\x00 binary", "a.pdf"), 422);  // not a known type
  EXPECT_EQ(status("plain text", "a.txt"), 422);         // txt not in the default policy
  std::string docx = make_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w/>"}});
  EXPECT_EQ(status(docx, "方案.doc"), 0);  // a .doc that is really a docx is accepted
  EXPECT_EQ(status(docx, "方案.docx"), 0);
  EXPECT_EQ(status(docx, "方案.xlsx"), 422);
}

TEST(Files, NamesMustBeUtf8) {
  const std::string pdf = "%PDF-1.4 x";
  EXPECT_NO_THROW(files::check_upload(pdf, "申报书.pdf", files::Policy{}));
  for (std::string bad : {std::string("\xE7\x9B.pdf"), std::string("a\xC0\xAF.pdf"),
                          std::string("\xED\xA0\x80.pdf"), std::string("\xF5\x80\x80\x80.pdf")}) {
    try {
      files::check_upload(pdf, bad, files::Policy{});
      ADD_FAILURE() << "accepted a name that is not UTF-8";
    } catch (const ApiError& e) {
      ASSERT_EQ(e.details().size(), 1u);
      EXPECT_EQ(e.details()[0].field, "name");
    }
  }
}

TEST(Files, CleanName) {
  EXPECT_EQ(clean_name("../../etc/passwd"), "_.._etc_passwd");
  EXPECT_EQ(clean_name("a\\b:c*?.pdf"), "a_b_c__.pdf");
  EXPECT_EQ(clean_name(""), "附件");
  EXPECT_EQ(clean_name("..."), "附件");
  std::string long_name;
  for (int i = 0; i < 130; ++i) long_name += "字";
  EXPECT_EQ(clean_name(long_name).size(), 120u * 3);
}

TEST(Files, StoredOncePerContent) {
  std::string path = "/tmp/jx_files_test_" + std::to_string(getpid()) + ".db";
  for (const char* s : {"", "-wal", "-shm"}) std::remove((path + s).c_str());
  auto db = db::open("sqlite://" + path);
  db::migrate(*db);
  SystemClock clock;
  std::string a, b;
  db->write([&](db::Conn& tx) {
    a = put(tx, clock, "%PDF-1 same", "application/pdf");
    b = put(tx, clock, "%PDF-1 same", "application/pdf");
  });
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.size(), 64u);
  db->read([&](db::Conn& c) {
    EXPECT_EQ(c.one("SELECT COUNT(*) FROM files")->i64(0), 1);
    auto f = get(c, a);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->bytes, "%PDF-1 same");
    EXPECT_EQ(f->size, 11);
    EXPECT_FALSE(get(c, std::string(64, '0')));
  });
  db.reset();
  for (const char* s : {"", "-wal", "-shm"}) std::remove((path + s).c_str());
}

}  // namespace
}  // namespace jx::files
