"""Write a file so that a reader sees the old content or the new, never half of it.

Every file hti writes for others to read (built Parquet, the build status, the commit
journal, fetched Kolada pages) goes through here: a temporary file in the same folder,
then one ``os.replace``. ``tempfile.mkstemp`` creates its file mode 0600; a built file
is shared with the other users of the project, so the final file gets the mode any new
file gets under the process's umask (0644 under the usual 022), as ``open()`` would.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["shared_mode", "write_atomically", "write_with"]


def shared_mode() -> int:
    """The mode a new file gets under the current umask (what ``open()`` would give)."""
    current = os.umask(0)
    os.umask(current)
    return 0o666 & ~current


def write_with(path: Path, write: Callable[[str], None], *, durable: bool = False) -> None:
    """Let ``write`` fill a temporary file beside ``path``, then put it in place at once.

    ``durable`` flushes the file to disk before the rename (the commit journal needs
    that: it must exist whole before the renames it lists begin). On any failure the
    temporary file is removed and the error is raised unchanged, so callers decide how
    to report it (e.g. a WriteError naming the file).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, shared_mode())
        if durable:
            with open(tmp, "rb") as f:
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomically(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`write_with`)."""
    def fill(tmp: str) -> None:
        Path(tmp).write_bytes(data)

    write_with(path, fill, durable=durable)
