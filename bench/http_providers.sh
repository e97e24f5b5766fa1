#!/usr/bin/env bash
# Twenty providers submitting at the same moment through the API: twenty organisations, each
# with its own API token (made by a central administrator on each organisation's token page),
# each PUTting a month's file of 50,000 records, all twenty started at once. Checks from the
# database (`did submissions`, `did status`) that every file was stored whole, and times the
# whole (the first PUT started to the last answer back). Beside it, the same twenty files
# through `did submit` one after another into an equal fresh database.
#   bench/http_providers.sh          (PROVIDERS=20 of ROWS=50000 records each; RUNS=3 repeats)
#   SERVE_ARGS="--workers 8" bench/http_providers.sh      options for `did serve`
# Needs a release build (scripts/build release; DID=… for another binary) and scripts/setup.
# SQLite only. Writes bench/out/http/providers/ (OUT=… elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
providers=${PROVIDERS:-20}
rows=${ROWS:-50000}
runs=${RUNS:-3}
did=${DID:-$PWD/build/release/src/cli/did}
out=${OUT:-bench/out/http/providers}
mkdir -p "$out"
out=$(cd "$out" && pwd)
today=$(date +%F)
period=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
source bench/portal_lib.sh
export did out

[[ -x $did ]] || { echo "build first: scripts/build release" >&2; exit 2; }
[[ $providers -ge 1 && $providers -le 260 ]] || { echo "PROVIDERS: 1 to 260" >&2; exit 2; }
trap 'stop_portal portal' EXIT

# RA0 … RA9, RB0 …: trusts made from the sample trust RXX, each with RXX's four sites renamed.
letters=ABCDEFGHIJKLMNOPQRSTUVWXYZ
orgs=()
for i in $(seq 0 $((providers - 1))); do orgs+=("R${letters:i/10:1}$((i % 10))"); done

echo "generating $providers files of $rows records for $period"
for i in "${!orgs[@]}"; do
    $did generate --rows "$rows" --seed $((2026 + i)) --provider "${orgs[$i]}" --period "$period" \
        --submitted "$today" --error-rate 0.01 --out "$out/${orgs[$i]}.csv"
done
bytes=$(for org in "${orgs[@]}"; do stat -c %s "$out/$org.csv"; done | awk '{s += $1} END {print s}')

template=$out/template.sqlite
rm -f "$template"*
db=sqlite:$template
$did refdata samples "$out/samples" > /dev/null
for org in "${orgs[@]}"; do
    grep '^"RXX"' "$out/samples/etr.csv" | sed "s/RXX/$org/g" >> "$out/samples/etr.csv"
    grep '^"RXX0' "$out/samples/ets.csv" | sed "s/RXX/$org/g" >> "$out/samples/ets.csv"
done
load_reference "$db"
for org in "${orgs[@]}"; do $did expect add --provider "$org" --from 2026-01 --db "$db" > /dev/null; done
add_demo_user "$db" bench.admin X26 central_administrator bench-password-admin
start_portal "$db" portal
base=http://127.0.0.1:$(cat "$out/portal.port")
session=$(sign_in "$base" bench.admin bench-password-admin)
for org in "${orgs[@]}"; do
    printf 'Authorization: Bearer %s\n' "$(create_token "$base" "$session" "$org")" > "$out/$org.header"
done
stop_portal portal
checkpoint_sqlite "$template"

fresh() {
    stop_portal portal
    rm -f "$out"/run.sqlite*
    cp "$template" "$out/run.sqlite"
}

