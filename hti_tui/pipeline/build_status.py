"""What the last build did, and the warnings every surface shows about the results.

A build that fails keeps the previous results (nothing is written), so the CLI and
the UI would otherwise show them as if they were current. ``last_build.json`` next to
the results records when the last build ran and why it failed; :func:`warnings` turns
it, the results' own metadata (plugins left out with ``--allow-failed-plugins``) and a
stale results set into the lines the banner shows.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from hti_tui.atomic_files import write_atomically
from hti_tui.i18n import choose
from hti_tui.project.config import Config

STATUS_FILE = "last_build.json"


def status_path(config: Config) -> Path:
    return config.paths.results / STATUS_FILE


def _now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


#: the reason recorded for a build that did not finish (Ctrl-C, killed, a crash)
INTERRUPTED = "the build was interrupted before it finished (killed or Ctrl-C)"


def write_started(config: Config) -> None:
    """Record that a build runs: until :func:`write_status` replaces it, the last build
    counts as failed (interrupted), so a build killed half-way — new observations next to
    old results — is reported by every surface and by ``hti validate``."""
    _write(config, {"ok": False, "running": True, "pid": os.getpid(), "finished": _now(),
                    "reason": INTERRUPTED, "failed_plugins": []})


def write_status(config: Config, ok: bool, reason: str = "",
                 failed_plugins: Iterable[Mapping[str, Any]] = (), reason_sv: str = "") -> None:
    """Record the outcome of a build (atomically; a status that cannot be written is not a
    reason to fail a build that succeeded, but a failed build's status must not be lost).
    ``reason_sv``: the reason in Swedish (the banner and `hti validate` in Swedish mode)."""
    _write(config, {"ok": ok, "finished": _now(), "reason": reason, "reason_sv": reason_sv,
                    "failed_plugins": [dict(p) for p in failed_plugins]})


def _write(config: Config, data: Mapping[str, Any]) -> None:
    path = status_path(config)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with contextlib.suppress(OSError):
        write_atomically(path, text.encode("utf-8"))


def read_status(config: Config) -> dict[str, Any] | None:
    try:
        data = json.loads(status_path(config).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True


def other_build_running(config: Config) -> bool:
    """True while a build of this project runs in another live process."""
    status = read_status(config)
    pid = status.get("pid") if status else None
    return bool(status and status.get("running")) and pid != os.getpid() and _alive(pid)


def failed_status(config: Config) -> dict[str, Any] | None:
    """The last build's status when it failed or was interrupted, else None (also None
    while a build is still running in a live process)."""
    status = read_status(config)
    if status is None or status.get("ok", True):
        return None
    if status.get("running") and _alive(status.get("pid")):
        return None
    return status


def _when(text: str) -> str:
    try:
        return datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return str(text)


def file_time(path: Path) -> str:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        return "?"


WORDS = {
    "failed": ("senaste bygget misslyckades {when}: {reason}; visar resultaten från {shown}",
               "the last build failed {when}: {reason}; showing the results of {shown}"),
    "without": ("resultaten {year} är byggda utan plugin {names} (--allow-failed-plugins): "
                "{what}",
                "the {year} results were built without plugin {names} "
                "(--allow-failed-plugins): {what}"),
    "stale": ("resultaten {years} är inaktuella: {why}; kör `hti build`",
              "the results of {years} are stale: {why}; run `hti build`"),
}


#: the reasons :mod:`hti_tui.pipeline.freshness` gives (English), as a Swedish reader
#: reads them in the banner; an unknown one is shown as written
_REASONS_SV = [
    (r"hti\.toml changed since they were computed", "hti.toml har ändrats sedan de räknades"),
    (r"the code of plugin (.+) changed since they were computed",
     r"koden i plugin \1 har ändrats sedan de räknades"),
    (r"plugin (.+) was not part of them", r"plugin \1 var inte med när de räknades"),
    (r"the observations changed since they were computed(.*)",
     r"observationerna har ändrats sedan de räknades\1"),
    (re.escape(INTERRUPTED), "bygget avbröts innan det var klart (dödat eller Ctrl-C)"),
    (r"they were computed by another version of hti or its plugins",
     "de räknades av en annan version av hti eller dess plugins"),
    (r"(\S+) has no content hash \(written by an older hti\)",
     r"\1 saknar innehållshash (skriven av en äldre hti)"),
    (r"(\S+) its content is not what hti wrote \(edited or corrupt\)",
     r"\1: innehållet är inte det hti skrev (ändrat eller trasigt)"),
    (r"the model now computes other scores than stored \((\d+) cells, e\.g\. (.+): stored "
     r"(.+), now (.+)\)", r"modellen räknar nu andra poäng än de lagrade (\1 celler, t.ex. "
     r"\2: lagrat \3, nu \4)"),
]


def status_reason(status: Mapping[str, Any], language: str) -> str:
    """Why the last build failed, in ``language`` (a status written before ``reason_sv``
    existed: its English reason, as :func:`reason_words` reads it)."""
    if language == "sv" and status.get("reason_sv"):
        return str(status["reason_sv"])
    return reason_words(str(status.get("reason") or "?"), language)


def reason_words(reason: str, language: str) -> str:
    """A stale reason in the banner's language."""
    if language != "sv":
        return reason
    for pattern, swedish in _REASONS_SV:
        if re.fullmatch(pattern, reason):
            return re.sub(pattern, swedish, reason)
    return reason


def say(key: str, language: str, **values: object) -> str:
    """A banner word or line in the user's language (the project's one word lookup)."""
    return choose(WORDS, key, language, **values)


def warnings(config: Config, provenance: Mapping[int, Mapping[str, Any]],
             stale: Mapping[int, str], language: str = "sv") -> list[str]:
    """The banner lines: a failed last build, plugins left out, stale results."""
    lines: list[str] = []
    status = failed_status(config)
    if status is not None:
        shown = [file_time(config.paths.results / f"year={y}" / "results.parquet")
                 for y in sorted(provenance)]
        lines.append(say("failed", language, when=_when(status.get("finished", "?")),
                         reason=status_reason(status, language),
                         shown=max(shown) if shown else "–"))
    without: dict[tuple[str, str], list[int]] = {}
    for year in sorted(provenance):
        left_out = provenance[year].get("failed_plugins") or []
        if left_out:
            names = ", ".join(str(p.get("name")) for p in left_out)
            what = "; ".join(str(p.get("error_sv") if language == "sv" and p.get("error_sv")
                                 else p.get("error")) for p in left_out)
            without.setdefault((names, what), []).append(year)
    for (names, what), years in without.items():
        lines.append(say("without", language, year=", ".join(map(str, years)), names=names,
                         what=what))
    if stale:
        why = sorted({reason_words(r, language) for r in stale.values()})
        lines.append(say("stale", language, years=", ".join(map(str, sorted(stale))),
                         why="; ".join(why)))
    return lines
