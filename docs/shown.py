"""shown(): a command's real output, as cog writes it into the README and docs/*.md (`cog -I docs -r ...`).

shown() runs a command as a user would, in a pipe 80 columns wide, and keeps the parts named by (first line's
start, number of lines); "..." marks what it leaves out.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile


def shown(command: str, *parts: tuple[str, int]) -> None:
    import cog  # the module cog puts in place while it runs a block

    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "xterm", "COPROTOOL_NO_CACHE": "1"}
    with tempfile.TemporaryDirectory() as home:
        for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
            env[name] = home
        run = subprocess.run(
            [sys.executable, "-m", "coprotool", *shlex.split(command)[1:]],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
    lines = run.stdout.splitlines()
    kept: list[str] = []
    end = 0
    for start, count in parts or (("", len(lines)),):
        found = [i for i, line in enumerate(lines) if i >= end and line.startswith(start)]
        if not found:
            raise ValueError(f"no line starting {start!r} in what {command!r} prints; update the block")
        at = found[0]
        if kept or at > 0:
            kept += ["..."] if at > end else []
        kept += lines[at : at + count]
        end = at + count
    if end < len(lines):
        kept.append("...")
    cog.outl("```text")
    cog.outl(f"$ {command}")
    for line in kept:
        cog.outl(line.rstrip())
    cog.outl("```")