# Every provider's file stored whole: its answer 201, one current submission holding all its
# records, each accepted or rejected; `did status` sees it on time; the records in the table
# are the sum of those accepted.
check_stored() {
    local how=$1 url=sqlite:$out/run.sqlite
    $did submissions --period "$period" --format json --db "$url" > "$out/submissions.json"
    $did status --period "$period" --format json --db "$url" > "$out/status.json"
    local stored on_time records accepted
    stored=$(jq --argjson rows "$rows" '[.[] | select(.status == "current" and .records == $rows and
        .accepted + .rejected == $rows)] | length' "$out/submissions.json")
    on_time=$(jq '[.[] | select(.status == "on time")] | length' "$out/status.json")
    accepted=$(jq '[.[] | .accepted] | add' "$out/submissions.json")
    records=$(sqlite3 "$out/run.sqlite" "SELECT COUNT(*) FROM records")
    echo "   $how: $stored of $providers stored whole, $on_time on time; $records records in the table" \
        "($accepted accepted)"
    [[ $stored == "$providers" && $on_time == "$providers" && $records == "$accepted" ]] ||
        { echo "NOT ALL STORED" >&2; exit 1; }
}

now() { date +%s.%N; }
since() { awk -v start="$1" -v end="$(now)" 'BEGIN {printf "%.3f", end - start}'; }
: > "$out/times.txt"
for run in $(seq "$runs"); do
    echo "== run $run of $runs"
    fresh
    start_portal "sqlite:$out/run.sqlite" portal
    port=$(cat "$out/portal.port")
    start=$(now)
    pids=()
    for org in "${orgs[@]}"; do
        curl -sS -T "$out/$org.csv" -H @"$out/$org.header" -H 'Content-Type: text/csv' -o "$out/$org.json" \
            -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$port/api/v1/submissions/$org/$period" \
            > "$out/$org.answer" &
        pids+=($!)
    done
    wait "${pids[@]}"  # the curls: the server is a child of this shell too
    concurrent=$(since "$start")
    stop_portal portal
    codes=$(for org in "${orgs[@]}"; do cat "$out/$org.answer"; done)
    created=$(grep -c '^201 ' <<< "$codes" || true)
    slowest=$(awk '{print $2}' <<< "$codes" | sort -g | tail -1)
    fastest=$(awk '{print $2}' <<< "$codes" | sort -g | head -1)
    echo "   $providers PUTs at once: ${concurrent}s (each ${fastest}-${slowest}s), $created answered 201"
    [[ $created == "$providers" ]] || { echo "NOT ALL ANSWERED 201" >&2; exit 1; }
    check_stored "after the PUTs"

    fresh
    start=$(now)
    for org in "${orgs[@]}"; do
        $did submit --provider "$org" --period "$period" "$out/$org.csv" --db "sqlite:$out/run.sqlite" > /dev/null
    done
    serial=$(since "$start")
    echo "   $providers did submit one after another: ${serial}s"
    check_stored "after did submit"
    echo "$concurrent $serial $fastest $slowest" >> "$out/times.txt"
done

/usr/bin/python3 - "$out/times.txt" "$providers" "$rows" "$bytes" << 'EOF' | tee "$out/results.md"
import statistics, sys
runs = [list(map(float, line.split())) for line in open(sys.argv[1])]
providers, rows, size = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def spread(values):
    return f"{statistics.mean(values):.2f} ± {statistics.stdev(values):.2f}" if len(values) > 1 else f"{values[0]:.2f}"
concurrent, serial = [r[0] for r in runs], [r[1] for r in runs]
print(f"{providers} providers x {rows:,} records ({size / 1e6:.0f} MB in all), {len(runs)} runs\n")
print("| what | wall time (s) | records/s |")
print("|---|---|---|")
print(f"| {providers} PUTs at once, first sent to last answered | {spread(concurrent)} | "
      f"{providers * rows / statistics.mean(concurrent):,.0f} |")
print(f"| each of those PUTs (fastest … slowest, over all runs) | {min(r[2] for r in runs):.2f} … "
      f"{max(r[3] for r in runs):.2f} | - |")
print(f"| the same files by did submit, one after another | {spread(serial)} | "
      f"{providers * rows / statistics.mean(serial):,.0f} |")
EOF
