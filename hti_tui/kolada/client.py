"""The HTTP side of ``hti fetch kolada``: httpx with timeouts, retries and backoff.

A 5xx answer, a 429, a timeout, a dropped or refused connection is retried a few
times with growing pauses (Kolada is a public service that has its bad minutes);
a 4xx is a mistake in the request and fails at once. Every failure is a
:class:`FetchError` naming the URL — offline, ``hti fetch`` prints one line and
exits non-zero, never a traceback.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from hti_tui import __version__
from hti_tui.errors import HtiError

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class FetchError(HtiError):
    """Kolada could not be reached, or kept failing, or refused the request."""


@dataclass(frozen=True)
class Answer:
    url: str
    body: bytes
    attempts: int
    seconds: float


@dataclass
class KoladaClient:
    """GET with retries; ``sleep`` is a parameter so a test can count the pauses."""

    timeout: float = 30.0
    connect_timeout: float = 10.0
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry; doubled each time
    sleep: Callable[[float], None] = time.sleep

    def __post_init__(self) -> None:
        self._http = httpx.Client(
            timeout=httpx.Timeout(self.timeout, connect=self.connect_timeout),
            headers={"User-Agent": f"hti/{__version__} (open Hemtjanstindex toolkit)",
                     "Accept": "application/json"},
            follow_redirects=True)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> KoladaClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> Answer:
        """The body of ``url`` exactly as sent, or a FetchError after the retries."""
        start = time.perf_counter()
        problem = problem_sv = ""
        for attempt in range(1, self.retries + 2):
            try:
                response = self._http.get(url)
            except httpx.TimeoutException as exc:
                problem = f"timed out ({type(exc).__name__})"
                problem_sv = f"tidsgränsen gick ut ({type(exc).__name__})"
            except httpx.TransportError as exc:  # refused, reset, DNS, truncated body
                problem = f"cannot connect: {exc}" if isinstance(exc, httpx.ConnectError) \
                    else f"{type(exc).__name__}: {exc}"
                problem_sv = f"kan inte ansluta: {exc}" if isinstance(
                    exc, httpx.ConnectError) else problem
            else:
                if response.status_code == 200:
                    return Answer(url, response.content, attempt, time.perf_counter() - start)
                problem = problem_sv = f"HTTP {response.status_code} {response.reason_phrase}"
                if response.status_code not in RETRY_STATUS:
                    raise FetchError(f"Kolada refused the request: {problem}", file=url,
                                     hint="check the KPI ids and the base URL",
                                     sv=f"Kolada avvisade begäran: {problem}",
                                     sv_hint="kontrollera nyckeltalens id och bas-URL:en")
            if attempt <= self.retries:
                self.sleep(self.backoff * 2 ** (attempt - 1))
        raise FetchError(f"no answer after {self.retries + 1} attempts: {problem}", file=url,
                         hint="offline? Kolada down? set --base-url or hti.toml "
                              "[sources.kolada.options] base_url",
                         sv=f"inget svar efter {self.retries + 1} försök: {problem_sv}",
                         sv_hint="ingen anslutning? Kolada nere? ange --base-url eller hti.toml "
                                 "[sources.kolada.options] base_url")


__all__ = ["Answer", "FetchError", "KoladaClient"]
