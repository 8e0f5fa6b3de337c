"""The data-quality notes say themselves in the user's language: the build stores each
note in English and in Swedish, ``hti notes``, ``hti validate`` and the TUI's Datakvalitet
tab show the one of ``[ui] language``; a notes file written before the Swedish column
existed still reads (in English)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from hti_tui.cli.main import main

#: words that only an English note has (whole words)
ENGLISH = ["the", "is", "not", "and", "of", "kept", "unknown", "penalised", "index points",
           "mapped", "missing", "value", "values", "used", "run", "than", "more"]


def english_words(text: str) -> list[str]:
    return [w for w in ENGLISH if re.search(rf"(?<![\w-]){w}(?![\w-])", text)]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped project with a few faults in one raw file (an unknown kommun code, a
    cell that is not a number, a part larger than its whole), built."""
    from tests.conftest import copy_project

    config = copy_project(tmp_path_factory.mktemp("notes_language"))
    raw = config.parent / "datasets/raw/2023/senior_alert_2023.csv"
    lines = raw.read_text(encoding="cp1252").splitlines()
    header = next(i for i, ln in enumerate(lines) if ln.startswith("Kommunkod"))
    first = lines[header + 1].split(";")
    first[3] = "abc"  # not a number
    first[-1] = str(int(first[-2]) + 50)  # persons with a measure > persons at risk
    lines[header + 1] = ";".join(first)
    lines.append("9999;Ingenstans;10;5;5;5;5;5;5")  # not in the unit registry
    raw.write_text("\n".join(lines) + "\n", encoding="cp1252")
    assert main(["--config", str(config), "build"]) == 0
    return config


def notes_json(config: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    main(["--config", str(config), "notes", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    return data["rows"] if isinstance(data, dict) and "rows" in data else data


def english_copy(config: Path) -> Path:
    toml = config.read_text(encoding="utf-8")
    assert 'language = "sv"' in toml
    english = config.with_name("hti_en.toml")
    english.write_text(toml.replace('language = "sv"', 'language = "en"'), encoding="utf-8")
    return english


def test_every_stored_note_has_its_own_swedish_text(project: Path, capsys) -> None:
    notes = notes_json(project, capsys)
    codes = {n["code"] for n in notes}
    assert {"penalised", "unknown_unit", "invalid_value", "part_exceeds_whole",
            "code_change"} <= codes, codes
    for n in notes:
        assert n["message_sv"] != n["message"], n
        assert english_words(str(n["message_sv"])) == [], n


def test_hti_notes_table_is_in_the_language_of_the_project(project: Path, capsys,
                                                           monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    notes = notes_json(project, capsys)
    main(["--config", str(project), "notes"])
    swedish = capsys.readouterr().out
    main(["--config", str(english_copy(project)), "notes"])
    english = capsys.readouterr().out
    for n in notes:
        sv, en = str(n["message_sv"]), str(n["message"])
        assert sv[:40] in swedish and en[:40] not in swedish, n
        assert en[:40] in english and sv[:40] not in english, n


def test_hti_validate_says_its_notes_in_the_language(project: Path, capsys,
                                                     monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    capsys.readouterr()
    main(["--config", str(project), "validate", "--all", "--format", "json"])
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert {"manifest", "unknown_unit", "invalid_value"} <= {n["code"] for n in notes}
    for n in notes:
        assert n["message_sv"] != n["message"], n
        assert english_words(n["message_sv"]) == [], n
    main(["--config", str(project), "validate", "--all"])
    swedish = capsys.readouterr().out
    main(["--config", str(english_copy(project)), "validate", "--all"])
    english = capsys.readouterr().out
    for n in notes:
        head_sv, head_en = n["message_sv"].split()[:3], n["message"].split()[:3]
        assert " ".join(head_sv) in " ".join(swedish.split()), n
        assert " ".join(head_en) in " ".join(english.split()), n


def test_a_notes_file_from_before_the_swedish_column_still_reads(project: Path,
                                                                 capsys) -> None:
    """An old notes file (no message_sv): `hti notes` shows its English text, validate
    finds nothing wrong with its schema."""
    from hti_tui.pipeline import layout
    from hti_tui.project.config import load_config

    cfg = load_config(project)
    path = layout.notes_path(cfg, "senior_alert", 2023)
    table = pq.read_table(path)
    old = table.drop_columns(["message_sv"])
    pq.write_table(old.replace_schema_metadata(table.schema.metadata), path)
    try:
        notes = [n for n in notes_json(project, capsys) if n["source"] == "senior_alert"
                 and n["period"] == 2023]
        assert notes and all(n["message_sv"] == n["message"] for n in notes)
        capsys.readouterr()
        main(["--config", str(project), "validate", "--all", "--format", "json"])
        found = json.loads(capsys.readouterr().out)["notes"]
        assert not [n for n in found if n["code"] == "parquet"], found
    finally:
        pq.write_table(table, path)
    assert isinstance(table, pa.Table)
