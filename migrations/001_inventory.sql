-- The inventory: inspected models with their record, check report and the knowledge-base version
-- they were checked against (re-checked when it changes).
CREATE TABLE IF NOT EXISTS models (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  license     TEXT NOT NULL,
  family      TEXT NOT NULL,
  verdict     TEXT NOT NULL CHECK (verdict IN ('ok', 'conditional', 'violation', 'unknown')),
  record      JSONB NOT NULL,
  report      JSONB NOT NULL,
  kb_version  TEXT NOT NULL,
  checked_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS models_verdict ON models (verdict);
CREATE INDEX IF NOT EXISTS models_license ON models (license);
