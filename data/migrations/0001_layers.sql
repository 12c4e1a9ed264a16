-- 0001: one table per contract layer (CONTRACT.md "Layers").
-- Every table: id (stable string), name, typed columns for the properties the rules read, props jsonb for the rest,
-- geom in EPSG:4326 with a GiST index, and geog = geom::geography (stored, GiST-indexed) so metric predicates
-- (ST_DWithin / ST_Distance on the spheroid) use an index without casting the stored column in a WHERE clause.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE IF NOT EXISTS mining_rights (
  id                text PRIMARY KEY,
  name              text NOT NULL,
  license_no        text,
  holder            text,
  mineral           text,
  mineral_group     text,
  method            text,
  status            text,
  capacity_wan_tpa  double precision,
  elevation_top     double precision,
  elevation_bottom  double precision,
  slope_height_m    double precision,
  slope_monitoring  text,
  props             jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom              geometry(Geometry, 4326) NOT NULL,
  geog              geography(Geometry, 4326) GENERATED ALWAYS AS (geom::geography) STORED,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS mining_rights_geom_gix ON mining_rights USING gist (geom);
CREATE INDEX IF NOT EXISTS mining_rights_geog_gix ON mining_rights USING gist (geog);

CREATE TABLE IF NOT EXISTS tailings_ponds (
  id                       text PRIMARY KEY,
  name                     text NOT NULL,
  grade                    integer,
  dam_height_m             double precision,
  capacity_wan_m3          double precision,
  status                   text,
  downstream_azimuth_deg   double precision,
  one_time_dam             boolean,
  final_elevation_reached  boolean,
  idle_since               integer,
  operator                 text,
  dam_point                geometry(Point, 4326),
  props                    jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom                     geometry(Geometry, 4326) NOT NULL,
  geog                     geography(Geometry, 4326) GENERATED ALWAYS AS (geom::geography) STORED,
  created_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS tailings_ponds_geom_gix ON tailings_ponds USING gist (geom);
CREATE INDEX IF NOT EXISTS tailings_ponds_geog_gix ON tailings_ponds USING gist (geog);

CREATE TABLE IF NOT EXISTS settlements (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  population  integer,
  kind        text,
  props       jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom        geometry(Geometry, 4326) NOT NULL,
  geog        geography(Geometry, 4326) GENERATED ALWAYS AS (geom::geography) STORED,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS settlements_geom_gix ON settlements USING gist (geom);
CREATE INDEX IF NOT EXISTS settlements_geog_gix ON settlements USING gist (geog);

CREATE TABLE IF NOT EXISTS rivers (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  river_class  text,
  props        jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom         geometry(Geometry, 4326) NOT NULL,
  geog         geography(Geometry, 4326) GENERATED ALWAYS AS (geom::geography) STORED,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS rivers_geom_gix ON rivers USING gist (geom);

CREATE TABLE IF NOT EXISTS ridge_lines (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  props       jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom        geometry(Geometry, 4326) NOT NULL,
  geog        geography(Geometry, 4326) GENERATED ALWAYS AS (geom::geography) STORED,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ridge_lines_geom_gix ON ridge_lines USING gist (geom);

CREATE TABLE IF NOT EXISTS hazard_zones (
  id             text PRIMARY KEY,
  name           text NOT NULL,
  hazard_type    text,
  survey_status  text,
  level          text,
  props          jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom           geometry(Geometry, 4326) NOT NULL,
  geog           geography(Geometry, 4326) GENERATED ALWAYS AS (geom::geography) STORED,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS hazard_zones_geom_gix ON hazard_zones USING gist (geom);

CREATE TABLE IF NOT EXISTS restricted_zones (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  zone_type   text,
  props       jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom        geometry(Geometry, 4326) NOT NULL,
  geog        geography(Geometry, 4326) GENERATED ALWAYS AS (geom::geography) STORED,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS restricted_zones_geom_gix ON restricted_zones USING gist (geom);

CREATE TABLE IF NOT EXISTS ore_bodies (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  mineral     text,
  props       jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom        geometry(Geometry, 4326) NOT NULL,
  geog        geography(Geometry, 4326) GENERATED ALWAYS AS (geom::geography) STORED,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ore_bodies_geom_gix ON ore_bodies USING gist (geom);
CREATE INDEX IF NOT EXISTS ore_bodies_geog_gix ON ore_bodies USING gist (geog);

CREATE TABLE IF NOT EXISTS admin_areas (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  code         text,
  level        text,
  parent_code  text,
  props        jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom         geometry(Geometry, 4326) NOT NULL,
  geog         geography(Geometry, 4326) GENERATED ALWAYS AS (geom::geography) STORED,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS admin_areas_geom_gix ON admin_areas USING gist (geom);
CREATE INDEX IF NOT EXISTS admin_areas_code_idx ON admin_areas (code);

-- Long lines and big zones are also kept cut into small pieces (ST_Subdivide, 48 vertices) with their own GiST
-- index on geography: a distance test against a whole river of thousands of vertices is slow (DOMAIN.md "Geometry").
-- The pieces are maintained by a trigger, so every write path (API, loader, bench) keeps them in step.
CREATE OR REPLACE FUNCTION refresh_feature_pieces() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    EXECUTE format('DELETE FROM %I WHERE feature_id = $1', TG_TABLE_NAME || '_pieces') USING OLD.id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format('INSERT INTO %I (feature_id, geom) SELECT $1, ST_Subdivide($2, 48)', TG_TABLE_NAME || '_pieces')
      USING NEW.id, NEW.geom;
  END IF;
  RETURN NULL;
END $$;

-- One pieces table per long-line / big-zone layer: <layer>_pieces (feature_id, geom, geog) with GiST indexes and
-- the sync trigger. Table names come from the literal list below, never from input.
CREATE OR REPLACE FUNCTION create_pieces_table(parent text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE pieces text := parent || '_pieces';
BEGIN
  EXECUTE format('CREATE TABLE IF NOT EXISTS %I (
      feature_id text NOT NULL REFERENCES %I (id) ON DELETE CASCADE,
      geom geometry(Geometry, 4326) NOT NULL,
      geog geography(Geometry, 4326) GENERATED ALWAYS AS (geom::geography) STORED)', pieces, parent);
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I USING gist (geog)', pieces || '_geog_gix', pieces);
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I USING gist (geom)', pieces || '_geom_gix', pieces);
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I (feature_id)', pieces || '_feature_idx', pieces);
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', pieces || '_sync', parent);
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OF geom OR DELETE ON %I
      FOR EACH ROW EXECUTE FUNCTION refresh_feature_pieces()', pieces || '_sync', parent);
END $$;

SELECT create_pieces_table(parent) FROM unnest(ARRAY['rivers', 'ridge_lines', 'hazard_zones', 'restricted_zones']) AS parent;
