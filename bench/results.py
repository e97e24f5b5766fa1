"""Reads one benchmarked command's results: hyperfine's JSON and the peak-memory file."""
import json


def load(out, tool):
    """Returns (mean seconds, standard deviation, peak memory in MB) for `tool` under `out`."""
    with open(f"{out}/{tool}.json") as f:
        run = json.load(f)["results"][0]
    with open(f"{out}/{tool}.peak_kb") as f:
        peak_mb = int(f.read().strip()) / 1024
    return run["mean"], run["stddev"], peak_mb
