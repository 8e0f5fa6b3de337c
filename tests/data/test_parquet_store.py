from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from hti_tui.data import parquet_store
from hti_tui.data.parquet_store import read_provenance, read_table, write_table
from hti_tui.errors import DataError


def test_round_trip_with_provenance(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b.parquet"
    write_table(pa.table({"x": [1, 2]}), path, {"synthetic": True, "config_sha256": "abc"})
    assert read_table(path).column("x").to_pylist() == [1, 2]
    prov = read_provenance(path)
    assert prov.pop("content_sha256")  # the hash of values and provenance, for validate
    assert prov == {"synthetic": True, "config_sha256": "abc"}
    assert list(path.parent.iterdir()) == [path]


def test_interrupted_write_keeps_previous_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "b.parquet"
    write_table(pa.table({"x": [1]}), path, {"v": 1})

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(parquet_store.pq, "write_table", crash)
    with pytest.raises(KeyboardInterrupt):
        write_table(pa.table({"x": [2]}), path, {"v": 2})
    monkeypatch.undo()
    assert read_table(path).column("x").to_pylist() == [1]
    assert {k: v for k, v in read_provenance(path).items() if k != "content_sha256"} == {"v": 1}
    assert list(tmp_path.iterdir()) == [path], "no temporary file is left behind"


def test_truncated_and_foreign_files(tmp_path: Path) -> None:
    good = tmp_path / "good.parquet"
    write_table(pa.table({"x": list(range(100))}), good, {})
    truncated = tmp_path / "t.parquet"
    truncated.write_bytes(good.read_bytes()[:50])
    with pytest.raises(DataError, match="not a readable Parquet"):
        read_table(truncated)
    with pytest.raises(DataError, match="not a readable Parquet"):
        read_provenance(truncated)
    text = tmp_path / "x.parquet"
    text.write_text("hello")
    with pytest.raises(DataError):
        read_table(text)
    plain = tmp_path / "plain.parquet"
    pq.write_table(pa.table({"x": [1]}), plain)
    with pytest.raises(DataError, match="no hti provenance"):
        read_provenance(plain)
    with pytest.raises(DataError, match="does not exist"):
        read_table(tmp_path / "missing.parquet")
