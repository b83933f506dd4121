"""One signals helper for every command: SIGTERM and SIGHUP stop a run as Ctrl-C does, and no
`except Exception` on the way can swallow them."""

from __future__ import annotations

import os
import signal
import time

import pytest

from coprotool.cli import interactive, score, signals


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_passes_through_except_exception(signum):
    caught = []

    def work():
        with signals.stop_on_signals():
            try:
                os.kill(os.getpid(), signum)
                time.sleep(5)  # the handler raises long before this ends
            except Exception as exc:  # what a reader or writer on the way might do
                caught.append(exc)

    with pytest.raises(signals.Signalled) as info:
        work()
    assert info.value.signum == signum and not caught
    assert signals.SIGNAL_EXIT[signum] == 128 + signum


def test_ctrl_c_is_keyboard_interrupt_and_handlers_come_back():
    before = signal.getsignal(signal.SIGTERM)

    def work():
        with signals.stop_on_signals():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)

    with pytest.raises(KeyboardInterrupt):
        work()
    assert signal.getsignal(signal.SIGTERM) is before


def test_score_and_the_workshop_use_the_one_helper():
    assert score.stop_on_signals is signals.stop_on_signals
    assert interactive.stop_on_signals is signals.stop_on_signals
    assert not issubclass(signals.Signalled, Exception)
