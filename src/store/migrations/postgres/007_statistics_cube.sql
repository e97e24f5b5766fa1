-- The statistics cube: see the SQLite script of the same number.
CREATE TABLE cube_statistics (
    submission_id BIGINT NOT NULL, provider TEXT NOT NULL, period TEXT NOT NULL,
    modality TEXT NOT NULL, source_setting TEXT NOT NULL, cancer_test_group TEXT NOT NULL, measure TEXT NOT NULL,
    days BIGINT NOT NULL, examinations BIGINT NOT NULL
);
CREATE INDEX cube_statistics_submission ON cube_statistics USING brin (submission_id) WITH (autosummarize = on);
CREATE INDEX cube_statistics_period ON cube_statistics (period);
CREATE TABLE statistics_cube_built (submission_id BIGINT PRIMARY KEY);
