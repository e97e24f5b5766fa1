-- Each file's examinations by NICIP code, age band and sex beside its cube, for the radiation
-- analysis (frequency and collective dose). Every file is counted again by `did db migrate`.
ALTER TABLE statistics_cube_files ADD COLUMN by_age_and_sex TEXT NOT NULL DEFAULT '';
DELETE FROM statistics_cube_files;
