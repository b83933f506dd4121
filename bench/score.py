"""Batch-scoring benchmark: `coprotool score` against a plain csv-module loop (and pandas, if installed).

Run: python bench/score.py [--rows N]
Makes an N-row CSV (22 question columns with some blanks, a few pass-through columns), then times, on
the same file, each command writing its output to a file; prints rows per second, peak memory (max
RSS of the child process) and the ratios. The aim: coprotool takes at most 0.5 times as long as the
plain loop.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time

PLAIN = r"""
import csv, sys
PRINCIPLES = ["assets", "capabilities", "mutuality", "networks", "blur_roles", "catalysts"]
with open(sys.argv[1], newline="", encoding="utf-8") as f, open(sys.argv[2], "w", newline="") as out:
    reader = csv.reader(f)
    header = next(reader)
    cols = {p: [i for i, h in enumerate(header) if h.startswith(p + ".")] for p in PRINCIPLES}
    writer = csv.writer(out)
    writer.writerow(PRINCIPLES)
    for row in reader:
        means = []
        for p in PRINCIPLES:
            values = [int(row[i]) for i in cols[p] if row[i] != ""]
            means.append(sum(values) / len(values) if values else "")
        writer.writerow(means)
"""

PANDAS = r"""
import sys
import pandas as pd
PRINCIPLES = ["assets", "capabilities", "mutuality", "networks", "blur_roles", "catalysts"]
df = pd.read_csv(sys.argv[1])
out = pd.DataFrame({p: df[[c for c in df.columns if c.startswith(p + ".")]].mean(axis=1) for p in PRINCIPLES})
out.to_csv(sys.argv[2], index=False)
"""


def make_csv(path: str, rows: int, question_ids: list[str], seed: int = 1) -> None:
    rng = random.Random(seed)
    teams = ["North", "South", "East", "West", "Central"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(["timestamp", "email", "team", *question_ids]) + "\n")
        for i in range(rows):
            cells = [f"2026-11-{1 + i % 28:02d} 10:{i % 60:02d}", f"person{i}@example.org", teams[i % 5]]
            for _ in question_ids:
                r = rng.random()
                cells.append("" if r < 0.08 else str(int(r * 4) if r < 1 else 3))
            f.write(",".join(cells) + "\n")


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall time in seconds and peak memory in MB of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best is reported")
    args = parser.parse_args()
    from coprotool.catalogue import Catalogue

    ids = [q.id for q in Catalogue().framework.questions]
    exe = shutil.which("coprotool", path=os.path.dirname(sys.executable)) or "coprotool"
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "responses.csv")
        make_csv(data, args.rows, ids)
        plain = os.path.join(tmp, "plain.py")
        with open(plain, "w") as f:
            f.write(PLAIN)
        commands = {
            "plain csv loop": [sys.executable, plain, data, os.path.join(tmp, "out-plain.csv")],
            "coprotool score": [exe, "score", data, "-o", os.path.join(tmp, "out-tool.csv"), "--force"],
        }
        if importlib.util.find_spec("pandas"):
            pandas = os.path.join(tmp, "pandas_script.py")
            with open(pandas, "w") as f:
                f.write(PANDAS)
            commands["pandas"] = [sys.executable, pandas, data, os.path.join(tmp, "out-pandas.csv")]
        results = {}
        for name, cmd in commands.items():
            runs = [run(cmd) for _ in range(args.repeat)]
            results[name] = (min(r[0] for r in runs), max(r[1] for r in runs))
    print(
        f"{args.rows:,} rows x {len(ids)} questions; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs; "
        f"best of {args.repeat}"
    )
    base = results["plain csv loop"][0]
    for name, (secs, mb) in results.items():
        print(
            f"  {name:<16} {secs:6.2f} s  {args.rows / secs:>9,.0f} rows/s  peak {mb:6.1f} MB  "
            f"ratio to plain loop {secs / base:.2f}"
        )
    print("  aim: coprotool score at most 0.50 of the plain loop's time")


if __name__ == "__main__":
    main()
