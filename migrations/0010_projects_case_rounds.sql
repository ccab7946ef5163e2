-- Every conclusion of a case, round by round (projects module): a case concluded 调整 and then
-- supported after the unit's revision keeps both, so the year's statistics count the first
-- conclusion (as a county reports its 事前评估 results) and the final 审定 amounts.
CREATE TABLE project_case_rounds (
  case_id BIGINT NOT NULL REFERENCES project_cases (id),
  round INTEGER NOT NULL,
  conclusion TEXT NOT NULL,
  combined_x100 BIGINT,
  veto INTEGER NOT NULL DEFAULT 0,
  submitted_fen BIGINT,
  approved_fen BIGINT,
  opinion TEXT NOT NULL DEFAULT '',
  concluded_by BIGINT NOT NULL DEFAULT 0,
  concluded_at TEXT NOT NULL,
  PRIMARY KEY (case_id, round)
);
