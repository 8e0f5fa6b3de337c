"""``hti audit``: the statistical audit (JRC/OECD): distributions, correlations, Cronbach's
alpha with its n, and each delindex's and area's effective influence beside its weight."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.cli.plain_table import identifier
from hti_tui.i18n import choose, label, number
from hti_tui.query import analyses
from hti_tui.query.rows import AuditView

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers

TABLES = ("indicators", "correlations", "alpha", "influence")

WORDS = {
    "missing_col": ("Saknas", "Missing"),
    "min": ("Min", "Min"),
    "max": ("Max", "Max"),
    "skew": ("Skevhet", "Skew"),
    "kurtosis": ("Kurtosis", "Kurtosis"),
    "outlier": ("Extremvärde", "Outlier"),
    "r_area": ("r(område)", "r(area)"),
    "corr_title": ("Kvalitetsområden och delindex: korrelation med index, Cronbachs alfa "
                   "(n = kommuner med alla värden)", "Areas and delindex: correlation with "
                   "the index, Cronbach's alpha (n = complete kommuner)"),
    "alpha": ("Alfa", "Alpha"),
    "over_children": ("över delindex", "over delindex"),
    "over_all": ("över alla viktade indikatorer", "over all weighted indicators"),
    "influence_title": ("Faktiskt inflytande: andel av indexets varians (Cov(poäng, index) / "
                        "Var(index), rankade kommuner) bredvid den angivna vikten",
                        "Effective influence: share of the index variance (Cov(points, "
                        "index) / Var(index), ranked kommuner) beside the nominal weight"),
    "nominal": ("Angiven vikt", "Nominal weight"),
    "influence": ("Inflytande", "Influence"),
}


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("audit", help="indicator statistics, correlations, Cronbach's alpha and "
                                     "effective influence")
    p.add_argument("--year", type=int, help="index year (default: the latest)")
    p.add_argument("--table", choices=("all", *TABLES), default="all",
                   help="CSV: which table (default all, with a 'table' column)")
    add_format(p)


def csv_rows(view: AuditView, which: str) -> list[dict[str, Any]]:
    """Every audit table as CSV rows, each row naming its table."""
    tables = {"indicators": view.indicators, "correlations": view.correlations,
              "alpha": view.alpha, "influence": view.influence}
    names = TABLES if which == "all" else (which,)
    return [{"table": name, **row} for name in names for row in tables[name]]


def run(ctx: CliContext) -> int:
    ix = ctx.index()
    view = analyses.audit(ix, ctx.args.year)
    lang = ix.language

    def tables() -> list[Any]:
        t = Table(title=f"{label('indikator', lang)} — {view.year}", title_justify="left",
                  caption=label("audit_outlier", lang),
                  caption_justify="left")
        identifier(t, "id")
        t.add_column("n", justify="right")
        for key in ("missing_col", "min"):
            t.add_column(choose(WORDS, key, lang), justify="right")
        t.add_column(label("median", lang), justify="right")
        for key in ("max", "skew", "kurtosis", "outlier", "r_area"):
            t.add_column(choose(WORDS, key, lang), justify="right")
        for i in view.indicators:
            t.add_row(escape(i["indicator"]), str(i["n"]), str(i["missing"]),
                      number(i["min"], 1, lang), number(i["median"], 1, lang),
                      number(i["max"], 1, lang), number(i["skew"], 2, lang),
                      number(i["kurtosis"], 2, lang),
                      f"⚠ {label('yes', lang)}" if i["outlier"] else "",
                      number(i["corr_area"], 2, lang))
        c = Table(title=choose(WORDS, "corr_title", lang), title_justify="left")
        c.add_column(label("node", lang), justify="left")
        for col in ("r(index)", choose(WORDS, "alpha", lang), "n"):
            c.add_column(col, justify="right")
        alpha = {a["node"]: a for a in view.alpha if a["over"] == "children"}
        for n in view.correlations:
            a = alpha.get(n["node"], {})
            c.add_row(("  " if n["level"] == 1 else "") + escape(n["name"]),
                      number(n["corr_index"], 2, lang), number(a.get("alpha"), 2, lang),
                      str(a.get("n") or "–"))
        for a in view.alpha:
            if a["node"] == view.alpha[-1]["node"]:
                what = choose(WORDS, "over_children" if a["over"] == "children"
                              else "over_all", lang)
                c.add_row(f"{escape(a['name'])} ({what})", "", number(a["alpha"], 2, lang),
                          str(a["n"] or "–"))
        inf = Table(title=choose(WORDS, "influence_title", lang), title_justify="left")
        inf.add_column(label("node", lang), justify="left")
        for col in (choose(WORDS, "nominal", lang), choose(WORDS, "influence", lang), "n"):
            inf.add_column(col, justify="right")
        for r in view.influence:
            inf.add_row(("  " if r["level"] == 1 else "") + escape(r["name"]),
                        number(100 * r["nominal_weight"], 1, lang) + " %",
                        number(None if r["influence"] is None else 100 * r["influence"], 1,
                               lang) + " %", str(r["n"]))
        return [t, c, inf]

    emit(ctx, view.as_dict(), csv_rows(view, ctx.args.table), view.synthetic, tables)
    return 0
