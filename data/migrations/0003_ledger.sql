-- 0003: the hazard ledger (隐患排查治理台账). An item is one hazard at one site (from an audit finding or entered by
-- hand), assigned to a responsible unit with a deadline; it moves open → rectifying → rectified → verified → closed
-- (整改销号). Every move is an event row: the history is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE),
-- and an item with events cannot be deleted (the foreign key restricts it).

CREATE TABLE IF NOT EXISTS ledger_items (
  id                integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_layer        text NOT NULL CHECK (site_layer IN ('mining_rights', 'tailings_ponds')),
  site_id           text NOT NULL,
  -- The site's name when the item was recorded (the ledger outlives renamed or deleted sites).
  site_name         text NOT NULL,
  source_rule       text,
  finding           jsonb,
  description       text NOT NULL,
  level             text NOT NULL CHECK (level IN ('major', 'significant', 'general', 'low')),
  responsible_unit  text NOT NULL,
  deadline          date NOT NULL,
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'rectifying', 'rectified', 'verified', 'closed')),
  -- County (GB/T 2260) containing the site's point on surface, computed when the item is recorded.
  admin_code        text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ledger_items_admin_code_idx ON ledger_items (admin_code);
CREATE INDEX IF NOT EXISTS ledger_items_status_idx ON ledger_items (status);
CREATE INDEX IF NOT EXISTS ledger_items_site_idx ON ledger_items (site_layer, site_id);
-- One item per finding (site + rule) while it is not yet verified or closed: a second click does not double it.
CREATE UNIQUE INDEX IF NOT EXISTS ledger_items_open_finding_uq ON ledger_items (site_layer, site_id, source_rule)
  WHERE source_rule IS NOT NULL AND status NOT IN ('verified', 'closed');

CREATE TABLE IF NOT EXISTS ledger_events (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id      integer NOT NULL REFERENCES ledger_items (id) ON DELETE RESTRICT,
  from_status  text CHECK (from_status IN ('open', 'rectifying', 'rectified', 'verified', 'closed')),
  to_status    text NOT NULL CHECK (to_status IN ('open', 'rectifying', 'rectified', 'verified', 'closed')),
  actor        text NOT NULL CHECK (actor <> ''),
  note         text NOT NULL DEFAULT '',
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ledger_events_item_idx ON ledger_events (item_id, at);

CREATE OR REPLACE FUNCTION ledger_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_events is append-only (隐患台账历史不可修改): % refused', TG_OP
    USING ERRCODE = 'restrict_violation';
END $$;
DROP TRIGGER IF EXISTS ledger_events_no_change ON ledger_events;
CREATE TRIGGER ledger_events_no_change BEFORE UPDATE OR DELETE ON ledger_events
  FOR EACH ROW EXECUTE FUNCTION ledger_events_append_only();
DROP TRIGGER IF EXISTS ledger_events_no_truncate ON ledger_events;
CREATE TRIGGER ledger_events_no_truncate BEFORE TRUNCATE ON ledger_events
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_events_append_only();
