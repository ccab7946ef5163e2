// Imports of organizations, users and reference data (docs/api-org.md "Import"), on the
// platform's import contract (platform/xlsx/import.hpp): the template is checked row by row,
// then every row is written through the same use cases as the API, in ONE transaction; any
// error a use case raises is collected for its row and the whole transaction rolls back.
#include <boost/json.hpp>
#include <map>
#include <set>

#include "modules/org/rules.hpp"
#include "modules/org/service.hpp"
#include "platform/auth/accounts.hpp"
#include "platform/auth/passwords.hpp"
#include "platform/util/crypto.hpp"
#include "platform/xlsx/table_export.hpp"

namespace jx::org {

namespace json = boost::json;
using xlsx::Column;
using xlsx::RowError;

namespace {

// Organization kinds an import may create, by their Chinese name. The 财政局 and its 股室 are
// set up one by one (they carry 归口 and the bureau's staff).
const std::vector<std::pair<std::string, std::string>>& importable_kinds() {
  static const std::vector<std::pair<std::string, std::string>> k = {
      {"预算部门", "department"}, {"预算单位", "unit"},          {"乡镇街道", "township"},
      {"经济开发区", "dev_zone"}, {"第三方机构", "third_party"}, {"监督机构", "oversight"}};
  return k;
}

xlsx::Template orgs_template() {
  std::vector<std::string> kinds, types;
  for (const auto& [zh, code] : importable_kinds()) kinds.push_back(zh);
  for (const char* t : kUnitTypes) types.push_back(t);
  xlsx::Template t;
  t.sheet = "机构";
  t.columns = {
      {"kind", "机构类型", true, "预算部门、预算单位、乡镇街道、经济开发区、第三方机构或监督机构",
       kinds, 12},
      {"name", "名称", true, "全称，2到100个字", {}, 30},
      {"short_name", "简称", false, "不超过40个字", {}, 14},
      {"code",
       "预算单位编码",
       false,
       "预算部门3位数字；预算单位为上级编码加3位数字（如 "
       "101001）。预算部门、预算单位、乡镇街道、经济开发区必填",
       {},
       14},
      {"uscc",
       "统一社会信用代码",
       false,
       "18位，按 GB 32100 校验；预算单位和第三方机构必填",
       {},
       22},
      {"region_code", "行政区划代码", true, "6位县级或9位乡镇级代码，如 371525", {}, 14},
      {"parent_code",
       "上级单位编码",
       false,
       "预算单位必填：所属预算部门或上级单位的预算单位编码（同一行政区划内）；可以是本表前面行中的"
       "单位",
       {},
       14},
      {"unit_type", "单位性质", false, "预算部门、预算单位等必填", types, 14},
      {"sector", "行业领域", false, "参考数据“行业领域”的名称或编码，如 教育 或 education", {}, 14},
      {"contact", "联系人", false, "", {}, 10},
      {"phone", "联系电话", false, "数字、+、-、空格，不超过20位", {}, 16},
  };
  t.example_rows = {{"预算部门", "冠县教育和体育局", "教体局", "111", "11371525004120001X",
                     "371525", "", "行政单位", "教育", "李娜", "0635-5210001"},
                    {"预算单位", "冠县第一中学", "一中", "111001", "12371525MB0001234X", "371525",
                     "111", "事业单位", "教育", "王老师", "0635-5210002"}};
  t.instructions =
      "每行一个机构；所有行校验通过才会写入，有任何错误时不写入任何数据，并给出错误报告。\n"
      "预算单位的上级可以是本表中排在它前面的部门或单位。\n"
      "财政局及其股室请在“组织机构”页面逐个维护。";
  return t;
}

xlsx::Template regions_template() {
  xlsx::Template t;
  t.sheet = "行政区划";
  t.columns = {
      {"code",
       "行政区划代码",
       true,
       "省 NN0000、市 NNNN00、县 6位、乡镇街道 9位（县代码加3位）；上级须已存在或在本表中",
       {},
       14},
      {"name", "名称", true, "2到40个字", {}, 20},
  };
  t.example_rows = {
      {"370000", "山东省"}, {"371500", "聊城市"}, {"371525", "冠县"}, {"371525001", "清泉街道"}};
  t.instructions = "每行一个行政区划；按级次写入（省、市、县、乡镇），所有行校验通过才会写入。";
  return t;
}

xlsx::Template users_template() {
  xlsx::Template t;
  t.sheet = "账号";
  t.columns = {
      {"username", "登录名", true, "3到32位字母、数字、点、下划线或连字符", {}, 16},
      {"display_name", "姓名", true, "不超过40个字", {}, 12},
      {"region_code", "所属机构行政区划代码", true, "所属机构的行政区划代码，如 371525", {}, 16},
      {"org", "所属机构编码", true, "所属机构的预算单位编码；没有编码的机构填写其全称", {}, 24},
      {"phone", "手机", false, "", {}, 16},
      {"email", "邮箱", false, "", {}, 24},
  };
  t.example_rows = {{"wangxm", "王晓明", "371525", "111001", "13800000000", "wangxm@example.cn"}};
  t.instructions =
      "每行一个账号；所有行校验通过才会写入。\n"
      "导入的账号获得随机的一次性初始密码（首次登录须修改），导入完成后下载密码清单，清单只能下载一"
      "次。\n"
      "角色由安全管理员另行授予（三员分立：系统管理员不能授予角色）。";
  return t;
}

xlsx::Template ref_template(const std::string& kind) {
  const RefKind* k = find_ref_kind(kind);
  xlsx::Template t;
  t.sheet = "参考数据";
  std::string code_hint = "小写字母开头的英文编码";
  if (k && !k->level_lengths.empty()) {
    code_hint.clear();
    for (size_t i = 0; i < k->level_lengths.size(); ++i)
      code_hint += (i ? "、" : "") + std::to_string(k->level_lengths[i]);
    code_hint = "按级次为 " + code_hint + " 位数字";
  }
  t.columns = {
      {"code", "编码", true, code_hint, {}, 12},
      {"name", "名称", true, "1到60个字", {}, 36},
      {"parent_code", "上级编码", false, "下级科目填写上级科目的编码；第一级留空", {}, 12}};
  if (k && !k->level_lengths.empty())
    t.example_rows = {
        {"205", "教育支出", ""}, {"20502", "普通教育", "205"}, {"2050202", "小学教育", "20502"}};
  else
    t.example_rows = {{"education", "教育", ""}};
  t.instructions = std::string("类别：") + (k ? k->name.zh : kind) +
                   "。导入的年度在上传时选择：新编码自该年度起有效，名称有变化的编码自该年度起更名"
                   "，表中没有的编码保持不变。";
  return t;
}

// Turns a use case's ApiError into errors of the row, naming columns by title.
void collect(const ApiError& e, int64_t row, const std::map<std::string, std::string>& titles,
             std::vector<RowError>& out) {
  if (e.details().empty()) {
    out.push_back({row, "", e.message()});
    return;
  }
  for (const auto& d : e.details()) {
    auto it = titles.find(d.field);
    out.push_back({row, it == titles.end() ? "" : it->second, d.message});
  }
}

std::map<std::string, std::string> titles_of(const xlsx::Template& t) {
  std::map<std::string, std::string> m;
  for (const auto& c : t.columns) m[c.key] = c.title;
  return m;
}

// Runs the import and shapes the job result: errors.xlsx attached when there are errors.
json::object finish(jobs::JobContext& job, const xlsx::ImportOutcome& outcome, Lang lang,
                    json::array files = {}) {
  json::object result = xlsx::to_json(outcome, lang);
  if (!outcome.errors.empty())
    files.push_back(job.attach_file("errors.xlsx", "导入错误报告.xlsx", xlsx::kContentType,
                                    xlsx::error_report(outcome.errors, lang)));
  result["files"] = std::move(files);
  return result;
}

xlsx::ImportProgress progress_of(jobs::JobContext& job) {
  return [&job](int64_t done, int64_t total) {
    job.progress(done, total, "校验中");
    return !job.cancelled();
  };
}

xlsx::Limits limits_for(int64_t rows) {
  xlsx::Limits l;
  l.max_file_bytes = kMaxImportBytes;
  l.max_rows = rows + 1;
  return l;
}

}  // namespace

OrgMatch match_org(db::Conn& c, const std::string& region_code, const std::string& key) {
  std::vector<int64_t> found;
  if (auto id = store::find_by_code(c, region_code, key)) found.push_back(*id);
  if (found.empty()) found = store::find_by_name(c, region_code, key);
  if (found.empty())
    return {0,
            {"行政区划“" + region_code + "”中没有编码或名称为“" + key + "”的在用机构",
             "No active organization with that code or name in the region"}};
  if (found.size() > 1)
    return {0, {"名称“" + key + "”对应多个机构，请填写预算单位编码", "Ambiguous name"}};
  if (auto o = store::find(c, found[0]); !o || o->status != "active")
    return {0, {"该机构已停用或已合并", "The organization is not active"}};
  return {found[0], {}};
}

xlsx::Template import_template(const std::string& type, const std::string& ref_kind) {
  if (type == "orgs") return orgs_template();
  if (type == "regions") return regions_template();
  if (type == "users") return users_template();
  if (type == "ref") return ref_template(ref_kind);
  throw std::invalid_argument("unknown import type");
}

// ---------------------------------------------------------------- organizations

json::object run_org_import(db::Db& db, const Clock& clock, const Caller& who,
                            const std::string& bytes, jobs::JobContext& job, Lang lang) {
  const xlsx::Template t = orgs_template();
  const auto titles = titles_of(t);
  std::map<std::string, std::string> kind_of;
  for (const auto& [zh, code] : importable_kinds()) kind_of[zh] = code;
  // Sectors by name and by code (any year).
  std::map<std::string, std::string> sector_of;
  db.read([&](db::Conn& c) {
    for (const auto& s : store::ref_items(c, "sector", std::nullopt)) {
      sector_of[s.code] = s.code;
      sector_of[s.name] = s.code;
    }
  });
  std::set<std::pair<std::string, std::string>> codes;  // (region, code) within the file
  std::set<std::string> usccs;

  // Rules of the file itself, checked with the use case's own in the write pass so that every
  // error of every row is reported at once.
  auto file_rules = [&](int64_t row, const std::map<std::string, std::string>& r,
                        std::vector<RowError>& e) {
    const std::string& kind = kind_of.count(r.at("kind")) ? kind_of.at(r.at("kind")) : "";
    if (kind == "unit" && r.at("parent_code").empty())
      e.push_back({row,
                   "上级单位编码",
                   {"预算单位必须填写上级单位编码", "A unit needs its parent's code"}});
    if (!kind.empty() && kind != "unit" && !r.at("parent_code").empty())
      e.push_back(
          {row, "上级单位编码", {"只有预算单位填写上级单位编码", "Only a unit has a parent code"}});
    if (!r.at("sector").empty() && !sector_of.count(r.at("sector")))
      e.push_back(
          {row, "行业领域", {"行业领域“" + r.at("sector") + "”不在参考数据中", "Unknown sector"}});
    if (!r.at("code").empty() && !codes.insert({r.at("region_code"), r.at("code")}).second)
      e.push_back(
          {row,
           "预算单位编码",
           {"预算单位编码“" + r.at("code") + "”在本表中重复", "The code repeats in the file"}});
    if (!r.at("uscc").empty() && !usccs.insert(r.at("uscc")).second)
      e.push_back(
          {row,
           "统一社会信用代码",
           {"统一社会信用代码“" + r.at("uscc") + "”在本表中重复", "The code repeats in the file"}});
  };

  // parse() already checked the template (columns, required cells, choices); every other rule
  // runs in the write pass below.
  auto check = [](int64_t, const std::map<std::string, std::string>&, std::vector<RowError>&) {};

  auto write = [&](const xlsx::Parsed& p) {
    job.progress(p.rows.size(), p.rows.size(), "校验并写入中");
    db.write([&](db::Conn& tx) {
      codes.clear();  // a retried transaction starts over
      usccs.clear();
      std::vector<RowError> errors;
      for (size_t i = 0; i < p.rows.size(); ++i) {
        const auto& r = p.rows[i];
        int64_t row = p.row_numbers[i];
        size_t before = errors.size();
        file_rules(row, r, errors);
        if (errors.size() > before) continue;
        OrgInput in;
        in.kind = kind_of.at(r.at("kind"));
        in.name = r.at("name");
        in.short_name = r.at("short_name");
        in.code = r.at("code");
        in.uscc = r.at("uscc");
        in.region_code = r.at("region_code");
        in.unit_type = r.at("unit_type");
        in.sector_code = r.at("sector").empty() ? "" : sector_of.at(r.at("sector"));
        in.contact = r.at("contact");
        in.phone = r.at("phone");
        if (!r.at("parent_code").empty()) {
          auto parent = store::find_by_code(tx, r.at("region_code"), r.at("parent_code"));
          if (!parent) {
            errors.push_back({row,
                              "上级单位编码",
                              {"上级单位编码“" + r.at("parent_code") + "”在该行政区划中不存在",
                               "No organization with that code in the region"}});
            continue;
          }
          in.parent_id = *parent;
          in.parent_id_given = true;
        }
        try {
          create_org(tx, clock, who, in);
        } catch (const ApiError& e) {
          collect(e, row, titles, errors);
        }
      }
      if (!errors.empty()) throw xlsx::ImportRejected(std::move(errors));
      audit::append(tx, clock, who.actor,
                    {"org.import", "job", std::to_string(job.id()), "success", nullptr,
                     json::object{{"rows", static_cast<int64_t>(p.rows.size())}}});
    });
  };
  auto outcome =
      xlsx::run_import(bytes, t, check, write, progress_of(job), limits_for(kMaxImportRows));
  return finish(job, outcome, lang);
}

// ---------------------------------------------------------------- regions

json::object run_region_import(db::Db& db, const Clock& clock, const Caller& who,
                               const std::string& bytes, jobs::JobContext& job, Lang lang) {
  const xlsx::Template t = regions_template();
  const auto titles = titles_of(t);
  auto check = [](int64_t, const std::map<std::string, std::string>&, std::vector<RowError>&) {};
  auto write = [&](const xlsx::Parsed& p) {
    job.progress(p.rows.size(), p.rows.size(), "校验并写入中");
    // Parents first: a shorter code is a higher level, and 9-digit townships come last.
    std::vector<size_t> order(p.rows.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto rank = [&](size_t i) {
      auto level = region_level(p.rows[i].at("code"));
      return level ? static_cast<int>(*level) : 9;
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return rank(a) < rank(b); });
    db.write([&](db::Conn& tx) {
      std::vector<RowError> errors;
      std::set<std::string> seen;
      for (size_t i : order) {
        const auto& r = p.rows[i];
        if (!seen.insert(r.at("code")).second) {
          errors.push_back(
              {p.row_numbers[i], "行政区划代码", {"代码在本表中重复", "Repeated in the file"}});
          continue;
        }
        try {
          create_region(tx, clock, who, {r.at("code"), r.at("name"), "", "", ""});
        } catch (const ApiError& e) {
          collect(e, p.row_numbers[i], titles, errors);
        }
      }
      if (!errors.empty()) throw xlsx::ImportRejected(std::move(errors));
    });
  };
  auto outcome =
      xlsx::run_import(bytes, t, check, write, progress_of(job), limits_for(kMaxImportRows));
  return finish(job, outcome, lang);
}

// ---------------------------------------------------------------- users

json::object run_user_import(db::Db& db, const Clock& clock, const Caller& who,
                             const std::string& bytes, jobs::JobContext& job, Lang lang) {
  const xlsx::Template t = users_template();
  const auto titles = titles_of(t);
  std::set<std::string> names;
  std::vector<int64_t> org_of_row;  // by parsed row index, filled by check (rows come in order)

  auto check = [&](int64_t row, const std::map<std::string, std::string>& r,
                   std::vector<RowError>& e) {
    int64_t org_id = 0;
    auth::NewUser u{r.at("username"), r.at("display_name"), std::nullopt, r.at("phone"),
                    r.at("email")};
    try {
      auth::validate_new_user(u);
    } catch (const ApiError& err) {
      collect(err, row, titles, e);
    }
    if (!u.username.empty() && !names.insert(u.username).second)
      e.push_back(
          {row, "登录名", {"登录名“" + u.username + "”在本表中重复", "Repeated in the file"}});
    db.read([&](db::Conn& c) {
      if (!u.username.empty() && auth::find_user_id(c, u.username))
        e.push_back({row, "登录名", {"登录名“" + u.username + "”已被使用", "The name is taken"}});
      const std::string& region = r.at("region_code");
      const std::string& key = r.at("org");
      if (region.empty() || key.empty()) return;
      OrgMatch m = match_org(c, region, key);
      if (m.id)
        org_id = m.id;
      else
        e.push_back({row, "所属机构编码", m.error});
    });
    org_of_row.push_back(org_id);
  };

  json::array files;
  auto write = [&](const xlsx::Parsed& p) {
    std::vector<std::string> passwords, hashes;
    for (size_t i = 0; i < p.rows.size(); ++i) {
      if (job.cancelled()) throw xlsx::ImportRejected({{0, "", {"导入已取消", "Cancelled"}}});
      passwords.push_back(crypto::random_password(14));
      hashes.push_back(auth::hash_password(passwords.back()));
      job.progress(i + 1, p.rows.size(), "生成初始密码");
    }
    db.write([&](db::Conn& tx) {
      std::vector<RowError> errors;
      for (size_t i = 0; i < p.rows.size(); ++i) {
        const auto& r = p.rows[i];
        auth::NewUser u{r.at("username"), r.at("display_name"), org_of_row.at(i), r.at("phone"),
                        r.at("email")};
        try {
          int64_t id = auth::create_user(tx, clock, who.actor, u, hashes[i], true);
          (void)id;
        } catch (const ApiError& e) {
          collect(e, p.row_numbers[i], titles, errors);
        }
      }
      if (!errors.empty()) throw xlsx::ImportRejected(std::move(errors));
      audit::append(tx, clock, who.actor,
                    {"user.import", "job", std::to_string(job.id()), "success", nullptr,
                     json::object{{"rows", static_cast<int64_t>(p.rows.size())}}});
    });
    xlsx::Table list{"初始密码", {"登录名", "姓名", "初始密码"}, {16, 12, 20}, {}};
    for (size_t i = 0; i < p.rows.size(); ++i)
      list.rows.push_back({p.rows[i].at("username"), p.rows[i].at("display_name"), passwords[i]});
    files.push_back(job.attach_file("passwords.xlsx", "初始密码清单.xlsx", xlsx::kContentType,
                                    xlsx::to_xlsx(list), true));
  };
  auto outcome =
      xlsx::run_import(bytes, t, check, write, progress_of(job), limits_for(kMaxUserImportRows));
  return finish(job, outcome, lang, std::move(files));
}

// ---------------------------------------------------------------- reference data

json::object run_ref_import(db::Db& db, const Clock& clock, const Caller& who,
                            const std::string& kind, int year, const std::string& bytes,
                            jobs::JobContext& job, Lang lang) {
  const RefKind* k = find_ref_kind(kind);
  if (!k) throw std::invalid_argument("unknown reference kind");
  const xlsx::Template t = ref_template(kind);
  const auto titles = titles_of(t);
  std::set<std::string> codes;
  auto file_rules = [&](int64_t row, const std::map<std::string, std::string>& r,
                        std::vector<RowError>& e) {
    RefCodeCheck cc = check_ref_code(*k, r.at("code"), r.at("parent_code"));
    if (cc.code_error) e.push_back({row, "编码", *cc.code_error});
    if (cc.parent_error) e.push_back({row, "上级编码", *cc.parent_error});
    if (auto m = check_ref_name(r.at("name"))) e.push_back({row, "名称", *m});
    if (!r.at("code").empty() && !codes.insert(r.at("code")).second)
      e.push_back(
          {row, "编码", {"编码“" + r.at("code") + "”在本表中重复", "Repeated in the file"}});
  };
  auto check = [](int64_t, const std::map<std::string, std::string>&, std::vector<RowError>&) {};
  int64_t added = 0, renamed = 0, unchanged = 0;
  auto write = [&](const xlsx::Parsed& p) {
    job.progress(p.rows.size(), p.rows.size(), "校验并写入中");
    // Parents first: by level (numeric kinds: code length; named kinds: top items first).
    std::vector<size_t> order(p.rows.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto depth = [&](size_t i) {
      return p.rows[i].at("parent_code").empty() ? 0 : p.rows[i].at("code").size() + 1;
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return depth(a) < depth(b); });
    db.write([&](db::Conn& tx) {
      added = renamed = unchanged = 0;  // a retried transaction starts over
      codes.clear();
      std::vector<RowError> errors;
      for (size_t i : order) {
        const auto& r = p.rows[i];
        size_t before = errors.size();
        file_rules(p.row_numbers[i], r, errors);
        if (errors.size() > before) continue;
        try {
          auto current = store::ref_valid(tx, kind, r.at("code"), year);
          if (current && current->name == r.at("name")) {
            ++unchanged;
          } else if (current) {
            rename_ref(tx, clock, who, kind, r.at("code"), r.at("name"), std::nullopt, year);
            ++renamed;
          } else {
            RefItem in;
            in.kind = kind;
            in.code = r.at("code");
            in.name = r.at("name");
            in.parent_code = r.at("parent_code");
            in.from_year = year;
            create_ref(tx, clock, who, in);
            ++added;
          }
        } catch (const ApiError& e) {
          collect(e, p.row_numbers[i], titles, errors);
        }
      }
      if (!errors.empty()) throw xlsx::ImportRejected(std::move(errors));
      audit::append(tx, clock, who.actor,
                    {"ref.import", "job", std::to_string(job.id()), "success", nullptr,
                     json::object{{"kind", kind},
                                  {"year", year},
                                  {"added", added},
                                  {"renamed", renamed},
                                  {"unchanged", unchanged}}});
    });
  };
  auto outcome =
      xlsx::run_import(bytes, t, check, write, progress_of(job), limits_for(kMaxImportRows));
  json::object result = finish(job, outcome, lang);
  if (outcome.written > 0) {
    result["added"] = added;
    result["renamed"] = renamed;
    result["unchanged"] = unchanged;
  }
  return result;
}

}  // namespace jx::org
