-- 绩效目标 (targets module, docs/api-targets.md): a target set per project and year or per
-- department (一级预算单位) and year; its revisions (the first and every 调整 after approval), each
-- a workflow document (doc type "target"); the leaves (三级指标) and 部门整体 tasks of a
-- revision; and every review with its grade and per-indicator comments. Nothing is rewritten
-- after approval: a change is a new revision, the old one stays as it was (superseded).
CREATE TABLE target_sets (
  id SERIAL_PK,
  kind TEXT NOT NULL CHECK (kind IN ('project', 'department')),
  project_id BIGINT REFERENCES projects (id),
  org_id BIGINT NOT NULL REFERENCES organizations (id),
  department_id BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  current_revision_id BIGINT,
  approved_revision_id BIGINT,
  published INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX target_sets_project ON target_sets (project_id, year) WHERE kind = 'project';
CREATE UNIQUE INDEX target_sets_org ON target_sets (org_id, year) WHERE kind = 'department';
CREATE INDEX target_sets_region ON target_sets (region_code, year, kind);
CREATE INDEX target_sets_department ON target_sets (department_id, year);

CREATE TABLE target_revisions (
  id SERIAL_PK,
  set_id BIGINT NOT NULL REFERENCES target_sets (id),
  revision INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'draft',
  tree_scheme TEXT NOT NULL DEFAULT '',
  period_goal TEXT NOT NULL DEFAULT '',
  year_goal TEXT NOT NULL DEFAULT '',
  serves_public INTEGER NOT NULL DEFAULT 1,
  change_reason TEXT NOT NULL DEFAULT '',
  grade TEXT,
  errors INTEGER NOT NULL DEFAULT 0,
  warnings INTEGER NOT NULL DEFAULT 0,
  submitted_at TEXT,
  approved_at TEXT,
  created_by BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (set_id, revision)
);
CREATE INDEX target_revisions_state ON target_revisions (state);

-- weight_x100: hundredths; actual_value: the year's actual once the self-evaluation knows it
-- (next year's check compares against it).
CREATE TABLE target_indicators (
  id SERIAL_PK,
  revision_id BIGINT NOT NULL REFERENCES target_revisions (id),
  leaf_key TEXT NOT NULL,
  sort INTEGER NOT NULL,
  level1 TEXT NOT NULL,
  level2 TEXT NOT NULL,
  name TEXT NOT NULL,
  nature TEXT NOT NULL,
  value TEXT NOT NULL DEFAULT '',
  period_value TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  weight_x100 INTEGER,
  basis TEXT NOT NULL DEFAULT '',
  explanation TEXT NOT NULL DEFAULT '',
  is_core INTEGER NOT NULL DEFAULT 0,
  library_id BIGINT,
  review_comment TEXT NOT NULL DEFAULT '',
  actual_value TEXT
);
CREATE INDEX target_indicators_revision ON target_indicators (revision_id, sort);
CREATE INDEX target_indicators_library ON target_indicators (library_id);

CREATE TABLE target_tasks (
  id SERIAL_PK,
  revision_id BIGINT NOT NULL REFERENCES target_revisions (id),
  task_key TEXT NOT NULL,
  sort INTEGER NOT NULL,
  name TEXT NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  total_fen BIGINT NOT NULL DEFAULT 0,
  fiscal_fen BIGINT NOT NULL DEFAULT 0,
  other_fen BIGINT NOT NULL DEFAULT 0,
  project_ids TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX target_tasks_revision ON target_tasks (revision_id, sort);

CREATE TABLE target_reviews (
  id SERIAL_PK,
  revision_id BIGINT NOT NULL REFERENCES target_revisions (id),
  grade TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  indicator_comments TEXT NOT NULL DEFAULT '{}',
  reviewer_id BIGINT NOT NULL,
  reviewer_name TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL
);
CREATE INDEX target_reviews_revision ON target_reviews (revision_id, id);
