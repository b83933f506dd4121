"""bench/room.py keeps working: a small crowd against the real server, every vote counted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "room.py"
pytestmark = pytest.mark.skipif(not BENCH.is_file(), reason="bench/ lies in a checkout, not an install")


def test_the_room_bench_runs_and_counts_every_vote():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--devices", "8", "--rounds", "2"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "round 2: record a vote median" in done.stdout
    assert "accepted 8/8, counted 8, in the tally 8" in done.stdout
    assert done.stdout.rstrip().endswith("every vote counted: yes")
