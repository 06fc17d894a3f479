"""A derived fact's computation as a tree of inputs, down to the quoted sources it rests on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.reasoning import Tree, explain

if TYPE_CHECKING:
    from .facts import Fact, Responder


def tree_dict(r: Responder, t: Tree) -> dict[str, Any]:
    """One node of a computation: a stated observation or relation with its sources, or a formula
    over its inputs."""
    from .facts import Fact  # (facts imports this module)

    value = t.value.value if t.value is not None else None
    unit = t.value.unit if t.value is not None else None
    qual = t.value.qualifier if t.value is not None else None
    if t.observation is not None:
        o = t.observation
        return {
            "label": r.qlabel(o.quantity),
            "value": value,
            "unit": unit,
            "qualifier": qual,
            "status": o.status,
            "sources": [s.__dict__ for s in r.sources_of([Fact(o.quantity, o.value, o.status, o)])],
        }
    if t.relation is not None:
        rel = t.relation
        return {
            "label": f"stated relation: {rel.qualifier_text or rel.kind}",
            "value": value,
            "unit": unit,
            "qualifier": qual,
            "status": rel.status or "reported",
            "sources": [r.source_ref(s, rel.quotes[0] if rel.quotes else "").__dict__ for s in rel.sources],
        }
    return {
        "label": r.qlabel(t.quantity) if t.quantity else "",
        "formula": t.formula,
        "value": value,
        "unit": unit,
        "qualifier": qual,
        "status": "derived",
        "inputs": [tree_dict(r, c) for c in t.children],
    }


def derivation_of(r: Responder, f: Fact) -> dict[str, Any] | None:
    """How a derived fact was computed (None for a stated one)."""
    if f.derivation is None:
        return None
    t = explain(r.k, r.d, f.quantity)
    d = tree_dict(r, t)
    return {"formula": d["formula"], "value": d["value"], "inputs": d["inputs"]}
