"""Issue #13: every shipped adapter declares the [sources.X.options] it reads.

A typo'd key is a validate warning naming the key and its hti.toml line; a value of the
wrong type is refused by the build (file and line), leaving the year's results as they
were. Each test edits the hti.toml of a copied, built project as a maintainer would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hti_tui.cli.main import main
from hti_tui.project import Project
from hti_tui.specs import COMMON_OPTIONS, declared_options
from tests.loud.conftest import digest

BU_ADAPTERS = ('adapters = { 2022 = "brukarundersokning_2022", 2023 = '
               '"brukarundersokning_2022", 2024 = "brukarundersokning_2024" }\n')
OJ_ADAPTERS = ('adapters = { 2022 = "oppna_jamforelser_xlsx", 2023 = '
               '"oppna_jamforelser_xlsx", 2024 = "oppna_jamforelser_xlsx" }\n')


def run(capsys: pytest.CaptureFixture[str], config: Path, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--config", str(config), *args])
    out, err = capsys.readouterr()
    return code, out + err


def add_after(config: Path, anchor: str, text: str) -> str:
    """Insert ``text`` after the line ``anchor`` of hti.toml; returns the new file."""
    body = config.read_text(encoding="utf-8")
    assert anchor in body
    body = body.replace(anchor, anchor + text, 1)
    config.write_text(body, encoding="utf-8")
    return body


def line(body: str, text: str) -> int:
    return body.splitlines().index(text) + 1


def test_every_shipped_adapter_declares_its_options(built: Path) -> None:
    project = Project.load(built)
    adapters = {a: declared_options(spec) for a, (spec, _) in project.plugins.adapters().items()}
    undeclared = [a for a, options in adapters.items() if options is None]
    assert not undeclared
    common = {o.name for o in COMMON_OPTIONS}
    assert set(adapters["brukarundersokning_2022"] or {}) == common | {"sheet"}
    assert set(adapters["brukarundersokning_2024"] or {}) == common | {"sheet"}
    assert set(adapters["oppna_jamforelser_xlsx"] or {}) == common | {"sheet"}
    assert set(adapters["senior_alert_csv"] or {}) == common
    assert set(adapters["webbgranskning_csv"] or {}) == common
    assert {"kpi_measures", "ou_kpis", "base_url"} <= set(adapters["kolada_api_v3"] or {})


def test_validate_names_an_unknown_key_and_its_line_per_year_too(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = add_after(built, BU_ADAPTERS,
                     '\n[sources.brukarundersokning.options]\nshet = "Hemtjänst"\n'
                     '\n[sources.brukarundersokning.options.2024]\nsheet = "Hemtjänst"\n'
                     'antal_column = "Antal svar"\n')
    code, said = run(capsys, built, "validate")
    typo, extra = 'shet = "Hemtjänst"', 'antal_column = "Antal svar"'
    assert f"hti.toml:{line(body, typo)}" in said
    assert "shet: adapter 'brukarundersokning_2022'" in said
    assert f"hti.toml:{line(body, extra)}" in said
    assert "[sources.brukarundersokning.options.2024] antal_column" in said
    assert "sheet:" not in said  # a key it reads is not reported
    # warnings only: a real sheet name builds, and the per-year sheet is really read
    code, said = run(capsys, built, "build")
    assert code == 0, said


def test_the_build_refuses_an_option_of_the_wrong_type(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = built.parent / "datasets" / "results"
    before = digest(results / "year=2024")
    body = add_after(built, OJ_ADAPTERS, "\n[sources.oppna_jamforelser.options.2024]\n"
                                         "sheet = 2\n")
    code, said = run(capsys, built, "build")
    assert code != 0
    assert "Traceback" not in said
    where = f"hti.toml, rad {line(body, 'sheet = 2')}"
    assert where in said and "'sheet'" in said and "måste vara en sträng, inte 2" in said
    assert "index 2024 räknades inte ut" in said
    assert digest(results / "year=2024") == before  # the last good 2024 is kept
    code, said = run(capsys, built, "validate")
    assert code != 0 and "måste vara en sträng, inte 2" in said


@pytest.mark.parametrize(("text", "expected"), [
    ('scale_changed = "oj_ibic"', "måste vara en lista"),
    ("scale_changed = [1]", "post 1 måste vara en sträng"),
    ("missing_status = true", "måste vara en sträng, inte True"),
    ('missing_status = "penalised"', "måste vara en av 'suppressed', 'not_reported'"),
])
def test_hti_s_own_options_are_checked_for_every_source(
        built: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str) -> None:
    body = add_after(built, OJ_ADAPTERS, f"\n[sources.oppna_jamforelser.options]\n{text}\n")
    code, said = run(capsys, built, "build")
    assert code != 0 and expected in said, said
    assert f"hti.toml, rad {line(body, text)}" in said


def test_an_option_hti_reads_once_cannot_be_set_for_one_year(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_after(built, OJ_ADAPTERS, '\n[sources.oppna_jamforelser.options.2024]\n'
                                  'missing_status = "not_reported"\n')
    code, said = run(capsys, built, "build")
    assert code != 0 and "kan inte skilja sig per dataår" in said
    assert "[sources.oppna_jamforelser.options]" in said


def test_a_sheet_that_is_not_in_the_workbook_is_an_error(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_after(built, BU_ADAPTERS, '\n[sources.brukarundersokning.options.2023]\n'
                                  'sheet = "Tabell 9"\n')
    code, said = run(capsys, built, "build")
    assert code != 0 and "inget blad heter 'Tabell 9'" in said and "Hemtjänst" in said
