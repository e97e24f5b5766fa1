-- Each file's examinations by code, age band and sex: see the SQLite script of the same number.
ALTER TABLE statistics_cube_files ADD COLUMN by_age_and_sex TEXT NOT NULL DEFAULT '';
ALTER TABLE statistics_cube_files ALTER COLUMN by_age_and_sex SET STORAGE EXTERNAL;
DELETE FROM statistics_cube_files;
