-- The project name index carries what the list's visibility reads (projects module;
-- docs/benchmarks.md "Projects"). Portable SQL.
--
-- A name search over a region counts and picks its candidates in the index alone: how many of a
-- pair's projects lie in the viewer's regions, in which state, is an index range instead of one
-- lookup per project (a common word over a province: 10,605 lookups, 20 ms on PostgreSQL, then
-- 1.5 ms). The store keeps region, state and unit with the project's (a state change rewrites
-- the project's pairs' state in the same transaction).
CREATE TABLE project_name_index (
  gram TEXT NOT NULL,
  project_id BIGINT NOT NULL REFERENCES projects (id),
  region_code TEXT NOT NULL,
  state TEXT NOT NULL,
  org_id BIGINT NOT NULL,
  PRIMARY KEY (gram, project_id)
);
INSERT INTO project_name_index (gram, project_id, region_code, state, org_id)
  SELECT g.gram, g.project_id, p.region_code, p.state, p.org_id
  FROM project_name_grams g JOIN projects p ON p.id = g.project_id;
DROP TABLE project_name_grams;
ALTER TABLE project_name_index RENAME TO project_name_grams;
CREATE INDEX project_name_grams_project ON project_name_grams (project_id);
CREATE INDEX project_name_grams_scope ON project_name_grams (gram, region_code, state, org_id,
  project_id);

-- A page picks its ids first (the store's list), from an index that carries the filters, what
-- `visible` reads and the sort keys, then reads only its rows: a county's first page sorts its
-- ~2,000 index entries instead of reading ~2,000 projects, a province's filtered list (state,
-- sector, category, year: ~4,000 matches) likewise.
DROP INDEX projects_region_state;
CREATE INDEX projects_region_state ON projects (region_code, state, updated_at,
  requested_total_fen, org_id, id);
DROP INDEX projects_filters;
CREATE INDEX projects_filters ON projects (state, sector, category, start_year, end_year,
  region_code, org_id, updated_at, requested_total_fen, id);

-- The tallies by region prefix and year: each project is counted under every prefix a scope can
-- have of its region code (2 digits for a province, 4 for a city, 6 for a county, 9 for a
-- township), once with year 0 and once for each year from its start to its end. The total of a
-- province's list, or of its list of a year, sums a few rows instead of a `LIKE` over one row per
-- township and state (14,000 rows: 1.2 ms a request) or a count of the rows (a year over a
-- province: 26 ms). The store keeps it (store::tally); `jixiao bench-data` recounts it with the
-- same query (store::recount_tallies).
DROP TABLE project_tallies;
CREATE TABLE project_tallies (
  region_prefix TEXT NOT NULL,
  state TEXT NOT NULL,
  year INTEGER NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (region_prefix, state, year)
);
WITH RECURSIVE ys(y) AS (
  SELECT MIN(start_year) FROM projects
  UNION ALL SELECT y + 1 FROM ys WHERE y < (SELECT MAX(end_year) FROM projects))
INSERT INTO project_tallies (region_prefix, state, year, n)
  SELECT prefix, state, year, COUNT(*) FROM (
    SELECT SUBSTR(region_code, 1, 2) AS prefix, state, 0 AS year FROM projects
      WHERE LENGTH(region_code) >= 2
    UNION ALL SELECT SUBSTR(p.region_code, 1, 2), p.state, ys.y FROM projects p
      JOIN ys ON ys.y >= p.start_year AND ys.y <= p.end_year WHERE LENGTH(p.region_code) >= 2
    UNION ALL SELECT SUBSTR(region_code, 1, 4) AS prefix, state, 0 AS year FROM projects
      WHERE LENGTH(region_code) >= 4
    UNION ALL SELECT SUBSTR(p.region_code, 1, 4), p.state, ys.y FROM projects p
      JOIN ys ON ys.y >= p.start_year AND ys.y <= p.end_year WHERE LENGTH(p.region_code) >= 4
    UNION ALL SELECT SUBSTR(region_code, 1, 6) AS prefix, state, 0 AS year FROM projects
      WHERE LENGTH(region_code) >= 6
    UNION ALL SELECT SUBSTR(p.region_code, 1, 6), p.state, ys.y FROM projects p
      JOIN ys ON ys.y >= p.start_year AND ys.y <= p.end_year WHERE LENGTH(p.region_code) >= 6
    UNION ALL SELECT SUBSTR(region_code, 1, 9) AS prefix, state, 0 AS year FROM projects
      WHERE LENGTH(region_code) >= 9
    UNION ALL SELECT SUBSTR(p.region_code, 1, 9), p.state, ys.y FROM projects p
      JOIN ys ON ys.y >= p.start_year AND ys.y <= p.end_year WHERE LENGTH(p.region_code) >= 9
    UNION ALL SELECT SUBSTR(region_code, 1, 12) AS prefix, state, 0 AS year FROM projects
      WHERE LENGTH(region_code) >= 12
    UNION ALL SELECT SUBSTR(p.region_code, 1, 12), p.state, ys.y FROM projects p
      JOIN ys ON ys.y >= p.start_year AND ys.y <= p.end_year WHERE LENGTH(p.region_code) >= 12) t
  GROUP BY prefix, state, year;
