"""Turns the upload benchmark's hyperfine rounds into a Markdown table: every run of every round
pooled (mean ± standard deviation), each round's ratio of PUT to `did submit`, and the
transport's share (the upload-only PUT)."""
import json
import statistics
import sys

ORDER = ["did-submit", "http-put", "http-upload-only"]
WHAT = {
    "did-submit": "did submit (the file on local disk)",
    "http-put": "PUT /api/v1/submissions/RXX/{period}: curl -T, until the JSON answer",
    "http-upload-only": "the same PUT to a month that does not parse: received whole, then refused",
}


def main(out, rows, size, rounds):
    rows, size, rounds = int(rows), int(size), int(rounds)
    times = {tool: [] for tool in ORDER}
    per_round = []
    for r in range(1, rounds + 1):
        with open(f"{out}/upload_round{r}.json") as f:
            results = {x["command"]: x for x in json.load(f)["results"]}
        for tool in ORDER:
            times[tool] += results[tool]["times"]
        per_round.append({tool: results[tool]["mean"] for tool in ORDER})
    peak = {}
    stored = {}
    for tool in ["did-submit", "http-put"]:
        with open(f"{out}/{tool}.peak_kb") as f:
            peak[tool] = int(f.read().strip()) / 1024
        with open(f"{out}/{tool}.rows") as f:
            stored[tool] = int(f.read().strip())
    print(f"{rows:,} records, {size / 1e6:.1f} MB; {rounds} rounds of {len(times['did-submit']) // rounds} runs\n")
    print("| what | time (s) | MB/s | records stored | peak memory (MB) |")
    print("|---|---|---|---|---|")
    for tool in ORDER:
        mean, sd = statistics.mean(times[tool]), statistics.stdev(times[tool])
        kept = f"{stored[tool]:,}" if tool in stored else "-"
        memory = f"{peak[tool]:,.0f}" + (" (the server)" if tool == "http-put" else "") if tool in peak else "-"
        print(f"| {WHAT[tool]} | {mean:.2f} ± {sd:.2f} | {size / 1e6 / mean:,.0f} | {kept} | {memory} |")
    submit = statistics.mean(times["did-submit"])
    put = statistics.mean(times["http-put"])
    upload = statistics.mean(times["http-upload-only"])
    ratios = ", ".join(f"{r['http-put'] / r['did-submit']:.2f}x" for r in per_round)
    print()
    print(f"PUT / did submit: {put / submit:.2f}x (each round: {ratios}; target: within 1.3x)")
    print(f"The upload alone: {upload:.2f} s; the PUT less the upload: {put - upload:.2f} s against "
          f"did submit's {submit:.2f} s")
    if stored["did-submit"] != stored["http-put"]:
        print("RECORDS STORED DIFFER between the PUT and did submit")


if __name__ == "__main__":
    main(*sys.argv[1:5])
