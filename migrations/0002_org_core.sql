-- Organizations, regions and data scope (org module). Portable SQL; SERIAL_PK is a dialect token.
-- Sized for a province in one instance: ~2,000 regions, ~20,000 organizations, ~60,000 users.

-- 行政区划: province NN0000, city NNNN00, county NNNNNN, township NNNNNNNNN (county + 3).
CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'township')),
  parent_code TEXT REFERENCES regions (code),
  full_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions (parent_code);

-- Every organization of an instance: 财政局 and its 股室, 预算部门 and 预算单位, 乡镇街道, 经济开发区,
-- 第三方机构, 人大/审计. path is materialized ("1/5/12/": the ids from the root down, each followed
-- by "/") so a subtree is a prefix. department_id is the 一级预算单位 the org belongs to (itself for a
-- department). code (预算单位编码) is unique per region, uscc (统一社会信用代码) unique; both may be NULL.
CREATE TABLE organizations (
  id SERIAL_PK,
  kind TEXT NOT NULL CHECK (kind IN ('finance_bureau', 'finance_office', 'department', 'unit',
                                     'township', 'dev_zone', 'third_party', 'oversight')),
  name TEXT NOT NULL,
  short_name TEXT NOT NULL DEFAULT '',
  code TEXT,
  uscc TEXT UNIQUE,
  region_code TEXT NOT NULL REFERENCES regions (code),
  parent_id BIGINT REFERENCES organizations (id),
  department_id BIGINT,
  office_role TEXT,
  unit_type TEXT NOT NULL DEFAULT '',
  sector_code TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'merged')),
  merged_into_id BIGINT REFERENCES organizations (id),
  qualification TEXT NOT NULL DEFAULT '{}',
  contact TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  path TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (region_code, code)
);
CREATE INDEX organizations_parent ON organizations (parent_id);
CREATE INDEX organizations_department ON organizations (department_id);
CREATE INDEX organizations_region ON organizations (region_code, kind);
CREATE INDEX organizations_path ON organizations (path);
CREATE INDEX organizations_name ON organizations (name);

-- What happened to an organization: create, update, rename, move, merge, deactivate, reactivate,
-- oversight. Never rewritten: a rename keeps the old name here.
CREATE TABLE org_history (
  id SERIAL_PK,
  org_id BIGINT NOT NULL REFERENCES organizations (id),
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  actor_id BIGINT NOT NULL DEFAULT 0,
  actor_name TEXT NOT NULL DEFAULT '',
  before_json TEXT NOT NULL DEFAULT 'null',
  after_json TEXT NOT NULL DEFAULT 'null',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX org_history_org ON org_history (org_id, id);

-- 归口: the departments a finance 股室 oversees.
CREATE TABLE office_oversight (
  office_id BIGINT NOT NULL REFERENCES organizations (id),
  department_id BIGINT NOT NULL REFERENCES organizations (id),
  PRIMARY KEY (office_id, department_id)
);
CREATE INDEX office_oversight_department ON office_oversight (department_id);

-- 专家库. fields is a JSON array of strings; region_code places the expert for data scope.
CREATE TABLE experts (
  id SERIAL_PK,
  name TEXT NOT NULL,
  org_id BIGINT REFERENCES organizations (id),
  region_code TEXT NOT NULL REFERENCES regions (code),
  title TEXT NOT NULL DEFAULT '',
  fields TEXT NOT NULL DEFAULT '[]',
  phone TEXT NOT NULL DEFAULT '',
  id_card_tail TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  user_id BIGINT REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX experts_org ON experts (org_id);
CREATE INDEX experts_region ON experts (region_code, status);
