"""Reading and writing RDF safely: format names, parsing with line numbers, no network.

Parsing goes through Oxigraph's parsers, which never fetch anything: a JSON-LD
document with a remote ``@context`` is refused, RDF/XML external entities are not
resolved.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .errors import LoadError

__all__ = ["FORMATS", "format_for", "parse_bytes", "parse_file", "serialize"]

#: Names accepted on the command line and over HTTP -> Oxigraph formats.
FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ttl": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json-ld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "xml": ox.RdfFormat.RDF_XML,
    "rdf": ox.RdfFormat.RDF_XML,
}

_SUFFIXES = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "ntriples",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".rdf": "rdfxml",
    ".owl": "rdfxml",
    ".xml": "rdfxml",
}


def format_for(
    name: str | None = None, *, path: str | Path | None = None, media_type: str | None = None
) -> ox.RdfFormat:
    """Resolve a format from a name, a file suffix or a media type; raise LoadError if unknown."""
    if name:
        fmt = FORMATS.get(name.lower().strip())
        if fmt is None:
            raise LoadError(
                str(path or "data"), f"unsupported format {name!r}; use one of {', '.join(sorted(set(FORMATS)))}"
            )
        return fmt
    if media_type:
        fmt = ox.RdfFormat.from_media_type(media_type.split(";")[0].strip())
        if fmt is None:
            raise LoadError(str(path or "data"), f"unsupported media type {media_type!r}")
        return fmt
    if path is not None:
        key = _SUFFIXES.get(Path(path).suffix.lower())
        if key is None:
            raise LoadError(str(path), f"cannot tell the format from the suffix {Path(path).suffix!r}; give --format")
        return FORMATS[key]
    raise LoadError("data", "no format given")


def parse_bytes(
    data: bytes | str, fmt: ox.RdfFormat, source: str = "data", base_iri: str | None = None
) -> list[ox.Quad]:
    """Parse a whole document into quads; raise LoadError naming the source and line."""
    try:
        return list(ox.parse(data, format=fmt, base_iri=base_iri))
    except SyntaxError as exc:
        raise LoadError(source, _clean(str(exc)), getattr(exc, "lineno", None)) from None
    except (ValueError, OSError) as exc:
        raise LoadError(source, _clean(str(exc))) from None


def parse_file(path: str | Path, fmt: ox.RdfFormat | None = None) -> list[ox.Quad]:
    p = Path(path)
    if not p.exists():
        raise LoadError(str(path), "no such file")
    if not p.is_file():
        raise LoadError(str(path), "not a regular file")
    fmt = fmt or format_for(path=p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise LoadError(str(path), exc.strerror or str(exc)) from None
    return parse_bytes(data, fmt, str(path), base_iri=p.resolve().as_uri())


def serialize(
    quads: Iterable[ox.Quad] | Iterable[ox.Triple], fmt: ox.RdfFormat, prefixes: dict[str, str] | None = None
) -> bytes:
    """Serialise quads (datasets) or triples (graph formats)."""
    out = (
        ox.serialize(quads, format=fmt, prefixes=prefixes)
        if prefixes and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)
        else ox.serialize(quads, format=fmt)
    )
    assert out is not None
    return out


def _clean(message: str) -> str:
    return " ".join(message.split())
