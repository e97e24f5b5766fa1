#!/usr/bin/env bash
# Validating a month's DID file: `did validate` side by side with the tools a data team
# would otherwise reach for, on the same file and the same rule set, in one run.
#   bench/validate_peers.sh            (1,000,000 records; ROWS=… to change; RUNS=… repeats)
# Needs a release build (scripts/build release) and scripts/setup. Writes bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
runs=${RUNS:-5}
did=build/release/src/cli/did
out=bench/out
mkdir -p "$out"
out=$(cd "$out" && pwd)
file=$out/extract.csv
catalogue=$PWD/data/nicip_catalogue.csv
submitted=2026-11-05
period=2026-10

[[ -x $did ]] || { echo "build first: scripts/build release" >&2; exit 2; }
[[ -d bench/node_modules ]] || (cd bench && npm ci --silent --no-audit --no-fund)

echo "generating $rows records"
$did generate --rows "$rows" --seed 2026 --period $period --submitted $submitted --error-rate 0.01 --out "$file"
chmod a+r "$file"
size=$(stat -c %s "$file")

pg=$out/pg
scripts/pg-cluster stop "$pg/data" 2>/dev/null || true
rm -rf "$pg"
scripts/pg-cluster start "$pg/data" 55439
trap 'scripts/pg-cluster stop "$pg/data"' EXIT
export PGHOST=127.0.0.1 PGPORT=55439 PGUSER=postgres

declare -A commands=(
    [did]="$did validate $file --period $period --submitted $submitted --format json --findings $out/did_findings.csv > /dev/null"
    [duckdb]="node bench/peers/duckdb_validate.mjs $file $catalogue $submitted $period-01 $out/duckdb_findings.csv > /dev/null"
    [postgresql]="bench/peers/postgres_validate.sh $file $catalogue $submitted $period-01 $out/postgresql_findings.csv > /dev/null"
    [pandas]="/usr/bin/python3 bench/peers/pandas_validate.py $file $catalogue $submitted $period-01 $out/pandas_findings.csv > /dev/null"
    [wc-l]="wc -l $file > /dev/null"
)
order=(did duckdb postgresql pandas wc-l)

for tool in "${order[@]}"; do
    echo "== $tool"
    hyperfine --warmup 1 --runs "$runs" --shell=bash --export-json "$out/$tool.json" "${commands[$tool]}" | grep -E "Time|Range"
    if [[ $tool == postgresql ]]; then
        # The work happens in the server: its backend's peak, plus psql's.
        PEAK_MEMORY_FILE=$out/postgresql.server_kb /usr/bin/time -f %M -o "$out/postgresql.client_kb" bash -c "${commands[$tool]}"
        echo $(( $(cat "$out/postgresql.server_kb") + $(cat "$out/postgresql.client_kb") )) > "$out/$tool.peak_kb"
    else
        /usr/bin/time -f %M -o "$out/$tool.peak_kb" bash -c "${commands[$tool]}"
    fi
done

# The peers must have found exactly what did found, line by line, or the race is not fair.
tail -n +2 "$out/did_findings.csv" | cut -d, -f1,3 | sort > "$out/did.pairs"
for peer in duckdb postgresql pandas; do
    tail -n +2 "$out/${peer}_findings.csv" | sort > "$out/$peer.pairs"
    if cmp -s "$out/did.pairs" "$out/$peer.pairs"; then echo "$peer: same $(wc -l < "$out/did.pairs") findings as did"; else
        echo "$peer: FINDINGS DIFFER from did"; fi
done

/usr/bin/python3 bench/report.py "$out" "$rows" "$size" "${order[@]}" | tee "$out/results.md"
