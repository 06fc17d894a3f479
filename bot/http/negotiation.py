"""Content negotiation: pick one of the media types a resource offers from ``Accept``.

>>> choose("text/csv;q=0.5, application/sparql-results+xml", ["application/sparql-results+json",
...        "application/sparql-results+xml", "text/csv"])
'application/sparql-results+xml'
>>> choose("application/json", ["application/sparql-results+json", "text/csv"])
'application/sparql-results+json'
>>> choose("image/png", ["text/turtle", "application/n-triples"])
'text/turtle'
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["ALIASES", "choose", "media_type"]

#: Media types clients send for the ones offered (offered -> also acceptable as).
ALIASES: dict[str, tuple[str, ...]] = {
    "application/sparql-results+json": ("application/json",),
    "application/sparql-results+xml": ("application/xml", "text/xml"),
    "text/turtle": ("application/turtle", "application/x-turtle"),
    "application/n-triples": ("text/plain",),
    "application/ld+json": ("application/json",),
    "application/rdf+xml": ("application/xml", "text/xml"),
    "application/n-quads": ("text/x-nquads",),
    "application/trig": ("application/x-trig",),
}


def media_type(header: str | None) -> tuple[str, dict[str, str]]:
    """``'text/turtle; charset=utf-8'`` -> ``('text/turtle', {'charset': 'utf-8'})``."""
    if not header:
        return "", {}
    kind, *params = header.split(";")
    out: dict[str, str] = {}
    for p in params:
        name, _, value = p.partition("=")
        out[name.strip().lower()] = value.strip().strip('"')
    return kind.strip().lower(), out


def _ranges(accept: str) -> list[tuple[str, float]]:
    out = []
    for part in accept.split(","):
        kind, params = media_type(part)
        if not kind:
            continue
        try:
            q = float(params.get("q", "1"))
        except ValueError:
            q = 0.0
        out.append((kind, q))
    return out


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    names = (offer, *ALIASES.get(offer, ()))
    best, specificity = 0.0, -1
    for kind, q in ranges:
        if kind in names:
            level = 2
        elif kind.endswith("/*") and any(n.startswith(kind[:-1]) for n in names):
            level = 1
        elif kind == "*/*":
            level = 0
        else:
            continue
        if level > specificity or (level == specificity and q > best):
            best, specificity = q, level
    return best


def choose(accept: str | None, offers: Sequence[str]) -> str:
    """The offer ``accept`` likes best; the first offer when it names none of them
    (answering in a default format beats refusing with 406)."""
    if not offers:
        raise ValueError("nothing to offer")
    if not accept or not accept.strip():
        return offers[0]
    ranges = _ranges(accept)
    scored = [(_quality(o, ranges), -i, o) for i, o in enumerate(offers)]
    q, _, best = max(scored)
    return best if q > 0 else offers[0]
