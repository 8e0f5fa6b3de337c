"""Each adapter reads its shipped (synthetic) files into the observation schema."""

from __future__ import annotations

import pytest

from tests.adapters.conftest import RAW

SHIPPED = [
    ("brukarundersokning_2022", "2022/brukarundersokning_hemtjanst_2022.xlsx", 2022, 16),
    ("brukarundersokning_2022", "2023/brukarundersokning_hemtjanst_2023.xlsx", 2023, 16),
    ("brukarundersokning_2024", "2024/brukarundersokning_hemtjanst_2024.xlsx", 2024, 16),
    ("oppna_jamforelser_xlsx", "2022/oppna_jamforelser_aldreomsorg_2022.xlsx", 2022, 12),
    ("oppna_jamforelser_xlsx", "2024/oppna_jamforelser_aldreomsorg_2024.xlsx", 2024, 12),
    ("webbgranskning_csv", "2022/webbgranskning_2022.csv", 2022, 12),
    ("senior_alert_csv", "2021/senior_alert_2021.csv", 2021, 7),
    ("senior_alert_csv", "2024/senior_alert_2024.csv", 2024, 7),
    ("kolada_json_v3", "2022/kolada_2022.json", 2022, 6),
    ("kolada_csv_export", "2024/kolada_export_2024.csv", 2024, 6),
]


@pytest.mark.parametrize(("adapter", "path", "year", "measures"), SHIPPED)
def test_reads_shipped_file(read, project, adapter, path, year, measures):
    r = read(adapter, RAW / path, year)
    t = r.table
    units = set(t.column("unit_id").to_pylist())
    assert units <= set(project.registry.ids)
    assert len(set(t.column("measure").to_pylist())) == measures
    assert set(t.column("period").to_pylist()) == {year}
    assert "invalid" not in t.column("status").to_pylist()
    assert r.ctx.synthetic, "the file says it is synthetic; the adapter must see that"
    # aggregates (riket, län, regions) are skipped, not reported as unknown kommuner
    assert not r.notes("unknown_unit")
    assert not any(u.startswith("00") or len(u) != 4 for u in units)


def test_survey_2024_text_with_decimal_comma_and_renamed_columns(read):
    """2024 writes '98,0' as text under new headers; 2022 numbers under the old ones."""
    new = read("brukarundersokning_2024", RAW / "2024/brukarundersokning_hemtjanst_2024.xlsx",
               2024)
    value, status, raw = new.value("0114", "bu_bemotande")
    assert (value, status, raw) == (98.0, "ok", "98,0")
    n = new.table.filter(new.table.column("unit_id").to_numpy(zero_copy_only=False) == "0114")
    assert set(n.column("n").to_pylist()) == {303}
    assert new.value("0114", "bu_antal_svarande")[0] == 303
    old = read("brukarundersokning_2022", RAW / "2022/brukarundersokning_hemtjanst_2022.xlsx",
               2022)
    assert old.value("0114", "bu_handlaggare_kontakt")[:2] == (76.5, "ok")


def test_survey_suppression_tokens_keep_raw(read):
    r = read("brukarundersokning_2024", RAW / "2024/brukarundersokning_hemtjanst_2024.xlsx", 2024)
    statuses = {(row["status"], row["raw"]) for row in r.table.to_pylist() if row["value"] is None}
    assert ("suppressed", "..") in statuses
    assert ("suppressed", "-") in statuses


def test_oppna_jamforelser_dash_is_not_reported_and_x_suppressed(read):
    r = read("oppna_jamforelser_xlsx", RAW / "2022/oppna_jamforelser_aldreomsorg_2022.xlsx",
             2022)
    assert r.value("0125", "oj_ibic") == (None, "not_reported", "-")
    assert r.value("0125", "oj_sip") == (None, "not_reported", "-")
    raws = {row["raw"]: row["status"] for row in r.table.to_pylist() if row["value"] is None}
    assert raws.get("x") == "suppressed"
    yes_no = {row["value"] for row in r.table.to_pylist() if row["measure"] == "oj_sip"}
    assert yes_no <= {0.0, 1.0, None}


def test_web_review_partly_is_half(read):
    r = read("webbgranskning_csv", RAW / "2022/webbgranskning_2022.csv", 2022)
    assert r.value("0127", "web_sprak")[:2] == (0.5, "ok")
    assert r.value("0117", "web_e_tjanst")[:2] == (0.0, "ok")


def test_senior_alert_cp1252_nbsp_thousands_and_old_code(read):
    r = read("senior_alert_csv", RAW / "2021/senior_alert_2021.csv", 2021)
    assert r.value("0114", "inskrivna")[:2] == (784.0, "ok")
    assert r.value("0117", "riskbed_fall")[0] == 634.0
    assert r.notes("code_change"), "Heby's old code 1917 must be mapped with a note"
    assert r.value("0331", "inskrivna")[1] == "ok"
    assert r.table.num_rows < 290 * 7, "kommuner that do not take part are absent"


def test_kolada_json_and_csv_agree_on_shape(read):
    j = read("kolada_json_v3", RAW / "2022/kolada_2022.json", 2022)
    c = read("kolada_csv_export", RAW / "2024/kolada_export_2024.csv", 2024)
    for r in (j, c):
        genders = set(r.table.column("gender").to_pylist())
        assert genders == {"T", "K", "M"}
        assert "suppressed" in r.table.column("status").to_pylist()
    assert c.value("0114", "nojd_helhet") == (91.0, "ok", "91,0")
