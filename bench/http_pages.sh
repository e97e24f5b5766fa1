#!/usr/bin/env bash
# A page under load: wrk with a signed-in provider submitter's session cookie on one page,
# 2 threads and 50 connections for 30 s; throughput and latency percentiles (wrk --latency).
# Beside it the same load on /healthz (public, one database read, no template): the floor the
# server's transport, routing and worker pool set for any answer.
#   bench/http_pages.sh        (PAGE=… the page; DURATION=30s THREADS=2 CONNECTIONS=50; RUNS=3)
# PAGE is by default the organisation's API token page; PAGE=/providers/RXX is its home page.
# Needs a release build (scripts/build release; DID=… for another binary) and scripts/setup
# (wrk). SQLite only. Writes bench/out/http/pages/ (OUT=… elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
page=${PAGE:-/providers/RXX/api-tokens}
duration=${DURATION:-30s}
threads=${THREADS:-2}
connections=${CONNECTIONS:-50}
runs=${RUNS:-3}
did=${DID:-$PWD/build/release/src/cli/did}
out=${OUT:-bench/out/http/pages}
mkdir -p "$out"
out=$(cd "$out" && pwd)
source bench/portal_lib.sh
export did out

[[ -x $did ]] || { echo "build first: scripts/build release" >&2; exit 2; }
command -v wrk > /dev/null || { echo "wrk is missing: scripts/setup" >&2; exit 2; }
trap 'stop_portal portal' EXIT

# A database with the reference data, the provider, its demo submitter, and a token on its
# token page (so that the page lists one).
rm -f "$out"/pages.sqlite*
db=sqlite:$out/pages.sqlite
$did refdata samples "$out/samples" > /dev/null
load_reference "$db"
$did expect add --provider RXX --from 2026-01 --db "$db" > /dev/null
add_demo_user "$db" bench.rxx RXX provider_submitter bench-password-rxx
start_portal "$db" portal
base=http://127.0.0.1:$(cat "$out/portal.port")
session=$(sign_in "$base" bench.rxx bench-password-rxx)
create_token "$base" "$session" RXX > /dev/null
cookie="Cookie: __Host-did-session=$session"

# The page must answer 200 to the session (not the sign-in page's 303, nor an error).
status=$(curl -sS -o "$out/page.html" -w '%{http_code}' -H "$cookie" "$base$page")
[[ $status == 200 ]] || { echo "$page answered $status to the signed-in session" >&2; exit 1; }
echo "$page: $(stat -c %s "$out/page.html") bytes"

: > "$out/wrk.txt"
for run in $(seq "$runs"); do
    for target in "$page" /healthz; do
        echo "== $target, run $run of $runs"
        wrk --latency -t "$threads" -c "$connections" -d "$duration" -H "$cookie" "$base$target" > "$out/wrk.last"
        grep -E "Requests/sec|^ +(50|99)%|Non-2xx|Socket errors" "$out/wrk.last" | sed 's/^/   /'
        # A throttled or signed-out answer is not a page: wrk counts those apart.
        if grep -q "Non-2xx" "$out/wrk.last"; then echo "$target: answers that were not 2xx" >&2; exit 1; fi
        awk -v target="$target" '
            /Requests\/sec/ {rps = $2}
            /^ +50%/ {p50 = $2}
            /^ +99%/ {p99 = $2}
            END {print target, rps, p50, p99}' "$out/wrk.last" >> "$out/wrk.txt"
    done
done
grep -o '^VmHWM:.*' "/proc/$(cat "$out/portal.pid")/status" | sed 's/^/server peak memory: /'
stop_portal portal

/usr/bin/python3 - "$out/wrk.txt" "$threads" "$connections" "$duration" << 'EOF' | tee "$out/results.md"
import statistics, sys
def ms(text):
    for unit, scale in (("us", 1e-3), ("ms", 1.0), ("s", 1e3)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * scale
rows = {}
for line in open(sys.argv[1]):
    target, rps, p50, p99 = line.split()
    rows.setdefault(target, []).append((float(rps), ms(p50), ms(p99)))
def spread(values, digits):
    if len(values) == 1:
        return f"{values[0]:,.{digits}f}"
    return f"{statistics.mean(values):,.{digits}f} ± {statistics.stdev(values):,.{digits}f}"
print(f"wrk --latency -t {sys.argv[2]} -c {sys.argv[3]} -d {sys.argv[4]}, signed in, {len(next(iter(rows.values())))} runs\n")
print("| GET | requests/s | p50 latency (ms) | p99 latency (ms) |")
print("|---|---|---|---|")
for target, runs in rows.items():
    print(f"| {target} | {spread([r[0] for r in runs], 0)} | {spread([r[1] for r in runs], 1)} | "
          f"{spread([r[2] for r in runs], 1)} |")
EOF
