"""The room's web edge: a small Starlette app over a Room. Pages, the JSON API, and the rules that keep
a room of strangers safe (tokens, one cookie per device, body and rate caps, a strict CSP).

Imported only by `assess --room` (and tests): Starlette and Jinja2 load here, never at start-up.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import i18n
from ..depth import check_json_depth
from ..errors import DataError
from ..render import translated
from ..render.feedback import CSS as SHEET_STYLE
from .prefs import PREFS_COOKIE, Prefs, easy_pictures, no_vote_pictures, words_in
from .state import BadInput, Full, NotJoined, NotNow, Room, RoomError, TooFast

if TYPE_CHECKING:
    from segno import QRCode

COOKIE = "coprotool_device"
MAX_BODY = 16 * 1024  # bytes; a vote is under 200
MAX_DEPTH = 2  # JSON nesting a body may have (a vote is one flat object); checked before parsing
TOO_LARGE = f"The request is too large (the limit is {MAX_BODY // 1024} KB)."
HERE = Path(__file__).parent
LOG = logging.getLogger("coprotool.room")  # server.py sends it to the room's log file, never the terminal
# Nothing from anywhere else: no fonts, scripts, frames or beacons; forms post only back here.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),  # the join token is in the address: never pass it on
    (b"cache-control", b"no-store"),
    (b"x-frame-options", b"DENY"),
]
SHEET_CSS = "sheet.css"  # the 'you said, we did' page's style (render.feedback.CSS), served as a file
SHEET_HREF = f"/static/{SHEET_CSS}"
STATIC = {"room.js": "text/javascript", "screen.js": "text/javascript", "room.css": "text/css", SHEET_CSS: "text/css"}
FORMS = {  # each form's fields
    "/vote": {"question", "value", "lens"},
    "/lens": {"lens"},
    "/prefs": {"lang", "easy"},
    "/mark": {"pick"},
}
NO_VOTE = ("", "skip", "unsure")  # a form's answers that are no vote: skip, and Easy Read's "not sure" and "pass"


class TooLarge(BadInput):
    """A body over MAX_BODY."""


class WrongHost(BadInput):
    """A Host header that is not the address this room serves."""


# The one place room errors become HTTP statuses.
STATUS: dict[type[RoomError], int] = {
    TooLarge: 413,
    WrongHost: 421,
    BadInput: 400,
    NotJoined: 403,
    NotNow: 409,
    Full: 429,
    TooFast: 429,
}


def status_of(exc: RoomError) -> int:
    return next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


async def send_json(send: Send, status: int, payload: dict[str, Any]) -> None:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware around everything: the security headers on every response (errors too), the Host
    checked against the address served, and any unexpected error logged (never printed) as a 500."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.hosts = hosts  # empty: any Host (a room made without its address, as in unit tests)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        if self.hosts and _header(scope, b"host").lower() not in self.hosts:
            error = WrongHost("This address is not the room's: use the join address shown on the screen.")
            await send_json(with_headers, status_of(error), {"error": str(error)})
            return
        try:
            await self.app(scope, receive, with_headers)
        except Exception:
            LOG.exception("error answering %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await send_json(with_headers, 500, {"error": "Something went wrong on the laptop: try again."})


class HotPaths:
    """GET /api/state and POST /api/vote in plain ASGI, the rest to Starlette.

    These two are what every device sends at once when a question opens; without Starlette's request and
    routing objects a vote costs about half as much, which keeps the 99th percentile at 200 devices
    under 50 ms on a two-core laptop (bench/room.py).
    """

    def __init__(self, room: Room, app: ASGIApp) -> None:
        self.room = room
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in ("/api/vote", "/api/state"):
            method = scope["method"]
            if (scope["path"], method) in (("/api/vote", "POST"), ("/api/state", "GET"), ("/api/state", "HEAD")):
                try:
                    status, payload = 200, await self._answer(scope, receive)
                except RoomError as exc:
                    status, payload = status_of(exc), {"error": str(exc)}
            else:
                status, payload = 405, {"error": f"{method} is not allowed here."}
            await send_json(send, status, payload)
            return
        await self.app(scope, receive, send)

    async def _answer(self, scope: Scope, receive: Receive) -> dict[str, Any]:
        dev = _cookie(scope)
        self.room.device(dev)
        if scope["path"] == "/api/state":
            return self.room.state_for(dev)
        body = _object(await read_body(scope, receive), {"question", "value", "lens"})
        if "value" not in body:
            raise BadInput("'value' is missing: send 0-3, or null to skip.")
        self.room.vote(dev, body.get("question"), body["value"], body.get("lens"))
        return {"ok": True, "question": body["question"], "my_vote": body["value"]}


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value).decode("latin-1")
    return ""


def _cookie(scope: Scope) -> str | None:
    """The device cookie's value from the raw headers."""
    for key, value in scope["headers"]:
        if key == b"cookie":
            text: str = bytes(value).decode("latin-1")
            for part in text.split(";"):
                name, _, found = part.strip().partition("=")
                if name == COOKIE:
                    return found
    return None


