"""``hti audit``: the statistical audit (JRC/OECD): distributions, correlations, alpha."""

from __future__ import annotations

import argparse

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.i18n import label, number


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="indicator statistics, correlations and Cronbach's alpha")
    p.add_argument("--year", type=int, help="index year (default: the latest)")
    add_format(p)


def run(ctx: CliContext) -> int:
    f = ctx.facade()
    view = f.audit(ctx.args.year)
    lang = f.language

    def tables() -> list:
        t = Table(title=f"{label('indikator', lang)} — {view.year}", title_justify="left",
                  caption="outlier: |skew| > 2 and kurtosis > 3.5 (JRC/OECD rule)",
                  caption_justify="left")
        for col in ("id", "n", "missing", "min", "median", "max", "skew", "kurtosis", "outlier",
                    "r(area)"):
            t.add_column(col, justify="left" if col == "id" else "right")
        for i in view.indicators:
            t.add_row(escape(i["indicator"]), str(i["n"]), str(i["missing"]),
                      number(i["min"], 1, lang), number(i["median"], 1, lang),
                      number(i["max"], 1, lang), number(i["skew"], 2, lang),
                      number(i["kurtosis"], 2, lang), "⚠ yes" if i["outlier"] else "",
                      number(i["corr_area"], 2, lang))
        c = Table(title="Areas and delindex: correlation with the index, Cronbach's alpha",
                  title_justify="left")
        for col in ("node", "r(index)", "alpha"):
            c.add_column(col, justify="left" if col == "node" else "right")
        alpha = {a["node"]: a["alpha"] for a in view.alpha}
        for n in view.correlations:
            c.add_row(("  " if n["level"] == 1 else "") + escape(n["name"]),
                      number(n["corr_index"], 2, lang), number(alpha.get(n["node"]), 2, lang))
        return [t, c]

    emit(ctx, view.as_dict(), view.indicators, view.synthetic, tables)
    return 0
