"""``python -m hti_tui`` is the same as ``hti``."""

from hti_tui.cli.main import main

raise SystemExit(main())
