"""JSON views of the knowledge snapshot: entities, facts, derivations, conflicts.

Plain functions from :mod:`kg.knowledge` / :mod:`kg.reasoning` objects to dicts the
resources return. Ids are the last path segment of an IRI (``meta`` for
``https://kgbot.dev/id/org/meta``); :func:`find` also accepts a longer tail or the IRI.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from kg.errors import UnknownEntity
from kg.knowledge import Entity, Knowledge, Observation, Quantity, Relation
from kg.periods import Period
from kg.reasoning import Conflict, Derivation, Derivations, Tree
from kg.values import Value

from .errors import ApiError

__all__ = [
    "conflict_json",
    "derivation_json",
    "derived_fact_json",
    "entity_json",
    "fact_json",
    "fact_ref",
    "find",
    "iri_id",
    "period_json",
    "quantity_json",
    "ref",
    "sources_json",
    "tree_json",
    "value_json",
]

T = TypeVar("T")


def iri_id(iri: str) -> str:
    """The last path segment (or fragment) of an IRI."""
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def find(items: Mapping[str, T], key: str, what: str) -> T:
    """The item whose IRI is ``key`` or ends with ``/key``; 404 when none, 400 when several."""
    if key in items:
        return items[key]
    tail = "/" + key.strip("/")
    matches = [iri for iri in items if iri.endswith(tail) or iri.endswith("#" + key)]
    if not matches:
        raise UnknownEntity(f"there is no {what} with the id {key!r}")
    if len(matches) > 1:
        raise ApiError(
            "ambiguous",
            f"the id {key!r} names {len(matches)} {what}s; use a longer id or the full IRI",
            details=sorted(matches),
        )
    return items[matches[0]]


def ref(k: Knowledge, iri: str) -> dict[str, str]:
    return {"id": iri_id(iri), "iri": iri, "label": k.label(iri)}


def period_json(p: Period) -> dict[str, Any]:
    return {
        "label": p.label,
        "start": p.start.isoformat() if p.start else None,
        "end": p.end.isoformat() if p.end else None,
    }


def _finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


def value_json(v: Value | None) -> dict[str, Any]:
    if v is None:
        return {"value": None, "unit": None, "qualifier": None}
    low, high = v.bounds
    return {"value": v.value, "unit": v.unit, "qualifier": v.qualifier, "low": _finite(low), "high": _finite(high)}


def quantity_json(k: Knowledge, q: Quantity) -> dict[str, Any]:
    return {"subject": ref(k, q.subject), "metric": ref(k, q.metric), "period": period_json(q.period)}


def sources_json(k: Knowledge, sources: Iterable[str], quotes: tuple[str, ...]) -> list[dict[str, Any]]:
    """The Answer contract's source objects: title, publisher, date, url, quote."""
    out = []
    for i, iri in enumerate(sources):
        s = k.sources.get(iri)
        quote = quotes[min(i, len(quotes) - 1)] if quotes else ""
        out.append(
            {
                "title": s.title if s else iri,
                "publisher": s.publisher if s else None,
                "date": s.date if s else None,
                "url": s.url if s else None,
                "quote": quote,
                "iri": iri,
            }
        )
    if not out and quotes:
        out.append({"title": "", "publisher": None, "date": None, "url": None, "quote": quotes[0], "iri": None})
    return out


def entity_json(k: Knowledge, e: Entity, *, detail: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": iri_id(e.iri),
        "iri": e.iri,
        "label": e.label,
        "kind": e.kind,
        "alt_labels": list(e.alt_labels),
        "tickers": list(e.tickers),
    }
    if e.kind == "metric":
        out["unit"] = e.unit
        out["additive"] = e.additive
    if not detail:
        return out
    out.update(
        {
            "definition": e.definition,
            "broader": [ref(k, b) for b in e.broader],
            "narrower": [ref(k, n.iri) for n in k.narrower(e.iri)],
            "members": [ref(k, m) for m in e.members],
            "member_of": [ref(k, g) for g in e.member_of],
            "membership_complete": e.membership_complete,
            "types": list(e.types),
            "facts": [fact_ref(k, o) for o in k.observations if e.iri in (o.quantity.subject, o.quantity.metric)],
            "relations": [{"predicate": ref(k, p), "object": ref(k, o)} for p, o in k.facts.get(e.iri, [])],
            "claims": [
                {
                    "id": iri_id(c.iri),
                    "iri": c.iri,
                    "statement": c.statement,
                    "sources": sources_json(k, c.sources, c.quotes),
                }
                for c in k.claims
                if e.iri in c.subjects or e.iri in c.objects or e.iri in c.about
            ],
        }
    )
    return out


