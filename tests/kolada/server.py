"""A small Kolada-like HTTP server on 127.0.0.1 for the fetch tests (stdlib only).

Routes map a path with its query (``/v3/data/kpi/U21468/year/2024``) to a list of
replies served in turn (the last one repeats): a reply is a body with a status, and
optionally a delay before answering, so a test can script "500, then the page" or
"too slow every time". Every request is logged, so a test can count the retries.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    body: bytes
    status: int = 200
    delay: float = 0.0
    cut: bool = False  # promise the whole body in Content-Length, send half, hang up


def page(values: list[Any], next_url: str | None = None, count: int | None = None,
         link: str = "next_url") -> bytes:
    """A v3-shaped answer, serialised as Kolada does (compact JSON, UTF-8)."""
    doc: dict[str, Any] = {"count": len(values) if count is None else count, "values": values}
    doc[link] = next_url
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def row(kpi: str, unit: str, year: int, value: float | None, key: str = "municipality",
        genders: tuple[str, ...] = ("T",)) -> dict[str, Any]:
    return {"kpi": kpi, key: unit, "period": year,
            "values": [{"count": 1, "gender": g, "status": "" if value is not None else "Missing",
                        "value": value} for g in genders]}


@dataclass
class KoladaServer:
    routes: dict[str, list[Reply]] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.log.append(self.path)
                replies = owner.routes.get(self.path)
                if not replies:
                    self.send_response(404)
                    self.end_headers()
                    return
                reply = replies.pop(0) if len(replies) > 1 else replies[0]
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body[: len(reply.body) // 2] if reply.cut
                                     else reply.body)
                    if reply.cut:
                        self.close_connection = True
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v3"

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def add(self, path: str, *replies: Reply | bytes) -> None:
        self.routes[path] = [r if isinstance(r, Reply) else Reply(r) for r in replies]

    def requests_to(self, path: str) -> int:
        return sum(1 for p in self.log if p == path)

    def start(self) -> KoladaServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
