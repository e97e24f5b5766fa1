-- The old KH12 activity return: see the SQLite script of the same number.
CREATE TABLE kh12_returns (
    year TEXT NOT NULL, provider TEXT NOT NULL, category TEXT NOT NULL, examinations BIGINT NOT NULL,
    PRIMARY KEY (year, provider, category)
);
