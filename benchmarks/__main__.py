"""``python -m benchmarks [engine|pipeline|provenance|tui|scale ...]``: print every figure.

``python -m benchmarks killtrials [N]`` runs the kill trials (``benchmarks/kill_trials.py``).

Each module's ``run()`` returns ``{name: seconds}`` (or bytes for sizes) and ``TARGETS``
the budgets from the issues; this prints them side by side. Nothing here fails a build:
slow numbers are reported as SLOW for a human to look at.
"""

from __future__ import annotations

import importlib
import json
import platform
import sys

MODULES = ("engine", "analyses", "pipeline", "provenance", "tui", "scale", "fetch")


def main(argv: list[str]) -> int:
    if argv[:1] == ["killtrials"]:  # slow: only when asked for (see benchmarks/kill_trials.py)
        from benchmarks import kill_trials

        return kill_trials.main(argv[1:])
    wanted = [a for a in argv if not a.startswith("-")] or list(MODULES)
    as_json = "--json" in argv
    results: dict[str, float] = {}
    targets: dict[str, float] = {}
    for name in wanted:
        module = importlib.import_module(f"benchmarks.{name}_bench")
        results.update(module.run())
        targets.update(getattr(module, "TARGETS", {}))
    if as_json:
        print(json.dumps({"machine": platform.platform(), "python": platform.python_version(),
                          "results": results, "targets": targets}, indent=1))
        return 0
    print(f"# hti benchmarks — {platform.platform()}, Python {platform.python_version()}")
    for key, value in results.items():
        target = targets.get(key)
        if key.endswith("_count"):
            print(f"{key:48s} {value:10.0f}")
            continue
        if key.endswith("_bytes"):
            print(f"{key:48s} {value / 1024:10.1f} KiB")
            continue
        if key.endswith("_ratio"):
            verdict = "" if target is None else (
                f"  (target ≤ {target:g}×: {'ok' if value <= target else 'SLOW'})")
            print(f"{key:48s} {value:10.2f} ×{verdict}")
            continue
        verdict = "" if target is None else (
            f"  (target < {target * 1000:g} ms: {'ok' if value < target else 'SLOW'})")
        print(f"{key:48s} {value * 1000:10.1f} ms{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
