"""Survey-scoring benchmark: `coprotool score` side by side with a polars script, duckdb and a plain
csv-module loop (polars and duckdb only when installed; they are not coprotool's dependencies).

Run: python bench/score.py [--rows 1000,20000,1000000]
For each size makes a CSV (22 question columns with 8% blanks, three pass-through columns), then times,
on the same file, each tool writing its output to a file; prints wall time, peak memory (max RSS of the
child process) and the ratio to the plain loop. The aims: at 1,000 and 20,000 rows no slower than
polars; at 1,000,000 rows at most half the plain loop's time and under 64 MB.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
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

POLARS = r"""
import sys
import polars as pl
PRINCIPLES = ["assets", "capabilities", "mutuality", "networks", "blur_roles", "catalysts"]
df = pl.read_csv(sys.argv[1])
means = [pl.mean_horizontal(pl.col(f"^{p}\\..*$")).round(2).alias(p) for p in PRINCIPLES]
df.select(pl.col("timestamp", "email", "team"), *means).write_csv(sys.argv[2])
"""

DUCKDB = r"""
import sys
import duckdb
PRINCIPLES = ["assets", "capabilities", "mutuality", "networks", "blur_roles", "catalysts"]
cols = duckdb.sql(f"SELECT * FROM read_csv('{sys.argv[1]}') LIMIT 0").columns
means = []
for p in PRINCIPLES:
    qs = [f'"{c}"' for c in cols if c.startswith(p + ".")]
    total = " + ".join(f"coalesce({q}, 0)" for q in qs)
    count = " + ".join(f"({q} IS NOT NULL)::INT" for q in qs)
    means.append(f"round(({total}) / nullif({count}, 0), 2) AS {p}")
query = f"SELECT timestamp, email, team, {', '.join(means)} FROM read_csv('{sys.argv[1]}')"
duckdb.sql(f"COPY ({query}) TO '{sys.argv[2]}' (HEADER)")
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


def _script(folder: str, name: str) -> str:
    """A script's path; never named like the library it imports (polars.py would import itself)."""
    return os.path.join(folder, "bench_" + name.replace(" ", "_") + ".py")


def run(cmd: list[str]) -> tuple[float, float, float]:
    """Wall time and CPU time in seconds and peak memory in MB of one child process (its own, from wait4).
    On a busy machine CPU time is the steadier measure (polars and duckdb also use more than one core)."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed with exit code {child.returncode}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="1000,20000,1000000", help="sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best time is reported")
    args = parser.parse_args()
    import compileall

    import coprotool
    from coprotool.catalogue import Catalogue

    # Bytecode written first, as an install has it: with PYTHONDONTWRITEBYTECODE set, every run would
    # otherwise compile coprotool's modules from source (about 0.2 s a run on a busy machine).
    compileall.compile_dir(os.path.dirname(coprotool.__file__), quiet=1)

    ids = [q.id for q in Catalogue().framework.questions]
    exe = shutil.which("coprotool", path=os.path.dirname(sys.executable)) or "coprotool"
    print(f"{len(ids)} questions; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs; best of {args.repeat}")
    with tempfile.TemporaryDirectory() as tmp:
        scripts = {"plain csv loop": PLAIN, "polars": POLARS, "duckdb": DUCKDB}
        needs = {"polars": "polars", "duckdb": "duckdb"}
        for name, text in scripts.items():
            with open(_script(tmp, name), "w") as f:
                f.write(text)
        for rows in [int(n) for n in args.rows.split(",")]:
            data = os.path.join(tmp, f"responses-{rows}.csv")
            make_csv(data, rows, ids)
            out = os.path.join(tmp, "out.csv")
            commands = {"coprotool score": [exe, "score", data, "-o", out, "--force"]}
            for name in scripts:
                if name in needs and not importlib.util.find_spec(needs[name]):
                    continue
                commands[name] = [sys.executable, _script(tmp, name), data, out]
            results = {}
            for name, cmd in commands.items():
                runs = [run(cmd) for _ in range(args.repeat)]
                results[name] = (min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs))
            base = results["plain csv loop"][0]
            print(f"{rows:,} rows (load average {os.getloadavg()[0]:.1f})")
            for name, (secs, cpu, mb) in results.items():
                print(
                    f"  {name:<16} {secs:6.2f} s ({cpu:6.2f} s CPU)  peak {mb:6.1f} MB  "
                    f"ratio to plain loop {secs / base:.2f}"
                )
    print("aims: at 1,000 and 20,000 rows no slower than polars; at 1,000,000 at most 0.50 of the plain loop, < 64 MB")


if __name__ == "__main__":
    main()
