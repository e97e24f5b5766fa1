-- DID Collect schema, version 1 (SQLite). Dates are ISO text (YYYY-MM-DD), times ISO 8601 UTC.

CREATE TABLE organisations (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,          -- trust, site, gp, independent, other
    parent TEXT,
    postcode TEXT,
    opened TEXT,
    closed TEXT
);
CREATE INDEX organisations_parent ON organisations (parent);

CREATE TABLE postcodes (
    postcode TEXT NOT NULL,      -- with one space, as the directory's pcds column
    terminated TEXT,
    local_authority TEXT,
    region TEXT,
    lsoa TEXT,
    icb TEXT
);
CREATE UNIQUE INDEX postcodes_by_code ON postcodes (postcode);  -- rebuilt by each import

-- Compact forms of large reference data, loaded whole by the validator (hex text).
CREATE TABLE refdata_snapshots (name TEXT PRIMARY KEY, built_at TEXT NOT NULL, data TEXT NOT NULL);

CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE timetable_overrides (
    period TEXT PRIMARY KEY, opens TEXT NOT NULL, cutoff TEXT NOT NULL, provisional TEXT NOT NULL, final TEXT NOT NULL
);

CREATE TABLE window_exceptions (
    provider TEXT NOT NULL, period TEXT NOT NULL, until TEXT NOT NULL, reason TEXT NOT NULL,
    granted_by TEXT NOT NULL, granted_at TEXT NOT NULL,
    PRIMARY KEY (provider, period)
);

CREATE TABLE expected_submitters (provider TEXT PRIMARY KEY, from_period TEXT NOT NULL, until_period TEXT);

CREATE TABLE agreements (
    provider TEXT NOT NULL, organisation TEXT NOT NULL, from_period TEXT NOT NULL, until_period TEXT,
    PRIMARY KEY (provider, organisation, from_period)
);

CREATE TABLE local_codes (
    provider TEXT NOT NULL, local_code TEXT NOT NULL, nicip_code TEXT NOT NULL,
    status TEXT NOT NULL,        -- notified, approved, refused
    notified_by TEXT NOT NULL, notified_at TEXT NOT NULL,
    decided_by TEXT, decided_at TEXT, reason TEXT,
    PRIMARY KEY (provider, local_code)
);

CREATE TABLE exclusions (kind TEXT NOT NULL, value TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (kind, value));

CREATE TABLE submissions (
    id INTEGER PRIMARY KEY,
    provider TEXT NOT NULL,
    period TEXT NOT NULL,
    status TEXT NOT NULL,        -- current, superseded, rejected
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    file_bytes INTEGER NOT NULL,
    submitted_at TEXT NOT NULL,
    received_on TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    origin TEXT NOT NULL,
    records_total INTEGER NOT NULL,
    accepted INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    warned INTEGER NOT NULL,
    excluded INTEGER NOT NULL,
    local_coded INTEGER NOT NULL,
    prep_minutes INTEGER,
    comment TEXT,
    superseded_by INTEGER,
    superseded_at TEXT
);
CREATE UNIQUE INDEX submissions_current ON submissions (provider, period) WHERE status = 'current';
-- A file that was usable is stored once; one whose records were all rejected may be sent again
-- (after an agreement or a local code approval, it may fare better).
CREATE UNIQUE INDEX submissions_file ON submissions (provider, period, file_sha256) WHERE status <> 'rejected';
CREATE INDEX submissions_period ON submissions (period, provider);

CREATE TABLE findings (
    submission_id INTEGER NOT NULL,  -- written with its submission, in one transaction
    line INTEGER NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX findings_submission ON findings (submission_id, line);

-- A record's id is its submission's id times 2^32 plus its line: one submission's records are
-- one range of the table, written in order, so loading appends and reading a submission is a
-- range scan, with no second index to keep up. Submission and line are computed from the id
-- when read, not stored; the month is the submission's.
CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    submission_id INTEGER GENERATED ALWAYS AS (id >> 32) VIRTUAL,
    line INTEGER GENERATED ALWAYS AS (id & 4294967295) VIRTUAL,
    nhs_number TEXT, nhs_number_status TEXT, birth_date TEXT, ethnic_category TEXT, gender TEXT, postcode TEXT,
    gp_practice TEXT, source_setting TEXT, referrer_code TEXT, referring_org TEXT, request_date TEXT,
    request_received_date TEXT, test_date TEXT, nicip_code TEXT, snomed_code TEXT, report_issue_date TEXT,
    site_code TEXT, accession_number TEXT,
    local_code TEXT,             -- as sent, when the NICIP column held a notified local code
    excluded INTEGER NOT NULL,
    content_hash INTEGER NOT NULL
);

CREATE TABLE duplicate_examinations (
    submission_id INTEGER NOT NULL, line INTEGER NOT NULL, other_provider TEXT NOT NULL,
    other_submission_id INTEGER NOT NULL
);
CREATE INDEX duplicate_examinations_submission ON duplicate_examinations (submission_id);

-- The analysis cube: counts by dimension, per submission, written with the records. Clustered
-- by submission like the records: id = submission id * 2^32 + the row's place in the load.
CREATE TABLE cube_activity (
    id INTEGER PRIMARY KEY, submission_id INTEGER GENERATED ALWAYS AS (id >> 32) VIRTUAL,
    provider TEXT NOT NULL, period TEXT NOT NULL, site TEXT NOT NULL,
    nicip TEXT NOT NULL, modality TEXT NOT NULL, source_setting TEXT NOT NULL,
    excluded INTEGER NOT NULL, local_coded INTEGER NOT NULL, examinations INTEGER NOT NULL
);
CREATE INDEX cube_activity_site ON cube_activity (period, site);
CREATE TABLE cube_gp (
    id INTEGER PRIMARY KEY, submission_id INTEGER GENERATED ALWAYS AS (id >> 32) VIRTUAL,
    provider TEXT NOT NULL, period TEXT NOT NULL, gp_practice TEXT NOT NULL,
    nicip TEXT NOT NULL, modality TEXT NOT NULL, gp_direct_access INTEGER NOT NULL, examinations INTEGER NOT NULL
);
CREATE TABLE cube_geography (
    id INTEGER PRIMARY KEY, submission_id INTEGER GENERATED ALWAYS AS (id >> 32) VIRTUAL,
    provider TEXT NOT NULL, period TEXT NOT NULL, postcode_district TEXT NOT NULL,
    modality TEXT NOT NULL, age_band TEXT NOT NULL, sex TEXT NOT NULL, ethnic TEXT NOT NULL,
    examinations INTEGER NOT NULL
);
CREATE TABLE cube_waits (
    id INTEGER PRIMARY KEY, submission_id INTEGER GENERATED ALWAYS AS (id >> 32) VIRTUAL,
    provider TEXT NOT NULL, period TEXT NOT NULL, site TEXT NOT NULL,
    modality TEXT NOT NULL, source_setting TEXT NOT NULL,
    measure TEXT NOT NULL,       -- request_to_test, test_to_report
    days INTEGER NOT NULL,       -- 400 stands for 400 or more
    examinations INTEGER NOT NULL
);

-- Append-only, each entry chained to the one before by a hash.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    origin TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
