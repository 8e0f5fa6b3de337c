"""The banner above every screen: synthetic data, and what is wrong with the results
shown (the last build failed, plugins were left out, results older than the code, newer
results on disk than the ones shown — until R reads them)."""

from __future__ import annotations

from textual.widgets import Static

from hti_tui.errors import HtiError
from hti_tui.i18n import label


class SyntheticBanner(Static):
    DEFAULT_CSS = """
    SyntheticBanner {
        width: 100%;
        height: auto;
        background: $warning;
        color: $text;
        text-style: bold;
        padding: 0 1;
    }
    SyntheticBanner.-build-warning { background: $error; }
    SyntheticBanner.-hidden { display: none; }
    """

    def __init__(self, language: str = "sv", synthetic: bool = True) -> None:
        super().__init__(label("synthetic", language), markup=False, id="synthetic-banner")
        self._language = language
        self._synthetic = synthetic
        self._warnings: list[str] = []
        self.set_class(not synthetic, "-hidden")

    def on_mount(self) -> None:
        self.refresh_state()

    def refresh_state(self) -> None:
        """Read again what the banner says about the results: the build warnings (a
        build may have failed since) and the app's "rebuilt — press R" line. The app
        works the warnings out once per load or change (HtiApp.build_warnings), not per
        screen: the check hashes the inputs."""
        try:
            self._warnings = list(self.app.build_warnings())  # type: ignore[attr-defined]
        except (AttributeError, RuntimeError, HtiError):
            self._warnings = []
        rebuilt = getattr(self.app, "rebuilt_line", None)
        if isinstance(rebuilt, str):
            self._warnings.insert(0, rebuilt)
        self._show()

    def show(self, synthetic: bool) -> None:
        self._synthetic = synthetic
        self._show()

    def _show(self) -> None:
        lines = [f"⚠ {w}" for w in self._warnings]
        if self._synthetic:
            lines.append(label("synthetic", self._language))
        self.update("\n".join(lines))
        self.set_class(bool(self._warnings), "-build-warning")
        self.set_class(not lines, "-hidden")
