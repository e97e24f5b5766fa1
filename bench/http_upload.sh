#!/usr/bin/env bash
# Submitting a month's file through the API: `PUT /api/v1/submissions/{org}/{period}` with an
# API token, over loopback, timed end to end (curl streaming the file until the JSON answer
# is back), against `did submit` of the same file into an equal fresh database, in one
# hyperfine run. Also timed: the same PUT to a month that does not parse, which the server
# receives whole (spooled to its upload file) and then refuses: the transport's share alone.
#   bench/http_upload.sh            (1,000,000 records; ROWS=… to change; RUNS=… repeats per
#                                     round, ROUNDS=… hyperfine rounds, for the spread)
# Needs a release build (scripts/build release; DID=… for another binary) and scripts/setup.
# SQLite only. Writes bench/out/http/ (OUT=… elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
runs=${RUNS:-5}
rounds=${ROUNDS:-2}
did=${DID:-$PWD/build/release/src/cli/did}
out=${OUT:-bench/out/http}
mkdir -p "$out"
out=$(cd "$out" && pwd)
file=$out/extract.csv
today=$(date +%F)
# The month whose window opened last: open today, as the server checks with today's date.
period=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
source bench/portal_lib.sh
export did out

[[ -x $did ]] || { echo "build first: scripts/build release" >&2; exit 2; }
trap 'stop_portal portal' EXIT

echo "generating $rows records for $period"
$did generate --rows "$rows" --seed 2026 --period "$period" --submitted "$today" --error-rate 0.01 --out "$file"
size=$(stat -c %s "$file")

# The database both start from: reference data, the provider expected, a demo submitter and
# the API token that submitter made on the portal's token page.
template=$out/template.sqlite
rm -f "$template"*
db=sqlite:$template
$did refdata samples "$out/samples" > /dev/null
load_reference "$db"
$did expect add --provider RXX --from 2026-01 --db "$db" > /dev/null
add_demo_user "$db" bench.rxx RXX provider_submitter bench-password-rxx
start_portal "$db" portal
base=http://127.0.0.1:$(cat "$out/portal.port")
session=$(sign_in "$base" bench.rxx bench-password-rxx)
# A header file, so that the token is in no command line (hyperfine exports its commands).
printf 'Authorization: Bearer %s\n' "$(create_token "$base" "$session" RXX)" > "$out/auth.header"
stop_portal portal
checkpoint_sqlite "$template"

fresh="stop_portal portal && rm -f $out/run.sqlite* && cp $template $out/run.sqlite"
put="curl -sS -T $file -H @$out/auth.header -H 'Content-Type: text/csv'"
declare -A commands=(
    [did-submit]="$did submit --provider RXX --period $period $file --format json --db sqlite:$out/run.sqlite > $out/submit.json"
    [http-put]="$put --fail-with-body -o $out/put.json http://127.0.0.1:\$(<$out/portal.port)/api/v1/submissions/RXX/$period"
    [http-upload-only]="$put -o $out/refused.json http://127.0.0.1:\$(<$out/portal.port)/api/v1/submissions/RXX/not-a-month"
)
declare -A prepares=(
    [did-submit]="$fresh"
    [http-put]="$fresh && start_portal sqlite:$out/run.sqlite portal"
    [http-upload-only]="$fresh && start_portal sqlite:$out/run.sqlite portal"
)
order=(did-submit http-put http-upload-only)

args=()
for tool in "${order[@]}"; do args+=(--prepare "${prepares[$tool]}" "${commands[$tool]}"); done
for round in $(seq "$rounds"); do
    echo "== round $round of $rounds"
    hyperfine --warmup 1 --runs "$runs" --shell=bash --export-json "$out/upload_round$round.json" \
        --command-name did-submit --command-name http-put --command-name http-upload-only "${args[@]}" |
        grep -E "^Benchmark|Time|Range"
done

# What each stored, from the database itself, and the server's peak memory over one PUT.
bash -c "${prepares[did-submit]}"
bash -c "${commands[did-submit]}"
sqlite3 "$out/run.sqlite" "SELECT COUNT(*) FROM records" > "$out/did-submit.rows"
bash -c "${prepares[did-submit]}"
/usr/bin/time -f %M -o "$out/did-submit.peak_kb" bash -c "${commands[did-submit]}"
bash -c "${prepares[http-put]}"
bash -c "${commands[http-put]}"
grep -o '^VmHWM:.*' "/proc/$(cat "$out/portal.pid")/status" | awk '{print $2}' > "$out/http-put.peak_kb"
stop_portal portal
sqlite3 "$out/run.sqlite" "SELECT COUNT(*) FROM records" > "$out/http-put.rows"
grep -q '"result":"stored"' "$out/put.json" || { echo "the PUT did not store the file:" >&2; head -c 400 "$out/put.json" >&2; exit 1; }
grep -q '"status":400' "$out/refused.json" || { echo "the upload-only PUT was not refused" >&2; exit 1; }

/usr/bin/python3 bench/http_report.py "$out" "$rows" "$size" "$rounds" | tee "$out/upload_results.md"
