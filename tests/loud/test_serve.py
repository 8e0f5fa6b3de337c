"""`hti serve` against hostile clients (issue #13): a real server on 127.0.0.1, real
HTTP and WebSocket requests."""

from __future__ import annotations

import asyncio
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from hti_tui.cli.main import main


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(minimal_project: Path):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "hti_tui", "--config", str(minimal_project), "serve",
         "--host", "127.0.0.1", "--port", str(port), "--max-sessions", "1"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    line = ""
    deadline = time.monotonic() + 30
    while "Serverar hti på" not in line and time.monotonic() < deadline:  # language sv
        line = proc.stderr.readline() if proc.stderr else ""
    url = re.search(r"(http://\S+)", line).group(1)  # type: ignore[union-attr]
    for _ in range(100):  # until it listens
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    yield url, port
    proc.terminate()
    proc.wait(timeout=10)


def test_token_origin_and_session_cap(server) -> None:
    url, port = server
    base = f"http://127.0.0.1:{port}"
    token = url.split("token=", 1)[1]

    async def scenario() -> None:
        async with aiohttp.ClientSession() as bare:
            async with bare.get(base + "/") as r:
                assert r.status == 403  # no token
                # the page says why in the project's language (the shipped one is Swedish)
                assert "öppna adressen med den token" in await r.text()
            async with bare.get(base + "/?token=wrong") as r:
                assert r.status == 403
            with pytest.raises(aiohttp.WSServerHandshakeError) as info:
                await bare.ws_connect(base + "/ws")
            assert info.value.status == 403
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as user:
            async with user.get(f"{base}/?token={token}") as r:
                assert r.status == 200 and "hti" in await r.text()
            with pytest.raises(aiohttp.WSServerHandshakeError) as info:
                await user.ws_connect(base + "/ws", headers={"Origin": "http://evil.example"})
            assert info.value.status == 403  # another site's page, even with the cookie
            first = await user.ws_connect(base + "/ws", headers={"Origin": base})
            with pytest.raises(aiohttp.WSServerHandshakeError) as info:
                await user.ws_connect(base + "/ws", headers={"Origin": base})
            assert info.value.status == 503  # --max-sessions 1
            await first.close()

    asyncio.run(scenario())


@pytest.mark.parametrize(("args", "message"), [
    (["--port", "99999"], "ingen TCP-port"),
    (["--host", "no-such-host.invalid."], "kan inte servera på värden"),
])
def test_bad_address_is_a_clear_error(minimal_project: Path, capsys, args, message) -> None:
    assert main(["--config", str(minimal_project), "serve", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_port_in_use_is_a_clear_error(minimal_project: Path, capsys) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--config", str(minimal_project), "serve", "--host", "127.0.0.1",
                     "--port", str(port)]) == 2
    assert "används redan" in capsys.readouterr().err


def test_public_host_warns(minimal_project: Path, capsys, monkeypatch) -> None:
    from hti_tui.tui import serve as serve_module

    monkeypatch.setattr(serve_module, "serve", lambda *a, **k: None)
    assert main(["--config", str(minimal_project), "serve", "--host", "0.0.0.0",
                 "--port", str(_free_port())]) == 0
    err = capsys.readouterr().err
    assert "varning" in err and "varje dator" in err and "token=" in err
