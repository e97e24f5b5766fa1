-- DID Collect schema, version 3 (SQLite): reference data kept in the database, so that every
-- server on one database validates against the same data.
-- - nicip_codes: the NICIP catalogue in use once one has been imported (`did refdata import`);
--   while it is empty, the catalogue shipped in `did` is used.
-- - refdata_imports: one row per reference data import (the catalogue, each ODS file, the
--   postcode directory): what, when, by whom, from which file and its SHA-256, how many rows.
-- - refdata_bundle: one row in a reference data bundle (`did refdata export`), saying when, by
--   whom and from which database it was exported; empty in a collection's database.

CREATE TABLE nicip_codes (
    nicip_code TEXT PRIMARY KEY,
    snomed_ct_id TEXT NOT NULL,
    modality TEXT NOT NULL,       -- the published label
    nicip_retired_on TEXT,
    snomed_retired_on TEXT
);

CREATE TABLE refdata_imports (
    id INTEGER PRIMARY KEY,
    dataset TEXT NOT NULL,        -- nicip, ods.gp, ods.trust, ods.site, ods.independent, ods.other, postcodes
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,    -- empty for imports made before this version
    row_count INTEGER NOT NULL
);
CREATE INDEX refdata_imports_dataset ON refdata_imports (dataset, id);

-- Imports made before this version, from the audit entries that recorded them.
INSERT INTO refdata_imports (dataset, imported_at, imported_by, file_name, file_sha256, row_count)
SELECT CASE action WHEN 'refdata.ods_imported' THEN 'ods.' || subject ELSE 'postcodes' END, at, actor,
       COALESCE(json_extract(detail, '$.file'), ''), '',
       CAST(COALESCE(json_extract(detail, '$.organisations'), json_extract(detail, '$.postcodes'), '0') AS INTEGER)
FROM audit_log
WHERE action IN ('refdata.ods_imported', 'refdata.postcodes_imported')
ORDER BY seq;

CREATE TABLE refdata_bundle (
    one INTEGER PRIMARY KEY CHECK (one = 1),  -- a single row
    exported_at TEXT NOT NULL,
    exported_by TEXT NOT NULL,
    source TEXT NOT NULL,                     -- the database it came from, without a password
    postcodes INTEGER NOT NULL                -- 1 when the postcode directory is in it
);
