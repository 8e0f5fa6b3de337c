"""What every command gets: parsed global options, a console, the project on demand."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from hti_tui.project import Project
    from hti_tui.query.context import Index


@dataclass
class CliContext:
    args: argparse.Namespace
    console: Console
    err: Console
    _project: Project | None = field(default=None, repr=False)
    _index: Index | None = field(default=None, repr=False)

    @property
    def config_path(self) -> Path | None:
        path: Path | None = self.args.config
        return path

    @property
    def project(self) -> Project:
        if self._project is None:
            from hti_tui.project import Project

            self._project = Project.load(self.config_path, disable=self.args.disable_plugin or ())
        return self._project

    @property
    def language(self) -> str:
        """hti.toml's [ui] language once the project is read; Swedish (hti's default)
        before that, e.g. for an error in hti.toml itself."""
        if self._project is None:
            return "sv"
        return self._project.config.ui.language

    def build_warnings(self) -> list[str]:
        """Banner lines about the results shown (only when the index was opened)."""
        if self._index is None:
            return []
        from hti_tui.errors import HtiError

        try:
            return self._index.build_warnings()
        except HtiError as exc:
            return [exc.describe(self.language)]

    def index(self) -> Index:
        """The query layer's context (``hti_tui.query``); builds first (progress on stderr)
        when results are missing."""
        if self._index is None:
            from hti_tui.query.context import Index

            index = Index(self.project)
            if index.missing_years():
                sv = self.language == "sv"
                self.err.print("[dim]Resultat saknas; bygger först (hti build) …[/]" if sv
                               else "[dim]Results are missing; building first (hti build)…[/]")
                summary = index.ensure_built()
                for error in summary.errors if summary else []:
                    self.err.print(f"[red]{'fel' if sv else 'error'}:[/] "
                                   f"{escape(error.describe(self.language))}")
            self._index = index
        return self._index
