-- 0004: stored audit findings, kept fresh by re-auditing only where the data changed (server/findings/).
--
-- The regional risk map reads findings for a whole province; running every rule over every site per request does
-- not scale (minutes at 1M rights). Instead the findings of the last audit are stored with where each site lies
-- (audit_sites: point on surface, county, town), every write to a layer records the box it touched (audit_dirty),
-- and before reading, the server re-audits the subjects within each rule's reach of those boxes.

-- Every right and pond with where it lies; a site counts in the county and town containing its point on surface.
-- A site answers to changes around `extent` (the box of its geometry) and, for a tailings pond, around `dam_point`
-- (the 头顶库 corridor starts there): the same two tests pick the subjects of a regional audit.
CREATE TABLE IF NOT EXISTS audit_sites (
  layer        text NOT NULL CHECK (layer IN ('mining_rights', 'tailings_ponds')),
  id           text NOT NULL,
  name         text NOT NULL,
  status       text,
  grade        integer,
  point        geometry(Point, 4326) NOT NULL,
  extent       geometry(Geometry, 4326) NOT NULL,
  dam_point    geometry(Point, 4326),
  county_code  text,
  county_name  text,
  town_code    text,
  town_name    text,
  PRIMARY KEY (layer, id)
);
CREATE INDEX IF NOT EXISTS audit_sites_extent_gix ON audit_sites USING gist (extent);
CREATE INDEX IF NOT EXISTS audit_sites_point_gix ON audit_sites USING gist (point);
CREATE INDEX IF NOT EXISTS audit_sites_dam_point_gix ON audit_sites USING gist (dam_point);
CREATE INDEX IF NOT EXISTS audit_sites_county_idx ON audit_sites (county_code);
CREATE INDEX IF NOT EXISTS audit_sites_town_idx ON audit_sites (town_code);

-- Fail and warn findings of the last audit (passes are not stored: a site without findings passed).
CREATE TABLE IF NOT EXISTS audit_findings (
  rule          text NOT NULL,
  layer         text NOT NULL CHECK (layer IN ('mining_rights', 'tailings_ponds')),
  subject_id    text NOT NULL,
  status        text NOT NULL CHECK (status IN ('fail', 'warn')),
  measured      double precision,
  threshold     double precision,
  unit          text,
  message       text NOT NULL,
  message_en    text NOT NULL,
  related       jsonb NOT NULL DEFAULT '[]',
  details       jsonb,
  profile       text NOT NULL,
  rule_version  integer NOT NULL,
  PRIMARY KEY (layer, subject_id, rule),
  FOREIGN KEY (layer, subject_id) REFERENCES audit_sites (layer, id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS audit_findings_rule_idx ON audit_findings (rule, status);

-- Per county and per town (level), what the map grades from: sites by layer and status, and findings by rule,
-- finding status, layer and site status (the scoring decides which site statuses count), with the first few sites by layer
-- and id. Kept by the refresh for the areas whose sites it touched, so a province is graded from a few thousand rows.
CREATE TABLE IF NOT EXISTS audit_area_sites (
  level        text NOT NULL CHECK (level IN ('county', 'town')),
  code         text NOT NULL,
  layer        text NOT NULL,
  site_status  text,
  n            integer NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_area_sites_idx ON audit_area_sites (level, code);
CREATE TABLE IF NOT EXISTS audit_area_findings (
  level        text NOT NULL CHECK (level IN ('county', 'town')),
  code         text NOT NULL,
  rule         text NOT NULL,
  status       text NOT NULL,
  layer        text NOT NULL,
  site_status  text,
  n            integer NOT NULL,
  refs         jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_area_findings_idx ON audit_area_findings (level, code);

-- Boxes touched by writes since the last audit; a NULL box means "everything" (a bulk load, TRUNCATE).
CREATE TABLE IF NOT EXISTS audit_dirty (
  id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  layer  text NOT NULL,
  box    geometry(Geometry, 4326)
);

-- What the stored findings were computed with; one row.
CREATE TABLE IF NOT EXISTS audit_state (
  id           integer PRIMARY KEY CHECK (id = 1),
  -- Rule versions, the parameters in force under every profile, and the as-of date (tailings-closure counts years).
  fingerprint  text NOT NULL,
  -- The same without the date, to tell a new day from a change of rules.
  rules_fingerprint text NOT NULL,
  audited_at   timestamptz NOT NULL,
  full_at      timestamptz NOT NULL
);

-- Statement-level, with transition tables: a bulk load of a million rows records one NULL box instead of a million.
CREATE OR REPLACE FUNCTION audit_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed bigint := 0;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO audit_dirty (layer, box) VALUES (TG_TABLE_NAME, NULL);
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN changed := changed + (SELECT count(*) FROM new_rows); END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN changed := changed + (SELECT count(*) FROM old_rows); END IF;
  IF changed > 1000 THEN
    INSERT INTO audit_dirty (layer, box) VALUES (TG_TABLE_NAME, NULL);
    RETURN NULL;
  END IF;
  -- Each statement is planned when first run, per table: the dam_point ones only ever on tailings_ponds.
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO audit_dirty (layer, box) SELECT TG_TABLE_NAME, ST_Envelope(geom) FROM new_rows WHERE geom IS NOT NULL;
    IF TG_TABLE_NAME = 'tailings_ponds' THEN
      -- A tailings pond also answers at its dam point (the 头顶库 corridor starts there).
      INSERT INTO audit_dirty (layer, box) SELECT TG_TABLE_NAME, dam_point FROM new_rows WHERE dam_point IS NOT NULL;
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO audit_dirty (layer, box) SELECT TG_TABLE_NAME, ST_Envelope(geom) FROM old_rows WHERE geom IS NOT NULL;
    IF TG_TABLE_NAME = 'tailings_ponds' THEN
      INSERT INTO audit_dirty (layer, box) SELECT TG_TABLE_NAME, dam_point FROM old_rows WHERE dam_point IS NOT NULL;
    END IF;
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE
  layer text;
BEGIN
  FOREACH layer IN ARRAY ARRAY['mining_rights', 'tailings_ponds', 'settlements', 'rivers', 'ridge_lines',
                               'hazard_zones', 'restricted_zones', 'ore_bodies', 'admin_areas'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', layer || '_audit_ins', layer);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_mark_dirty()', layer || '_audit_ins', layer);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', layer || '_audit_upd', layer);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_mark_dirty()', layer || '_audit_upd', layer);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', layer || '_audit_del', layer);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_mark_dirty()', layer || '_audit_del', layer);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', layer || '_audit_trunc', layer);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_mark_dirty()', layer || '_audit_trunc', layer);
  END LOOP;
END $$;
