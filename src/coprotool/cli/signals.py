"""Signals for every command: SIGINT raises KeyboardInterrupt, SIGTERM and SIGHUP raise `Signalled`, so a
run unwinds (temporary files are removed, answers kept) and exits 128 + the signal's number."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

# Exit codes of a run stopped by a signal: 128 + the signal's number, as a shell reports it.
SIGNAL_EXIT: dict[int, int] = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGHUP: 129}


class Signalled(BaseException):
    """SIGTERM or SIGHUP arrived; like KeyboardInterrupt, not an Exception, so nothing swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Stopping:
    """Once a run is stopping (its work being kept), a further signal is noted, not raised: it must not
    interrupt the keeping. A terminal that closes often gives the end of input and then SIGHUP."""

    active = False
    late: int | None = None


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """While the block lasts, SIGTERM and SIGHUP stop it as Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():  # an embedding program: leave signals alone
        yield
        return

    def stop(signum: int, frame: object) -> None:
        if Stopping.active:
            Stopping.late = Stopping.late or signum
            return
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Signalled(signum)

    Stopping.active, Stopping.late = False, None
    before = {sig: signal.signal(sig, stop) for sig in SIGNAL_EXIT}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
        Stopping.active = False
