// Jobs: long work (imports, exports, batch computations) run off the request threads on the
// runner's own worker threads, with progress and cancellation kept in the jobs table so any
// server instance can report on them.
//
// Contract
// - JobRunner is thread-safe. It does not own the Db or the Clock; both must outlive it.
// - submit() writes the 'queued' row in its own write transaction: never call it from inside a
//   db write (on SQLite that waits on itself); from a use case's transaction, submit in
//   Conn::on_commit. The job then goes queued -> running -> succeeded | failed | cancelled:
//   succeeded when fn returns, failed when fn throws (the error text is kept), cancelled when
//   fn returns after cancelled() became true, or when the cancel came before it started.
// - A job's fn runs on one worker thread; its JobContext belongs to that call only. fn must
//   check cancelled() regularly; a cancel is a request, never a thread kill.
// - progress() writes the row at most every ~200 ms (the final values always land with the
//   final state), so calling it on every item of a fast loop is fine. It also picks up a
//   cancel requested through another server instance. It runs its own write transaction:
//   call it between, never inside, the job's own db.write() calls.
// - Not an error: cancelling a job that already finished (nothing changes).
// - recover_after_crash() marks every 'queued' or 'running' row as failed: call it at server
//   start, before listening and before any submit. Known limit: the jobs table does not
//   record which server runs a job, so with several servers sharing one database a restart of
//   one also marks the live jobs of the others as failed.
// - shutdown() stops taking jobs, cancels the running ones and waits up to `grace` for them;
//   jobs still running then are recorded as failed and their threads left to finish alone.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "platform/audit/audit.hpp"
#include "platform/db/db.hpp"
#include "platform/util/clock.hpp"

namespace jx::jobs {

struct JobInfo {
  int64_t id = 0;
  std::string kind;
  std::string state;  // queued | running | succeeded | failed | cancelled
  int64_t progress = 0;
  int64_t total = 0;
  std::string message;
  boost::json::value result;  // null until succeeded
  std::string error;
  bool cancel_requested = false;
  int64_t created_by = 0;
  std::string created_at;
  std::optional<std::string> started_at;
  std::optional<std::string> finished_at;

  bool finished() const {
    return state == "succeeded" || state == "failed" || state == "cancelled";
  }
};

// The API form: {"id","kind","state","progress","total","message","result","error",
// "created_at","started_at","finished_at"}.
boost::json::object to_json(const JobInfo& job);

namespace detail {
struct Job;
struct Runner;
}  // namespace detail

class JobContext {
 public:
  JobContext(const JobContext&) = delete;
  JobContext& operator=(const JobContext&) = delete;

  // Reports done out of total (total 0: unknown) with an optional line for the user.
  void progress(int64_t done, int64_t total, std::string message = {});
  bool cancelled() const;
  int64_t id() const;

  // Keeps a file for the job's owner (an error report, one-time passwords), fetched with
  // JobRunner::take_file / GET /jobs/{id}/files/{name}; a `once` file can be fetched one time.
  // Runs its own write transaction (like progress()). Returns the descriptor to list in the
  // job's result: {"name","title","size","once"}. Replaces a file of the same name.
  boost::json::object attach_file(const std::string& name, const std::string& title,
                                  const std::string& content_type, const std::string& bytes,
                                  bool once = false);

 private:
  friend struct detail::Runner;
  JobContext(detail::Runner& runner, detail::Job& job) : runner_(runner), job_(job) {}
  void write();

  detail::Runner& runner_;
  detail::Job& job_;
  int64_t done_ = 0;
  int64_t total_ = 0;
  std::string message_;
  bool reported_ = false;
  std::chrono::steady_clock::time_point last_write_{};
};

using JobFn = std::function<boost::json::value(JobContext&)>;

class JobRunner {
 public:
  // threads: worker threads (at least 1).
  JobRunner(db::Db& db, Clock& clock, int threads);
  ~JobRunner();  // shutdown() with the default grace
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Returns the number of jobs marked failed.
  int64_t recover_after_crash();

  // Inserts the 'queued' row and schedules fn. Throws ApiError 503 "shutting_down" after
  // shutdown() began.
  int64_t submit(std::string kind, int64_t created_by, JobFn fn);

  // Requests cancellation (a queued job is cancelled at once) and audits it as "job.cancel".
  // by.user_id must be the job's creator, or 0 for the system; otherwise, or if there is no
  // such job, ApiError 404.
  void cancel(int64_t id, const audit::Actor& by);
  void cancel(int64_t id, int64_t by_user);

  // The job's row; ApiError 404 if there is none.
  JobInfo get(int64_t id) const;
  std::optional<JobInfo> find(int64_t id) const;

  // A file the job attached. nullopt when there is none; a `once` file that was already taken
  // comes back with taken = true and no bytes. Taking a `once` file clears its bytes and is
  // audited as "job.file.take" by `by`, in the same transaction.
  struct File {
    std::string name;
    std::string title;
    std::string content_type;
    std::string bytes;
    bool once = false;
    bool taken = false;
  };
  std::optional<File> take_file(int64_t job_id, const std::string& name, const audit::Actor& by);

  void shutdown(std::chrono::milliseconds grace = std::chrono::seconds(10));

 private:
  std::shared_ptr<detail::Runner> runner_;
};

}  // namespace jx::jobs
