-- The counts by commissioner and by age and sex each in a table of their own, rather than
-- columns beside the cube's cells: a table reads only its part, and SQLite keeps a row's
-- columns together, so beside each other every table read them all (twice the bytes read for
-- tables 1 to 13). A file is counted when its row is in statistics_cube_files.
CREATE TABLE statistics_cube_commissioners (
    submission_id INTEGER PRIMARY KEY, provider TEXT NOT NULL, period TEXT NOT NULL, cells TEXT NOT NULL
);
CREATE INDEX statistics_cube_commissioners_period ON statistics_cube_commissioners (period, provider);
CREATE TABLE statistics_cube_age_sex (
    submission_id INTEGER PRIMARY KEY, provider TEXT NOT NULL, period TEXT NOT NULL, cells TEXT NOT NULL
);
CREATE INDEX statistics_cube_age_sex_period ON statistics_cube_age_sex (period, provider);
INSERT INTO statistics_cube_commissioners SELECT submission_id, provider, period, commissioners FROM statistics_cube_files;
INSERT INTO statistics_cube_age_sex SELECT submission_id, provider, period, by_age_and_sex FROM statistics_cube_files;
ALTER TABLE statistics_cube_files DROP COLUMN commissioners;
ALTER TABLE statistics_cube_files DROP COLUMN by_age_and_sex;
