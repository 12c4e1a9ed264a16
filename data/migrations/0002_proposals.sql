-- 0002: kept proposals (拟设方案) for planners. A proposal is a mining right or tailings pond under review; it is not in
-- its layer table until approved, when it is copied there in the same transaction as the status change.
-- Every check run on a proposal is kept (proposal_checks) with the profile and rule versions it ran under, so a
-- meeting can see what was checked, when, and under which rules.

CREATE TABLE IF NOT EXISTS proposals (
  id          text PRIMARY KEY
              DEFAULT ('PR-' || to_char(now(), 'YYYYMMDD') || '-' || substr(md5(random()::text || clock_timestamp()::text), 1, 8)),
  layer       text NOT NULL CHECK (layer IN ('mining_rights', 'tailings_ponds')),
  name        text NOT NULL,
  status      text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'under_review', 'approved', 'rejected')),
  properties  jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom        geometry(Geometry, 4326) NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS proposals_geom_gix ON proposals USING gist (geom);
CREATE INDEX IF NOT EXISTS proposals_created_idx ON proposals (created_at DESC);

CREATE TABLE IF NOT EXISTS proposal_checks (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id    text NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  checked_at     timestamptz NOT NULL DEFAULT now(),
  profile        text NOT NULL,
  rule_versions  jsonb NOT NULL,
  verdict        text NOT NULL CHECK (verdict IN ('pass', 'warn', 'fail')),
  result         jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS proposal_checks_proposal_idx ON proposal_checks (proposal_id, checked_at DESC, id DESC);
