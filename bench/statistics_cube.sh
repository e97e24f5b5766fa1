#!/usr/bin/env bash
# How long each published table takes at a quarter of England's scale (a financial year of
# about 12 M records over 150 providers), end to end: `did report tableN --year 2025-26
# --format csv` timed with hyperfine, on SQLite and on PostgreSQL, and DuckDB's median query
# over the raw records beside it.
#
# One provider-month is submitted for real (`did submit` counts its statistics cube from a
# generated file of ROWS records); its cube row is then copied to PROVIDERS providers x 12
# months, as many files as a year of real ones. DuckDB gets the same records copied the same
# way (PROVIDERS x 12 x ROWS rows, held in memory), and its time is for the query only.
#   bench/statistics_cube.sh      (ROWS=6700, PROVIDERS=150, RUNS=5)
#   PG_URL=postgresql://postgres@127.0.0.1:55440/postgres bench/statistics_cube.sh   (adds PostgreSQL:
#   a database did_bench_statistics is created there, and dropped first if it exists)
# Needs a built did (DID=…, default build/release/src/cli/did), sqlite3, hyperfine and, for
# DuckDB, bench/node_modules (scripts/setup). Writes bench/out/statistics_cube/.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-6700}
providers=${PROVIDERS:-150}
runs=${RUNS:-5}
did=$(realpath "${DID:-build/release/src/cli/did}")
out=bench/out/statistics_cube
[[ -x $did ]] || { echo "build first: scripts/build release" >&2; exit 2; }
rm -rf "$out" && mkdir -p "$out"
out=$(cd "$out" && pwd)
tables=(table1 table2 table3 table4 table5 table6 table7a table7b table8 table9 table10 table11 table12 table13 kh12
    radiation)
export DID_DATA_DIR="$out/data" DID_USER=bench

"$did" generate --rows "$rows" --seed 3 --provider RXX --period 2026-01 --submitted 2026-02-05 \
    --error-rate 0.02 --out "$out/file.csv"

# The copies: a submission and its cube row per provider and month of 2025-26; the arguments
# are the dialect's way of writing the provider's code, the month and p * 12 + m.
copies_sql() {  # provider, month, number
    cat <<SQL
INSERT INTO submissions (id, provider, period, status, file_name, file_sha256, file_bytes, submitted_at, received_on,
    submitted_by, origin, records_total, accepted, rejected, warned, excluded, local_coded)
SELECT 1000 + $3, $1, $2, 'current', s.file_name, s.file_sha256 || ($3), s.file_bytes, s.submitted_at,
    s.received_on, s.submitted_by, s.origin, s.records_total, s.accepted, s.rejected, s.warned, s.excluded,
    s.local_coded
FROM submissions s, generate_series(0, $providers - 1) AS p, generate_series(0, 11) AS m WHERE s.provider = 'RXX';
INSERT INTO statistics_cube_files (submission_id, provider, period, cells)
SELECT c.id, c.provider, c.period, f.cells FROM submissions c, statistics_cube_files f
WHERE c.id >= 1000 AND f.submission_id = (SELECT id FROM submissions WHERE provider = 'RXX');
INSERT INTO statistics_cube_commissioners (submission_id, provider, period, cells)
SELECT c.id, c.provider, c.period, f.cells FROM submissions c, statistics_cube_commissioners f
WHERE c.id >= 1000 AND f.submission_id = (SELECT id FROM submissions WHERE provider = 'RXX');
INSERT INTO statistics_cube_age_sex (submission_id, provider, period, cells)
SELECT c.id, c.provider, c.period, f.cells FROM submissions c, statistics_cube_age_sex f
WHERE c.id >= 1000 AND f.submission_id = (SELECT id FROM submissions WHERE provider = 'RXX');
SQL
}

# The sample reference data (ODS with practices' ICBs, the postcode directory with the
# postcodes' ICBs) that the generated file's practices and postcodes are drawn from, so that
# the file is counted by commissioner as a real one would be.
"$did" refdata samples "$out/refdata" >/dev/null
load_refdata() {  # database URL
    for kind in epraccur etr ets ephp; do "$did" refdata import-ods --db "$1" "$out/refdata/$kind.csv" >/dev/null; done
    "$did" refdata import-postcodes --db "$1" "$out/refdata/onspd.csv" >/dev/null
}

time_tables() {  # label, database URL
    local label=$1 url=$2 commands=()
    for t in "${tables[@]}"; do commands+=("$did report $t --year 2025-26 --format csv --db $url"); done
    for t in "${tables[@]}"; do "$did" report "$t" --year 2025-26 --format csv --db "$url" >"$out/$label-$t.csv"; done
    hyperfine --warmup 1 --runs "$runs" -N --export-json "$out/$label.json" "${commands[@]}" >"$out/$label.txt"
}

sqlite_db="$out/year.sqlite"
load_refdata "sqlite:$sqlite_db"
"$did" submit --db "sqlite:$sqlite_db" --provider RXX --period 2026-01 "$out/file.csv" --submitted 2026-02-05 >/dev/null
copies_sql "printf('P%03d', p.value)" "strftime('%Y-%m', '2025-04-01', '+' || m.value || ' months')" \
    "p.value * 12 + m.value" | sqlite3 "$sqlite_db"
echo "SQLite: $(sqlite3 "$sqlite_db" 'SELECT COUNT(*), SUM(LENGTH(cells)) FROM statistics_cube_files') (files, cube characters)"
time_tables sqlite "sqlite:$sqlite_db"

if [[ -n ${PG_URL:-} ]]; then
    psql -q "$PG_URL" -c 'DROP DATABASE IF EXISTS did_bench_statistics' -c 'CREATE DATABASE did_bench_statistics'
    pg="${PG_URL%/*}/did_bench_statistics"
    load_refdata "$pg"
    "$did" submit --db "$pg" --provider RXX --period 2026-01 "$out/file.csv" --submitted 2026-02-05 >/dev/null
    copies_sql "'P' || lpad(p::text, 3, '0')" "to_char(date '2025-04-01' + m * interval '1 month', 'YYYY-MM')" \
        "p * 12 + m" | psql -q "$pg"
    psql -q "$pg" -c 'VACUUM ANALYZE'
    time_tables postgresql "$pg"
fi

if [[ -d bench/node_modules/@duckdb ]]; then
    node bench/peers/duckdb_statistics.mjs "$out/file.csv" data/published_modality.csv "$providers" "$runs" \
        >"$out/duckdb.txt"
fi
python3 bench/statistics_report.py "$out"
