-- The project library at province scale (projects module; docs/benchmarks.md "Projects").
-- Portable SQL.

-- A substring index of project names, of the same design as org_name_grams (migration 0009):
-- every pair of consecutive characters of the name (org::name_grams). A name search reads the
-- projects holding all the query's pairs instead of scanning every project with LIKE. Kept by
-- the projects store on every insert and update; `jixiao serve` fills it for projects that have
-- none (databases made before this migration).
CREATE TABLE project_name_grams (
  gram TEXT NOT NULL,
  project_id BIGINT NOT NULL REFERENCES projects (id),
  PRIMARY KEY (gram, project_id)
);
CREATE INDEX project_name_grams_project ON project_name_grams (project_id);

-- How many projects each region has in each state, kept by the projects store in the same
-- transaction as every insert, state change and delete: the total of a library list over a
-- whole city or province (hundreds of thousands of rows) is a sum over this table instead of a
-- count of the rows.
CREATE TABLE project_tallies (
  region_code TEXT NOT NULL,
  state TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (region_code, state)
);
INSERT INTO project_tallies (region_code, state, n)
  SELECT region_code, state, COUNT(*) FROM projects GROUP BY region_code, state;

-- The list's sort orders, read backwards or forwards for a page. Each also carries what the
-- `visible` predicate reads (state, region, unit), so rows out of scope and the rows an OFFSET
-- skips are decided from the index without reading the project.
CREATE INDEX projects_updated ON projects (updated_at, id, state, region_code, org_id);
CREATE INDEX projects_requested ON projects (requested_total_fen, id, state, region_code, org_id);
-- A project's visibility by id: what a name-index lookup checks for each candidate.
CREATE INDEX projects_visibility ON projects (id, state, region_code, org_id);
-- The list's usual filters together (state, sector, category, a year within start..end).
CREATE INDEX projects_filters ON projects (state, sector, category, start_year, end_year,
  region_code, org_id);
-- The year's statistics: projects starting in a year, with what the statistics read of them,
-- in id order (so their cases and rounds, numbered in about the same order, are read along
-- their indexes instead of at random: a fifth of the page reads on SQLite).
CREATE INDEX projects_stats ON projects (start_year, id, region_code, state, org_id, sector,
  department_id);
CREATE INDEX project_cases_stats ON project_cases (project_id, id, preassess_required,
  submitted_fen, approved_fen);
CREATE INDEX project_case_rounds_conclusion ON project_case_rounds (case_id, round, conclusion);
-- Who is assigned to a case (the `visible` predicate's other half). Partial: most cases have
-- no third-party agency and, until assigned, no lead; an index full of NULLs has statistics
-- that tell SQLite's planner to scan the table instead.
CREATE INDEX project_cases_lead ON project_cases (lead_user_id) WHERE lead_user_id IS NOT NULL;
CREATE INDEX project_cases_third_party ON project_cases (third_party_org_id)
  WHERE third_party_org_id IS NOT NULL;
