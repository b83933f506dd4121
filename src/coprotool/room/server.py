"""Runs the room's app with uvicorn (httptools) in a background thread; the terminal keeps the main thread."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from types import TracebackType
from typing import Any

from ..errors import CoprotoolError
from .app import ASGIApp

MAX_CONNECTIONS = 400  # open connections at once; more are closed at once (a phone keeps one or two)
IDLE = 10.0  # seconds a connection may stay open without sending a request


def lan_address() -> str:
    """The laptop's address on the local network (no packet is sent); 127.0.0.1 without a network."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))  # a UDP connect only picks the route
        address: str = probe.getsockname()[0]
    except OSError:
        address = "127.0.0.1"
    finally:
        probe.close()
    return address


def _protocol() -> type:
    """uvicorn's httptools protocol with a cap on open connections and a limit on idle ones, so a flood of
    silent connections cannot use up the process's file handles."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class Guarded(HttpToolsProtocol):
        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            if len(self.connections) > MAX_CONNECTIONS:
                transport.abort()
                return
            # The keep-alive timer uvicorn sets after a response, set from the start: any data cancels it.
            self.timeout_keep_alive_task = self.loop.call_later(IDLE, self.timeout_keep_alive_handler)

    return Guarded


def _file_limit() -> None:
    """Raise the soft limit on open files to the hard one (the cap above must stay below it)."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard == resource.RLIM_INFINITY or hard > soft:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536) if hard > 0 else soft, hard))


def _logging(path: str | None) -> dict[str, Any]:
    """uvicorn's and the app's loggers to the room's log file (or nowhere): never the facilitator's terminal."""
    handler: dict[str, Any] = (
        {"class": "logging.FileHandler", "filename": path, "delay": True, "encoding": "utf-8", "formatter": "plain"}
        if path
        else {"class": "logging.NullHandler"}
    )
    logger = {"handlers": ["room"], "level": "WARNING", "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(name)s %(levelname)s %(message)s"}},
        "handlers": {"room": handler},
        "loggers": dict.fromkeys(("uvicorn", "uvicorn.error", "uvicorn.access", "coprotool.room"), logger),
    }


class RoomServer:
    """Listens at once (so the port is known for the join address); `start(app)` serves; stops on exit.

    `with RoomServer(host, port) as server: server.start(app)` ... the server stops when the block ends.
    """

    def __init__(self, host: str, port: int = 0, log_file: str | None = None) -> None:
        self.host = host
        self.log_file = log_file
        self.sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.sock.bind((host, port))
        except (OSError, OverflowError) as exc:
            self.sock.close()
            why = getattr(exc, "strerror", None) or exc
            raise CoprotoolError(f"cannot listen on {host} port {port}: {why}") from None
        self.port: int = self.sock.getsockname()[1]
        self.server: Any = None
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def start(self, app: ASGIApp, timeout: float = 10) -> RoomServer:
        import uvicorn

        _file_limit()
        config = uvicorn.Config(
            app,
            http=_protocol(),  # httptools, the fast parser: the bench's 99th percentile depends on it
            lifespan="off",
            ws="none",  # the pages poll over HTTP: not loading a WebSocket library saves a tenth of the start
            access_log=False,  # no participant's address is written anywhere
            log_config=_logging(self.log_file),
            log_level="warning",
            server_header=False,
            backlog=512,
            timeout_graceful_shutdown=2,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self._run, name="coprotool-room", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started and self.thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        if not self.server.started:
            self.stop()
            raise CoprotoolError(f"the room's server did not start ({self.error or 'timed out'})")
        return self

    def _run(self) -> None:
        try:
            self.server.run(sockets=[self.sock])
        except BaseException as exc:  # reported by start(); a thread cannot raise to the terminal
            self.error = exc

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def stop(self) -> None:
        """Stop serving and wait for the thread (a few seconds at most)."""
        if self.server is not None:
            self.server.should_exit = True
        if self.thread is not None and self.thread.is_alive():
            self.thread.join(timeout=5)
        with contextlib.suppress(OSError):
            self.sock.close()

    def __enter__(self) -> RoomServer:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
