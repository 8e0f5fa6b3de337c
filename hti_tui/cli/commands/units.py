"""``hti units KOMMUN``: the kommun's hemtjänst units (Kolada OU data) ranked among themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.i18n import number
from hti_tui.query import units as unit_level
from hti_tui.query.context import Index

if TYPE_CHECKING:
    from rich.console import JustifyMethod

    from hti_tui.cli.output import Subparsers


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "units", help="a kommun's hemtjänst units (Kolada OU data), ranked within the kommun",
        description="Score each hemtjänst unit of a kommun on the model's indicators that "
        "Kolada publishes per unit (hti.toml [sources.kolada.options] ou_kpis; fetched by "
        "`hti fetch kolada`), with the model's goalposts, and rank the units within the kommun. "
        "Values Kolada did not publish (too few answers) stay suppressed.")
    p.add_argument("kommun", help="name or code")
    p.add_argument("--year", type=int, help="data year of the unit survey (default: the "
                   "latest fetched)")
    add_format(p)


def run(ctx: CliContext) -> int:
    data = unit_level.units(Index(ctx.project), ctx.args.kommun, ctx.args.year)
    ids = [i["id"] for i in data["indicators"]]
    flat = [{"rank": u["rank"], "ou": u["ou"], "name": u["name"], "score": u["score"],
             "coverage": round(u["coverage"], 3), "status": u["status"],
             **{i: u["values"].get(i) for i in ids}} for u in data["units"]]

    def table() -> list[Any]:
        name, units = data["kommun_namn"], data["units"]
        if not units:
            return [f"Inga enheter för {escape(name)} i Koladas OU-data {data['year']}."]
        t = Table(title=f"Hemtjänstenheter i {escape(name)} ({data['kommun_kod']}), "
                  f"{data['year']} — Källa: Kolada", title_justify="left")
        columns: tuple[tuple[str, JustifyMethod], ...] = (
            ("rang", "right"), ("enhet", "left"), ("poäng", "right"), ("täckning", "right"))
        for col, just in columns:
            t.add_column(col, justify=just)
        for u in units:
            score = number(u["score"], 1, "sv") if u["score"] is not None else "undertryckt"
            t.add_row(str(u["rank"]) if u["rank"] else "–", escape(u["name"]), score,
                      f"{u['coverage']:.0%}")
        return [t, f"{len(units)} enheter, rangordnade inom kommunen. Ett värde som Kolada "
                "inte publicerat (för få svar) visas inte och räknas inte; en enhet rankas när "
                f"minst {data['min_coverage']:.0%} av indikatorerna finns."]

    emit(ctx, data, flat, False, table)
    return 0
