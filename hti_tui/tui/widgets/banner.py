"""The synthetic-data banner: always visible while the data shown are generated."""

from __future__ import annotations

from textual.widgets import Static

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
    SyntheticBanner.-hidden { display: none; }
    """

    def __init__(self, language: str = "sv", synthetic: bool = True) -> None:
        super().__init__(label("synthetic", language), markup=False, id="synthetic-banner")
        self.set_class(not synthetic, "-hidden")

    def show(self, synthetic: bool) -> None:
        self.set_class(not synthetic, "-hidden")
