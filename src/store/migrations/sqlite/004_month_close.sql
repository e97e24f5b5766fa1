-- DID Collect schema (SQLite): closing a month. A month's dates stop following the timetable
-- rule once its publication cut-off has passed; the file current at the cut-off and at the
-- final deadline is recorded for each provider; and each organisation keeps its NHS England
-- region. Nothing to fill for data stored before: see docs/storage.md.

-- ODS column 3, the national grouping: the NHS England region (Y56 … Y63). Filled by the next
-- import of each ODS file.
ALTER TABLE organisations ADD COLUMN region TEXT;

-- The dates a month had under the rule when a change of the rule would have moved them after
-- its cut-off had passed (or moved its cut-off into the past). Written once, never updated.
CREATE TABLE frozen_windows (
    period TEXT PRIMARY KEY, opens TEXT NOT NULL, cutoff TEXT NOT NULL, provisional TEXT NOT NULL,
    final TEXT NOT NULL, frozen_at TEXT NOT NULL
);

-- A provider's file for a month as it stood when the publication cut-off (provisional) or
-- the final deadline (final) passed; submission_id NULL when it had no usable file then.
-- Recorded before the first change of the current file after that day; the final one changes
-- again only under an exception (note says which).
CREATE TABLE last_good_files (
    provider TEXT NOT NULL,
    period TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('provisional', 'final')),
    submission_id INTEGER,
    recorded_at TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (provider, period, stage)
);
