-- The counts by commissioner and by age and sex in tables of their own: see the SQLite script
-- of the same number.
CREATE TABLE statistics_cube_commissioners (
    submission_id BIGINT PRIMARY KEY, provider TEXT NOT NULL, period TEXT NOT NULL, cells TEXT NOT NULL
);
ALTER TABLE statistics_cube_commissioners ALTER COLUMN cells SET STORAGE EXTERNAL;
CREATE INDEX statistics_cube_commissioners_period ON statistics_cube_commissioners (period, provider);
CREATE TABLE statistics_cube_age_sex (
    submission_id BIGINT PRIMARY KEY, provider TEXT NOT NULL, period TEXT NOT NULL, cells TEXT NOT NULL
);
ALTER TABLE statistics_cube_age_sex ALTER COLUMN cells SET STORAGE EXTERNAL;
CREATE INDEX statistics_cube_age_sex_period ON statistics_cube_age_sex (period, provider);
INSERT INTO statistics_cube_commissioners SELECT submission_id, provider, period, commissioners FROM statistics_cube_files;
INSERT INTO statistics_cube_age_sex SELECT submission_id, provider, period, by_age_and_sex FROM statistics_cube_files;
ALTER TABLE statistics_cube_files DROP COLUMN commissioners;
ALTER TABLE statistics_cube_files DROP COLUMN by_age_and_sex;
