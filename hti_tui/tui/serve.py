"""The UI in a web browser: textual-serve runs ``hti tui`` once per browser session.

textual-serve itself accepts any web page: no authentication, no ``Origin`` check on
``/ws``, and every connection starts a process. A page on another site could open the
UI (and its export dialog) through a user's browser. So, as Jupyter does, the server
prints a URL with a random token; opening it sets a same-site cookie, and ``/ws``
accepts a connection only with that cookie, from a page of the same origin, and only
while fewer than ``max_sessions`` sessions run.
"""

from __future__ import annotations

import errno
import hmac
import ipaddress
import secrets
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hti_tui.errors import UsageError

if TYPE_CHECKING:
    from textual_serve.server import Server

COOKIE = "hti_token"
#: what a refused browser is told, (svenska, English): the page says it in the project's
#: language, as the start line does
REFUSED = {
    "token": ("hti serve: öppna adressen med den token som `hti serve` skrev ut när den "
              "startade", "hti serve: open the URL with the token that `hti serve` printed "
              "when it started"),
    "origin": ("hti serve: anslutningar från en annan webbplats sida nekas",
               "hti serve: connections from another site's page are refused"),
    "no_token": ("hti serve: ingen giltig token", "hti serve: no valid token"),
    "full": ("hti serve: {n} sessioner är redan öppna (--max-sessions)",
             "hti serve: {n} sessions are open already (--max-sessions)"),
}
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


@dataclass(frozen=True)
class Guard:
    """What a request must bring: the token (None: ``--no-token``) and a same origin."""

    token: str | None
    max_sessions: int
    language: str = "en"

    def refused(self, key: str, **fmt: object) -> str:
        """What a refused request is told, in the project's language."""
        sv, en = REFUSED[key]
        return (sv if self.language == "sv" else en).format(**fmt)

    def token_ok(self, query_token: str | None, cookie_token: str | None) -> bool:
        if self.token is None:
            return True
        given = query_token or cookie_token or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    @staticmethod
    def origin_ok(origin: str | None, host_header: str | None) -> bool:
        """A browser always sends Origin on a WebSocket; it must be this server's."""
        if origin is None:
            return True  # not a browser (a page cannot leave Origin out); the token decides
        if not host_header:
            return False
        from urllib.parse import urlsplit

        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and parts.netloc.lower() == host_header.lower()


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_address(host: str, port: int) -> None:
    """A clear error, before anything starts, for a bad host, a bad port or a port in use."""
    if not 1 <= port <= 65535:
        raise UsageError(f"port {port} is not a TCP port", hint="use a number from 1 to 65535",
                         sv=f"port {port} är ingen TCP-port",
                         sv_hint="ange ett tal från 1 till 65535")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UsageError(f"cannot serve on host '{host}': {exc}",
                         hint="use localhost, an IP address of this machine or 0.0.0.0",
                         sv=f"kan inte servera på värden '{host}': {exc}",
                         sv_hint="ange localhost, en IP-adress till den här datorn eller "
                                 "0.0.0.0") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(f"port {port} on {host} is already in use",
                                 hint="stop the other server or choose --port",
                                 sv=f"port {port} på {host} används redan",
                                 sv_hint="stoppa den andra servern eller välj --port") from None
            raise UsageError(f"cannot serve on {host}:{port}: {exc.strerror}",
                             hint="is this an address of this machine?",
                             sv=f"kan inte servera på {host}:{port}: {exc.strerror}",
                             sv_hint="är det en adress till den här datorn?") from None


def new_token() -> str:
    return secrets.token_urlsafe(24)


def make_server(command: str, host: str, port: int, guard: Guard) -> Server:
    """A textual-serve Server whose index and websocket check the guard."""
    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.server import Server

    class GuardedServer(Server):
        sessions = 0

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            if not guard.token_ok(request.query.get("token"), request.cookies.get(COOKIE)):
                raise web.HTTPForbidden(text=guard.refused("token"))
            context = await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
            if guard.token is not None:
                response.set_cookie(COOKIE, guard.token, httponly=True, samesite="Strict")
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            if not guard.origin_ok(request.headers.get("Origin"), request.headers.get("Host")):
                raise web.HTTPForbidden(text=guard.refused("origin"))
            if not guard.token_ok(request.query.get("token"), request.cookies.get(COOKIE)):
                raise web.HTTPForbidden(text=guard.refused("no_token"))
            if GuardedServer.sessions >= guard.max_sessions:
                raise web.HTTPServiceUnavailable(
                    text=guard.refused("full", n=guard.max_sessions))
            GuardedServer.sessions += 1
            try:
                return await Server.handle_websocket(self, request)
            finally:
                GuardedServer.sessions -= 1

        async def on_startup(self, app: web.Application) -> None:
            return None  # hti prints its own start line (with the token)

    return GuardedServer(command, host=host, port=port, title="hti — öppet hemtjänstindex")


def serve(command: str, host: str, port: int, guard: Guard) -> None:
    """Serve until Ctrl-C; ``host`` defaults to localhost in the CLI so nothing is exposed."""
    check_address(host, port)
    try:
        make_server(command, host, port, guard).serve()
    except OSError as exc:  # lost a race for the port, or the address went away
        raise UsageError(f"cannot serve on {host}:{port}: {exc.strerror or exc}",
                         sv=f"kan inte servera på {host}:{port}: {exc.strerror or exc}") from None
