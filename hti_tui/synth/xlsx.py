"""Writing .xlsx files that are byte-identical for the same content.

openpyxl stamps the current time into the document properties and into every zip
entry. The synthetic data set must be reproducible byte for byte from its seed, so
the workbook is written to memory and re-zipped with fixed times.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

FIXED_TIME = (2020, 1, 1, 0, 0, 0)
_STAMP = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def write_xlsx(path: Path, sheet: str, rows: Sequence[Sequence[Any]], header_row: int,
               title_rows: int = 0) -> None:
    """Write one sheet; ``header_row`` (1-based) and the title rows are set in bold."""
    wb = Workbook()
    ws = wb.worksheets[0]  # a new workbook holds one sheet (its active one)
    ws.title = sheet
    bold = Font(bold=True)
    for r, row in enumerate(rows, start=1):
        ws.append(list(row))
        if r == header_row or r <= title_rows:
            for cell in ws[r]:
                cell.font = bold
    wb.properties.creator = "hti synth (SYNTETISKA DATA)"
    buf = io.BytesIO()
    wb.save(buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_normalise_zip(buf.getvalue()))


def _normalise_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            content = src.read(name)
            if name == "docProps/core.xml":
                content = _STAMP.sub(rb"\g<1>2020-01-01T00:00:00Z\g<3>", content)
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, content)
    return out.getvalue()
