-- The statistics tables by commissioner: see the SQLite script of the same number.
ALTER TABLE organisations ADD COLUMN icb TEXT;
CREATE TABLE icbs (code TEXT PRIMARY KEY, ods_code TEXT NOT NULL, name TEXT NOT NULL);
ALTER TABLE statistics_cube_files ADD COLUMN commissioners TEXT NOT NULL DEFAULT '';
ALTER TABLE statistics_cube_files ALTER COLUMN commissioners SET STORAGE EXTERNAL;
DELETE FROM statistics_cube_files;
