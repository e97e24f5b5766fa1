-- The statistics cube kept as one row per stored file (the current and the superseded), its
-- cells in one text cell (service/statistics_cube_text.hpp), in place of migration 007's row
-- per cell: a table over a year reads one row per provider and month. A file is counted when
-- its row is here; `did db migrate` counts the files stored before, from their records.
DROP TABLE cube_statistics;
DROP TABLE statistics_cube_built;
CREATE TABLE statistics_cube_files (
    submission_id INTEGER PRIMARY KEY, provider TEXT NOT NULL, period TEXT NOT NULL, cells TEXT NOT NULL
);
CREATE INDEX statistics_cube_files_period ON statistics_cube_files (period, provider);
