#!/usr/bin/env bash
# Validating the same month as CSV and as XML: `did validate` of the 1,000,000-record extract
# in each format, and the XML peers on the same XML file: Python's
# xml.etree.ElementTree.iterparse counting ImagingActivity elements, and `xmllint --stream`.
#   bench/xml.sh                      (1,000,000 records; ROWS=… to change; RUNS=… repeats)
# Needs a release build (scripts/build release; DID=… for another binary) and scripts/setup
# (hyperfine, libxml2-utils). Writes bench/out/xml/.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
runs=${RUNS:-5}
did=${DID:-build/release/src/cli/did}
out=bench/out/xml
mkdir -p "$out"
out=$(cd "$out" && pwd)
submitted=2026-11-05
period=2026-10

[[ -x $did ]] || { echo "build first: scripts/build release" >&2; exit 2; }
command -v xmllint > /dev/null || { echo "xmllint missing: scripts/setup (libxml2-utils)" >&2; exit 2; }

echo "generating $rows records, as CSV and as XML"
generate=(--rows "$rows" --seed 2026 --period $period --submitted $submitted --error-rate 0.01)
$did generate "${generate[@]}" --out "$out/extract.csv"
$did generate "${generate[@]}" --format xml --out "$out/extract.xml"

cat > "$out/iterparse.py" <<'PY'
import sys
import xml.etree.ElementTree as ET

count = 0
for _, element in ET.iterparse(sys.argv[1]):
    if element.tag == "ImagingActivity":
        count += 1
    element.clear()
print(count)
PY

validate="validate --period $period --submitted $submitted --format json"
declare -A commands=(
    [did-csv]="$did $validate $out/extract.csv > $out/csv.json"
    [did-xml]="$did $validate $out/extract.xml > $out/xml.json"
    [python-iterparse]="/usr/bin/python3 $out/iterparse.py $out/extract.xml > $out/iterparse.count"
    [xmllint-stream]="xmllint --stream --noout $out/extract.xml"
)
order=(did-csv did-xml python-iterparse xmllint-stream)

for tool in "${order[@]}"; do
    echo "== $tool"
    # The peers take up to a minute a run: fewer runs for them, and no warm-up but did's (the
    # file is in the page cache by then).
    n=$runs warmup=1
    [[ $tool == did-* ]] || { n=$(( runs < 2 ? runs : 2 )); warmup=0; }
    hyperfine --warmup "$warmup" --runs "$n" --shell=bash --export-json "$out/$tool.json" "${commands[$tool]}" | grep -E "Time|Range"
    /usr/bin/time -f %M -o "$out/$tool.peak_kb" bash -c "${commands[$tool]}"
done

# The XML must have given what the CSV gave: counts, and every finding but its line.
python3 - "$out" "$rows" <<'PY'
import json, sys
out, rows = sys.argv[1], int(sys.argv[2])
csv, xml = (json.load(open(f"{out}/{n}.json")) for n in ("csv", "xml"))
strip = lambda r: [(f["rule"], f["field"], f["value"]) for f in r["findings"]]
same = csv["records"] == xml["records"] and strip(csv) == strip(xml)
print(f"XML and CSV: {'the same' if same else 'DIFFERENT'} records {xml['records']} and {len(xml['findings']):,} findings")
print(f"iterparse counted {open(f'{out}/iterparse.count').read().strip()} ImagingActivity elements (expected {rows:,})")
def mean(tool): return json.load(open(f"{out}/{tool}.json"))["results"][0]
base = mean("did-csv")["mean"]
size = {"did-csv": "extract.csv"}
import os
print("| tool | file | time (s) | records/s | MB/s | peak memory (MB) | x the CSV time |")
print("|---|---|---|---|---|---|---|")
for tool in ("did-csv", "did-xml", "python-iterparse", "xmllint-stream"):
    r = mean(tool)
    f = "extract.csv" if tool == "did-csv" else "extract.xml"
    mb = os.path.getsize(f"{out}/{f}") / 1e6
    peak = int(open(f"{out}/{tool}.peak_kb").read()) / 1024
    print(f"| {tool} | {f} ({mb:,.0f} MB) | {r['mean']:.3f} ± {r['stddev']:.3f} | {rows / r['mean']:,.0f} | "
          f"{mb / r['mean']:,.0f} | {peak:,.0f} | {r['mean'] / base:.2f}x |")
PY
