"""Turns the submit benchmark's hyperfine and peak-memory files into a Markdown table with ratios."""
import sys

from results import load

ROWS = ["did-sqlite", "sqlite3-import", "did-postgresql", "postgresql-copy-client", "postgresql-copy-server", "duckdb"]
WHAT = {
    "did-sqlite": "did submit into SQLite: validate, store records + findings + cube, durable",
    "sqlite3-import": "sqlite3 .import (no checks)",
    "did-postgresql": "did submit into PostgreSQL: validate, COPY records + findings + cube, durable",
    "postgresql-copy-client": "PostgreSQL \\copy from the client (no checks)",
    "postgresql-copy-server": "PostgreSQL COPY from the server's disk (no checks)",
    "duckdb": "DuckDB CREATE TABLE AS read_csv (no checks)",
}


def main(out, rows, size):
    rows, size = int(rows), int(size)
    results = {}
    for tool in ROWS:
        with open(f"{out}/{tool}.rows") as f:
            stored = f.read().strip()
        results[tool] = (*load(out, tool), stored)
    print(f"{rows:,} records, {size / 1e6:.1f} MB\n")
    print("| what | time (s) | records/s | rows stored | peak memory of the client (MB) |")
    print("|---|---|---|---|---|")
    for tool in ROWS:
        mean, sd, peak, stored = results[tool]
        stored = f"{int(stored):,}" if stored.isdigit() else stored
        print(f"| {WHAT[tool]} | {mean:.2f} ± {sd:.2f} | {rows / mean:,.0f} | {stored} | {peak:,.0f} |")
    sqlite, imp = results["did-sqlite"][0], results["sqlite3-import"][0]
    pg, client, server = results["did-postgresql"][0], results["postgresql-copy-client"][0], results[
        "postgresql-copy-server"][0]
    print()
    print(f"SQLite: did submit takes {sqlite / imp:.2f}x the time of a bare sqlite3 .import (target: under 1)")
    print(f"PostgreSQL: did submit takes {pg / client:.2f}x a bare \\copy and {pg / server:.2f}x a server-side "
          f"COPY (target: within 1.2x)")
    print(f"DuckDB CREATE TABLE AS read_csv: {results['duckdb'][0]:.2f} s")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
