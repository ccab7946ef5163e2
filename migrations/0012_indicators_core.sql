-- 分行业分领域 indicator library (indicators module, docs/api-indicators.md). Portable SQL.
-- One row per version of an indicator: a row is valid from from_year to to_year (NULL: open);
-- (code, region_code, from_year) is unique. region_code '' is the shipped library every region
-- shares; a county's own additions carry its code, and so do its versions of a shipped indicator
-- (they shadow the shipped row for that county from their from_year on). The indicator tree
-- (一级/二级 per year) is the setting indicators.tree, not a table.
CREATE TABLE indicators (
  id SERIAL_PK,
  code TEXT NOT NULL,
  sector TEXT NOT NULL,
  field TEXT NOT NULL DEFAULT '',
  level1 TEXT NOT NULL,
  level2 TEXT NOT NULL,
  name TEXT NOT NULL,
  nature TEXT NOT NULL CHECK (nature IN ('>=', '>', '=', '<', '<=', 'qual')),
  unit TEXT NOT NULL DEFAULT '',
  recommended_value TEXT NOT NULL DEFAULT '',
  basis TEXT NOT NULL DEFAULT 'plan' CHECK (basis IN ('plan', 'industry', 'history', 'other')),
  method TEXT NOT NULL DEFAULT '',
  data_source TEXT NOT NULL DEFAULT '',
  is_core INTEGER NOT NULL DEFAULT 0,
  from_year INTEGER NOT NULL,
  to_year INTEGER,
  status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'proposed', 'rejected', 'retired')),
  region_code TEXT NOT NULL DEFAULT '',
  proposed_by_org_id BIGINT REFERENCES organizations (id),
  proposed_by_user_id BIGINT,
  review_comment TEXT NOT NULL DEFAULT '',
  usage_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (code, region_code, from_year)
);
CREATE INDEX indicators_sector ON indicators (sector, status, from_year);
CREATE INDEX indicators_status ON indicators (status, region_code);
CREATE INDEX indicators_name ON indicators (name);
-- The last number handed out per code prefix (JY, WS, …): codes are never reused, also after a
-- rejected proposal; the row is the lock that serializes concurrent creations of one prefix.
CREATE TABLE indicator_code_seq (
  prefix TEXT PRIMARY KEY,
  next_value INTEGER NOT NULL
);
CREATE INDEX indicators_region ON indicators (region_code, code);
