"""Parquet files written atomically and read with clear errors.

A build writes each file to a temporary name in the same directory and renames it
over the old one only when it is complete, so an interrupted build (Ctrl-C, a
crash, a full disk) leaves the previous files intact. Provenance travels inside each
file's metadata under the key ``hti``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

import pyarrow as pa
import pyarrow.parquet as pq

from hti_tui.atomic_files import write_with
from hti_tui.errors import DataError

META_KEY = b"hti"


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


CONTENT_KEY = "content_sha256"


def content_sha256(table: pa.Table, provenance: Mapping[str, Any]) -> str:
    """sha256 over a table's values and its provenance (without this hash): an edited score,
    a flipped ``synthetic`` flag or a corrupted page no longer passes for the file hti
    wrote. Values are hashed column by column in a canonical form, so the hash does not
    depend on how Arrow chunked the table in memory or on disk."""
    import numpy as np
    import pyarrow.compute as pc

    h = hashlib.sha256()
    prov = {k: v for k, v in provenance.items() if k != CONTENT_KEY}
    h.update(json.dumps(prov, sort_keys=True, ensure_ascii=False, default=str).encode())
    for name in table.column_names:
        col = table.column(name).combine_chunks()
        h.update(b"\0" + name.encode() + b"\0" + str(col.type).encode())
        valid = pc.is_valid(col).to_numpy(zero_copy_only=False)
        h.update(np.packbits(valid).tobytes())
        if pa.types.is_floating(col.type) or pa.types.is_integer(col.type):
            values = col.fill_null(0).to_numpy(zero_copy_only=False)
            h.update(np.ascontiguousarray(values).tobytes())
        else:
            text = cast("list[str]", pc.cast(col, pa.string()).fill_null("").to_pylist())
            h.update("\x1f".join(text).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def verify_content(path: Path, language: str = "en") -> str | None:
    """None when the file's content is what was written, else why not (in ``language``)."""
    sv = language == "sv"
    prov = read_provenance(path)
    stored = prov.get(CONTENT_KEY)
    if stored is None:
        return ("saknar innehållshash (skriven av en äldre hti); kör `hti build --force`" if sv
                else "has no content hash (written by an older hti); run `hti build --force`")
    if content_sha256(read_table(path), prov) != stored:
        return ("innehållet är inte det hti skrev (ändrat eller trasigt: innehållshashen "
                "skiljer sig); kör `hti build --force`" if sv else
                "its content is not what hti wrote (edited or corrupt: the content hash "
                "differs); run `hti build --force`")
    return None


def write_table(table: pa.Table, path: Path, provenance: Mapping[str, Any]) -> None:
    """Write ``table`` to ``path`` atomically with ``provenance`` (and the content hash of
    both) in its metadata."""
    meta = dict(table.schema.metadata or {})
    provenance = {**provenance, CONTENT_KEY: content_sha256(table, provenance)}
    meta[META_KEY] = json.dumps(provenance, sort_keys=True, ensure_ascii=False).encode("utf-8")
    table = table.replace_schema_metadata(meta)
    try:
        write_with(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))
    except OSError as exc:  # disk full, read-only, a file where a folder should be
        raise write_error(exc, path) from None


class WriteError(DataError):
    """A built file could not be written (disk full, read-only): the build stops there."""


#: the operating system's reasons a reader meets when writing, in Swedish (by errno)
_ERRNO_SV = {28: "inget utrymme kvar på enheten", 122: "diskkvoten är slut",
             13: "åtkomst nekad", 1: "åtgärden är inte tillåten",
             30: "filsystemet är skrivskyddat", 20: "inte en katalog", 21: "är en katalog",
             5: "in- eller utmatningsfel", 36: "filnamnet är för långt"}


def write_error(exc: OSError, path: Path) -> WriteError:
    """An OSError while writing ``path`` as one line naming the file (Arrow's own message,
    "Error writing bytes to file. Detail: [errno 28] …", names neither)."""
    found = re.search(r"\[errno (\d+)\]\s*(.+)", str(exc))
    errno = exc.errno if exc.errno is not None else int(found.group(1)) if found else None
    reason = found.group(2).strip() if found else exc.strerror or str(exc)
    orsak = _ERRNO_SV.get(errno, reason) if errno is not None else reason
    if errno is not None:
        reason += f" (errno {errno})"
        orsak += f" (errno {errno})"
    return WriteError(f"cannot write the file: {reason}", file=path,
                      hint="free space or make the folder writable, then run `hti build` "
                           "again; the previous version of this file is intact",
                      sv=f"filen kan inte skrivas: {orsak}",
                      sv_hint="frigör utrymme eller gör katalogen skrivbar och kör `hti build` "
                              "igen; den tidigare versionen av filen är orörd")


def read_table(path: Path, columns: list[str] | None = None) -> pa.Table:
    """Read a Parquet file; a missing, truncated or foreign file is a DataError."""
    if not path.exists():
        raise DataError("the Parquet file does not exist (run `hti build`)", file=path,
                        sv="Parquet-filen finns inte (kör `hti build`)")
    try:
        with pq.ParquetFile(path) as f:  # not pq.read_table: that imports pyarrow.dataset
            return f.read(columns=columns)
    except (pa.ArrowInvalid, pa.ArrowIOError, OSError) as exc:
        raise DataError(f"not a readable Parquet file ({exc})", file=path,
                        hint="delete it and run `hti build` again",
                        sv=f"ingen läsbar Parquet-fil ({exc})",
                        sv_hint="ta bort den och kör `hti build` igen") from None


def read_provenance(path: Path) -> dict[str, Any]:
    """The provenance a file was written with; DataError if it is not an hti Parquet file."""
    if not path.exists():
        raise DataError("the Parquet file does not exist (run `hti build`)", file=path,
                        sv="Parquet-filen finns inte (kör `hti build`)")
    try:
        meta = pq.read_schema(path).metadata or {}
    except (pa.ArrowInvalid, pa.ArrowIOError, OSError) as exc:
        raise DataError(f"not a readable Parquet file ({exc})", file=path,
                        hint="delete it and run `hti build` again",
                        sv=f"ingen läsbar Parquet-fil ({exc})",
                        sv_hint="ta bort den och kör `hti build` igen") from None
    if META_KEY not in meta:
        raise DataError("the Parquet file has no hti provenance", file=path,
                        hint="it was not written by `hti build`",
                        sv="Parquet-filen saknar hti:s ursprungsuppgifter",
                        sv_hint="den skrevs inte av `hti build`")
    try:
        provenance: dict[str, Any] = json.loads(meta[META_KEY].decode("utf-8"))
        return provenance
    except (ValueError, UnicodeDecodeError):
        raise DataError("the provenance metadata is not valid JSON", file=path,
                        sv="ursprungsuppgifterna är inte giltig JSON") from None


def check_schema(table: pa.Table, schema: pa.Schema, file: Path | str) -> None:
    """Raise a DataError naming the first column missing or of the wrong type."""
    for f in schema:
        if f.name not in table.column_names:
            raise DataError(f"missing column '{f.name}'", file=file, column=f.name,
                            sv=f"kolumnen '{f.name}' saknas")
        actual = table.schema.field(f.name).type
        if actual != f.type:
            raise DataError(f"column '{f.name}' has type {actual}, expected {f.type}",
                            file=file, column=f.name,
                            sv=f"kolumnen '{f.name}' har typen {actual}, väntade {f.type}")
