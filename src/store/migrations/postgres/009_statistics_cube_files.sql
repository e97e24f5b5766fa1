-- The statistics cube as one row per stored file: see the SQLite script of the same number.
-- The cells are stored uncompressed (EXTERNAL): they are read far more often than written,
-- and they are already compact.
DROP TABLE cube_statistics;
DROP TABLE statistics_cube_built;
CREATE TABLE statistics_cube_files (
    submission_id BIGINT PRIMARY KEY, provider TEXT NOT NULL, period TEXT NOT NULL, cells TEXT NOT NULL
);
ALTER TABLE statistics_cube_files ALTER COLUMN cells SET STORAGE EXTERNAL;
CREATE INDEX statistics_cube_files_period ON statistics_cube_files (period, provider);