def fact_ref(k: Knowledge, o: Observation) -> dict[str, Any]:
    return {
        "id": iri_id(o.iri),
        "iri": o.iri,
        **quantity_json(k, o.quantity),
        **value_json(o.value),
        "status": o.status,
    }


def fact_json(k: Knowledge, o: Observation) -> dict[str, Any]:
    """A stated fact with its sources and the quoted sentence."""
    return {
        **fact_ref(k, o),
        "qualifier_text": o.qualifier_text,
        "quote": o.quotes[0] if o.quotes else None,
        "sources": sources_json(k, o.sources, o.quotes),
        "attributed_to": [ref(k, a) for a in o.attributed_to],
        "comment": o.comment,
    }


def derived_fact_json(k: Knowledge, d: Derivation) -> dict[str, Any]:
    """A derived value in the shape of a fact (status ``derived``, no sources of its own)."""
    return {
        "id": iri_id(d.iri),
        "iri": d.iri,
        **quantity_json(k, d.quantity),
        **value_json(d.value),
        "status": "derived",
        "formula": d.formula,
        "qualifier_text": None,
        "quote": None,
        "sources": [],
        "attributed_to": [],
        "comment": d.equation.reason or None,
    }


def _input_ref(k: Knowledge, ds: Derivations, q: Quantity) -> dict[str, Any]:
    stated = ds.stated.get(q)
    if stated:
        return {"kind": "fact", **fact_ref(k, stated[0])}
    derived = ds.derived.get(q)
    if derived is not None:
        return {
            "kind": "derivation",
            "id": iri_id(derived.iri),
            "iri": derived.iri,
            **quantity_json(k, q),
            **value_json(derived.value),
            "status": "derived",
        }
    return {"kind": "unknown", **quantity_json(k, q), **value_json(None)}


def derivation_json(k: Knowledge, ds: Derivations, d: Derivation) -> dict[str, Any]:
    return {
        "id": iri_id(d.iri),
        "iri": d.iri,
        **quantity_json(k, d.quantity),
        **value_json(d.value),
        "status": "derived",
        "formula": d.formula,
        "reason": d.equation.reason,
        "based_on": sorted(d.basis),
        "inputs": [_input_ref(k, ds, q) for q in d.inputs],
        "relation": _relation_json(k, d.equation.relation, d.equation.constant)
        if d.equation.relation is not None
        else None,
    }


def _relation_json(k: Knowledge, r: Relation, constant: Value | None) -> dict[str, Any]:
    return {
        "id": iri_id(r.iri),
        "iri": r.iri,
        "kind": r.kind,
        **value_json(constant),
        "status": r.status,
        "qualifier_text": r.qualifier_text,
        "quote": r.quotes[0] if r.quotes else None,
        "sources": sources_json(k, r.sources, r.quotes),
    }


def tree_json(k: Knowledge, t: Tree) -> dict[str, Any]:
    """A derivation tree as nested JSON; leaves are stated facts or relations with quotes."""
    out: dict[str, Any] = {
        "quantity": quantity_json(k, t.quantity) if t.quantity is not None else None,
        **value_json(t.value),
        "status": t.status,
        "formula": t.formula,
    }
    if t.observation is not None:
        out["fact"] = fact_json(k, t.observation)
    if t.relation is not None:
        out["relation"] = _relation_json(k, t.relation, t.value)
    out["inputs"] = [tree_json(k, c) for c in t.children]
    return out


def conflict_json(k: Knowledge, c: Conflict) -> dict[str, Any]:
    return {
        "quantity": quantity_json(k, c.quantity),
        "known": value_json(c.known),
        "known_origin": c.known_origin,
        "computed": value_json(c.computed),
        "formula": c.formula,
        "reason": c.equation.reason,
    }
