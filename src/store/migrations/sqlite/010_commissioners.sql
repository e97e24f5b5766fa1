-- What the statistics tables by commissioner (7a, 7b, 8) need: each organisation's ICB (ODS
-- column 4: a GP practice's commissioner), the ICBs' names and codes (ONS, `did refdata
-- import-icbs`), and each file's counts by commissioner beside its cube. Every file is counted
-- again by `did db migrate`, so that none lacks them; an ODS file imported before this carries
-- no ICB until it is imported again.
ALTER TABLE organisations ADD COLUMN icb TEXT;
CREATE TABLE icbs (code TEXT PRIMARY KEY, ods_code TEXT NOT NULL, name TEXT NOT NULL);
ALTER TABLE statistics_cube_files ADD COLUMN commissioners TEXT NOT NULL DEFAULT '';
DELETE FROM statistics_cube_files;
