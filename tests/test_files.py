"""Reading with a cap on bytes actually read, and output targets that are not plain files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from coprotool.errors import CoprotoolError, DataError
from coprotool.files import AtomicWriter, describe_size, read_capped, write_atomic

CORPUS = Path(__file__).parent / "corpus"


# -- reading ------------------------------------------------------------------------------------------
def test_read_capped_reads_a_small_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    assert read_capped(path, 100) == b"x" * 100


def test_read_capped_stops_dev_zero():
    with pytest.raises(DataError, match="larger than the 64 KB coprotool reads"):
        read_capped("/dev/zero", 64 * 1024)


def test_read_capped_stops_an_endless_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    stop = threading.Event()

    def feed() -> None:
        with open(fifo, "wb") as fh:
            try:
                while not stop.is_set():
                    fh.write(b"y\n" * 4096)
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        with pytest.raises(DataError, match="larger than the 1 MB"):
            read_capped(fifo, 1024 * 1024)
    finally:
        stop.set()
        writer.join()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.mkdir(), "is a folder"),
    ],
)
def test_read_capped_open_failures(tmp_path, make, words):
    path = tmp_path / "x"
    make(path)
    with pytest.raises(DataError, match=words):
        read_capped(path)


def test_describe_size():
    assert [describe_size(n) for n in (5 * 1024 * 1024, 128 * 1024, 100)] == ["5 MB", "128 KB", "100 bytes"]


def test_answers_from_a_process_substitution_are_capped(tmp_path):
    # `<(yes)`: a pipe whose size is 0 and whose end never comes.
    script = f"'{sys.executable}' -m coprotool assess --answers <(yes)"
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "is larger than the 5 MB coprotool reads" in out.stderr, out.stderr


# -- writing ------------------------------------------------------------------------------------------
def _block_device(path: Path) -> Path:
    try:
        # A device number no driver owns (240-254 are for local use): nothing real is ever behind it.
        os.mknod(path, stat.S_IFBLK | 0o600, os.makedev(240, 99))
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here")
    return path


@pytest.mark.parametrize("force", [False, True])
def test_a_link_to_a_device_is_refused(invoke, tmp_path, force):
    device = _block_device(tmp_path / "disk")
    link = tmp_path / "link.csv"
    link.symlink_to(device)
    args = ["score", CORPUS / "csv_labels.csv", "-o", link] + (["--force"] if force else [])
    result = invoke(*args)
    assert result.exit_code == 1
    assert "it is a disk or other device" in result.stderr and "--force does not change this" in result.stderr
    assert link.is_symlink() and stat.S_ISBLK(os.stat(link).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["disk", "link.csv"]  # no temporary file left


def test_a_device_is_refused(tmp_path):
    device = _block_device(tmp_path / "disk")
    with pytest.raises(CoprotoolError, match="disk or other device"):
        write_atomic(device, "text", force=True)


def test_a_socket_is_refused(tmp_path):
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(CoprotoolError, match="not a regular file"):
            write_atomic(path, "text", force=True)


def test_a_dangling_link_is_refused(tmp_path):
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "nowhere")
    with pytest.raises(CoprotoolError, match="a link to something that does not exist"):
        write_atomic(link, "text", force=True)


def test_a_link_to_a_file_replaces_the_file_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with pytest.raises(CoprotoolError, match="already exists"):
        write_atomic(link, "new", force=False)
    write_atomic(link, "new", force=True)
    assert link.is_symlink() and real.read_text() == "new"


def test_a_fifo_is_written_in_place(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as fh:
            got.append(fh.read())

    reader = threading.Thread(target=read)
    reader.start()
    write_atomic(fifo, "through the pipe\n", force=False)
    reader.join()
    assert got == [b"through the pipe\n"] and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_dev_null_is_written_in_place():
    with AtomicWriter("/dev/null") as fh:
        fh.write("gone")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_stdout_redirected_to_a_file_is_written_there_not_renamed_over(tmp_path):
    # The shape of /dev/stdout: a link to /proc/self/fd/1, here while stdout is a regular file.
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    out = tmp_path / "out.txt"
    with open(out, "w") as fh:
        done = subprocess.run(
            [sys.executable, "-m", "coprotool", "score", str(CORPUS / "csv_labels.csv"), "-o", str(link), "--force"],
            stdout=fh,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"
    assert out.read_text().startswith("respondent,")


# -- the last guard -----------------------------------------------------------------------------------
def test_an_unexpected_error_is_one_sentence_and_a_log_file(invoke, tmp_path, monkeypatch):
    import re

    from coprotool.cli import lookup

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug planted by the test")

    monkeypatch.setattr(lookup, "_principles", broken)
    result = invoke("principles")
    assert result.exit_code == 70
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output
    assert "unexpected error" in result.stderr and "please report it" in result.stderr
    log = Path(re.search(r"the details are in (\S+);", result.stderr).group(1))
    assert log.is_relative_to(tmp_path / "state")
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError: a bug planted by the test" in text


def test_the_last_guard_falls_back_to_the_temp_folder(tmp_path, monkeypatch):
    import tempfile

    from coprotool.cli import common

    monkeypatch.setattr(common, "_log_dir", lambda: Path("/proc/no/such/folder"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    path = common.crash_log(ValueError("x"))
    assert path is not None and path.parent == tmp_path and "ValueError: x" in path.read_text()


def test_read_capped_permission_denied(tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", denied)
    with pytest.raises(DataError, match="permission denied"):
        read_capped(tmp_path / "x")


def test_read_capped_other_os_error(monkeypatch):
    def broken(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("builtins.open", broken)
    with pytest.raises(DataError, match="Input/output error"):
        read_capped("/somewhere")


def test_a_terminal_is_written_in_place():
    master, slave = os.openpty()
    try:
        name = os.ttyname(slave)
        with AtomicWriter(name) as fh:
            fh.write("hello\n")
        assert os.read(master, 100).replace(b"\r", b"") == b"hello\n"
    finally:
        os.close(master)
        os.close(slave)


def test_a_path_through_a_file_is_one_sentence(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(CoprotoolError, match="Cannot write"):
        write_atomic(tmp_path / "file" / "out.txt", "text")


def test_rich_output_keeps_its_own_controls_and_cleans_links():
    from rich.segment import Segment
    from rich.style import Style

    from coprotool.cli.common import _clean_segments

    control = Segment("\x1b[2K", None, [(1,)])  # type: ignore[list-item]
    linked = Segment("text\x1b[2J", Style(link="http://x\x07y"))
    out = list(_clean_segments([control, linked], Segment, Style))
    assert out[0] is control
    assert out[1].text == "text" and out[1].style is not None and out[1].style.link == "http://x?y"


def test_a_cache_folder_that_cannot_be_made_is_no_cache(tmp_path, monkeypatch):
    from coprotool.cache import ParseCache

    monkeypatch.delenv("COPROTOOL_NO_CACHE")
    (tmp_path / "blocked").write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "blocked"))
    cache = ParseCache(tmp_path)
    cache.put(tmp_path / "a.yaml", (1, 2, 3), {"a": 1})
    cache.flush()
    assert cache.path is None and not list(tmp_path.glob(".*.tmp"))


# -- leftovers of a killed run: hidden .tmp and .lock files that no live process holds ------------------
def _age(path: Path, seconds: float = 3600) -> None:
    old = path.stat().st_mtime - seconds
    os.utime(path, (old, old))


_WRITER = """
import sys, time
from coprotool.files import AtomicWriter
with AtomicWriter(sys.argv[1], force=True) as fh:
    fh.write("half of it")
    fh.flush()
    print("writing", flush=True)
    time.sleep(60)
