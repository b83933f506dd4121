"""The room's web edge: a small Starlette app over a Room. Pages, the JSON API, and the rules that keep
a room of strangers safe (tokens, one cookie per device, body and rate caps, a strict CSP).

Imported only by `assess --room` (and tests): Starlette and Jinja2 load here, never at start-up.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import i18n
from ..render import translated
from .prefs import PREFS_COOKIE, Prefs, easy_pictures, no_vote_pictures, words
from .state import Room, RoomError

COOKIE = "coprotool_device"
MAX_BODY = 16 * 1024  # bytes; a vote is under 200
TOO_LARGE = f"The request is too large (the limit is {MAX_BODY // 1024} KB)."
HERE = Path(__file__).parent
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
STATIC = {"room.js": "text/javascript", "screen.js": "text/javascript", "room.css": "text/css"}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware adding the security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


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
                status, payload = await self._answer(scope, receive)
            else:
                status, payload = 405, {"error": f"{method} is not allowed here."}
            body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)

    async def _answer(self, scope: Scope, receive: Receive) -> tuple[int, dict[str, Any]]:
        dev = _cookie(scope)
        try:
            self.room.device(dev)
            if scope["path"] == "/api/state":
                return 200, self.room.state_for(dev)
            body = _object(await _receive_body(scope, receive))
            extra = set(body) - {"question", "value", "lens"}
            if extra:
                raise RoomError(400, f"Unknown field {sorted(extra)[0]!r}: send question, value and lens.")
            if "value" not in body:
                raise RoomError(400, "'value' is missing: send 0-3, or null to skip.")
            self.room.vote(dev, body.get("question"), body["value"], body.get("lens"))
            return 200, {"ok": True, "question": body["question"], "my_vote": body["value"]}
        except RoomError as exc:
            return exc.status, {"error": str(exc)}


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


async def _receive_body(scope: Scope, receive: Receive) -> bytes:
    """The body from ASGI messages, refused (413) past MAX_BODY whatever Content-Length claims."""
    for key, value in scope["headers"]:
        if key == b"content-length" and (not value.isdigit() or int(value) > MAX_BODY):
            raise RoomError(413, TOO_LARGE)
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
            raise RoomError(413, TOO_LARGE)
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def create_app(room: Room, join_address: str = "", lang: str = "en") -> ASGIApp:
    """The ASGI app serving one room. `join_address` is shown on the projector page with its QR code;
    `lang` (cy, en or both) is the pages' language until a phone chooses, and the order languages are offered in."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True))
    translated.install(env)
    env.globals["lang_names"] = i18n.NAMES
    env.globals["lang_order"] = i18n.offered(lang)
    static = {name: (HERE / "static" / name).read_bytes() for name in STATIC}
    qr_svg = _qr_svg(join_address) if join_address else ""
    no_vote: dict[str, tuple[str, str]] = {}  # device id -> (question id, "unsure" or "skip"): Easy Read's two answers

    def page(name: str, status: int = 200, choice: str = lang, **context: Any) -> HTMLResponse:
        with translated.rendering(choice) as page_lang:
            return HTMLResponse(env.get_template(name).render(page_lang=page_lang, **context), status_code=status)

    def prefs_of(request: Request) -> Prefs:
        return Prefs.parse(request.cookies.get(PREFS_COOKIE))

    def refused(exc: RoomError, request: Request | None = None) -> HTMLResponse:
        choice = (prefs_of(request).lang if request else None) or lang
        return page("refused.html", exc.status, choice, message=str(exc))

    def device_id(request: Request) -> str | None:
        return request.cookies.get(COOKIE)

    def device_page(request: Request, name: str, dev: str | None, new: bool = False) -> Response:
        room.device(dev)  # 403 without a valid cookie; counts against the device's allowance
        prefs = prefs_of(request)
        state = room.state_for(dev)
        choice = prefs.lang or lang
        with i18n.using(i18n.order(choice)[0]):
            shown = words(state, prefs.easy)
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
        try:
            token = request.query_params.get("t")
            if token is not None:
                if not _same(token, room.join_token):
                    raise RoomError(403, "This join address is not valid: scan the code on the screen again.")
                dev, new = room.join(dev)
                return device_page(request, "device.html", dev, new)
            return device_page(request, "device.html", dev)
        except RoomError as exc:
            return refused(exc, request)

    async def part(request: Request) -> Response:
        try:
            return device_page(request, "_device.html", device_id(request))
        except RoomError as exc:
            return refused(exc, request)

    async def api_lens(request: Request) -> Response:
        dev = device_id(request)
        try:
            room.device(dev)
            room.choose_lens(dev, _object(await _body(request)).get("lens"))
            return JSONResponse(room.state_for(dev))
        except RoomError as exc:
            return _json_error(exc)

    async def form_vote(request: Request) -> Response:
        """The same as /api/vote from a plain form (no script needed); back to the page after."""
        dev = device_id(request)
        try:
            room.device(dev)
            form = _form(await _body(request))
            raw = form.get("value", "")
            value: object = None if raw in ("", "skip", "unsure") else int(raw) if raw.isdigit() else raw
            room.vote(dev, form.get("question"), value, form.get("lens") or None)
            if value is None and dev:  # which of Easy Read's "not sure" and "pass" was pressed: neither is a vote
                no_vote[dev] = (str(form.get("question")), "unsure" if raw == "unsure" else "skip")
        except RoomError as exc:
            if exc.status not in (400, 409):  # a stale form or a bad value: show the page as it is now
                return refused(exc, request)
        return RedirectResponse("/", status_code=303)

    async def form_lens(request: Request) -> Response:
        dev = device_id(request)
        try:
            room.device(dev)
            room.choose_lens(dev, _form(await _body(request)).get("lens"))
        except RoomError as exc:
            if exc.status not in (400, 409):  # a stale form or a bad value: show the page as it is now
                return refused(exc, request)
        return RedirectResponse("/", status_code=303)

    async def form_prefs(request: Request) -> Response:
        """Language and Easy Read for this device: kept in a cookie, so every later page follows it."""
        try:
            form = _form(await _body(request))
        except RoomError as exc:
            return refused(exc, request)
        prefs = prefs_of(request).chosen(form.get("lang"), form.get("easy"))
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(PREFS_COOKIE, prefs.cookie(), max_age=365 * 24 * 3600, httponly=True, samesite="strict")
        return response

    def screen_ok(request: Request) -> None:
        if not _same(request.query_params.get("t") or "", room.screen_token):
            raise RoomError(403, "This projector address is not valid: use the one shown in the terminal.")

    async def screen(request: Request) -> Response:
        try:
            screen_ok(request)
        except RoomError as exc:
            return refused(exc)
        shown = room.screen()
        token = room.screen_token
        return page("screen.html", screen=shown, words=words(shown), join=join_address, qr=qr_svg, token=token)

    async def screen_part(request: Request) -> Response:
        try:
            screen_ok(request)
        except RoomError as exc:
            return refused(exc)
        shown = room.screen()
        return page("_screen.html", screen=shown, words=words(shown), join=join_address, qr=qr_svg)

    async def api_screen(request: Request) -> Response:
        try:
            screen_ok(request)
            return JSONResponse(room.screen())
        except RoomError as exc:
            return _json_error(exc)

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
        Route("/vote", form_vote, methods=["POST"]),
        Route("/lens", form_lens, methods=["POST"]),
        Route("/prefs", form_prefs, methods=["POST"]),
        Route("/api/lens", api_lens, methods=["POST"]),
        Route("/screen", screen),
        Route("/screen/part", screen_part),
        Route("/api/screen", api_screen),
        Route("/static/{name}", static_file),
    ]
    return SecurityHeaders(HotPaths(room, Starlette(routes=routes)))


