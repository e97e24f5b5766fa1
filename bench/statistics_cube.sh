#!/usr/bin/env bash
# How long a published table's read of the statistics cube takes at a quarter of England's
# scale, on SQLite: one provider-month's cube, counted by `did submit` from a generated file of
# a 150th of a quarter of England's monthly activity, is copied to 150 providers x 12 months (as
# many rows as a year of real files), and the query every table starts with (the cells of the
# current files of the months, grouped) is timed with hyperfine.
#   bench/statistics_cube.sh          (ROWS=6700 per file, PROVIDERS=150, RUNS=3)
# Needs a release build (scripts/build release; DID=… for another binary), sqlite3 and
# hyperfine (scripts/setup). Writes bench/out/statistics_cube/.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-6700}
providers=${PROVIDERS:-150}
runs=${RUNS:-3}
did=${DID:-build/release/src/cli/did}
out=bench/out/statistics_cube
[[ -x $did ]] || { echo "build first: scripts/build release" >&2; exit 2; }
rm -rf "$out" && mkdir -p "$out"
out=$(cd "$out" && pwd)

export DID_DB="sqlite:$out/one.sqlite" DID_DATA_DIR="$out/data" DID_USER=bench
$did generate --rows "$rows" --seed 3 --provider RXX --period 2026-01 --submitted 2026-02-05 \
    --error-rate 0.02 --out "$out/file.csv"
$did submit --provider RXX --period 2026-01 "$out/file.csv" --submitted 2026-02-05 >/dev/null

# The cube's schema as migration 007 makes it, and the copies: a submission per provider-month.
sqlite3 "$out/year.sqlite" <<SQL
ATTACH '$out/one.sqlite' AS one;
CREATE TABLE submissions (id INTEGER PRIMARY KEY, status TEXT NOT NULL);
CREATE TABLE cube_statistics (
    id INTEGER PRIMARY KEY, submission_id INTEGER GENERATED ALWAYS AS (id >> 32) VIRTUAL,
    provider TEXT NOT NULL, period TEXT NOT NULL, modality TEXT NOT NULL, source_setting TEXT NOT NULL,
    cancer_test_group TEXT NOT NULL, measure TEXT NOT NULL, days INTEGER NOT NULL, examinations INTEGER NOT NULL);
CREATE TEMP TABLE cells AS SELECT row_number() OVER () AS n, * FROM one.cube_statistics;
WITH RECURSIVE p(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM p WHERE i < $providers - 1),
               m(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM m WHERE j < 11)
INSERT INTO submissions SELECT i * 12 + j + 1, 'current' FROM p, m;
INSERT INTO cube_statistics (id, provider, period, modality, source_setting, cancer_test_group, measure, days,
                             examinations)
SELECT (s.id << 32) | c.n, 'P' || ((s.id - 1) / 12), printf('2025-%02d', ((s.id - 1) % 12) + 1), c.modality,
       c.source_setting, c.cancer_test_group, c.measure, c.days, c.examinations
FROM submissions s, cells c;
CREATE INDEX cube_statistics_period ON cube_statistics (period);
SQL
echo "cube rows per file: $(sqlite3 "$out/one.sqlite" 'SELECT COUNT(*) FROM cube_statistics')," \
    "for the year: $(sqlite3 "$out/year.sqlite" 'SELECT COUNT(*) FROM cube_statistics')"
# The query of store/statistics_cube_table.cpp (ForEachCell), counted rather than sent back.
cat >"$out/cells.sql" <<'SQL'
SELECT COUNT(*) FROM (SELECT c.provider, c.period, c.modality, c.source_setting, c.cancer_test_group, c.measure,
    c.days, SUM(c.examinations) FROM cube_statistics c JOIN submissions s ON s.id = c.submission_id
    WHERE s.status = 'current' AND c.period BETWEEN '2025-01' AND '2025-12'
    GROUP BY c.provider, c.period, c.modality, c.source_setting, c.cancer_test_group, c.measure, c.days);
SQL
hyperfine --runs "$runs" --export-markdown "$out/results.md" "sqlite3 $out/year.sqlite < $out/cells.sql"