"""


def _killed_mid_write(target: Path) -> tuple[subprocess.Popen[str], Path]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target)], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
    (tmp,) = target.parent.glob(f".{target.name}.*.tmp")
    _age(tmp)  # as old as a leftover from long ago: only the lock tells it is live
    return proc, tmp


def test_a_write_killed_with_sigkill_leaves_a_temporary_file_the_next_write_tidies(invoke, tmp_path):
    target = tmp_path / "saved.yaml"
    proc, tmp = _killed_mid_write(target)
    try:
        write_atomic(target, "while the first writer lives\n")
        assert tmp.exists()  # held by a live process: left alone
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()  # type: ignore[union-attr]
    assert tmp.exists()  # kill -9: nothing of that process tidied it
    result = invoke("assess", "--answers", CORPUS / "answers_ok.yaml", "--save", target, "--force")
    assert result.exit_code == 0, result.output
    assert not tmp.exists() and list(tmp_path.glob(".*")) == []


def test_tidy_leaves_young_files_held_files_and_other_names(tmp_path):
    from coprotool.tidy import tidy

    old, young, held, other, visible = (
        tmp_path / n for n in (".a.yaml.x1.tmp", ".a.yaml.x2.tmp", ".a.yaml.x3.tmp", ".b.yaml.x4.tmp", "a.yaml.tmp")
    )
    for path in (old, young, held, other, visible):
        path.write_text("x")
    for path in (old, held, other, visible):
        _age(path)
    import fcntl

    with open(held, "rb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        assert tidy(tmp_path, ".a.yaml.") == [old]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in (young, held, other, visible))


def test_a_stale_resume_lock_and_temporary_file_are_tidied_by_the_next_assess(cat, invoke, tmp_path, monkeypatch):
    import fcntl

    monkeypatch.chdir(tmp_path)
    stale_lock = tmp_path / ".coprotool-resume-svc-20260101-090000.yaml.lock"
    stale_tmp = tmp_path / ".coprotool-resume-svc-20260101-090000.abcd1234.tmp"
    live_lock = tmp_path / ".coprotool-resume-other-20260101-090000.yaml.lock"
    theirs = tmp_path / ".someone-else.lock"
    for path in (stale_lock, stale_tmp, live_lock, theirs):
        path.write_text("")
        _age(path)
    with open(live_lock, "rb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)  # as a running assess holds its lock
        result = invoke("assess", input="")
    assert result.exit_code == 1, result.output
    assert not stale_lock.exists() and not stale_tmp.exists()
    assert live_lock.exists() and theirs.exists()


def test_a_lock_tidied_between_open_and_lock_is_not_shared(tmp_path, monkeypatch):
    """Two runs must never both hold a resume file: a lock file removed by a tidy after one run opened it
    and before it locked it is taken again, by name."""
    from coprotool import resume

    path = tmp_path / "run.yaml"
    path.write_text("service: S\n")
    real_open = open
    removed = []

    def open_then_tidied(name, *args, **kwargs):
        fh = real_open(name, *args, **kwargs)
        if str(name).endswith(".lock") and not removed:
            os.unlink(name)  # what a tidy in another process does to a stale lock at that moment
            removed.append(name)
        return fh

    monkeypatch.setattr("builtins.open", open_then_tidied)
    store = resume.ResumeFile.resume(path)
    monkeypatch.setattr("builtins.open", real_open)
    try:
        assert removed and (tmp_path / ".run.yaml.lock").exists()
        assert resume.in_use(path)  # the lock by that name is the one held
    finally:
        store.close()


# -- on disk, not only in the page cache --------------------------------------------------------------
def test_every_write_reaches_the_disk_before_it_takes_the_files_name(tmp_path, monkeypatch):
    # conftest spares the in-process tests the wait for the disk; this one puts a spy in its place.
    from coprotool.results import write_new

    synced: list[str] = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(os.readlink(f"/proc/self/fd/{fd}")))
    write_atomic(tmp_path / "a.json", "{}")
    with AtomicWriter(tmp_path / "b.txt") as fh:
        fh.write("b")
    kept = write_new(tmp_path, "c", ".json", "{}")
    assert [Path(p).name.startswith(f".{n}") and p.endswith(".tmp") for p, n in zip(synced, "abc")] == [True] * 3
    assert {p.name for p in tmp_path.iterdir()} == {"a.json", "b.txt", kept.name}  # then named, nothing left
