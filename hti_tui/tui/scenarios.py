"""Named what-if scenarios, saved in the project so a colleague can reload them.

A scenario is the indicator values typed on the what-if screen (as typed, so "12,5"
stays "12,5") and the kommun and year it was made for. They live in
``scenarios/whatif.json`` under the project root — beside hti.toml, never inside
``datasets/`` — and are replaced whole on each save, so a crash leaves the old file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FILE = Path("scenarios") / "whatif.json"


def path(root: Path) -> Path:
    return root / FILE


def load(root: Path) -> dict[str, dict[str, Any]]:
    """Every saved scenario by name; a damaged file raises ValueError naming it."""
    file = path(root)
    if not file.exists():
        return {}
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{file}: not a scenario file ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{file}: not a scenario file (expected an object of names)")
    return {str(k): v for k, v in data.items() if isinstance(v, dict)
            and isinstance(v.get("entries"), dict)}


def save(root: Path, name: str, unit: str, year: int, entries: dict[str, str]) -> Path:
    scenarios = load(root)
    scenarios[name] = {"kommun": unit, "year": year, "entries": dict(entries)}
    file = path(root)
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_suffix(".tmp")
    tmp.write_text(json.dumps(scenarios, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                   encoding="utf-8")
    tmp.replace(file)
    return file
