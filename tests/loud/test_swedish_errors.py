"""Every error a user can cause says itself in Swedish in Swedish mode: a walk over bad
inputs (hti.toml keys and values, malformed CSV, xlsx and JSON, a broken unit registry
and tree table, a broken plugin, a full disk, Kolada answers that are not what the API
promises, a Kolada that cannot be reached) asserting that ``describe("sv")`` is not the
English text and holds no common English word, and that ``describe("en")`` stays English.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from hti_tui.errors import HtiError
from tests.conftest import MINIMAL_TOML

#: words only an English message has (whole words, outside quotes and code)
ENGLISH = ["the", "is", "not", "and", "of", "a", "an", "no", "found", "expected", "missing",
           "unknown", "cannot", "must", "file", "column", "row", "line", "key", "run",
           "fetch", "again", "does", "has", "with", "needs", "value", "answer", "page"]
#: words only a Swedish message has
SWEDISH = ["är", "trädet",
           "inte", "och", "saknas", "kolumn", "rad", "nyckel", "finns", "kan", "kör",
           "väntade", "fann", "okänd", "okänt", "ingen", "inget", "filen", "där", "väntades"]
#: what a library said (the parser's, the zip reader's own words), quoted as it was raised
LIBRARY = {"bad TOML": "Invalid value", "json invalid": "Expecting value",
           "kolada not json": "Expecting value", "xlsx unreadable": "File is not a zip file"}


def words(text: str, wanted: list[str]) -> list[str]:
    """The ``wanted`` words in ``text``, leaving out what is quoted or code (key names,
    file names and commands are the same in both languages)."""
    bare = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\[[^\]]*\]|\([^)]*\.py[^)]*\)", " ", text)
    return [w for w in wanted if re.search(rf"(?<![\w.-]){w}(?![\w.-])", bare,
                                           re.IGNORECASE)]


MINIMAL = MINIMAL_TOML  # the smallest valid hti.toml, as the other loud tests use it


def _project(tmp: Path, toml: str = MINIMAL) -> Path:
    (tmp / "units.csv").write_text("kommun_kod,kommun_namn\n0114,Upplands Väsby\n"
                                   "0180,Stockholm\n", encoding="utf-8")
    (tmp / "plugins").mkdir(exist_ok=True)
    (tmp / "hti.toml").write_text(toml, encoding="utf-8")
    return tmp / "hti.toml"


def _config(tmp: Path, old: str, new: str) -> None:
    from hti_tui.project.config import check_methods, load_config

    assert old in MINIMAL
    check_methods(load_config(_project(tmp, MINIMAL.replace(old, new, 1))))


def _write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def _csv(tmp: Path, body: str) -> None:
    from hti_tui.data.readers import read_csv

    read_csv(_write(tmp, "data.csv", body.encode("utf-8")), ["Kommunkod", "Värde"])


def _registry(tmp: Path, body: str) -> None:
    from hti_tui.data.registry import load_registry

    load_registry(_write(tmp, "units.csv", body.encode("utf-8")))


def _tree(tmp: Path, body: str) -> None:
    from hti_tui.data.tree_table import read_tree_table

    read_tree_table(_write(tmp, "tree.csv", body.encode("utf-8")))


def _page(body: bytes) -> None:
    from hti_tui.kolada.pages import parse_page

    parse_page(body, "http://127.0.0.1/v3/data")


def _disk_full(tmp: Path) -> None:
    from hti_tui.data.parquet_store import write_error

    raise write_error(OSError(28, "No space left on device"), tmp / "results.parquet")


def _offline(tmp: Path) -> None:
    from hti_tui.kolada.client import KoladaClient

    with socket.socket() as s:  # a port nobody listens on: a real refused connection
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = KoladaClient(retries=0, timeout=2.0)
    try:
        client.get(f"http://127.0.0.1:{port}/v3/kpi")
    finally:
        client.close()


def _observation_twice(tmp: Path) -> None:
    from hti_tui.data.observations import ReadContext
    from hti_tui.data.registry import registry_from_ids

    ctx = ReadContext(path=tmp / "x.csv", source="s", adapter="a", period=2024,
                      units=registry_from_ids(["0114"]))
    ctx.obs.add("0114", "m", "1", row=2, column="Värde")
    ctx.obs.add("0114", "m", "2", row=3, column="Värde")


def _tree_cycle(tmp: Path) -> None:
    from hti_tui.engine.tree import NodeDef, Tree

    Tree.build([NodeDef("index", None), NodeDef("omr1", "omr2"), NodeDef("omr2", "omr1"),
                NodeDef("ind", "omr1", is_indicator=True)], "index")


def _sort(tmp: Path) -> None:
    from hti_tui.query.ranking import RankQuery

    RankQuery(sort="popularitet").check_sort(["information"])


FAULTS: dict[str, Callable[[Path], None]] = {
    "unknown key": lambda t: _config(t, "[units]", "[units]\nregistri = 1"),
    "wrong type": lambda t: _config(t, 'name = "Test index"', "name = 12"),
    "missing key": lambda t: _config(t, 'name = "Test index"\n', ""),
    "bad TOML": lambda t: _config(t, "schema = 1", "schema = = 1"),
    "odd year": lambda t: _config(t, "years = [2024]", "years = [2024, 99999]"),
    "year twice": lambda t: _config(t, "years = [2024]", "years = [2024, 2024]"),
    "unknown method": lambda t: _config(t, "[tree]", "[method]\nnormalisation = \"maxmin\"\n"
                                                     "[tree]"),
    "negative weight": lambda t: _config(t, 'parent = "index"', 'parent = "index"\n'
                                                                "weight = -1"),
    "unknown parent": lambda t: _config(t, 'parent = "index"', 'parent = "nowhere"'),
    "csv fields": lambda t: _csv(t, "Kommunkod,Värde\n0114,1,2\n"),
    "csv header": lambda t: _csv(t, "Kod,Tal\n0114,1\n"),
    "csv binary": lambda t: _csv(t, "Kommunkod\x00Värde\n"),
    "xlsx unreadable": lambda t: __import__("hti_tui.data.readers", fromlist=["read_xlsx"])
    .read_xlsx(_write(t, "data.xlsx", b"not a zip"), ["Kommunkod"]),
    "json invalid": lambda t: __import__("hti_tui.data.readers", fromlist=["read_json"])
    .read_json(_write(t, "data.json", b'{"values": [1,')),
    "registry twice": lambda t: _registry(t, "kommun_kod,kommun_namn\n0114,A\n0114,B\n"),
    "registry column": lambda t: _registry(t, "kod,namn\n0114,A\n"),
    "registry empty": lambda t: _registry(t, ""),
    "tree number": lambda t: _tree(t, "code,name,parent,type,weight\nx,X,,index,abc\n"),
    "tree column": lambda t: _tree(t, "name\nX\n"),
    "kommun twice": _observation_twice,
    "disk full": _disk_full,
    "kolada not json": lambda t: _page(b"{\"values\": [1,"),
    "kolada no values": lambda t: _page(b"{\"count\": 1}"),
    "kolada offline": _offline,
    "tree cycle": _tree_cycle,
    "unknown sort": _sort,
}


def _raised(make: Callable[[Path], None], tmp: Path) -> HtiError:
    with pytest.raises(HtiError) as info:
        make(tmp)
    return info.value


@pytest.mark.parametrize("fault", list(FAULTS))
def test_an_error_says_itself_in_swedish(fault: str, tmp_path: Path) -> None:
    error = _raised(FAULTS[fault], tmp_path)
    sv, en = error.describe("sv"), error.describe("en")
    if fault in LIBRARY:
        assert LIBRARY[fault] in sv
        sv = sv.replace(LIBRARY[fault], "")
    assert error.sv, (fault, en)
    assert sv != en, fault
    assert words(sv, ENGLISH) == [], (fault, sv)
    assert words(sv, SWEDISH), (fault, sv)  # it is Swedish, not merely not English
    assert words(en, SWEDISH) == [], (fault, en)
    assert str(error) == en  # logs and tests keep the English text


def test_a_broken_plugin_is_reported_in_swedish(tmp_path: Path) -> None:
    """A plugin that cannot be imported: the reason `hti plugins` and the Plugins screen
    give is Swedish in Swedish mode (the exception's own text is quoted as raised)."""
    from hti_tui.project import Project

    config = _project(tmp_path)
    (tmp_path / "plugins" / "trasig.py").write_text("import no_such_module_here\n",
                                                    encoding="utf-8")
    (tmp_path / "plugins" / "tom.py").write_text("X = 1\n", encoding="utf-8")
    project = Project.load(config, environ={})
    records = {r.name: r for r in project.plugins.failures()}
    quoted = "No module named 'no_such_module_here'"  # Python's own words, as raised
    for name in ("trasig", "tom"):
        sv, en = records[name].reasons("sv"), records[name].reasons("en")
        assert sv != en and words(sv.replace(quoted, ""), ENGLISH[:20]) == [], (name, sv)
    assert "importen misslyckades" in records["trasig"].reasons("sv")
    assert "import failed" in records["trasig"].reasons("en")
