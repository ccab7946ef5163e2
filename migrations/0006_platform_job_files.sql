-- Files a job produced for its owner (an import's error report, the one-time passwords of a user
-- import): fetched by GET /jobs/{id}/files/{name}; a `once` file is deleted when downloaded.
-- Portable SQL; BLOB is a dialect token.
CREATE TABLE job_files (
  job_id BIGINT NOT NULL REFERENCES jobs (id),
  name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL,
  bytes BLOB NOT NULL,
  once INTEGER NOT NULL DEFAULT 0,
  taken_at TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (job_id, name)
);