def _same(given: str, expected: str) -> bool:
    import hmac

    return hmac.compare_digest(given.encode(), expected.encode())


def _json_error(exc: RoomError) -> JSONResponse:
    return JSONResponse({"error": str(exc)}, status_code=exc.status)


async def _body(request: Request) -> bytes:
    """The request body, refused (413) past MAX_BODY whatever Content-Length claims."""
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
        raise RoomError(413, TOO_LARGE)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise RoomError(413, TOO_LARGE)
        chunks.append(chunk)
    return b"".join(chunks)


def _object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RoomError(400, 'The body should be JSON, such as {"question": ..., "value": 2}.') from None
    if not isinstance(data, dict):
        raise RoomError(400, "The body should be a JSON object.")
    return data


def _form(body: bytes) -> dict[str, str]:
    try:
        fields = parse_qs(body.decode("utf-8"), max_num_fields=10)
    except (UnicodeDecodeError, ValueError):
        raise RoomError(400, "The form could not be read.") from None
    return {key: values[0] for key, values in fields.items()}


def _qr_svg(address: str) -> str:
    """The join address as an inline SVG QR code (black on white, no styles, so the CSP allows it)."""
    import segno

    svg: str = segno.make(address, error="m").svg_inline(scale=8, border=2, dark="#000", light="#fff")
    return svg
