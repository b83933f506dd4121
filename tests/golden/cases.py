"""The survey files and option sets whose `score` outputs are kept byte for byte in tests/golden/.

Each case names an input (a file of tests/corpus or examples, or one built here) and the options; the
test runs it from the input's folder (so messages name the file as given) and compares standard output,
standard error, the exit code and any --rejects or -o file with what is kept. Refresh the kept outputs,
after a change meant to alter them, with `python tests/golden/cases.py` (and read the diff).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
ROOT = TESTS.parent

CORPUS = sorted(p.name for p in (TESTS / "corpus").glob("csv_*.csv"))
OPTION_SETS = {
    "csv": [],
    "json": ["-f", "json"],
    "rejects": ["--rejects", "REJECTS", "-o", "OUT.csv"],
}
LABELS = ["Not yet", "Starting", "Mostly", "Fully"]


def mixed_survey(path: Path, questions: list[str], rows: int = 1200, seed: int = 7) -> Path:
    """A survey with every kind of cell the scorer meets: numbers, labels in any case, blanks, N/A,
    numbered labels, bad values, quoted pass-through cells with commas and line breaks, formula-like
    cells, short and long rows and blank lines (CRLF line ends)."""
    rng = random.Random(seed)
    teams = ["North", "South", '"East, upper"', "=cmd()", "-2.5", "West\r\nannex"]
    lines = [",".join(["Team", "Note", *questions])]
    for i in range(rows):
        cells = []
        for _ in questions:
            r = rng.random()
            if r < 0.08:
                cells.append("")
            elif r < 0.09:
                cells.append("N/A")
            elif r < 0.11:
                cells.append(rng.choice(LABELS).upper())
            elif r < 0.12:
                v = rng.randrange(4)
                cells.append(f"{v} - {LABELS[v]}")
            elif r < 0.1215:
                cells.append(rng.choice(["7", "maybe", "2.5"]))
            else:
                cells.append(str(rng.randrange(4)))
        team = rng.choice(teams)
        if "\n" in team:
            team = '"' + team + '"'
        note = rng.choice(["", "fine", '"said ""hi"""', "@home", "+44 1234"])
        row = [team, note, *cells]
        if i % 397 == 5:
            row = row[:-1]
        if i % 499 == 7:
            row = [*row, "extra"]
        lines.append(",".join(row))
        if i % 300 == 0:
            lines.append("")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return path


def built_inputs(folder: Path, questions: list[str]) -> list[str]:
    """Inputs made here (their bytes are fixed by the seed)."""
    mixed_survey(folder / "mixed.csv", questions)
    semi = (folder / "mixed.csv").read_text().replace(",", ";")
    (folder / "mixed-semicolon.csv").write_text(semi)
    return ["mixed.csv", "mixed-semicolon.csv"]


def cases() -> list[tuple[str, str, str, list[str]]]:
    """(case name, folder, file, options)."""
    out = []
    for name in CORPUS:
        for key, opts in OPTION_SETS.items():
            out.append((f"{name[:-4]}-{key}", "corpus", name, opts))
    for key, opts in {**OPTION_SETS, "groups": ["--group-by", "Team", "-f", "json"], "jsonl": ["-f", "jsonl"]}.items():
        out.append((f"example-{key}", "examples", "survey.csv", opts))
    for name in ("mixed.csv", "mixed-semicolon.csv"):
        for key, opts in {
            "csv": [],
            "rejects": OPTION_SETS["rejects"],
            "jsonl": ["-f", "jsonl"],
            "groups": ["--group-by", "Team"],
            "groups-json": ["--group-by", "Team", "-f", "json"],
            "keep": ["--keep-formulas"],
            "strict": ["--strict"],
        }.items():
            if key != "jsonl" or name == "mixed.csv":
                out.append((f"{name[:-4]}-{key}", "built", name, opts))
    return out


def run_case(invoke, folder: Path, file: str, opts: list[str], work: Path) -> dict[str, bytes]:
    """Run one case from `folder`; its outputs by name."""
    import os

    args = [
        str(work / "rejects.csv") if a == "REJECTS" else str(work / "out.csv") if a == "OUT.csv" else a for a in opts
    ]
    before = os.getcwd()
    os.chdir(folder)
    try:
        result = invoke("score", file, *args)
    finally:
        os.chdir(before)
    got = {
        "stdout": result.stdout_bytes,
        "stderr": result.stderr_bytes.replace(str(work).encode(), b"WORK"),
        "exit": f"{result.exit_code}\n".encode(),
    }
    for name in ("rejects.csv", "out.csv"):
        if (work / name).exists():
            got[name] = (work / name).read_bytes()
            (work / name).unlink()
    return got


def folder_of(where: str, built: Path) -> Path:
    return {"corpus": TESTS / "corpus", "examples": ROOT / "examples", "built": built}[where]


def main() -> None:
    """Write every case's outputs into tests/golden/<case>/."""
    import shutil
    import tempfile

    from typer.testing import CliRunner

    from coprotool.catalogue import Catalogue
    from coprotool.cli import app

    runner = CliRunner(env={"COLUMNS": "80", "NO_COLOR": "1", "TERM": "xterm", "COPROTOOL_NO_CACHE": "1"})

    def invoke(*args):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    ids = [q.id for q in Catalogue().framework.questions]
    with tempfile.TemporaryDirectory() as tmp:
        built, work = Path(tmp) / "built", Path(tmp) / "work"
        built.mkdir()
        work.mkdir()
        built_inputs(built, ids)
        for name, where, file, opts in cases():
            got = run_case(invoke, folder_of(where, built), file, opts, work)
            dest = HERE / name
            shutil.rmtree(dest, ignore_errors=True)
            dest.mkdir()
            for key, data in got.items():
                (dest / key).write_bytes(data)
            print(name, got["exit"].decode().strip(), file=sys.stderr)


if __name__ == "__main__":
    main()
