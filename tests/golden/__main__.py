"""``python -m tests.golden``: regenerate every golden file (see README.md)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.golden import REPO, write_all


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="hti-golden-") as tmp:
        written = write_all(Path(tmp))
    print(f"wrote {len(written)} golden files; review them with: git diff --stat "
          f"{(REPO / 'tests' / 'golden').relative_to(REPO)}")


if __name__ == "__main__":
    main()
