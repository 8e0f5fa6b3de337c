"""What one ``hti build`` did: per source file and per index year, with errors and notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hti_tui.errors import HtiError, Note, PluginError
from hti_tui.pipeline.observations import SourceResult
from hti_tui.pipeline.results import YearResult


@dataclass
class BuildSummary:
    sources: list[SourceResult] = field(default_factory=list)
    years: list[YearResult] = field(default_factory=list)
    model_error: HtiError | None = None
    plugin_error: PluginError | None = None
    #: plugins left out of this build (``allow_failed_plugins``): name, error, contribution
    failed_plugins: list[dict[str, str]] = field(default_factory=list)

    @property
    def errors(self) -> list[HtiError]:
        errs: list[HtiError] = [self.plugin_error] if self.plugin_error is not None else []
        errs += [r.error for r in self.sources if r.error is not None]
        errs += [y.error for y in self.years if y.error is not None]
        if self.model_error is not None:
            errs.append(self.model_error)
        return errs

    @property
    def notes(self) -> list[Note]:
        return [n for r in self.sources for n in r.notes] + [n for y in self.years for n in y.notes]

    @property
    def synthetic(self) -> bool:
        return any(r.synthetic for r in self.sources)

    @property
    def reason(self) -> str:
        """Why the build failed, in one short line (empty when it did not)."""
        if self.plugin_error is not None:
            return "; ".join(f"plugin {p['name']} failed ({p['error']})"
                             for p in self.failed_plugins)
        errors = self.errors
        if not errors:
            return ""
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        return errors[0].describe() + more

    @property
    def reason_sv(self) -> str:
        """:attr:`reason` in Swedish."""
        if self.plugin_error is not None:
            return "; ".join(f"plugin {p['name']} misslyckades "
                             f"({p.get('error_sv') or p['error']})" for p in self.failed_plugins)
        errors = self.errors
        if not errors:
            return ""
        more = f" (och {len(errors) - 1} fel till)" if len(errors) > 1 else ""
        return errors[0].describe("sv") + more

    @property
    def all_skipped(self) -> bool:
        return all(r.skipped for r in self.sources if r.error is None) and all(
            y.skipped for y in self.years if y.error is None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sources": [{"source": r.job.source, "year": r.job.year, "rows": r.rows,
                         "statuses": r.statuses, "notes": len(r.notes), "skipped": r.skipped,
                         "synthetic": r.synthetic, "seconds": round(r.seconds, 4),
                         "error": r.error.describe() if r.error else None} for r in self.sources],
            "results": [{"year": y.year, "units": y.units, "scored": y.scored,
                         "skipped": y.skipped, "seconds": round(y.seconds, 4),
                         "engine_seconds": round(y.engine_seconds, 4),
                         "error": y.error.describe() if y.error else None} for y in self.years],
            "notes": len(self.notes), "synthetic": self.synthetic,
            "failed_plugins": self.failed_plugins,
            "errors": [e.describe() for e in self.errors],
        }
