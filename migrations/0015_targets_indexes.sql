-- Indexes for the coverage dashboard and the save of a draft at province scale (bench/targets,
-- docs/benchmarks.md "Targets").
--
-- The coverage reads every project of the scope that needs targets in the year, with its set. In
-- id order and from an index holding what it reads, the probes into project_amounts and
-- target_sets (both keyed by project id) walk their indexes forward instead of jumping about: on
-- SQLite's small page cache a province's 300,000 projects take a tenth of the page reads. A
-- county's coverage narrows by a region range instead (projects_region_state).
CREATE INDEX projects_coverage ON projects (id, state, region_code, department_id);
-- The project's set of the year with what the coverage counts of it, without the row.
CREATE INDEX target_sets_project_approved ON target_sets (project_id, year, approved_revision_id)
  WHERE kind = 'project';
-- A unit's sets of a year (last year's actuals, read by every save and check of a draft).
CREATE INDEX target_sets_org_year ON target_sets (org_id, year);
