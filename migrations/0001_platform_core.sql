-- Platform core: instance metadata, settings, accounts, roles, sessions, login log, audit log,
-- workflow, jobs. Portable SQL; SERIAL_PK and BLOB are dialect tokens (see migrations.hpp).
-- Timestamps are UTC ISO 8601 text (2026-11-27T12:33:21.123Z), which sorts correctly.

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Rules as data: every configurable threshold, keyed by region and year ('' and 0 = default).
CREATE TABLE settings (
  region_code TEXT NOT NULL DEFAULT '',
  year INTEGER NOT NULL DEFAULT 0,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by BIGINT,
  PRIMARY KEY (region_code, year, key)
);

CREATE TABLE users (
  id SERIAL_PK,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  org_id BIGINT,
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  is_demo INTEGER NOT NULL DEFAULT 0,
  last_login_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE password_history (
  id SERIAL_PK,
  user_id BIGINT NOT NULL REFERENCES users (id),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX password_history_user ON password_history (user_id, id);

CREATE TABLE roles (
  id SERIAL_PK,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  builtin INTEGER NOT NULL DEFAULT 0,
  admin_kind TEXT CHECK (admin_kind IN ('system', 'security', 'audit')),
  scope_kind TEXT NOT NULL DEFAULT 'own_unit',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE role_permissions (
  role_id BIGINT NOT NULL REFERENCES roles (id),
  permission TEXT NOT NULL,
  PRIMARY KEY (role_id, permission)
);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users (id),
  role_id BIGINT NOT NULL REFERENCES roles (id),
  granted_at TEXT NOT NULL,
  granted_by BIGINT,
  PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_roles_role ON user_roles (role_id);

-- Server-side sessions. The cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  ended_at TEXT,
  end_reason TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_active ON sessions (ended_at, last_seen_at);

CREATE TABLE login_log (
  id SERIAL_PK,
  at TEXT NOT NULL,
  username TEXT NOT NULL,
  user_id BIGINT,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX login_log_at ON login_log (at);
CREATE INDEX login_log_user ON login_log (username, at);

-- Append-only; each row's hash covers its fields and the previous row's hash.
CREATE TABLE audit_log (
  id SERIAL_PK,
  at TEXT NOT NULL,
  actor_id BIGINT NOT NULL DEFAULT 0,
  actor_name TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  request_id TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  object_type TEXT NOT NULL DEFAULT '',
  object_id TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL,
  before_json TEXT NOT NULL DEFAULT 'null',
  after_json TEXT NOT NULL DEFAULT 'null',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_name, at);
CREATE INDEX audit_log_action ON audit_log (action, at);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);

-- Workflow: one instance per submitted/reviewed document, its history, and the to-do inbox
-- as a query over instances whose state has a transition the caller may take.
CREATE TABLE wf_instance (
  id SERIAL_PK,
  doc_type TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  state TEXT NOT NULL,
  org_id BIGINT NOT NULL DEFAULT 0,
  region_code TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (doc_type, doc_id)
);
CREATE INDEX wf_instance_state ON wf_instance (doc_type, state);

CREATE TABLE wf_history (
  id SERIAL_PK,
  instance_id BIGINT NOT NULL REFERENCES wf_instance (id),
  from_state TEXT NOT NULL DEFAULT '',
  to_state TEXT NOT NULL,
  action TEXT NOT NULL,
  actor_id BIGINT NOT NULL DEFAULT 0,
  actor_name TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL
);
CREATE INDEX wf_history_instance ON wf_history (instance_id, id);

CREATE TABLE jobs (
  id SERIAL_PK,
  kind TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  progress BIGINT NOT NULL DEFAULT 0,
  total BIGINT NOT NULL DEFAULT 0,
  message TEXT NOT NULL DEFAULT '',
  result_json TEXT NOT NULL DEFAULT 'null',
  error TEXT NOT NULL DEFAULT '',
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT
);
CREATE INDEX jobs_state ON jobs (state);
CREATE INDEX jobs_owner ON jobs (created_by, id);
