#include "platform/jobs/jobs.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/json.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include "platform/util/error.hpp"

namespace jx::jobs {

namespace json = boost::json;

namespace {

constexpr auto kProgressInterval = std::chrono::milliseconds(200);

constexpr const char* kRestartError = "服务重启，任务中断 (interrupted by a restart)";
constexpr const char* kShutdownCancel = "服务停止，任务已取消 (cancelled by a server shutdown)";
constexpr const char* kShutdownOverrun =
    "服务停止时任务未能及时结束 (still running when the server stopped)";

constexpr const char* kInsert =
    "INSERT INTO jobs (kind, state, created_by, created_at) VALUES (?, 'queued', ?, ?) "
    "RETURNING id";
constexpr const char* kStart =
    "UPDATE jobs SET state = 'running', started_at = ? "
    "WHERE id = ? AND state = 'queued' AND cancel_requested = 0";
constexpr const char* kCancelQueued =
    "UPDATE jobs SET state = 'cancelled', cancel_requested = 1, error = ?, finished_at = ? "
    "WHERE id = ? AND state = 'queued'";
constexpr const char* kRequestCancel =
    "UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND state IN ('queued', 'running')";
constexpr const char* kProgress =
    "UPDATE jobs SET progress = ?, total = ?, message = ? WHERE id = ? AND state = 'running'";
constexpr const char* kCancelRequested = "SELECT cancel_requested FROM jobs WHERE id = ?";
constexpr const char* kFinish =
    "UPDATE jobs SET state = ?, result_json = ?, error = ?, finished_at = ? "
    "WHERE id = ? AND state = 'running'";
constexpr const char* kFinishWithProgress =
    "UPDATE jobs SET state = ?, result_json = ?, error = ?, finished_at = ?, progress = ?, "
    "total = ?, message = ? WHERE id = ? AND state = 'running'";
constexpr const char* kFailUnfinished =
    "UPDATE jobs SET state = 'failed', error = ?, finished_at = ? "
    "WHERE id = ? AND state IN ('queued', 'running')";
constexpr const char* kRecover =
    "UPDATE jobs SET state = 'failed', error = ?, finished_at = ? "
    "WHERE state IN ('queued', 'running')";
constexpr const char* kOwnerState =
    "SELECT created_by, state, cancel_requested FROM jobs WHERE id = ?";
constexpr const char* kSelect =
    "SELECT id, kind, state, progress, total, message, result_json, error, cancel_requested, "
    "created_by, created_at, started_at, finished_at FROM jobs WHERE id = ?";

constexpr const char* kDeleteFile = "DELETE FROM job_files WHERE job_id = ? AND name = ?";
constexpr const char* kInsertFile =
    "INSERT INTO job_files (job_id, name, title, content_type, bytes, once, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kSelectFile =
    "SELECT title, content_type, bytes, once, taken_at FROM job_files WHERE job_id = ? AND name "
    "= ?";
constexpr const char* kTakeFile =
    "UPDATE job_files SET bytes = ?, taken_at = ? WHERE job_id = ? AND name = ? AND taken_at IS "
    "NULL";

bool is_finished(const std::string& state) {
  return state == "succeeded" || state == "failed" || state == "cancelled";
}

}  // namespace

namespace detail {

struct Job {
  int64_t id = 0;
  JobFn fn;
  std::atomic<bool> cancel{false};
};

// The runner's state, shared with its worker threads so that a worker left running past
// shutdown's grace never touches freed memory.
struct Runner : std::enable_shared_from_this<Runner> {
  Runner(db::Db& d, Clock& c) : db(d), clock(c) {}

  db::Db& db;
  Clock& clock;
  std::mutex mu;
  std::condition_variable work_cv;
  std::condition_variable done_cv;
  std::deque<std::shared_ptr<Job>> queue;
  std::unordered_map<int64_t, std::shared_ptr<Job>> active;  // queued or running here
  std::vector<std::thread> threads;
  int live = 0;
  bool stopping = false;

