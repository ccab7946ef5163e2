-- Attachments, content-addressed (platform/files): one row per distinct content. Modules keep
-- their own rows (record, name, uploader) pointing at sha256. Portable SQL; BLOB is a dialect token.
CREATE TABLE files (
  sha256 TEXT PRIMARY KEY,
  size BIGINT NOT NULL,
  content_type TEXT NOT NULL,
  bytes BLOB NOT NULL,
  created_at TEXT NOT NULL
);