async def read_body(scope: Scope, receive: Receive) -> bytes:
    """The body from ASGI messages, refused (TooLarge) past MAX_BODY whatever Content-Length claims."""
    length = _header(scope, b"content-length")
    if length and (not length.isdigit() or int(length) > MAX_BODY):
        raise TooLarge(TOO_LARGE)
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            raise TooLarge(TOO_LARGE)
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def create_app(room: Room, join_address: str = "", lang: str = "en") -> ASGIApp:
    """The ASGI app serving one room. `join_address` is shown on the projector page with its QR code, and its
    host and port are the only Host the app answers; `lang` (cy, en or both) is the pages' language until a
    phone chooses, and the order languages are offered in."""
    env = _environment(str(lang))  # --lang may come as its StrEnum: one key for each language
    static = {name: (HERE / "static" / name).read_bytes() for name in STATIC if name != SHEET_CSS}
    static[SHEET_CSS] = SHEET_STYLE.encode()  # the sheet's style as a file: the CSP allows no inline style
    hosts = frozenset({urlsplit(join_address).netloc.lower()}) if join_address else frozenset()
    no_vote: dict[str, tuple[str, str]] = {}  # device id -> (question id, "unsure" or "skip"): Easy Read's two answers

    def page(name: str, status: int = 200, choice: str = lang, **context: Any) -> HTMLResponse:
        with translated.rendering(choice) as page_lang:
            return HTMLResponse(env.get_template(name).render(page_lang=page_lang, **context), status_code=status)

    def prefs_of(request: Request) -> Prefs:
        return Prefs.parse(request.cookies.get(PREFS_COOKIE))

    async def refused(request: Request, exc: Exception) -> Response:
        """Every refusal: a stale form goes back to the page as it is now; the API and forms answer JSON;
        a page answers a page that says why."""
        assert isinstance(exc, RoomError)
        path = request.url.path
        if path in FORMS and isinstance(exc, NotNow):
            return RedirectResponse("/", status_code=303)
        if path.startswith("/api/") or path in FORMS:
            return JSONResponse({"error": str(exc)}, status_code=status_of(exc))
        return page("refused.html", status_of(exc), prefs_of(request).lang or lang, message=str(exc))

    def device_id(request: Request) -> str | None:
        return request.cookies.get(COOKIE)

    def device_page(request: Request, name: str, dev: str | None, new: bool = False) -> Response:
        room.device(dev)  # NotJoined without a valid cookie; counts against the device's allowance
        prefs = prefs_of(request)
        state = room.state_for(dev)
        choice = prefs.lang or lang
        shown = words_in(state, choice, prefs.easy)
        q = state.get("question")
        reason = no_vote.get(dev or "")
        extra: dict[str, Any] = {"no_vote": reason[1] if q and reason and reason[0] == q["id"] else None}
        if prefs.easy:
            extra.update(pictures=easy_pictures(len(state["scale"])), pictures_no_vote=no_vote_pictures())
        response = page(name, choice=choice, state=state, prefs=prefs, words=shown, **extra)
        if new and dev:
            # The device's identity: HttpOnly (no script reads it), SameSite=Strict (no other site posts as it).
            response.set_cookie(COOKIE, dev, max_age=12 * 3600, httponly=True, samesite="strict", path="/")
        return response

    async def home(request: Request) -> Response:
        """The join address (`/?t=TOKEN`) gives the device its identity; afterwards `/` alone shows the page."""
        dev = device_id(request)
        token = request.query_params.get("t")
        if token is not None:
            if not _same(token, room.join_token):
                raise NotJoined("This join address is not valid: scan the code on the screen again.")
            dev, new = room.join(dev, request.client.host if request.client else None)
            return device_page(request, "device.html", dev, new)
        return device_page(request, "device.html", dev)

    async def part(request: Request) -> Response:
        return device_page(request, "_device.html", device_id(request))

    async def api_lens(request: Request) -> Response:
        dev = device_id(request)
        room.device(dev)
        room.choose_lens(dev, _object(await read_body(request.scope, request.receive), {"lens"}).get("lens"))
        return JSONResponse(room.state_for(dev))

    async def form(request: Request) -> Response:
        """/vote and /lens from a plain form (no script needed); back to the page after."""
        dev = device_id(request)
        room.device(dev)
        fields = _form(await read_body(request.scope, request.receive), FORMS[request.url.path])
        if request.url.path == "/lens":
            room.choose_lens(dev, fields.get("lens"))
            return RedirectResponse("/", status_code=303)
        raw = fields.get("value", "")
        choices = {str(point["value"]): point["value"] for point in room.scale}
        if raw not in NO_VOTE and raw not in choices:
            raise BadInput(f"'value' should be a whole number from 0 to {len(room.scale) - 1}, or skip.")
        room.vote(dev, fields.get("question"), choices.get(raw), fields.get("lens") or None)
        if raw in NO_VOTE and dev:  # which of Easy Read's "not sure" and "pass" was pressed: neither is a vote
            no_vote[dev] = (str(fields.get("question")), "unsure" if raw == "unsure" else "skip")
        return RedirectResponse("/", status_code=303)

    async def form_marks(request: Request) -> Response:
        """The drafted actions that matter most to this device (checkboxes: `pick` once for each)."""
        dev = device_id(request)
        room.device(dev)
        try:
            fields = parse_qs((await read_body(request.scope, request.receive)).decode("utf-8"), max_num_fields=20)
        except (UnicodeDecodeError, ValueError):
            raise BadInput("The form could not be read.") from None
        _only(fields, FORMS["/mark"])
        picks = fields.get("pick", [])
        if not all(p.isdigit() and len(p) < 4 for p in picks):
            raise BadInput("Choose from the actions listed.")
        room.mark(dev, [int(p) for p in picks])
        return RedirectResponse("/", status_code=303)

    async def form_prefs(request: Request) -> Response:
        """Language and Easy Read for this device: kept in a cookie, so every later page follows it."""
        fields = _form(await read_body(request.scope, request.receive), FORMS["/prefs"])
        prefs = prefs_of(request).chosen(fields.get("lang"), fields.get("easy"))
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(PREFS_COOKIE, prefs.cookie(), max_age=365 * 24 * 3600, httponly=True, samesite="strict")
        return response

    def screen_ok(request: Request) -> None:
        if not _same(request.query_params.get("t") or "", room.screen_token):
            raise NotJoined("This projector address is not valid: use the one shown in the terminal.")

    async def screen(request: Request) -> Response:
        screen_ok(request)
        shown, qr, token = room.screen(), _qr_svg(join_address), room.screen_token
        return page("screen.html", screen=shown, words=words_in(shown, lang), join=join_address, qr=qr, token=token)

    async def screen_part(request: Request) -> Response:
        screen_ok(request)
        shown, qr = room.screen(), _qr_svg(join_address)
        return page("_screen.html", screen=shown, words=words_in(shown, lang), join=join_address, qr=qr)

    async def api_screen(request: Request) -> Response:
        screen_ok(request)
        return JSONResponse(room.screen())

    async def sheet(request: Request) -> Response:
        """The 'you said, we did' page at the end: for a joined phone (or the projector's address), as every page."""
        if "t" in request.query_params:
            screen_ok(request)
        else:
            room.device(device_id(request))
        with room.lock:
            html = room.sheet if room.phase == "finished" else None
        if html is None:
            raise NotNow("The 'you said, we did' page is ready when the assessment ends.")
        return HTMLResponse(html)

    async def static_file(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in static:
            return Response("Not found", status_code=404, media_type="text/plain")
        return Response(static[name], media_type=STATIC[name])

    async def no_icon(request: Request) -> Response:
        return Response(status_code=204)  # browsers ask for it; answering spares a 404 in every console

    routes = [
        Route("/", home),
        Route("/favicon.ico", no_icon),
        Route("/part", part),
        Route("/vote", form, methods=["POST"]),
        Route("/lens", form, methods=["POST"]),
        Route("/prefs", form_prefs, methods=["POST"]),
        Route("/mark", form_marks, methods=["POST"]),
        Route("/api/lens", api_lens, methods=["POST"]),
        Route("/screen", screen),
        Route("/screen/part", screen_part),
        Route("/api/screen", api_screen),
        Route("/sheet", sheet),
        Route("/static/{name}", static_file),
    ]
    web = Starlette(routes=routes, exception_handlers={RoomError: refused})
    return Guard(HotPaths(room, web), hosts)


@lru_cache(maxsize=len(i18n.CHOICES))
def _environment(lang: str) -> Environment:
    """The pages' Jinja2 environment for a --lang choice, made once: each template is compiled on first use
    and kept, in one room or many (a page's first compile is about 40 ms)."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True))
    translated.install(env)
    env.globals["lang_names"] = i18n.NAMES
    env.globals["lang_order"] = i18n.offered(lang)
    return env


def _same(given: str, expected: str) -> bool:
    import hmac

    return hmac.compare_digest(given.encode(), expected.encode())


def _object(body: bytes, allowed: set[str]) -> dict[str, Any]:
    """A JSON object with only the `allowed` fields; BadInput for anything else (nesting checked first)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    try:
        check_json_depth(text, "request body", limit=MAX_DEPTH)  # the one nesting rule, at the room's limit
    except DataError:
        raise BadInput("The body should be one flat JSON object.") from None
    try:
        data = json.loads(text)
    except ValueError:
        raise BadInput('The body should be JSON, such as {"question": ..., "value": 2}.') from None
    if not isinstance(data, dict):
        raise BadInput("The body should be a JSON object.")
    _only(data, allowed)
    return data


def _only(fields: dict[str, Any], allowed: set[str]) -> None:
    extra = set(fields) - allowed
    if extra:
        raise BadInput(f"Unknown field {sorted(extra)[0][:40]!r}: send only {', '.join(sorted(allowed))}.")


def _form(body: bytes, allowed: set[str]) -> dict[str, str]:
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=10)
    except (UnicodeDecodeError, ValueError):
        raise BadInput("The form could not be read.") from None
    found = {key: values[0] for key, values in fields.items()}
    _only(found, allowed)
    return found


@lru_cache(maxsize=4)
def qr_code(address: str) -> QRCode:
    """The join address's QR code, made once for the projector's page and the terminal's drawing: choosing its
    best mask was a tenth of a second of every room's start, spent before anyone asked to see it."""
    import segno

    return segno.make(address, error="m")


@lru_cache(maxsize=4)
def _qr_svg(address: str) -> str:
    """The join address as an inline SVG QR code (black on white, no styles, so the CSP allows it); made
    when the projector first asks for its page."""
    if not address:
        return ""
    # No fixed size, only a viewBox: the page scales the whole code, quiet zone (4 modules) included.
    svg: str = qr_code(address).svg_inline(border=4, omitsize=True, dark="#000", light="#fff")
    return svg
