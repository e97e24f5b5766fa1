-- The central team's notes on providers' data issues ("RXX could not send its ultrasound
-- activity for May"), for the months they cover: every statistics table over those months
-- prints them in its notes. One note per provider and first month.
CREATE TABLE data_issue_notes (
    provider TEXT NOT NULL, first_period TEXT NOT NULL, last_period TEXT NOT NULL,
    note TEXT NOT NULL, written_by TEXT NOT NULL, written_at TEXT NOT NULL,
    PRIMARY KEY (provider, first_period)
);
