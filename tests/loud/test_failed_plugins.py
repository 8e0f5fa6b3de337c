"""Issue #13, step 1: a failed plugin fails the build, loudly, and changes nothing.

Walks the maintainer's path with a real installed (entry-point) third-party plugin:
build, break the plugin, build again, look at what every command says.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from hti_tui.cli.main import main
from hti_tui.data.parquet_store import read_provenance
from hti_tui.query import project_info as q_project_info
from hti_tui.query.context import Index
from tests.loud.conftest import NAN_INF_PLUGIN, digest

THIRD_PARTY = '''
from hti_tui import hookimpl, indicator
__version__ = "1.0"
{top}

@hookimpl
def hti_indicators():
    {body}
    return [indicator("ext_trygg", "Trygg (tredje part)", area="trygghet",
                      measure="brukarundersokning:bu_trygg", goalposts=(50.0, 100.0))]
'''


def run(capsys: pytest.CaptureFixture[str], config: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--config", str(config), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fault", ["import", "hook"])
def test_broken_third_party_plugin_fails_the_build_and_keeps_the_results(
        built: Path, entry_point, capsys: pytest.CaptureFixture[str], fault: str) -> None:
    datasets = built.parent / "datasets"
    before = digest(datasets)
    top, body = ("import no_such_module_xyz", "pass") if fault == "import" else (
        "", 'raise RuntimeError("bug in the hook")')
    entry_point("ext", THIRD_PARTY.format(top=top, body=body))

    code, out, _ = run(capsys, built, "build")
    assert code == 1
    assert "plugin 'ext'" in out and "Bygget misslyckades" in out and "Bygget är klart" not in out
    assert digest(datasets) == before  # byte-identical: nothing was written

    code, out, err = run(capsys, built, "rank")  # the warning on stderr, above the table
    assert code == 0 and "senaste bygget misslyckades" in err and "visar resultaten från" in err
    code, out, err = run(capsys, built, "rank", "--format", "json")
    assert json.loads(out) and "senaste bygget misslyckades" in err

    code, out, _ = run(capsys, built, "validate")
    assert code == 1 and "ext" in out and "hti build` misslyckas" in out

    code, out, _ = run(capsys, built, "plugins", "--json")
    record = {p["name"]: p for p in json.loads(out)["plugins"]}["ext"]
    assert code == 1 and record["status"] == "failed"
    code, out, _ = run(capsys, built, "plugins")
    assert "fungerar inte" in out.split("ext", 1)[1].splitlines()[0]

    code, out, _ = run(capsys, built, "build", "--allow-failed-plugins")
    assert code == 0 and "UTAN plugin ext" in out
    prov = read_provenance(datasets / "results" / "year=2024" / "results.parquet")
    assert [p["name"] for p in prov["failed_plugins"]] == ["ext"]
    code, out, err = run(capsys, built, "rank")
    assert "byggda utan plugin ext" in err and "senaste bygget misslyckades" not in err


def test_a_healthy_third_party_plugin_builds(built: Path, entry_point,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    entry_point("ext", THIRD_PARTY.format(top="", body="pass"))
    code, out, _ = run(capsys, built, "build")
    assert code == 0 and "Bygget är klart" in out
    code, out, err = run(capsys, built, "rank")
    assert "⚠" not in out + err


def test_printing_plugin_leaves_machine_output_parseable(
        built: Path, entry_point, capsys: pytest.CaptureFixture[str]) -> None:
    entry_point("loud", '''
from hti_tui import hookimpl, indicator
print("hello at import")

def share(x):
    print("hello from compute")
    return x

@hookimpl
def hti_indicators():
    print("hello from the hook")
    return [indicator("ext_loud", "Loud", area="trygghet", compute=share,
                      measures=["brukarundersokning:bu_trygg"], goalposts=(50.0, 100.0))]

@hookimpl
def hti_validate(config):
    print("hello from validate")
    return []
''')
    code, out, err = run(capsys, built, "build", "--json")
    assert code == 0 and json.loads(out)["errors"] == [] and "hello from compute" in err
    code, out, err = run(capsys, built, "rank", "--format", "json")
    assert code == 0 and len(json.loads(out)) > 200 and "hello" in err
    code, out, _ = run(capsys, built, "rank", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) > 200 and "hello" not in out
    code, out, _ = run(capsys, built, "plugins", "--json")
    assert json.loads(out)["plugins"]
    code, out, _ = run(capsys, built, "validate", "--json")
    assert "notes" in json.loads(out)
    code, out, _ = run(capsys, built, "show", "Örebro", "--format", "json")
    assert json.loads(out)["indicators"]


def test_editing_plugin_code_without_a_version_bump_rebuilds_and_is_stale_until(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plugin = built.parent / "indicators" / "utforande.py"
    text = plugin.read_text(encoding="utf-8")
    plugin.write_text(text.replace("goalposts=(60.0, 100.0)", "goalposts=(40.0, 100.0)", 1),
                      encoding="utf-8")
    code, out, _ = run(capsys, built, "validate")
    assert code == 1 and "inaktuella resultat" in out and "utforande" in out
    code, out, err = run(capsys, built, "rank")
    assert "inaktuella" in err and "utforande" in err
    code, out, _ = run(capsys, built, "build")
    assert code == 0 and "Inget har ändrats" not in out and "Bygget är klart" in out
    code, out, err = run(capsys, built, "rank")
    assert "inaktuella" not in out + err


def test_compute_returning_inf_or_all_nan_is_a_note(built: Path, entry_point,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    entry_point("badmath", NAN_INF_PLUGIN)
    code, _, _ = run(capsys, built, "build", "--json")
    assert code == 0
    notes = q_project_info.notes(Index.open(built, environ={}), 2024)
    text = " | ".join(str(n) for n in notes)
    assert "ext_inf" in text and "±inf" in text and "badmath" in text and "2024" in text
    assert "ext_nan" in text and "all NaN" in text


def test_adapter_that_reads_nothing_is_an_error(built: Path, capsys: pytest.CaptureFixture[str]
                                                ) -> None:
    plugin = built.parent / "plugins" / "webbgranskning.py"
    text = plugin.read_text(encoding="utf-8")
    plugin.write_text(text + '''

def _nothing(ctx):
    return None


_orig = hti_adapters


@hookimpl
def hti_adapters():  # noqa: F811
    import dataclasses
    return [dataclasses.replace(a, read=_nothing) for a in _orig()]
''', encoding="utf-8")
    code, out, _ = run(capsys, built, "build")
    assert code == 1 and "läste inga observationer" in out


def test_an_unknown_unit_rejects_the_plugin_with_the_closest_known_unit(
        built: Path, entry_point, capsys: pytest.CaptureFixture[str]) -> None:
    entry_point("ext", THIRD_PARTY.format(top="", body="pass").replace(
        'goalposts=(50.0, 100.0)', 'goalposts=(50.0, 100.0), unit="dagr"'))
    code, out, err = run(capsys, built, "validate")
    assert code != 0
    said = out + err
    assert "'ext'" in said and "'dagr'" in said and "menade du 'dagar'" in said
    code, out, err = run(capsys, built, "build")
    assert code != 0 and "dagr" in out + err


def test_validate_warns_about_an_option_the_adapter_does_not_read(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = built.read_text(encoding="utf-8")
    text = text.replace('missing_status = "suppressed"\n',
                        'missing_status = "suppressed"\nmising_status = "not_reported"\n', 1)
    built.write_text(text, encoding="utf-8")
    line = text.splitlines().index('mising_status = "not_reported"') + 1
    _, out, err = run(capsys, built, "validate")
    said = out + err
    assert "mising_status" in said and "'kolada'" in said and f"hti.toml:{line}" in said
    assert "missing_status:" not in said  # the keys it reads are not reported
