"""``hti synth``: write the seeded synthetic raw data set (labelled synthetic)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import print_tables
from hti_tui.cli.render import banner
from hti_tui.i18n import label

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("synth", help="generate the synthetic raw source files",
                       description="Write synthetic raw files in the publishers' shapes for "
                       "every source and data year. Byte-identical for the same seed.")
    p.add_argument("--seed", type=int, help="seed (default: hti.toml [synthetic] seed)")
    p.add_argument("--out", type=Path, help="directory (default: hti.toml [paths] raw)")
    p.add_argument("--years", type=int, nargs="+", help="data years (default: hti.toml)")
    p.add_argument("--force", action="store_true",
                   help="overwrite raw files even if they differ from SYNTHETIC.json's hashes")


def run(ctx: CliContext) -> int:
    from hti_tui.project.config import load_config
    from hti_tui.synth import generate

    config = load_config(ctx.config_path)
    files = generate(config, ctx.args.out, ctx.args.seed, ctx.args.years, ctx.args.force)
    banner(ctx.console, True, config.ui.language)
    lang = config.ui.language
    table = Table(title=label("synth_title", lang), title_justify="left")
    table.add_column(label("file", lang), no_wrap=True)
    table.add_column(label("bytes", lang), justify="right")
    for f in files:
        table.add_row(config.rel(f), f"{f.stat().st_size:,}".replace(",", " "))
    print_tables(ctx.console, table)
    return 0
