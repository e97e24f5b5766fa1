-- The old KH12 activity return, where the central team loads it (`did refdata import-kh12`):
-- examinations per provider, financial year and KH12 category, to hold the KH12 replication
-- (`did report kh12`) against.
CREATE TABLE kh12_returns (
    year TEXT NOT NULL, provider TEXT NOT NULL, category TEXT NOT NULL, examinations INTEGER NOT NULL,
    PRIMARY KEY (year, provider, category)
);
