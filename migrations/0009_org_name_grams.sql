-- A substring index of organization names (org module): every pair of consecutive characters of
-- name and short_name, so a name search at province scale reads the organizations holding the
-- query's pairs instead of scanning all of them with LIKE. Kept by the org store on every write;
-- `jixiao serve` fills it for organizations that have none (databases made before this
-- migration). Portable SQL.
CREATE TABLE org_name_grams (
  gram TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES organizations (id),
  PRIMARY KEY (gram, org_id)
);
CREATE INDEX org_name_grams_org ON org_name_grams (org_id);
