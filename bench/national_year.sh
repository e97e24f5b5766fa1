#!/usr/bin/env bash
# A synthetic year shaped like England's, loaded as the collection would load it and held
# against NHS England's published figures: `did generate --national` at SCALE, its reference
# data imported, every file submitted as listed in submissions.csv, then England's rows of
# table 1 (examinations by modality, the year) and table 2 (median days from request to
# test) beside the published 2024/25 figures times the scale, and every table and analysis
# timed end to end with hyperfine on the year as stored (not copied, as statistics_cube.sh does).
#   bench/national_year.sh          (SCALE=0.05, RUNS=3; SQLite)
# Needs a built did (DID=…, default build/release/src/cli/did) and hyperfine (scripts/setup).
# Writes bench/out/national_year/.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${SCALE:-0.05}
runs=${RUNS:-3}
did=$(realpath "${DID:-build/release/src/cli/did}")
out=bench/out/national_year
[[ -x $did ]] || { echo "build first: scripts/build release" >&2; exit 2; }
rm -rf "$out" && mkdir -p "$out"
out=$(cd "$out" && pwd)
export DID_DATA_DIR="$out/data" DID_USER=admin.central DID_DB="sqlite:$out/year.sqlite"

start=$(date +%s)
"$did" generate --national --year 2025-26 --scale "$scale" --seed 1 --out-dir "$out/year"
generated=$(date +%s)
for kind in epraccur etr ets ephp; do "$did" refdata import-ods "$out/year/$kind.csv" >/dev/null; done
"$did" refdata import-postcodes "$out/year/onspd.csv" >/dev/null
"$did" refdata import-icbs "$out/year/icb.csv" >/dev/null
tail -n +2 "$out/year/submissions.csv" | while IFS=, read -r provider period file submitted; do
    "$did" submit --provider "$provider" --period "$period" "$out/year/$file" --submitted "$submitted" >/dev/null
done
loaded=$(date +%s)
echo "generated in $((generated - start)) s; reference data and $(tail -n +2 "$out/year/submissions.csv" | wc -l)" \
    "files loaded in $((loaded - generated)) s; database $(du -h "$out/year.sqlite" | cut -f1)"

"$did" report table1 --year 2025-26 --format csv >"$out/table1.csv"
"$did" report table2 --year 2025-26 --format csv >"$out/table2.csv"
python3 - "$out" "$scale" <<'PY'
import csv, sys
out, scale = sys.argv[1], float(sys.argv[2])
# NHS England, Diagnostic Imaging Dataset 2024/25: examinations (millions) and median days
# from request to test, as the issue gives them.
published = {"Plain Radiography": (23.5, 0), "Diagnostic Ultrasonography": (11.5, 15),
             "Computerized Axial Tomography": (8.3, 1), "Magnetic Resonance Imaging": (4.9, 21),
             "Fluoroscopy": (1.0, None), "Nuclear Medicine Procedure": (0.32, None),
             "Positron Emission Tomography": (0.30, None), "Medical Photography": (0.07, None),
             "Single Photon Emission Computerized Tomography": (0.06, None)}
def england(name):
    with open(f"{out}/{name}.csv", newline="") as f:
        rows = list(csv.reader(f))
    return {r[3]: r[-1] for r in rows[1:] if len(r) > 3 and r[2] == "ENGLAND"}
counts, medians = england("table1"), england("table2")
print("| modality | examinations | published x scale | ratio | median days | published |")
print("|---|---|---|---|---|---|")
for modality, (millions, median) in published.items():
    expected = millions * 1e6 * scale
    got = float(counts[modality])
    print(f"| {modality} | {int(got):,} | {int(expected):,} | {got / expected:.3f} | {medians[modality]} | "
          f"{'-' if median is None else median} |")
PY

tables=(table1 table2 table3 table4 table5 table6 table7a table7b table8 table9 table10 table11 table12 table13 kh12 radiation)
commands=()
for t in "${tables[@]}"; do commands+=("$did report $t --year 2025-26 --format csv"); done
hyperfine --warmup 1 --runs "$runs" -N --export-json "$out/tables.json" "${commands[@]}" >"$out/tables.txt"
python3 -c "
import json,re
for r in json.load(open('$out/tables.json'))['results']:
    print(re.search(r'report (\S+)', r['command']).group(1), f\"{r['mean']*1000:.0f} ms\", f\"(CPU {1000*(r['user']+r['system']):.0f} ms)\")
"
