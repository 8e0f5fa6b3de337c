"""All results of one build appear at once, or none of them: a staged, journalled commit.

Each file is already written atomically (``parquet_store.write_table``: a temporary name,
then a rename). But a year's results are three files (results, rank intervals, notes) and a
build writes several years; a build killed between two of them would leave a mix of new and
old results that belong to no build. So stage 2 writes every file under a *staged* name
beside its final one, and :func:`commit` then

1. writes a journal (``results/.commit.json``: every staged → final pair) atomically,
2. renames every staged file over its final name,
3. removes the journal.

A build killed before step 1 leaves the previous results untouched (the staged files are
removed by the next build); one killed during step 2 leaves the journal, and
:func:`recover` — run by the next build before anything else, and reported by
``hti validate`` and the banner until then — finishes the renames, so the results are the
complete new set. Temporary files of an interrupted write are removed the same way.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from hti_tui.atomic_files import write_atomically
from hti_tui.project.config import Config

JOURNAL = ".commit.json"
STAGED = ".staged"


def journal_path(config: Config) -> Path:
    return config.paths.results / JOURNAL


def staged(path: Path, build_id: str) -> Path:
    """The staged name of ``path`` for one build (hidden, in the same directory)."""
    return path.with_name(f".{path.name}.{build_id}{STAGED}")


def commit(config: Config, pairs: Iterable[tuple[Path, Path]]) -> None:
    """Rename every staged file over its final name, journalled (see the module doc)."""
    todo = [(s, f) for s, f in pairs]
    if not todo:
        return
    journal = journal_path(config)
    journal.parent.mkdir(parents=True, exist_ok=True)
    base = journal.parent
    entries = [[os.path.relpath(s, base), os.path.relpath(f, base)] for s, f in todo]
    write_atomically(journal, json.dumps({"renames": entries}).encode("utf-8"), durable=True)
    _apply(base, entries)
    journal.unlink()


def _apply(base: Path, entries: list[list[str]]) -> None:
    for staged_rel, final_rel in entries:
        source = base / staged_rel
        if source.exists():
            os.replace(source, base / final_rel)


def pending(config: Config) -> bool:
    """True when a build was interrupted while committing its results."""
    return journal_path(config).is_file()


def recover(config: Config) -> bool:
    """Finish an interrupted commit, and remove what interrupted writes left (staged and
    temporary files); True when a commit was finished. Nothing is touched while another
    process's build is still running (its files are not leftovers)."""
    from hti_tui.pipeline.build_status import other_build_running

    if other_build_running(config):
        return False
    journal = journal_path(config)
    finished = False
    if journal.is_file():
        try:
            entries = json.loads(journal.read_text(encoding="utf-8"))["renames"]
        except (OSError, ValueError, KeyError, TypeError):
            entries = []  # a journal is written atomically: unreadable means not ours
        _apply(journal.parent, [list(map(str, e)) for e in entries])
        journal.unlink()
        finished = True
    for folder in (config.paths.results, config.paths.observations, config.paths.quality):
        for leftover in _leftovers(folder):
            with contextlib.suppress(OSError):
                leftover.unlink()
    return finished


def _leftovers(folder: Path) -> list[Path]:
    """Staged files no journal names, and temporary files of an interrupted write."""
    if not folder.is_dir():
        return []
    return [p for p in folder.rglob(".*") if p.is_file() and (
        p.name.endswith(STAGED) or (p.name.endswith(".tmp") and ".parquet." in p.name)
        or p.name.startswith(f".{JOURNAL}.") or p.name.startswith(".last_build.json."))]
