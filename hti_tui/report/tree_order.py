"""Nodes of a view in the model's order, for every table that indents the tree.

Views list nodes root first and indicators last (the engine's order); a table that
indents kvalitetsområden under their delindex needs them depth first, in the order the
model (hti.toml) gives them. The CLI's ``compare`` and the compare screen share this.
"""

from __future__ import annotations

from typing import Any


def tree_order(nodes: list[dict[str, Any]], children: Any) -> list[tuple[int, dict[str, Any]]]:
    """(depth, node) depth first from the root, children in the model's order, so each
    kvalitetsområde sits under its delindex and each indicator under its area."""
    by_id = {n["id"]: n for n in nodes}
    out: list[tuple[int, dict[str, Any]]] = []

    def walk(node_id: str, depth: int) -> None:
        if node_id in by_id:
            out.append((depth, by_id[node_id]))
        for child in children(node_id):
            walk(child, depth + 1)

    roots = [n["id"] for n in nodes if n["parent"] is None]
    for root in roots:
        walk(root, 0)
    seen = {n["id"] for _, n in out}
    out += [(0, n) for n in nodes if n["id"] not in seen]  # never drop a row
    return out
