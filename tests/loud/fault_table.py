"""Re-run the fault table of issue #13 end to end: ``python -m tests.loud.fault_table``.

Each row injects one fault into a fresh copy of the shipped (SYNTHETIC) project, built
once beforehand, runs the commands a user would (``hti`` in a subprocess, with a real
installed third-party plugin where the fault is a plugin's) and prints what happened as
a Markdown row. Not part of the test suite: the same faults have tests in tests/loud,
tests/project and tests/adapters; this is the maintainer's end-to-end look.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.adapters.helpers import rewrite_xlsx
from tests.conftest import copy_project
from tests.loud.conftest import NAN_INF_PLUGIN

PLUGIN = '''from hti_tui import hookimpl, indicator
__version__ = "1.0"
{top}

@hookimpl
def hti_indicators():
    {body}
    return [indicator("ext_trygg", "Trygg (tredje part)", area={area!r}, {extra}
                      measure="brukarundersokning:bu_trygg", goalposts=(50.0, 100.0))]
'''


class Project:
    """One copied project and the environment its commands run in."""

    def __init__(self, base: Path, where: Path) -> None:
        shutil.copytree(base, where)
        self.root = where
        self.config = where / "hti.toml"
        self.site = where.parent / f"{where.name}_site"
        self.env = {**os.environ, "COLUMNS": "200", "PYTHONPATH": str(self.site)}

    def hti(self, *args: str) -> tuple[int, str, str]:
        done = subprocess.run([sys.executable, "-m", "hti_tui", "--config", str(self.config),
                               *args], capture_output=True, text=True, env=self.env,
                              check=False)
        return done.returncode, done.stdout, done.stderr

    def install(self, source: str, name: str = "ext") -> None:
        """A third-party plugin under entry-point group ``hti`` (a real dist-info)."""
        info = self.site / f"hti_{name}-1.0.dist-info"
        info.mkdir(parents=True, exist_ok=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: hti-{name}\n"
                                       "Version: 1.0\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(f"[hti]\n{name} = hti_{name}\n",
                                               encoding="utf-8")
        (self.site / f"hti_{name}.py").write_text(source, encoding="utf-8")

    def results_digest(self) -> str:
        h = hashlib.sha256()
        for p in sorted((self.root / "datasets" / "results").rglob("*.parquet")):
            h.update(p.read_bytes())
        return h.hexdigest()

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first(text: str, *needles: str) -> str:
    """The first line holding any of ``needles`` (shortened), for the table."""
    for line in text.splitlines():
        if any(n in line for n in needles):
            line = " ".join(line.split())
            return line[:150] + ("…" if len(line) > 150 else "")
    return "(not said)"


def _json_ok(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def failed_plugin(p: Project, fault: str) -> str:
    before = p.results_digest()
    top, body = ("import no_such_module_xyz", "pass") if fault == "import" else (
        "", 'raise RuntimeError("bug in the hook")')
    p.install(PLUGIN.format(top=top, body=body, area="trygghet", extra=""))
    code, out, err = p.hti("build")
    same = p.results_digest() == before
    vcode, _, _ = p.hti("validate")
    _, pj, _ = p.hti("plugins", "--json")
    status = {x["name"]: x["status"] for x in json.loads(pj)["plugins"]}.get("ext")
    _, _, rerr = p.hti("rank")
    return (f"build exit {code}, results identical: {same}; validate exit {vcode}; "
            f"plugins --json: {status}; rank banner: "
            f"{'yes' if 'senaste bygget misslyckades' in rerr else 'NO'}; "
            f"{_first(out + err, 'plugin ')}")


def compute_nan_inf(p: Project) -> str:
    p.install(NAN_INF_PLUGIN)
    code, _, _ = p.hti("build")
    _, notes, _ = p.hti("notes", "--year", "2024", "--format", "json")
    rows = json.loads(notes) if _json_ok(notes) else []
    text = " ".join(str(r) for r in rows)
    return (f"build exit {code}; notes: ext_inf ±inf: {'±inf' in text}, "
            f"ext_nan all NaN: {'all NaN' in text}")


def code_edited(p: Project) -> str:
    p.edit("indicators/utforande.py", "goalposts=(60.0, 100.0)", "goalposts=(40.0, 100.0)")
    vcode, vout, _ = p.hti("validate")
    _, _, rerr = p.hti("rank")
    code, out, _ = p.hti("build")
    _, _, after = p.hti("rank")
    return (f"validate exit {vcode} ({'stale results' in vout}); rank banner before build: "
            f"{'inaktuella' in rerr}; build exit {code}, rebuilt: {'Inget har ändrats' not in out}"
            f"; banner after: {'inaktuella' in after}")


def printing_plugin(p: Project) -> str:
    p.install('''from hti_tui import hookimpl, indicator
print("hello at import")

def share(x):
    print("hello from compute")
    return x

@hookimpl
def hti_indicators():
    print("hello from the hook")
    return [indicator("ext_loud", "Loud", area="trygghet", compute=share,
                      measures=["brukarundersokning:bu_trygg"], goalposts=(50.0, 100.0))]
''', "loud")
    p.hti("build")
    _, rj, _ = p.hti("rank", "--format", "json")
    _, rc, _ = p.hti("rank", "--format", "csv")
    _, pj, _ = p.hti("plugins", "--json")
    return (f"rank json parses: {_json_ok(rj)}; csv clean: {'hello' not in rc}; "
            f"plugins --json parses: {_json_ok(pj)}")


def rejected_alone(p: Project, fault: str) -> str:
    if fault == "duplicate":
        p.install(PLUGIN.format(top="", body="pass", area="trygghet", extra="").replace(
            '"ext_trygg"', '"bu_trygg"'))
    else:
        p.install(PLUGIN.format(top="", body="pass", area="trygghett", extra=""))
    code, _, _ = p.hti("rank", "--year", "2024")
    vcode, vout, verr = p.hti("validate")
    return (f"rank exit {code}; validate exit {vcode}: "
            f"{_first(vout + verr, 'ext', 'trygghett', 'bu_trygg')}")


def measure_typo(p: Project) -> str:
    before = p.results_digest()
    p.edit("indicators/stod.py", '"kolada:usk_andel"', '"kolada:usk_andell"')
    code, out, err = p.hti("build")
    _, _, rerr = p.hti("rank")
    return (f"build exit {code}, results identical: {p.results_digest() == before}; rank "
            f"banner: {'senaste bygget misslyckades' in rerr}; "
            f"{_first(out + err, 'usk_andell')}")


def bad_direction(p: Project) -> str:
    p.install(PLUGIN.format(top="", body="pass", area="trygghet", extra='direction="up",'))
    code, out, err = p.hti("validate")
    return f"validate exit {code}: {_first(out + err, 'direction')}"


def unit_change(p: Project) -> str:
    import re

    share = re.compile(r"^\d+(,\d+)?$")
    raw = p.root / "datasets/raw/2024/brukarundersokning_hemtjanst_2024.xlsx"

    def proportions(rows: list[list[object]]) -> list[list[object]]:
        return [[f"{float(v.replace(',', '.')) / 100:.3f}".replace(".", ",")
                 if isinstance(v, str) and share.match(v) and "," in v else v for v in row]
                for row in rows]

    before = p.results_digest()
    rewrite_xlsx(raw, raw, proportions)
    code, out, err = p.hti("build")
    vcode, _, _ = p.hti("validate")
    return (f"build exit {code}, results identical: {p.results_digest() == before}; "
            f"validate exit {vcode}; {_first(out + err, 'lies in 0–1')}")


def options(p: Project) -> str:
    p.edit("hti.toml", "[sources.webbgranskning]",
           '[sources.oppna_jamforelser.options]\nshet = "Hemtjänst"\n\n'
           '[sources.oppna_jamforelser.options.2024]\nsheet = 2\n\n[sources.webbgranskning]')
    _, vout, verr = p.hti("validate")
    code, out, err = p.hti("build")
    return (f"validate: {_first(vout + verr, 'shet')}; build exit {code}: "
            f"{_first(out + err, 'must be a string')}")


def failed_after_results(p: Project) -> str:
    (p.root / "indicators" / "broken.py").write_text("raise ImportError('oops')\n",
                                                     encoding="utf-8")
    code, _, _ = p.hti("build")
    _, _, rerr = p.hti("rank")
    _, rj, jerr = p.hti("rank", "--format", "json")
    return (f"build exit {code}; rank: {_first(rerr, 'misslyckades')}; json parses: "
            f"{_json_ok(rj)}, banner on stderr: {'misslyckades' in jerr}")


FAULTS: list[tuple[str, Callable[[Project], str]]] = [
    ("an indicator plugin fails to import", lambda p: failed_plugin(p, "import")),
    ("its hook raises", lambda p: failed_plugin(p, "hook")),
    ("compute returns ±inf / all NaN", compute_nan_inf),
    ("plugin code edited without a version bump", code_edited),
    ("an indicator plugin prints to stdout", printing_plugin),
    ("a third-party plugin declares a shipped id", lambda p: rejected_alone(p, "duplicate")),
    ("a typo'd area=", lambda p: rejected_alone(p, "area")),
    ("a measure name typo", measure_typo),
    ("a bad direction", bad_direction),
    ("shares 0–1 in a 2024 file (headers unchanged)", unit_change),
    ("[sources.X.options]: unknown key, wrong type", options),
    ("the build fails after results exist", failed_after_results),
]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="hti_faults_") as tmp:
        base = Path(tmp) / "base"
        base.mkdir()
        config = copy_project(base)
        subprocess.run([sys.executable, "-m", "hti_tui", "--config", str(config), "build"],
                       capture_output=True, check=True)
        print("| fault | behaviour now |\n|---|---|")
        for i, (fault, run) in enumerate(FAULTS):
            if len(sys.argv) > 1 and not any(a in fault for a in sys.argv[1:]):
                continue
            said = run(Project(base, Path(tmp) / f"p{i}"))
            print(f"| {fault} | {said.replace('|', '/')} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
