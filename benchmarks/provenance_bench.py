"""How often one ``hti build`` reads Parquet provenance (file footers), on the shipped project.

Every provenance read opens a file and parses its footer; issue #10 counted five re-reads per
file when staleness was worked out piecemeal. Counted here by wrapping
``pyarrow.parquet.read_schema`` (what :func:`hti_tui.data.parquet_store.read_provenance`
calls) for three builds of a temporary copy: the first (cold), the same again (nothing
changed) and one after editing one raw file. ``_reads`` is the number of footer reads,
``_max_per_file`` the most reads of any one file. Counts, not seconds: the keys end in
``_count`` and are printed as plain numbers.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]

TARGETS: dict[str, float] = {}


@contextmanager
def counting() -> Iterator[Counter[str]]:
    """Count ``pq.read_schema`` calls per path while the block runs."""
    seen: Counter[str] = Counter()
    real: Callable[..., Any] = pq.read_schema

    def wrapped(where: Any, *args: Any, **kwargs: Any) -> Any:
        seen[str(where)] += 1
        return real(where, *args, **kwargs)

    pq.read_schema = wrapped
    try:
        yield seen
    finally:
        pq.read_schema = real


def _copy(dest: Path) -> Path:
    import shutil

    shutil.copy2(REPO / "hti.toml", dest / "hti.toml")
    for folder in ("plugins", "indicators", "datasets/reference", "datasets/raw"):
        shutil.copytree(REPO / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return dest / "hti.toml"


def edit_one_raw_file(config: Path) -> Path:
    """Append a blank-free footnote line to one CSV raw file (changes its hash only)."""
    raw = sorted((config.parent / "datasets" / "raw").rglob("*.csv"))[0]
    raw.write_bytes(raw.read_bytes() + b"\n")
    return raw


def count_builds() -> dict[str, float]:
    from hti_tui.pipeline import build
    from hti_tui.project import Project

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        config = _copy(Path(tmp))
        for case, before in (("cold", None), ("nothing_changed", None),
                             ("one_raw_file_edited", edit_one_raw_file)):
            if before is not None:
                before(config)
            project = Project.load(config, environ={})
            with counting() as seen:
                build(project)
            out[f"provenance.{case}_reads_count"] = float(sum(seen.values()))
            out[f"provenance.{case}_files_count"] = float(len(seen))
            out[f"provenance.{case}_max_per_file_count"] = float(max(seen.values(), default=0))
    return out


def run() -> dict[str, float]:
    return count_builds()


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:48s} {value:10.0f}")
