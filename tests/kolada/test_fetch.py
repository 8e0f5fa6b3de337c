"""hti fetch kolada against a real HTTP server on 127.0.0.1: paging, retries, bad pages."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from hti_tui.kolada.client import FetchError, KoladaClient
from hti_tui.kolada.fetch import fetch_data
from hti_tui.kolada.pages import PageError
from hti_tui.kolada.store import MANIFEST, read_record, sha256
from tests.kolada.server import KoladaServer, Reply, page, row

CODES = ["0114", "0115", "0117", "0120", "0123", "0125", "0126", "0127", "0128", "0136"]


def client(**kw) -> KoladaClient:
    pauses: list[float] = []
    c = KoladaClient(timeout=kw.pop("timeout", 5.0), retries=kw.pop("retries", 3),
                     backoff=0.01, sleep=pauses.append, **kw)
    c.pauses = pauses  # type: ignore[attr-defined]
    return c


def three_pages(server: KoladaServer, path: str, kpis: tuple[str, ...], year: int,
                link: str = "next_url") -> list[bytes]:
    rows = [row(k, c, year, 50.0 + i) for k in kpis for i, c in enumerate(CODES)]
    thirds = [rows[i::3] for i in range(3)]
    urls = [path, f"{path}?page=2&per_page=7", f"{path}?page=3&per_page=7"]
    bodies = [page(thirds[i], server.url(urls[i + 1]) if i < 2 else None, link=link)
              for i in range(3)]
    for u, b in zip(urls, bodies):
        server.add(u, b)
    return bodies


def test_several_pages_are_followed_and_saved_byte_for_byte(server, tmp_path: Path) -> None:
    path = "/v3/data/kpi/U21468,U21401/year/2024"
    bodies = three_pages(server, path, ("U21468", "U21401"), 2024)
    seen: dict[str, int] = {}
    with client() as c:
        summary = fetch_data(c, tmp_path, server.base, 2024, ["U21468", "U21401"],
                             progress=lambda k, n, done: seen.__setitem__(k, n))
    assert summary.changed and summary.pages == 3
    assert seen == {"U21468": 10, "U21401": 10}
    folder = tmp_path / "2024" / "kolada"
    record = read_record(folder)
    assert record is not None and record.year == 2024
    assert [p.url for p in record.pages] == [
        server.url(path), server.url(f"{path}?page=2&per_page=7"),
        server.url(f"{path}?page=3&per_page=7")]
    for saved, body in zip(record.pages, bodies):
        assert (folder / saved.file).read_bytes() == body
        assert saved.sha256 == sha256(body) and saved.bytes == len(body)
        assert saved.count == len(json.loads(body)["values"]) and saved.fetched_at
    assert sum(p.count for p in record.pages) == 20


def test_the_v2_link_name_next_page_is_followed_too(server, tmp_path: Path) -> None:
    path = "/v3/data/kpi/U21468/year/2023"
    three_pages(server, path, ("U21468",), 2023, link="next_page")
    with client() as c:
        summary = fetch_data(c, tmp_path, server.base, 2023, ["U21468"])
    assert summary.pages == 3 and sum(q.values for q in summary.queries) == 10


def test_a_500_is_retried_with_backoff_then_the_page_is_kept(server, tmp_path: Path) -> None:
    path = "/v3/data/kpi/U21468/year/2024"
    good = page([row("U21468", c, 2024, 80.0) for c in CODES])
    server.add(path, Reply(b"oops", 500), Reply(b"busy", 503), Reply(good))
    with client() as c:
        summary = fetch_data(c, tmp_path, server.base, 2024, ["U21468"])
        assert c.pauses == [0.01, 0.02]  # type: ignore[attr-defined]
    assert server.requests_to(path) == 3
    assert summary.queries[0].attempts == 3
    saved = read_record(tmp_path / "2024" / "kolada").pages[0]
    assert saved.attempts == 3 and (tmp_path / "2024/kolada" / saved.file).read_bytes() == good


def test_a_connection_dropped_mid_page_is_retried(server, tmp_path: Path) -> None:
    path = "/v3/data/kpi/U21468/year/2024"
    good = page([row("U21468", c, 2024, 80.0) for c in CODES])
    server.add(path, Reply(good, cut=True), Reply(good))
    with client() as c:
        summary = fetch_data(c, tmp_path, server.base, 2024, ["U21468"])
    assert summary.queries[0].attempts == 2
    saved = read_record(tmp_path / "2024" / "kolada").pages[0]
    assert (tmp_path / "2024/kolada" / saved.file).read_bytes() == good


def test_a_4xx_is_not_retried_and_names_the_url(server, tmp_path: Path) -> None:
    server.add("/v3/data/kpi/X1/year/2024", Reply(b"no such kpi", 400))
    with client() as c, pytest.raises(FetchError) as err:
        fetch_data(c, tmp_path, server.base, 2024, ["X1"])
    assert "HTTP 400" in str(err.value) and "/v3/data/kpi/X1/year/2024" in str(err.value)
    assert server.requests_to("/v3/data/kpi/X1/year/2024") == 1


def test_a_malformed_page_is_an_error_and_nothing_is_written(server, tmp_path: Path) -> None:
    path = "/v3/data/kpi/U21468/year/2024"
    bodies = three_pages(server, path, ("U21468",), 2024)
    server.add(f"{path}?page=2&per_page=7", bodies[1][: len(bodies[1]) // 2])  # cut off
    with client() as c, pytest.raises(PageError) as err:
        fetch_data(c, tmp_path, server.base, 2024, ["U21468"])
    assert "not valid JSON" in str(err.value) and "page=2" in str(err.value)
    assert not (tmp_path / "2024" / "kolada" / MANIFEST).exists()


def test_pages_that_do_not_add_up_are_an_error(server, tmp_path: Path) -> None:
    path = "/v3/data/kpi/U21468/year/2024"
    rows = [row("U21468", c, 2024, 70.0) for c in CODES]
    server.add(path, page(rows[:5], server.url(path + "?page=2"), count=12))
    server.add(path + "?page=2", page(rows[5:], None, count=12))  # 10 values, 12 promised
    with client() as c, pytest.raises(PageError) as err:
        fetch_data(c, tmp_path, server.base, 2024, ["U21468"])
    assert "truncated or inconsistent" in str(err.value)


def test_a_page_linking_back_is_a_loop_error(server, tmp_path: Path) -> None:
    path = "/v3/data/kpi/U21468/year/2024"
    rows = [row("U21468", c, 2024, 70.0) for c in CODES]
    server.add(path, page(rows[:5], server.url(path + "?page=2")))
    server.add(path + "?page=2", page(rows[5:], server.url(path)))
    with client() as c, pytest.raises(PageError, match="loops"):
        fetch_data(c, tmp_path, server.base, 2024, ["U21468"])


def test_rows_of_another_year_or_kpi_are_an_error(server, tmp_path: Path) -> None:
    path = "/v3/data/kpi/U21468/year/2024"
    server.add(path, page([row("U21468", "0114", 2023, 70.0)]))
    with client() as c, pytest.raises(PageError, match="period 2023"):
        fetch_data(c, tmp_path, server.base, 2024, ["U21468"])


def test_a_timeout_is_retried_then_reported_with_the_url(server, tmp_path: Path) -> None:
    path = "/v3/data/kpi/U21468/year/2024"
    good = page([row("U21468", c, 2024, 80.0) for c in CODES])
    server.add(path, Reply(good, delay=1.0), Reply(good))
    with client(timeout=0.3) as c:
        summary = fetch_data(c, tmp_path, server.base, 2024, ["U21468"])
    assert summary.queries[0].attempts == 2
    server.add(path, Reply(good, delay=1.0))
    with client(timeout=0.2, retries=1) as c, pytest.raises(FetchError) as err:
        fetch_data(c, tmp_path / "again", server.base, 2024, ["U21468"])
    assert "timed out" in str(err.value) and server.url(path) in str(err.value)


def test_a_second_fetch_with_nothing_new_changes_no_file(server, tmp_path: Path) -> None:
    path = "/v3/data/kpi/U21468/year/2024"
    three_pages(server, path, ("U21468",), 2024)
    with client() as c:
        fetch_data(c, tmp_path, server.base, 2024, ["U21468"])
        folder = tmp_path / "2024" / "kolada"
        before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}
        again = fetch_data(c, tmp_path, server.base, 2024, ["U21468"])
    assert not again.changed
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()} == before


def test_a_kpi_fetched_again_is_read_from_its_new_page_the_others_kept(
        server, tmp_path: Path) -> None:
    both = "/v3/data/kpi/U21468,U21401/year/2024"
    server.add(both, page([row("U21468", "0114", 2024, 80.0), row("U21401", "0114", 2024, 14.0)]))
    server.add("/v3/data/kpi/U21468/year/2024", page([row("U21468", "0114", 2024, 81.0)]))
    with client() as c:
        fetch_data(c, tmp_path, server.base, 2024, ["U21468", "U21401"])
        again = fetch_data(c, tmp_path, server.base, 2024, ["U21468"])
    assert again.changed
    record = read_record(tmp_path / "2024" / "kolada")
    assert {p.query.rsplit("/v3", 1)[1]: p.kpis for p in record.pages} == {
        "/data/kpi/U21468,U21401/year/2024": ("U21401",),
        "/data/kpi/U21468/year/2024": ("U21468",)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_offline_the_cli_exits_non_zero_naming_the_url(capsys, project_dir: Path) -> None:
    from hti_tui.cli.main import main

    base = f"http://127.0.0.1:{free_port()}/v3"
    code = main(["--config", str(project_dir), "fetch", "kolada", "--year", "2024",
                 "--base-url", base, "--retries", "1", "--timeout", "2"])
    err = capsys.readouterr().err
    assert code != 0
    assert f"{base}/data/kpi/" in err and "kan inte ansluta" in err
    assert "Traceback" not in err
