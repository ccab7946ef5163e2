-- Project library, 事前绩效评估 and 预算评审 (projects module, docs/api-projects.md).
-- Portable SQL; SERIAL_PK is a dialect token. Money in 分 (BIGINT), scores in hundredths.

-- A project keeps one id and code across the years of its implementation period.
CREATE TABLE projects (
  id SERIAL_PK,
  code TEXT UNIQUE,
  name TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES organizations (id),
  department_id BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT 'project' CHECK (kind IN ('project', 'policy')),
  budget_type TEXT NOT NULL DEFAULT '',
  func_class TEXT NOT NULL DEFAULT '',
  sector TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '[]',
  is_new INTEGER NOT NULL DEFAULT 1,
  continuing_after_expiry INTEGER NOT NULL DEFAULT 0,
  start_year INTEGER NOT NULL,
  end_year INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  basis TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  requested_total_fen BIGINT NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'draft',
  preassess_required INTEGER,
  preassess_reasons TEXT NOT NULL DEFAULT '[]',
  conclusion TEXT,
  approved_fen BIGINT,
  library_year INTEGER,
  submitted_at TEXT,
  created_by BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX projects_org ON projects (org_id);
CREATE INDEX projects_department ON projects (department_id);
CREATE INDEX projects_region_state ON projects (region_code, state);
CREATE INDEX projects_years ON projects (start_year, end_year);
CREATE INDEX projects_name ON projects (name);

-- Requested amounts per year and funding source (funding_source reference data).
CREATE TABLE project_amounts (
  project_id BIGINT NOT NULL REFERENCES projects (id),
  year INTEGER NOT NULL,
  source TEXT NOT NULL,
  requested_fen BIGINT NOT NULL,
  PRIMARY KEY (project_id, year, source)
);

CREATE TABLE project_attachments (
  id SERIAL_PK,
  project_id BIGINT NOT NULL REFERENCES projects (id),
  sha256 TEXT NOT NULL REFERENCES files (sha256),
  name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'application' CHECK (kind IN ('application', 'basis', 'other')),
  size BIGINT NOT NULL,
  content_type TEXT NOT NULL,
  uploaded_by BIGINT NOT NULL DEFAULT 0,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX project_attachments_project ON project_attachments (project_id);

-- The approved budget of a year (已纳入预算); never above the case's 审定金额.
CREATE TABLE project_budgets (
  project_id BIGINT NOT NULL REFERENCES projects (id),
  year INTEGER NOT NULL,
  approved_fen BIGINT NOT NULL,
  set_by BIGINT NOT NULL DEFAULT 0,
  set_at TEXT NOT NULL,
  PRIMARY KEY (project_id, year)
);

-- One case per submission cycle: 事前绩效评估 (when required) and 预算评审 together. A
-- resubmission after 调整 continues the same case with round + 1.
CREATE TABLE project_cases (
  id SERIAL_PK,
  project_id BIGINT NOT NULL REFERENCES projects (id),
  round INTEGER NOT NULL DEFAULT 1,
  state TEXT NOT NULL DEFAULT 'assigning'
    CHECK (state IN ('assigning', 'working', 'returned', 'closed')),
  preassess_required INTEGER NOT NULL DEFAULT 0,
  lead_user_id BIGINT,
  third_party_org_id BIGINT REFERENCES organizations (id),
  scheme_json TEXT NOT NULL DEFAULT 'null',
  scheme_version INTEGER NOT NULL DEFAULT 0,
  combined_x100 BIGINT,
  veto INTEGER NOT NULL DEFAULT 0,
  veto_reason TEXT NOT NULL DEFAULT '',
  conclusion TEXT,
  opinion TEXT NOT NULL DEFAULT '',
  review_lines TEXT NOT NULL DEFAULT '[]',
  submitted_fen BIGINT,
  approved_fen BIGINT,
  cut_fen BIGINT,
  cut_rate_x100 BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  concluded_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX project_cases_project ON project_cases (project_id, id);
CREATE INDEX project_cases_state ON project_cases (state);

CREATE TABLE case_reviewers (
  case_id BIGINT NOT NULL REFERENCES project_cases (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_reviewers_user ON case_reviewers (user_id);

-- Each expert's score sheet: ratings and comments by sub-item (JSON), the scores computed from
-- them, an optional veto, and when it was submitted (then it is locked).
CREATE TABLE case_experts (
  case_id BIGINT NOT NULL REFERENCES project_cases (id),
  expert_id BIGINT NOT NULL REFERENCES experts (id),
  user_id BIGINT REFERENCES users (id),
  sheet_json TEXT NOT NULL DEFAULT '{}',
  dimensions_json TEXT NOT NULL DEFAULT '{}',
  total_x100 BIGINT,
  veto INTEGER NOT NULL DEFAULT 0,
  veto_reason TEXT NOT NULL DEFAULT '',
  opinion TEXT NOT NULL DEFAULT '',
  submitted_at TEXT,
  round INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (case_id, expert_id)
);
CREATE INDEX case_experts_user ON case_experts (user_id);

-- The sequence behind project codes, per region and start year.
CREATE TABLE project_code_seq (
  region_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  next_value INTEGER NOT NULL,
  PRIMARY KEY (region_code, year)
);
