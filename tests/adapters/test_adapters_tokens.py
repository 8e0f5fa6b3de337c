"""Random cell tokens: an adapter parses a number, records why a value is missing, or
raises the project's own error — never anything else."""

from __future__ import annotations

import math
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hti_tui.data.tokens import STATUSES
from hti_tui.errors import HtiError

HEAD = ("Kommunkod;Kommun;Antal personer 65+;Riskbedömda fall;Riskbedömda trycksår;"
        "Riskbedömda undernäring;Riskbedömda munhälsa;Personer med risk;"
        "Personer med risk och åtgärd\n")

TOKENS = st.one_of(
    st.sampled_from(["..", ".", "-", "–", "x", "X", "*", "", " ", "1 234", "1\u00a0234",
                     "12,5", "12.5", "-3", "1e3", "NaN", "inf", "Ja", "0,0", ",5"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                   blacklist_characters=";\n\r\"\x00"), max_size=8),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: str(f).replace(".", ",")),
)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=TOKENS)
def test_random_token_in_a_count_cell(read, tmp_path: Path, token: str) -> None:
    f = tmp_path / "sa.csv"
    f.write_text(HEAD + f"0114;Upplands Väsby;{token};1;2;3;4;5;6\n", encoding="utf-8")
    try:
        r = read("senior_alert_csv", f, 2022)
    except HtiError as exc:
        assert exc.file == "sa.csv"
        return
    value, status, _raw = r.value("0114", "inskrivna")
    assert status in STATUSES
    if value is not None:
        assert status == "ok" and math.isfinite(value)
    else:
        assert status != "ok"
        if status == "invalid":
            assert r.notes("invalid_value")[0].column == "Antal personer 65+"
