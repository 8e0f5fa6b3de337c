"""Plugins import only the public API: the names in ``hti_tui.__all__``.

Every module under plugins/, indicators/ and examples/, and the outside test plugin
(tests/plugins/hti_example_plugin), is parsed; an import of ``hti_tui.<anything>`` or of a
name ``hti_tui`` does not export fails with the file and line. The API is what the
shipped adapters and indicators use, so it must also be enough for them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import hti_tui

REPO = Path(__file__).resolve().parents[2]
FOLDERS = ("plugins", "indicators", "examples", "tests/plugins/hti_example_plugin")


def plugin_files() -> list[Path]:
    files = [p for folder in FOLDERS for p in sorted((REPO / folder).rglob("*.py"))
             if "__pycache__" not in p.parts]
    assert len(files) >= 10, files  # five adapters, four indicator modules, the outside one
    return files


def private_imports(path: Path, root: Path = REPO) -> list[str]:
    """Each import of hti_tui internals in ``path``, as 'file:line: what'."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    public = set(hti_tui.__all__)
    where = path.relative_to(root)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"{where}:{node.lineno}: import {a.name}" for a in node.names
                      if a.name.startswith("hti_tui.")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("hti_tui."):
                found.append(f"{where}:{node.lineno}: from {node.module} import …")
            elif node.module == "hti_tui":
                found += [f"{where}:{node.lineno}: from hti_tui import {a.name} (not in __all__)"
                          for a in node.names if a.name not in public]
    return found


@pytest.mark.parametrize("path", plugin_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_plugin_imports_only_the_public_api(path: Path) -> None:
    assert private_imports(path) == []


def test_the_check_catches_an_internal_import(tmp_path: Path) -> None:
    bad = tmp_path / "plugin.py"
    bad.write_text("from hti_tui.data.publisher import add_wide_rows\n"
                   "from hti_tui import hookimpl, fold\n"
                   "def read():\n    import hti_tui.errors\n", encoding="utf-8")
    found = private_imports(bad, tmp_path)
    assert len(found) == 3 and "fold (not in __all__)" in found[1]


def test_every_exported_name_exists() -> None:
    missing = [n for n in hti_tui.__all__ if not hasattr(hti_tui, n)]
    assert missing == []


def test_the_api_is_imported_on_first_use() -> None:
    """``import hti_tui`` (which every ``import hti_tui.<module>`` runs first) imports no
    reader, numpy or pyarrow; each public name still comes from its home module."""
    import subprocess
    import sys

    probe = ("import sys, hti_tui; heavy = [m for m in ('numpy', 'pyarrow', "
             "'hti_tui.data.readers', 'hti_tui.data.bulk') if m in sys.modules]; "
             "print(heavy); from hti_tui import read_csv, hookimpl; "
             "print(read_csv.__module__, hookimpl.project_name)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, cwd=REPO)
    assert done.stdout.splitlines() == ["[]", "hti_tui.data.readers hti"]
    assert sorted(hti_tui._HOMES) == sorted(n for n in hti_tui.__all__ if n != "__version__")
    for name, home in hti_tui._HOMES.items():
        assert getattr(hti_tui, name) is getattr(__import__(home, fromlist=[name]), name)
    with pytest.raises(AttributeError, match="no attribute 'fold'"):
        hti_tui.fold  # noqa: B018 (an internal name is not exported)
