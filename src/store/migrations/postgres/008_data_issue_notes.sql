-- The central team's notes on providers' data issues: see the SQLite script of the same number.
CREATE TABLE data_issue_notes (
    provider TEXT NOT NULL, first_period TEXT NOT NULL, last_period TEXT NOT NULL,
    note TEXT NOT NULL, written_by TEXT NOT NULL, written_at TEXT NOT NULL,
    PRIMARY KEY (provider, first_period)
);
