#!/usr/bin/env bash
# Committing a month's DID file: `did submit` (validate + store records, findings and cube,
# durably, in one transaction) into SQLite and PostgreSQL, side by side with each database's
# own bare load path on the same file, which checks nothing:
#   sqlite3 .import, PostgreSQL COPY (from the client, \copy, and from the server's disk),
#   DuckDB CREATE TABLE AS read_csv.
#   bench/submit_peers.sh            (1,000,000 records; ROWS=… to change; RUNS=… repeats)
#   PIN_SERVER=1 bench/submit_peers.sh   the PostgreSQL server on the last core, its clients
#                                        (did, psql) on the others: the database as it would
#                                        run in production, on cores of its own
# Needs a release build (scripts/build release) and scripts/setup. Writes bench/out/submit/.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
runs=${RUNS:-5}
did=$PWD/build/release/src/cli/did
out=bench/out/submit
mkdir -p "$out"
out=$(cd "$out" && pwd)
file=$out/extract.csv
period=2026-10
submitted=2026-11-05

[[ -x $did ]] || { echo "build first: scripts/build release" >&2; exit 2; }
[[ -d bench/node_modules ]] || (cd bench && npm ci --silent --no-audit --no-fund)

echo "generating $rows records"
$did generate --rows "$rows" --seed 2026 --period $period --submitted $submitted --error-rate 0.01 --out "$file"
chmod a+r "$file" && chmod a+x "$out"
size=$(stat -c %s "$file")

# A database ready to take the month: reference data loaded, the provider expected.
prepare_database() {
    local url=$1
    $did refdata samples "$out/samples" > /dev/null
    for f in epraccur etr ets ephp; do $did refdata import-ods "$out/samples/$f.csv" --db "$url" > /dev/null; done
    $did refdata import-postcodes "$out/samples/onspd.csv" --db "$url" > /dev/null
    $did expect add --provider RXX --from 2026-01 --db "$url" > /dev/null
}

rm -f "$out"/template.sqlite* "$out"/run.sqlite* "$out"/import.sqlite* "$out"/load.duckdb*
prepare_database "sqlite:$out/template.sqlite"

pg=$out/pg
scripts/pg-cluster stop "$pg/data" 2>/dev/null || true
rm -rf "$pg"
scripts/pg-cluster start "$pg/data" 55438
trap 'scripts/pg-cluster stop "$pg/data"' EXIT
pg_client=""
if [[ -n ${PIN_SERVER:-} ]]; then
    last=$(($(nproc) - 1))
    [[ $last -ge 1 ]] || { echo "PIN_SERVER needs at least two cores" >&2; exit 2; }
    # The postmaster and the processes it has started; backends it forks later inherit it.
    postmaster=$(head -1 "$pg/data/postmaster.pid")
    for p in $postmaster $(pgrep -P "$postmaster"); do taskset -p -c "$last" "$p" > /dev/null; done
    pg_client="taskset -c 0-$((last - 1)) "
    echo "PostgreSQL pinned to core $last, its clients to cores 0-$((last - 1))"
fi
export PGHOST=127.0.0.1 PGPORT=55438 PGUSER=postgres
pg_url=postgresql://postgres@127.0.0.1:55438
createdb did_template
prepare_database "$pg_url/did_template"
psql -X -q -d postgres -c "ALTER DATABASE did_template WITH IS_TEMPLATE true ALLOW_CONNECTIONS false"
columns=$(head -1 "$file" | tr -d '\r' | awk -F, '{for (i = 1; i <= NF; i++) printf "%sc%d text", (i > 1 ? ", " : ""), i}')

submit="submit --provider RXX --period $period $file --submitted $submitted"
declare -A commands=(
    [did-sqlite]="$did $submit --db sqlite:$out/run.sqlite"
    [sqlite3-import]="sqlite3 $out/import.sqlite '.import --csv $file records'"
    [did-postgresql]="$pg_client$did $submit --db $pg_url/did_run"
    [postgresql-copy-client]="${pg_client}psql -X -q -d did_run -c \"\\\\copy peer FROM '$file' CSV HEADER\""
    [postgresql-copy-server]="${pg_client}psql -X -q -d did_run -c \"COPY peer FROM '$file' CSV HEADER\""
    [duckdb]="node bench/peers/duckdb_load.mjs $file $out/load.duckdb"
)
declare -A prepares=(
    [did-sqlite]="cp $out/template.sqlite $out/run.sqlite && rm -f $out/run.sqlite-wal $out/run.sqlite-shm"
    [sqlite3-import]="rm -f $out/import.sqlite*"
    [did-postgresql]="dropdb --if-exists did_run && createdb -T did_template did_run && psql -X -q -d did_run -c CHECKPOINT"
    [postgresql-copy-client]="dropdb --if-exists did_run && createdb did_run && psql -X -q -d did_run -c 'CREATE TABLE peer ($columns)' -c CHECKPOINT"
    [postgresql-copy-server]="dropdb --if-exists did_run && createdb did_run && psql -X -q -d did_run -c 'CREATE TABLE peer ($columns)' -c CHECKPOINT"
    [duckdb]="rm -f $out/load.duckdb*"
)
order=(did-sqlite sqlite3-import did-postgresql postgresql-copy-client postgresql-copy-server duckdb)

for tool in "${order[@]}"; do
    echo "== $tool"
    hyperfine --warmup 1 --runs "$runs" --shell=bash --prepare "${prepares[$tool]}" --export-json "$out/$tool.json" \
        "${commands[$tool]} > /dev/null" | grep -E "Time|Range"
    bash -c "${prepares[$tool]}"
    /usr/bin/time -f %M -o "$out/$tool.peak_kb" bash -c "${commands[$tool]} > /dev/null"
    # What each one stored, from the database itself: did stores the accepted records, the
    # peers every row.
    case $tool in
    did-sqlite) sqlite3 "$out/run.sqlite" "SELECT COUNT(*) FROM records" ;;
    sqlite3-import) sqlite3 "$out/import.sqlite" "SELECT COUNT(*) FROM records" ;;
    did-postgresql) psql -X -qtA -d did_run -c "SELECT COUNT(*) FROM records" ;;
    postgresql-*) psql -X -qtA -d did_run -c "SELECT COUNT(*) FROM peer" ;;
    duckdb) echo "-" ;;
    esac > "$out/$tool.rows"
    echo "   rows stored: $(cat "$out/$tool.rows")"
done

/usr/bin/python3 bench/submit_report.py "$out" "$rows" "$size" | tee "$out/results.md"