  std::string now() const { return format_utc(clock.now()); }

  void start(int n) {
    std::lock_guard lk(mu);
    for (int i = 0; i < n; ++i) {
      ++live;
      threads.emplace_back([self = shared_from_this()] { self->work(); });
    }
  }

  void work() {
    for (;;) {
      std::shared_ptr<Job> job;
      {
        std::unique_lock lk(mu);
        work_cv.wait(lk, [&] { return stopping || !queue.empty(); });
        if (queue.empty()) break;
        job = std::move(queue.front());
        queue.pop_front();
      }
      run(*job);
      {
        std::lock_guard lk(mu);
        active.erase(job->id);
      }
      done_cv.notify_all();
    }
    {
      std::lock_guard lk(mu);
      --live;
    }
    done_cv.notify_all();
  }

  bool shutting_down() {
    std::lock_guard lk(mu);
    return stopping;
  }

  void run(Job& job) {
    try {
      if (job.cancel) {
        std::string why = shutting_down() ? kShutdownCancel : "";
        db.write([&](db::Conn& tx) { tx.exec(kCancelQueued, {why, now(), job.id}); });
        return;
      }
      bool started = db.write([&](db::Conn& tx) { return tx.exec(kStart, {now(), job.id}) == 1; });
      if (!started) {
        // Cancelled while queued (here or through another server): record it if not yet done.
        db.write([&](db::Conn& tx) { tx.exec(kCancelQueued, {"", now(), job.id}); });
        return;
      }
    } catch (const std::exception& e) {
      spdlog::error("job {}: could not start: {}", job.id, e.what());
      return;
    }

    JobContext ctx(*this, job);
    std::string state = "succeeded";
    std::string error;
    json::value result;
    try {
      result = job.fn(ctx);
      if (ctx.cancelled()) state = "cancelled";
    } catch (const ApiError& e) {
      state = "failed";
      error = e.message().zh;
    } catch (const std::exception& e) {
      state = "failed";
      error = e.what();
    } catch (...) {
      state = "failed";
      error = "未知错误 (unknown error)";
    }
    if (state == "cancelled" && shutting_down()) error = kShutdownCancel;

    try {
      std::string result_json = json::serialize(result);
      db.write([&](db::Conn& tx) {
        if (ctx.reported_) {
          tx.exec(kFinishWithProgress,
                  {state, result_json, error, now(), ctx.done_, ctx.total_, ctx.message_, job.id});
        } else {
          tx.exec(kFinish, {state, result_json, error, now(), job.id});
        }
      });
    } catch (const std::exception& e) {
      spdlog::error("job {}: could not record its end ({}): {}", job.id, state, e.what());
    }
  }
};

}  // namespace detail

void JobContext::progress(int64_t done, int64_t total, std::string message) {
  done_ = done < 0 ? 0 : done;
  total_ = total < 0 ? 0 : total;
  message_ = std::move(message);
  reported_ = true;
  auto now = std::chrono::steady_clock::now();
  if (last_write_ == std::chrono::steady_clock::time_point{} ||
      now - last_write_ >= kProgressInterval) {
    write();
  }
}

void JobContext::write() {
  bool requested = runner_.db.write([&](db::Conn& tx) {
    tx.exec(kProgress, {done_, total_, message_, job_.id});
    auto row = tx.one(kCancelRequested, {job_.id});
    return row && row->i64(0) != 0;
  });
  if (requested) job_.cancel = true;
  last_write_ = std::chrono::steady_clock::now();
}

bool JobContext::cancelled() const {
  return job_.cancel.load();
}

int64_t JobContext::id() const {
  return job_.id;
}

json::object JobContext::attach_file(const std::string& name, const std::string& title,
                                     const std::string& content_type, const std::string& bytes,
                                     bool once) {
  if (name.empty() || name.size() > 100 || name.find('/') != std::string::npos)
    throw std::invalid_argument("jobs: a file name must be 1-100 characters without '/'");
  runner_.db.write([&](db::Conn& tx) {
    tx.exec(kDeleteFile, {job_.id, name});
    tx.exec(kInsertFile, {job_.id, name, title, content_type, db::Blob{bytes},
                          int64_t{once ? 1 : 0}, runner_.now()});
  });
  return json::object{{"name", name},
                      {"title", title},
                      {"size", static_cast<int64_t>(bytes.size())},
                      {"once", once}};
}

json::object to_json(const JobInfo& job) {
  auto opt = [](const std::optional<std::string>& s) -> json::value {
    if (s) return json::value(*s);
    return nullptr;
  };
  return json::object{
      {"id", job.id},
      {"kind", job.kind},
      {"state", job.state},
      {"progress", job.progress},
      {"total", job.total},
      {"message", job.message},
      {"result", job.result},
      {"error", job.error},
      {"created_at", job.created_at},
      {"started_at", opt(job.started_at)},
      {"finished_at", opt(job.finished_at)},
  };
}

JobRunner::JobRunner(db::Db& db, Clock& clock, int threads)
    : runner_(std::make_shared<detail::Runner>(db, clock)) {
  runner_->start(threads < 1 ? 1 : threads);
}

JobRunner::~JobRunner() {
  try {
    shutdown();
  } catch (const std::exception& e) {
    spdlog::error("jobs: shutdown failed: {}", e.what());
  }
}

int64_t JobRunner::recover_after_crash() {
  detail::Runner& r = *runner_;
  return r.db.write([&](db::Conn& tx) { return tx.exec(kRecover, {kRestartError, r.now()}); });
}

int64_t JobRunner::submit(std::string kind, int64_t created_by, JobFn fn) {
  if (kind.empty() || !fn) throw std::invalid_argument("jobs: submit needs a kind and a function");
  detail::Runner& r = *runner_;
  const ApiError stopping(
      503, "shutting_down",
      {"服务正在停止，请稍后重试", "The server is stopping; try again shortly"});
  if (r.shutting_down()) throw stopping;
  int64_t id = r.db.write([&](db::Conn& tx) {
    auto row = tx.one(kInsert, {kind, created_by, r.now()});
    if (!row) throw db::DbError(db::ErrorKind::kOther, "jobs insert returned no id");
    return row->i64(0);
  });
  auto job = std::make_shared<detail::Job>();
  job->id = id;
  job->fn = std::move(fn);
  {
    std::lock_guard lk(r.mu);
    if (!r.stopping) {
      r.active.emplace(id, job);
      r.queue.push_back(std::move(job));
      r.work_cv.notify_one();
      return id;
    }
  }
  // Shutdown began between the insert and now: the job will never run here.
  r.db.write([&](db::Conn& tx) { tx.exec(kCancelQueued, {kShutdownCancel, r.now(), id}); });
  throw stopping;
}

void JobRunner::cancel(int64_t id, const audit::Actor& by) {
  detail::Runner& r = *runner_;
  bool requested = r.db.write([&](db::Conn& tx) {
    auto row = tx.one(kOwnerState, {id});
    if (!row || (by.user_id != 0 && row->i64(0) != by.user_id))
      throw ApiError::not_found({"任务不存在或无权访问", "Job not found"});
    std::string state = row->text(1);
    if (is_finished(state)) return false;
    if (row->i64(2) != 0) return true;  // already requested: nothing new to record
    std::string after = "cancelled";
    // A worker may start the job between the read above and this update (READ COMMITTED):
    // then the job is running and is asked to stop instead.
    if (state != "queued" || tx.exec(kCancelQueued, {"", r.now(), id}) != 1) {
      tx.exec(kRequestCancel, {id});
      after = "running";
    }
    audit::Entry e;
    e.action = "job.cancel";
    e.object_type = "job";
    e.object_id = std::to_string(id);
    e.before = json::object{{"state", state}};
    e.after = json::object{{"state", after}, {"cancel_requested", true}};
    audit::append(tx, r.clock, by, e);
    return true;
  });
  if (!requested) return;
  std::lock_guard lk(r.mu);
  if (auto it = r.active.find(id); it != r.active.end()) it->second->cancel = true;
}

void JobRunner::cancel(int64_t id, int64_t by_user) {
  audit::Actor a;
  a.user_id = by_user;
  cancel(id, a);
}

std::optional<JobInfo> JobRunner::find(int64_t id) const {
  detail::Runner& r = *runner_;
  auto row = r.db.read([&](db::Conn& c) { return c.one(kSelect, {id}); });
  if (!row) return std::nullopt;
  JobInfo j;
  j.id = row->i64(0);
  j.kind = row->text(1);
  j.state = row->text(2);
  j.progress = row->i64(3);
  j.total = row->i64(4);
  j.message = row->text(5);
  boost::system::error_code ec;
  json::value result = json::parse(row->text(6), ec);
  if (!ec) j.result = std::move(result);
  j.error = row->text(7);
  j.cancel_requested = row->i64(8) != 0;
  j.created_by = row->i64(9);
  j.created_at = row->text(10);
  j.started_at = row->opt_text(11);
  j.finished_at = row->opt_text(12);
  return j;
}

JobInfo JobRunner::get(int64_t id) const {
  std::optional<JobInfo> j = find(id);
  if (!j) throw ApiError::not_found({"任务不存在或无权访问", "Job not found"});
  return std::move(*j);
}

std::optional<JobRunner::File> JobRunner::take_file(int64_t job_id, const std::string& name,
                                                    const audit::Actor& by) {
  detail::Runner& r = *runner_;
  return r.db.write([&](db::Conn& tx) -> std::optional<File> {
    auto row = tx.one(kSelectFile, {job_id, name});
    if (!row) return std::nullopt;
    File f;
    f.name = name;
    f.title = row->text(0);
    f.content_type = row->text(1);
    f.once = row->i64(3) != 0;
    f.taken = !row->is_null(4);
    if (f.taken) return f;
    f.bytes = row->text(2);
    if (f.once) {
      tx.exec(kTakeFile, {db::Blob{}, r.now(), job_id, name});
      audit::Entry e;
      e.action = "job.file.take";
      e.object_type = "job";
      e.object_id = std::to_string(job_id);
      e.after = json::object{{"file", name}};
      audit::append(tx, r.clock, by, e);
    }
    return f;
  });
}

void JobRunner::shutdown(std::chrono::milliseconds grace) {
  detail::Runner& r = *runner_;
  std::vector<std::thread> threads;
  {
    std::lock_guard lk(r.mu);
    if (r.stopping && r.threads.empty()) return;
    r.stopping = true;
    for (auto& [id, job] : r.active) job->cancel = true;
    threads = std::move(r.threads);
    r.threads.clear();
  }
  r.work_cv.notify_all();
  bool all_done;
  std::vector<int64_t> overrun;
  {
    std::unique_lock lk(r.mu);
    all_done = r.done_cv.wait_for(lk, grace, [&] { return r.live == 0; });
    if (!all_done)
      for (const auto& [id, job] : r.active) overrun.push_back(id);
  }
  if (all_done) {
    for (auto& t : threads) t.join();
    return;
  }
  spdlog::warn("jobs: {} job(s) still running after the shutdown grace; leaving them",
               overrun.size());
  for (auto& t : threads) t.detach();
  try {
    r.db.write([&](db::Conn& tx) {
      for (int64_t id : overrun) tx.exec(kFailUnfinished, {kShutdownOverrun, r.now(), id});
    });
  } catch (const std::exception& e) {
    spdlog::error("jobs: could not record unfinished jobs: {}", e.what());
  }
}

}  // namespace jx::jobs
