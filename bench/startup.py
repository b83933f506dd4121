"""Start-up benchmark: `coprotool show sun` against the smallest one-command Typer app.

Run: python bench/startup.py [--runs N]
Both run in the same Python and Typer, twice: with output to /dev/null (plain text, as in a script) and
in a pseudo-terminal (in colour, through Rich, as a person sees it). The script prints each median wall
time and the ratios. The target is a ratio of at most 1.3.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HELLO = """
import typer
app = typer.Typer()

@app.command()
def hello(name: str):
    print(name)

if __name__ == "__main__":
    app()
"""


def timed(cmd: list[str], env: dict, tty: bool = False) -> float:
    if not tty:
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
        return time.perf_counter() - start
    import pty  # noqa: F401 - a Unix-only module; say so early if missing

    master, slave = os.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    while True:  # drain the terminal until the program closes it
        try:
            if not os.read(master, 65536):
                break
        except OSError:
            break
    proc.wait()
    elapsed = time.perf_counter() - start
    os.close(master)
    return elapsed


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
        results = {}
        for tty in (False, True):
            run_env = dict(env, TERM="xterm-256color") if tty else env
            for cmd in commands.values():  # warm the file cache, .pyc files and the parse cache
                timed(cmd, run_env, tty)
            times: dict[str, list[float]] = {name: [] for name in commands}
            for _ in range(args.runs):  # interleaved, so load on the machine affects both alike
                for name, cmd in commands.items():
                    times[name].append(timed(cmd, run_env, tty))
            results[tty] = {name: statistics.median(t) for name, t in times.items()}
    print(f"Python {sys.version.split()[0]}, Typer {typer.__version__}, {os.cpu_count()} CPUs, {args.runs} runs each")
    for tty, medians in results.items():
        where = "in a terminal (colour, through Rich)" if tty else "output to /dev/null (plain text)"
        print(f"  {where}:")
        for name, m in medians.items():
            print(f"    {name:<20} median {m * 1000:6.1f} ms")
        ratio = medians["coprotool show sun"] / medians["typer hello"]
        print(f"    ratio {ratio:.2f} (target: at most 1.3)")


if __name__ == "__main__":
    main()
