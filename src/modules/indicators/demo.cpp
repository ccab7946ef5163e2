// The indicators slice of the demo county (冠县): the shipped library is the migration's; what
// the county adds is written here through the use cases. 教育和体育局 proposed three indicators
// of its own: one approved (now in the library), one rejected with the bureau's reason, one
// waiting in the 绩效管理股's 待办.
#include "platform/demo.hpp"
#include "modules/indicators/service.hpp"
#include "modules/org/service.hpp"
#include "platform/auth/accounts.hpp"
#include "platform/auth/sessions.hpp"

namespace jx::indicators {
namespace {

struct Proposal {
  const char* field;
  const char* level1;
  const char* level2;
  const char* name;
  const char* nature;
  const char* unit;
  const char* value;
  const char* basis;
  const char* method;
  const char* source;
  const char* outcome;  // approve | reject | ""
  const char* comment;
};

const Proposal kProposals[] = {
    {"义务教育", "产出指标", "数量指标", "课后服务覆盖学校数", ">=", "所", "45", "plan",
     "统计年度内开展课后服务的义务教育学校数。", "课后服务管理台账", "approve",
     "同意纳入指标库，适用于课后服务类项目。"},
    {"义务教育", "效益指标", "社会效益指标", "教育经费投入增长", ">=", "%", "5", "plan",
     "本年教育经费投入较上年增长比例。", "部门决算", "reject",
     "“教育经费投入增长”反映的是投入而非产出或效益，不能作为项目绩效指标。"},
    {"学前教育", "产出指标", "质量指标", "幼儿园保育教育质量评估达标率", ">=", "%", "90",
     "industry", "评估达标的幼儿园数/参评幼儿园数×100%。", "学前教育质量评估结果", "", ""},
};

Caller as(db::Conn& tx, const char* user) {
  auto id = auth::find_user_id(tx, user);
  if (!id) throw std::runtime_error(std::string("demo: no account ") + user);
  auth::Principal p = auth::load_principal(
      tx, *id, [](db::Conn& cc, auth::Principal& pp) { org::load_scope(cc, pp); });
  return caller_of(tx, p, audit::Actor{*id, p.username, "127.0.0.1", "demo"});
}

void build(demo::Context& ctx) {
  ctx.db.write([&](db::Conn& tx) {
    Caller lina = as(tx, "lina");
    Caller zhangwei = as(tx, "zhangwei");
    int year = std::stoi(shanghai_date(ctx.clock.now()).substr(0, 4));
    for (const auto& p : kProposals) {
      IndicatorInput in;
      in.sector = "education";
      in.field = p.field;
      in.level1 = p.level1;
      in.level2 = p.level2;
      in.name = p.name;
      in.nature = p.nature;
      in.unit = p.unit;
      in.recommended_value = p.value;
      in.basis = p.basis;
      in.method = p.method;
      in.data_source = p.source;
      in.is_core = false;
      in.from_year = year;
      Indicator x = create_indicator(Env{tx, ctx.clock, ctx.workflows, lina}, in);
      std::string outcome = p.outcome;
      Env bureau{tx, ctx.clock, ctx.workflows, zhangwei};
      if (outcome == "approve") approve_indicator(bureau, x.id, p.comment, x.version);
      if (outcome == "reject") reject_indicator(bureau, x.id, p.comment, x.version);
    }
  });
}

}  // namespace

void register_demo_slice() {
  demo::register_slice("indicators", 15, build);
}

}  // namespace jx::indicators
