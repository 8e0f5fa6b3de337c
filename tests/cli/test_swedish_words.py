"""Every CLI command in Swedish mode says its headings, titles and captions in Swedish, and
in English with ``language = "en"``: a walk over the commands as an analyst runs them,
failing on words of the other language in what hti itself writes (JSON keys, kommun and
indicator names, method ids and the data-quality notes' messages are not words to
translate)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hti_tui.cli.main import main

#: what each command is run with (table format)
COMMANDS = [
    ["rank", "--top", "5"],
    ["show", "Upplands Väsby"],
    ["show", "Stockholm", "--reference", "peers"],
    ["compare", "Stockholm", "Göteborg", "Upplands Väsby", "Malmö", "Uppsala"],
    ["trend", "Stockholm"],
    ["whatif", "Stockholm", "--set", "web_utforare_jamforelse=0"],
    ["priorities", "Stockholm"],
    ["peers", "Stockholm"],
    ["sensitivity", "--runs", "20", "--top", "5", "--saltelli", "0"],
    ["audit"],
    ["indicator", "web_utforare_jamforelse"],
    ["sources"],
    ["plugins"],
    ["validate"],
    ["show", "nowhere"],
]

#: English words and phrases that once stood in Swedish output (as whole words)
ENGLISH = ["Sources", "Where", "what if", "Dismiss", "Rank", "Score", "Which", "factor",
           "runs in", "weights", "missing", "skew", "outlier", "headline", "moved most by",
           "low", "high", "median width", "bimodal kommuner", "Effective influence",
           "nominal weight", "loaded", "built-in", "directory", "failed", "valid",
           "problem\\(s\\)", "error:", "no kommun called", "did you mean", "Areas and",
           "Municipality", "Contribution", "Weight", "Indicator", "Value", "before", "after"]

#: Swedish words that must not be in the English output
SWEDISH = ["Källor", "Rang", "Poäng", "Faktor", "Antagande", "laddad", "körningar", "giltig",
           "Lägst", "Högst", "Indikator", "Bidrag", "Vikt", "Värde", "före", "efter",
           "fel:", "ingen kommun heter", "menade du", "Del av gapet", "Mål från", "nästa kategori",
           "inbyggd", "katalog", "Saknas", "Skevhet", "Inflytande"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.tui.conftest import build_copy

    return build_copy(tmp_path_factory.mktemp("hti_words"), "hti")


def output(config: Path, args: list[str], capsys: pytest.CaptureFixture[str],
           monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", "200")
    capsys.readouterr()
    main(["--config", str(config), *args])
    captured = capsys.readouterr()
    return captured.out + captured.err


def found(words: list[str], text: str) -> list[str]:
    return [w for w in words if re.search(rf"(?<![\w-]){w}(?![\w-])", text)]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_swedish_mode_has_no_english_words(project: Path, args: list[str], capsys,
                                           monkeypatch) -> None:
    text = output(project, args, capsys, monkeypatch)
    assert text.strip()
    assert found(ENGLISH, text) == [], text


def test_english_mode_has_no_swedish_words(project: Path, capsys, monkeypatch) -> None:
    toml = project.read_text(encoding="utf-8")
    assert 'language = "sv"' in toml
    english = project.with_name("hti_en.toml")
    english.write_text(toml.replace('language = "sv"', 'language = "en"'), encoding="utf-8")
    for args in COMMANDS:
        text = output(english, args, capsys, monkeypatch)
        assert found(SWEDISH, text) == [], (args, text)


def test_stale_banner_is_swedish_in_swedish_mode(project: Path, capsys, monkeypatch) -> None:
    """hti.toml edited after the build: the banner's reason is said in Swedish too."""
    edited = project.with_name("hti_edited.toml")
    edited.write_text(project.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    text = output(edited, ["rank", "--top", "3"], capsys, monkeypatch)
    assert "inaktuella: hti.toml har ändrats sedan de räknades" in text
    assert found(["changed since", "stale", "run"], text) == []
