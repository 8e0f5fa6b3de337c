"""Bad input in a source file: a clear error naming file, row and column, or a note."""

from __future__ import annotations

import json

import pytest

from hti_tui.errors import DataError
from tests.adapters.conftest import RAW
from tests.adapters.helpers import header_index, rewrite_xlsx, row_of

SURVEY_2022 = RAW / "2022/brukarundersokning_hemtjanst_2022.xlsx"
SURVEY_2024 = RAW / "2024/brukarundersokning_hemtjanst_2024.xlsx"
OJ_2022 = RAW / "2022/oppna_jamforelser_aldreomsorg_2022.xlsx"


def test_missing_column_names_file_row_and_column(read, tmp_path):
    def drop(rows):
        _hr, col = header_index(rows, "Förtroende för personalen")
        return [r[:col] + r[col + 1:] for r in rows]

    bad = rewrite_xlsx(SURVEY_2022, tmp_path / "bu.xlsx", drop)
    with pytest.raises(DataError) as err:
        read("brukarundersokning_2022", bad, 2022)
    e = err.value
    assert e.file == "bu.xlsx" and e.row == 5 and e.column == "Förtroende för personalen"
    assert "missing column" in str(e)


def test_last_years_adapter_on_this_years_file_says_which_adapter_fits(read):
    with pytest.raises(DataError) as err:
        read("brukarundersokning_2022", SURVEY_2024, 2024)
    assert "brukarundersokning_2024" in str(err.value)
    assert "'Kommunkod'" in str(err.value)


def test_text_in_numeric_cell_is_noted_with_row_and_column(read, tmp_path):
    def spoil(rows):
        _, col = header_index(rows, "Förtroende för personalen")
        i = row_of(rows, "0114")
        rows[i][col] = "cirka 80"
        return rows

    bad = rewrite_xlsx(SURVEY_2022, tmp_path / "bu.xlsx", spoil)
    r = read("brukarundersokning_2022", bad, 2022)
    assert r.value("0114", "bu_fortroende") == (None, "invalid", "cirka 80")
    (note,) = r.notes("invalid_value")
    assert (note.file, note.row, note.column) == ("bu.xlsx", 8, "Förtroende för personalen")


def test_duplicated_kommun_row_is_an_error_naming_both_rows(read, tmp_path):
    def duplicate(rows):
        i = row_of(rows, "0115")
        return [*rows[:i + 1], list(rows[i]), *rows[i + 1:]]

    bad = rewrite_xlsx(OJ_2022, tmp_path / "oj.xlsx", duplicate)
    with pytest.raises(DataError) as err:
        read("oppna_jamforelser_xlsx", bad, 2022)
    e = err.value
    assert e.row == 9 and "first on row 8" in e.message and "twice" in e.message


def test_unknown_kommun_code_is_noted_and_not_kept(read, tmp_path):
    def foreign(rows):
        i = row_of(rows, "0114")
        rows[i][rows[i].index("0114")] = "9999"
        return rows

    bad = rewrite_xlsx(OJ_2022, tmp_path / "oj.xlsx", foreign)
    r = read("oppna_jamforelser_xlsx", bad, 2022)
    (note,) = r.notes("unknown_unit")
    assert note.row == 7 and note.column == "Kommunkod" and "9999" in note.message
    assert "9999" not in set(r.table.column("unit_id").to_pylist())
    assert "0114" not in set(r.table.column("unit_id").to_pylist())


def test_truncated_xlsx_is_a_clear_error(read, tmp_path):
    bad = tmp_path / "cut.xlsx"
    bad.write_bytes(SURVEY_2022.read_bytes()[:3000])
    with pytest.raises(DataError) as err:
        read("brukarundersokning_2022", bad, 2022)
    assert "not a readable .xlsx" in str(err.value) and err.value.file == "cut.xlsx"


def test_csv_with_a_short_row_names_the_row(read, tmp_path):
    lines = (RAW / "2022/webbgranskning_2022.csv").read_text(encoding="utf-8").splitlines()
    lines[4] = ",".join(lines[4].split(",")[:5])
    bad = tmp_path / "web.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read("webbgranskning_csv", bad, 2022)
    assert err.value.row == 5 and "fields" in err.value.message


def test_kolada_json_syntax_error_names_line(read, tmp_path):
    bad = tmp_path / "k.json"
    bad.write_text('{"values": [\n {"kpi": "U21468",\n', encoding="utf-8")
    with pytest.raises(DataError) as err:
        read("kolada_json_v3", bad, 2022)
    assert err.value.file == "k.json" and err.value.row is not None


def test_kolada_json_missing_field_and_unmapped_kpi(read, tmp_path):
    doc = {"values": [{"kpi": "X1", "municipality": "0114", "period": 2022,
                       "values": [{"gender": "T", "status": "", "value": 1.0}]},
                      {"kpi": "U21468", "municipality": "0114", "period": 2022,
                       "values": [{"gender": "T", "status": "Missing", "value": None}]}]}
    f = tmp_path / "k.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    r = read("kolada_json_v3", f, 2022)
    assert r.value("0114", "nojd_helhet") == (None, "suppressed", "")
    assert r.notes("unmapped_kpi") and r.notes("kpi_absent")
    del doc["values"][1]["municipality"]
    f.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataError) as err:
        read("kolada_json_v3", f, 2022)
    assert err.value.column == "values[1]" and "municipality" in err.value.message


def test_kolada_export_unknown_gender_and_wrong_year(read, tmp_path):
    head = "Kommun-ID;Kommun;Nyckeltal-ID;Nyckeltal;År;Kön;Värde\n"
    f = tmp_path / "k.csv"
    f.write_text(head + "0114;Upplands Väsby;U21468;x;2024;Alla;81,0\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read("kolada_csv_export", f, 2024)
    assert (err.value.row, err.value.column) == (2, "Kön")
    f.write_text(head + "0114;Upplands Väsby;U21468;x;2023;Totalt;81,0\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read("kolada_csv_export", f, 2024)
    assert (err.value.row, err.value.column) == (2, "År")


def test_kolada_without_kpi_mapping_is_a_clear_error(read):
    with pytest.raises(DataError) as err:
        read("kolada_json_v3", RAW / "2022/kolada_2022.json", 2022, options={})
    assert "kpi_measures" in str(err.value)


def test_undecodable_text_names_the_line(read, tmp_path):
    f = tmp_path / "sa.csv"
    f.write_bytes(b"\x81\x8d\x8f\x90\x9d;x\n")
    with pytest.raises(DataError) as err:
        read("senior_alert_csv", f, 2022)
    assert err.value.row == 1


def test_kolada_missing_status_is_configurable_and_text_stays_invalid(read, tmp_path):
    head = "Kommun-ID;Kommun;Nyckeltal-ID;Nyckeltal;År;Kön;Värde\n"
    f = tmp_path / "k.csv"
    f.write_text(head + "0114;Upplands Väsby;U21468;x;2024;Totalt;\n"
                 "0115;Vallentuna;U21468;x;2024;Totalt;saknas\n", encoding="utf-8")
    opts = {"kpi_measures": {"U21468": "nojd_helhet"}, "missing_status": "not_reported"}
    r = read("kolada_csv_export", f, 2024, options=opts)
    assert r.value("0114", "nojd_helhet")[1] == "not_reported"
    assert r.value("0115", "nojd_helhet") == (None, "invalid", "saknas")
    assert r.notes("invalid_value")[0].row == 3
    with pytest.raises(DataError):
        read("kolada_csv_export", f, 2024, options={**opts, "missing_status": "zero"})
