"""Derivation trees as text: one step per line, down to quoted sources."""

from __future__ import annotations

from .format import format_value
from .knowledge import Knowledge, Quantity
from .reasoning import Tree

__all__ = ["describe_quantity", "render_tree"]


def describe_quantity(k: Knowledge, q: Quantity) -> str:
    """'hyperscalers · data-centre and compute spending · 2024'."""
    return f"{k.label(q.subject)} · {k.label(q.metric)} · {q.period.label}"


def _is_change(q: Quantity | None) -> bool:
    return q is not None and q.period.is_change


def render_tree(k: Knowledge, tree: Tree, indent: str = "  ") -> list[str]:
    """Lines explaining ``tree``; stated leaves carry their quote and source title."""
    lines: list[str] = []

    def walk(t: Tree, depth: int) -> None:
        pad = indent * depth
        value = format_value(t.value, qualified=True, difference=_is_change(t.quantity)) if t.value else "unknown"
        if t.observation is not None:
            o = t.observation
            src = ", ".join(k.sources[s].title if s in k.sources else s for s in o.sources)
            lines.append(f"{pad}- {describe_quantity(k, o.quantity)} = {value} ({o.status}, stated)")
            for quote in o.quotes[:1]:
                lines.append(f'{pad}  "{quote}" — {src}')
        elif t.relation is not None:
            r = t.relation
            src = ", ".join(k.sources[s].title if s in k.sources else s for s in r.sources)
            what = r.qualifier_text or r.kind
            lines.append(f"{pad}- stated relation: {what} ({value})")
            for quote in r.quotes[:1]:
                lines.append(f'{pad}  "{quote}" — {src}')
        elif t.quantity is not None:
            lines.append(f"{pad}- {describe_quantity(k, t.quantity)} = {value} (derived: {t.formula})")
        for child in t.children:
            walk(child, depth + 1)

    walk(tree, 0)
    return lines
