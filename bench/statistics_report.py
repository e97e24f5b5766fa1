#!/usr/bin/env python3
"""The statistics benchmark's figures as a Markdown table: each table's mean time on SQLite
and PostgreSQL (hyperfine's JSON), and DuckDB's table 2 over the raw records.
Usage: statistics_report.py OUT_DIR"""
import json
import pathlib
import re
import sys

out = pathlib.Path(sys.argv[1])


def means(label):
    path = out / f"{label}.json"
    if not path.exists():
        return {}
    results = json.loads(path.read_text())["results"]
    return {re.search(r"report (\S+)", r["command"]).group(1): (r["mean"] * 1000, (r["user"] + r["system"]) * 1000)
            for r in results}


sqlite, postgres = means("sqlite"), means("postgresql")
print("| table | SQLite | (CPU) | PostgreSQL | (did's CPU) |")
print("|---|---|---|---|---|")
for table, (ms, cpu) in sqlite.items():
    pg = f"{postgres[table][0]:.0f} ms | {postgres[table][1]:.0f} ms" if table in postgres else "- | -"
    print(f"| {table} | {ms:.0f} ms | {cpu:.0f} ms | {pg} |")
duckdb = out / "duckdb.txt"
if duckdb.exists():
    fields = dict(f.split("=") for f in duckdb.read_text().split()[2:])
    print(f"\nDuckDB, table 2 from {int(fields['records']):,} raw records in memory: best "
          f"{float(fields['best_ms']):.0f} ms, median {float(fields['median_ms']):.0f} ms"
          + (f" ({float(fields['best_ms']) / sqlite['table2'][0]:.0f}x did on SQLite)" if "table2" in sqlite else ""))
