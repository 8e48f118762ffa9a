-- kosh schema, version 1: sources with provenance, a dictionary of codes, series and
-- their observations.

CREATE TABLE source (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('file', 'model_run')),
  name             TEXT NOT NULL,
  dataset          TEXT NOT NULL,
  sha256           TEXT NOT NULL,
  format           TEXT NOT NULL,
  importer_version TEXT NOT NULL,
  imported_at      TEXT NOT NULL,
  row_count        INTEGER NOT NULL DEFAULT 0,
  size_bytes       INTEGER NOT NULL DEFAULT 0,
  revision         INTEGER NOT NULL DEFAULT 1,
  superseded_by    INTEGER REFERENCES source(id),
  method           TEXT NOT NULL DEFAULT '',
  parameters       TEXT NOT NULL DEFAULT '',
  inputs           TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX source_sha_format ON source(sha256, format);
CREATE INDEX source_dataset ON source(dataset, revision);

-- Every text that observations repeat (indicator, country, region, age, breakdown, unit)
-- is stored once; kind: 1 indicator, 2 country, 3 region, 4 age, 5 breakdown, 6 unit.
-- Id 0 means "none" and is never stored.
CREATE TABLE code (
  id   INTEGER PRIMARY KEY,
  kind INTEGER NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (kind, text)
);

-- A series: everything that identifies an observation except its period, within one source.
-- The unique index serves queries by indicator x origin x destination (or country).
CREATE TABLE series (
  id             INTEGER PRIMARY KEY,
  indicator_id   INTEGER NOT NULL,
  origin_id      INTEGER NOT NULL,
  destination_id INTEGER NOT NULL,
  country_id     INTEGER NOT NULL,
  sex            INTEGER NOT NULL,  -- 0 total, 1 female, 2 male
  age_id         INTEGER NOT NULL,
  breakdown_id   INTEGER NOT NULL,
  region_id      INTEGER NOT NULL,
  unit_id        INTEGER NOT NULL,
  source_id      INTEGER NOT NULL REFERENCES source(id),
  UNIQUE (indicator_id, origin_id, destination_id, country_id, sex, age_id, breakdown_id,
          region_id, unit_id, source_id)
);
CREATE INDEX series_destination ON series(indicator_id, destination_id, origin_id);

CREATE TABLE observation (
  series_id    INTEGER NOT NULL REFERENCES series(id),
  period_start INTEGER NOT NULL,  -- yyyymm of the first month
  period_end   INTEGER NOT NULL,  -- yyyymm of the last month
  period_kind  INTEGER NOT NULL,  -- 0 year, 1 quarter, 2 month, 3 span
  value        REAL,              -- NULL only when flags say missing or suppressed
  flags        INTEGER NOT NULL,
  PRIMARY KEY (series_id, period_start, period_end, period_kind)
) WITHOUT ROWID;
