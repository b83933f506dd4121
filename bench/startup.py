"""Start-up benchmark: `coprotool show sun` against the smallest one-command Typer app.

Run: python bench/startup.py [--runs N]
Both run in the same Python and Typer; the script prints each median wall time and the ratio.
The target is a ratio of at most 1.3.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HELLO = '''
import typer
app = typer.Typer()

@app.command()
def hello(name: str):
    print(name)

if __name__ == "__main__":
    app()
'''


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def _script() -> str:
    """The installed `coprotool` command beside this Python, as a user runs it."""
    path = os.path.join(os.path.dirname(sys.executable), "coprotool")
    if not os.path.exists(path):
        sys.exit("coprotool is not installed beside this Python: pip install . first")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    import typer

    env = dict(os.environ, COLUMNS="80")
    # Measure as installed: with bytecode cached, as pip leaves a package (the warm-up writes it).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        hello = os.path.join(tmp, "hello.py")
        with open(hello, "w") as fh:
            fh.write(HELLO)
        commands = {
            "typer hello": [sys.executable, hello, "sun"],
            "coprotool show sun": [_script(), "show", "sun"],
        }
        for cmd in commands.values():  # warm the file cache, .pyc files and the parse cache
            timed(cmd, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so load on the machine affects both alike
            for name, cmd in commands.items():
                times[name].append(timed(cmd, env))
    medians = {name: statistics.median(t) for name, t in times.items()}
    print(f"Python {sys.version.split()[0]}, Typer {typer.__version__}, {os.cpu_count()} CPUs, {args.runs} runs each")
    for name, m in medians.items():
        print(f"  {name:<20} median {m * 1000:6.1f} ms")
    ratio = medians["coprotool show sun"] / medians["typer hello"]
    print(f"  ratio {ratio:.2f} (target: at most 1.3)")


if __name__ == "__main__":
    main()
