#include "platform/jobs/routes.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <limits>
#include <stdexcept>
#include <thread>

#include "platform/context.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/routes.hpp"

namespace jx::jobs {

namespace json = boost::json;

namespace {

constexpr int64_t kMaxFixtureSteps = 100000;
constexpr int64_t kMaxFixtureStepMs = 60000;

int64_t job_id(const http::Request& req) {
  return jx::path_id(req, "id", {"任务不存在或无权访问", "Job not found"});
}

ApiError job_not_found() {
  return ApiError::not_found({"任务不存在或无权访问", "Job not found"});
}

// The caller's own job; anyone else's is reported as missing.
JobInfo own_job(RequestContext& ctx, int64_t id) {
  const auth::Principal& p = ctx.user();
  std::optional<JobInfo> job = ctx.app.jobs.find(id);
  if (!job || job->created_by != p.user_id) throw job_not_found();
  return std::move(*job);
}

http::Response get_job(RequestContext& ctx) {
  return http::Response::json(to_json(own_job(ctx, job_id(ctx.req))));
}

// A file the caller's job produced; a `once` file answers 410 after its one download.
http::Response job_file(RequestContext& ctx) {
  int64_t id = job_id(ctx.req);
  own_job(ctx, id);
  auto file = ctx.app.jobs.take_file(id, ctx.req.param("name"), ctx.actor());
  if (!file) throw ApiError::not_found({"文件不存在", "No such file"});
  if (file->taken)
    throw ApiError(410, "gone",
                   {"该文件只能下载一次，已被下载", "This file could be downloaded once only"});
  // API answers are Cache-Control: no-store already (the dispatcher sets it).
  return http::Response::download(std::move(file->bytes), file->content_type,
                                  file->title.empty() ? file->name : file->title);
}

http::Response cancel_job(RequestContext& ctx) {
  int64_t id = job_id(ctx.req);
  own_job(ctx, id);
  ctx.app.jobs.cancel(id, ctx.actor());
  return http::Response::json(to_json(ctx.app.jobs.get(id)), 202);
}

// An integer field within [min, max]; absent -> fallback (nullopt when there is none).
std::optional<int64_t> int_field(const json::object& body, const char* name, int64_t min,
                                 int64_t max, std::optional<int64_t> fallback,
                                 std::vector<FieldError>& errors) {
  const json::value* v = body.if_contains(name);
  if (!v || v->is_null()) {
    if (!fallback) errors.push_back({name, {"此项必填", "Required"}});
    return fallback;
  }
  std::optional<int64_t> n;
  if (v->is_int64()) n = v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= uint64_t(std::numeric_limits<int64_t>::max()))
    n = int64_t(v->get_uint64());
  if (!n || *n < min || *n > max) {
    errors.push_back(
        {name,
         {"须为 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间的整数",
          "Must be an integer from " + std::to_string(min) + " to " + std::to_string(max)}});
    return std::nullopt;
  }
  return n;
}

// Sleeps ms, waking early when the job is cancelled.
void nap(JobContext& job, int64_t ms) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (!job.cancelled()) {
    auto left = until - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return;
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(10)));
  }
}

http::Response start_fixture_job(RequestContext& ctx) {
  const auth::Principal& p = ctx.user();
  json::object body = ctx.req.json_object();
  std::vector<FieldError> errors;
  auto steps = int_field(body, "steps", 1, kMaxFixtureSteps, std::nullopt, errors);
  auto step_ms = int_field(body, "step_ms", 0, kMaxFixtureStepMs, int64_t{0}, errors);
  auto fail_at =
      int_field(body, "fail_at", 1, steps.value_or(kMaxFixtureSteps), int64_t{0}, errors);
  if (!errors.empty()) throw ApiError::validation(std::move(errors));

  int64_t n = *steps, ms = *step_ms, fail = *fail_at;
  int64_t id = ctx.app.jobs.submit("fixture", p.user_id, [n, ms, fail](JobContext& job) {
    for (int64_t i = 1; i <= n; ++i) {
      if (job.cancelled()) return json::value(json::object{{"steps_done", i - 1}});
      nap(job, ms);
      if (i == fail)
        throw std::runtime_error("测试任务在第 " + std::to_string(i) +
                                 " 步失败 (fixture job failed at step " + std::to_string(i) + ")");
      job.progress(i, n, "第 " + std::to_string(i) + " 步，共 " + std::to_string(n) + " 步");
    }
    return json::value(json::object{{"steps_done", n}});
  });
  return http::Response::json(json::object{{"job_id", id}}, 202);
}

}  // namespace

void register_job_routes(http::Router& router) {
  http::Route get;
  get.method = "GET";
  get.path = "/api/v1/jobs/{id}";
  get.access = http::Access::signed_in();
  get.summary = "查看本人发起的后台任务的状态与进度";
  get.tag = "jobs";
  get.handler = get_job;
  get.response_schema =
      R"({"type":"object","properties":{"id":{"type":"integer"},"kind":{"type":"string"},)"
      R"("state":{"type":"string","enum":["queued","running","succeeded","failed","cancelled"]},)"
      R"("progress":{"type":"integer"},"total":{"type":"integer"},"message":{"type":"string"},)"
      R"("result":{},"error":{"type":"string"},"created_at":{"type":"string"},)"
      R"("started_at":{"type":"string","nullable":true},)"
      R"("finished_at":{"type":"string","nullable":true}}})";
  router.add(std::move(get));

  http::Route file;
  file.method = "GET";
  file.path = "/api/v1/jobs/{id}/files/{name}";
  file.access = http::Access::signed_in();
  file.summary = "下载本人任务产生的文件（错误报告、一次性初始密码等）";
  file.tag = "jobs";
  file.handler = job_file;
  router.add(std::move(file));

  http::Route cancel;
  cancel.method = "POST";
  cancel.path = "/api/v1/jobs/{id}/cancel";
  cancel.access = http::Access::signed_in();
  cancel.summary = "取消本人发起的后台任务";
  cancel.tag = "jobs";
  cancel.handler = cancel_job;
  router.add(std::move(cancel));
}

void register_job_fixtures(http::Router& router) {
  http::Route start;
  start.method = "POST";
  start.path = "/api/v1/_test/jobs";
  start.access = http::Access::signed_in();
  start.summary = "（测试）启动测试任务：按步休眠并报告进度";
  start.tag = "test";
  start.handler = start_fixture_job;
  start.request_schema =
      R"({"type":"object","required":["steps"],"properties":{"steps":{"type":"integer"},)"
      R"("step_ms":{"type":"integer"},"fail_at":{"type":"integer"}}})";
  router.add(std::move(start));
}

}  // namespace jx::jobs
