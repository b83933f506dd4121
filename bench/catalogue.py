"""Catalogue-loading benchmark: `coprotool list` on a catalogue of N case studies, cold and warm.

Run: python bench/catalogue.py [--studies N] [--runs R]
Makes a catalogue folder of N case studies (copies of the shipped ones under new names and numbers),
then times `coprotool list --data-dir` three ways: with the parse cache off, cold (an empty cache
folder, so every file is parsed and its cache entry written) and warm (every entry read back).
Prints the median of each. The aim: a cold load of 1,000 case studies in at most 3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_catalogue(dest: Path, studies: int) -> None:
    from coprotool.catalogue import default_data_dir

    src = default_data_dir()
    shutil.copy(src / "principles.yaml", dest / "principles.yaml")
    if (src / "resources.yaml").exists():
        shutil.copy(src / "resources.yaml", dest / "resources.yaml")
    folder = dest / "case_studies"
    folder.mkdir()
    originals = sorted((src / "case_studies").glob("*.yaml"))
    for original in originals[:studies]:  # the shipped ones as they are, then copies under new names
        shutil.copy(original, folder / original.name)
    for n in range(len(originals) + 1, studies + 1):
        text = originals[n % len(originals)].read_text(encoding="utf-8")
        lines = []
        for line in text.splitlines():
            if line.startswith("slug: "):
                line = f"slug: study-{n}"
            elif line.startswith("number: "):
                line = f"number: {n}"
            elif line.startswith("name: "):
                line = f"name: Study number {n}"
            elif line.startswith(("aliases: ", "see_also: ")):
                continue  # names must be unique across the catalogue
            lines.append(line)
        (folder / f"study-{n}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=999)
    parser.add_argument("--runs", type=int, default=3)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        make_catalogue(data, opts.studies)
        cmd = [sys.executable, "-m", "coprotool", "list", "--data-dir", str(data)]
        base = {k: v for k, v in os.environ.items() if k != "COPROTOOL_NO_CACHE"}
        off, cold, warm = [], [], []
        for run in range(opts.runs):
            cache = Path(tmp) / f"cache-{run}"
            env = {**base, "XDG_CACHE_HOME": str(cache)}
            off.append(timed(cmd, {**env, "COPROTOOL_NO_CACHE": "1"}))
            cold.append(timed(cmd, env))
            warm.append(timed(cmd, env))
        print(f"{opts.studies} case studies, median of {opts.runs}:")
        print(f"  cache off  {statistics.median(off):6.2f} s")
        print(f"  cold       {statistics.median(cold):6.2f} s  (aim: at most 3 s for 1,000)")
        print(f"  warm       {statistics.median(warm):6.2f} s")


if __name__ == "__main__":
    main()
