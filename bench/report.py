"""Turns the benchmark's hyperfine and peak-memory files into a Markdown table with ratios."""
import sys

from results import load


def main(out, rows, size, tools):
    rows, size = int(rows), int(size)
    results = {}
    for tool in tools:
        results[tool] = load(out, tool)
    did = results["did"][0]
    peers = [t for t in tools if t not in ("did", "wc-l")]
    fastest = min(peers, key=lambda t: results[t][0])
    print(f"{rows:,} records, {size / 1e6:.1f} MB\n")
    print("| tool | time (s) | records/s | MB/s | peak memory (MB) | did is faster by |")
    print("|---|---|---|---|---|---|")
    for tool in tools:
        mean, sd, peak = results[tool]
        ratio = "-" if tool == "did" else f"{mean / did:.1f}x" if tool != "wc-l" else f"({did / mean:.1f}x slower)"
        print(f"| {tool} | {mean:.3f} ± {sd:.3f} | {rows / mean:,.0f} | {size / 1e6 / mean:,.0f} | {peak:,.0f} | {ratio} |")
    print(f"\ndid vs the fastest peer ({fastest}): {results[fastest][0] / did:.1f}x faster (target: at least 5x)")
    print(f"did vs wc -l: {results['wc-l'][0] / did:.3f} of its speed, 1/{did / results['wc-l'][0]:.1f} (target: at least 1/8)")
    print(f"did peak memory: {results['did'][2]:.0f} MB (target: under 150 MB)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
