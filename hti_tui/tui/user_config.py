"""The user's own UI settings (theme, language), remembered across starts.

They live in the user's config directory, not in the project's hti.toml: a project is
shared (and versioned), a colour theme is personal. The file is
``$XDG_CONFIG_HOME/hti/ui.toml`` (``~/.config/hti/ui.toml`` when the variable is unset),
so tests point ``XDG_CONFIG_HOME`` at a temporary directory. A damaged file is ignored
with a warning rather than stopping the UI: it holds preferences, not data.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KEYS = ("theme", "language")


def path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "hti" / "ui.toml"


def load() -> tuple[dict[str, str], str | None]:
    """(settings, a warning or None). Unknown keys and non-string values are dropped."""
    file = path()
    if not file.exists():
        return {}, None
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, f"{file}: not read ({exc}); using the defaults"
    settings = {k: v for k, v in data.items() if k in KEYS and isinstance(v, str)}
    if settings.get("language") not in (None, "sv", "en"):
        settings.pop("language")
    return settings, None


def save(**changes: str) -> Path:
    """Write ``changes`` over what is saved; the file is replaced whole (no half file)."""
    settings, _ = load()
    settings.update({k: v for k, v in changes.items() if k in KEYS})
    file = path()
    file.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# hti's UI settings (theme, language), written by hti; safe to edit.\n"]
    for key in KEYS:
        if key in settings:
            value = settings[key].replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'{key} = "{value}"\n')
    tmp = file.with_suffix(".tmp")
    tmp.write_text("".join(lines), encoding="utf-8")
    tmp.replace(file)
    return file
