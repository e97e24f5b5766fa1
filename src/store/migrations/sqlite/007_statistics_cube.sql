-- The statistics cube: what the published tables need, per submission, by the modality as the
-- statistics count it (PET and SPECT apart from nuclear medicine), the source setting, the
-- cancer test group and the wait in whole days, "not known" (-1) included. Each examination that counts is here twice:
-- once for each measure. Written with the records for a new file; `did db migrate` fills it
-- for the files stored before it existed (statistics_cube_built says which are done).
CREATE TABLE cube_statistics (
    id INTEGER PRIMARY KEY, submission_id INTEGER GENERATED ALWAYS AS (id >> 32) VIRTUAL,
    provider TEXT NOT NULL, period TEXT NOT NULL,
    modality TEXT NOT NULL, source_setting TEXT NOT NULL,
    cancer_test_group TEXT NOT NULL, -- one of the five groups of tables 4-6, or '' for none
    measure TEXT NOT NULL,        -- request_to_test, test_to_report
    days INTEGER NOT NULL,        -- -1: not known (a date missing, or the end before the start)
    examinations INTEGER NOT NULL
);
CREATE INDEX cube_statistics_period ON cube_statistics (period);
CREATE TABLE statistics_cube_built (submission_id INTEGER PRIMARY KEY);
