"""Kolada API v3 answers as data: one page checked, and a sequence of pages checked.

Kolada answers ``{"values": [...], "count": n, "next_url": "..."}`` (v2 called the
link ``next_page``; both are accepted). A page sequence must be whole: every page
valid JSON with a ``values`` list, no link visited twice, and ``count`` consistent —
either each page's own length (v2's meaning) or one total that the pages add up to.
Anything else is a :class:`PageError` naming the URL, because a silently truncated
download would become silently missing kommuner.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from hti_tui.errors import HtiError


class PageError(HtiError):
    """An answer from Kolada that is not what the API promises (named by its URL)."""


@dataclass(frozen=True)
class Page:
    url: str
    values: list[Any]
    count: int | None
    next_url: str | None


def parse_page(body: bytes, url: str) -> Page:
    """One answer: JSON object, ``values`` a list, ``count`` an integer if present."""
    try:
        doc = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PageError(f"the answer is not UTF-8 (byte {exc.start})", file=url,
                        sv=f"svaret är inte UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise PageError(f"the answer is not valid JSON ({exc.msg} at line {exc.lineno}, "
                        f"column {exc.colno}); a truncated page?", file=url,
                        sv=f"svaret är inte giltig JSON ({exc.msg} på rad {exc.lineno}, "
                           f"kolumn {exc.colno}); en avkortad sida?") from None
    if not isinstance(doc, Mapping):
        raise PageError("the answer is not a JSON object", file=url,
                        sv="svaret är inget JSON-objekt")
    values = doc.get("values")
    if not isinstance(values, list):
        raise PageError("the answer has no 'values' list (not a Kolada v3 answer)", file=url,
                        sv="svaret saknar listan 'values' (inget svar från Kolada v3)")
    count = doc.get("count")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool)
                              or count < 0):
        raise PageError(f"'count' is {count!r}, not a count", file=url,
                        sv=f"'count' är {count!r}, inget antal")
    link = doc.get("next_url", doc.get("next_page"))
    if link is not None and not isinstance(link, str):
        raise PageError(f"the next-page link is {link!r}, not a URL", file=url,
                        sv=f"länken till nästa sida är {link!r}, ingen URL")
    return Page(url, values, count, urljoin(url, link) if link else None)


@dataclass
class PageSequence:
    """Follows one query's pages and says when the sequence is whole or broken."""

    first_url: str
    pages: list[Page] = field(default_factory=list)

    def add(self, page: Page) -> str | None:
        """Take the next page; return the URL to fetch next, or None when done."""
        if page.next_url is not None and (page.next_url == page.url or page.next_url in
                                          {p.url for p in self.pages}):
            raise PageError(f"page {len(self.pages) + 1} links back to a page already read "
                            f"({page.next_url}); the paging loops", file=page.url,
                            sv=f"sida {len(self.pages) + 1} länkar tillbaka till en redan läst "
                               f"sida ({page.next_url}); bläddringen går i ring")
        if page.next_url is not None and not page.values:
            raise PageError(f"page {len(self.pages) + 1} is empty but links to another page",
                            file=page.url,
                            sv=f"sida {len(self.pages) + 1} är tom men länkar till en sida till")
        self.pages.append(page)
        if page.next_url is None:
            self._check_counts()
        return page.next_url

    @property
    def values(self) -> list[Any]:
        return [v for p in self.pages for v in p.values]

    def _check_counts(self) -> None:
        counts = [p.count for p in self.pages]
        if all(c is None for c in counts):
            return
        lengths = [len(p.values) for p in self.pages]
        if all(c is None or c == n for c, n in zip(counts, lengths)):
            return  # count = the length of each page
        total = sum(lengths)
        if all(c == counts[0] for c in counts) and counts[0] == total:
            return  # count = the total of the whole answer
        said = ", ".join(f"page {i + 1}: count {c}, {n} values"
                         for i, (c, n) in enumerate(zip(counts, lengths)))
        sagt = ", ".join(f"sida {i + 1}: count {c}, {n} värden"
                         for i, (c, n) in enumerate(zip(counts, lengths)))
        raise PageError(f"the pages do not add up ({said}; {total} values in all): the "
                        "answer is truncated or inconsistent", file=self.first_url,
                        sv=f"sidorna går inte ihop ({sagt}; {total} värden totalt): svaret är "
                           "avkortat eller motsägelsefullt")


def check_rows(values: list[Any], url: str, unit_key: str, kpis: set[str],
               year: int) -> dict[str, int]:
    """Every data row is ``{kpi, <unit_key>, period, values: [...]}`` of the asked KPIs
    and year; returns the number of rows per KPI (for the progress and the record)."""
    per_kpi = dict.fromkeys(sorted(kpis), 0)
    for i, row in enumerate(values):
        where = f"values[{i}]"
        if not isinstance(row, Mapping):
            raise PageError(f"{where} is not an object", file=url,
                            sv=f"{where} är inget objekt")
        for key in ("kpi", unit_key, "period", "values"):
            if key not in row:
                raise PageError(f"{where} has no '{key}'", file=url, sv=f"{where} saknar '{key}'")
        if row["kpi"] not in kpis:
            raise PageError(f"{where} is KPI {row['kpi']!r}, which was not asked for", file=url,
                            sv=f"{where} är nyckeltalet {row['kpi']!r}, som inte efterfrågades")
        if str(row["period"]) != str(year):
            raise PageError(f"{where} is of period {row['period']!r}, not {year}", file=url,
                            sv=f"{where} gäller perioden {row['period']!r}, inte {year}")
        if not isinstance(row["values"], list):
            raise PageError(f"{where}.values is not a list", file=url,
                            sv=f"{where}.values är ingen lista")
        per_kpi[row["kpi"]] += 1
    return per_kpi


__all__ = ["Page", "PageError", "PageSequence", "check_rows", "parse_page"]
