"""Reading and writing RDF safely: format names, parsing with line numbers, bounded size.

Parsing goes through Oxigraph's parsers, which never fetch anything: a JSON-LD
document with a remote ``@context`` is refused, RDF/XML external entities are not
resolved. On top of that:

- RDF/XML with a document type declaration is refused before it is parsed: a DTD is
  where entities are declared, and a few nested internal entities expand a page of XML
  into gigabytes. RDF/XML has no use for a DTD.
- :class:`ParseLimits` caps the size of any one literal and of the whole parsed
  document; a document past either cap raises :class:`DocumentTooLarge` and nothing of
  it is kept. Uploads are parsed with caps (the HTTP service passes its settings); local
  files an operator loads are not capped unless a caller asks.
"""

from __future__ import annotations

import xml.parsers.expat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import DocumentTooLarge, LoadError

__all__ = ["DEFAULT_LIMITS", "FORMATS", "ParseLimits", "format_for", "parse_bytes", "parse_file", "serialize"]


@dataclass(frozen=True)
class ParseLimits:
    """Size caps of parsed data, in bytes of UTF-8 text."""

    max_literal: int = 1 << 20
    """The longest literal (a quote, a label, a comment)."""
    max_document: int = 256 << 20
    """The largest document, counted as the text of its statements (about its N-Quads size)."""


#: The default caps (the defaults of the service's settings).
DEFAULT_LIMITS = ParseLimits()

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
    data: bytes | str,
    fmt: ox.RdfFormat,
    source: str = "data",
    base_iri: str | None = None,
    limits: ParseLimits | None = None,
) -> list[ox.Quad]:
    """Parse a whole document into quads; raise LoadError naming the source and line, and
    :class:`DocumentTooLarge` past ``limits`` (when given)."""
    if fmt == ox.RdfFormat.RDF_XML:
        _refuse_doctype(data, source)
    try:
        quads = ox.parse(data, format=fmt, base_iri=base_iri)
        return list(quads) if limits is None else _bounded(quads, source, limits)
    except SyntaxError as exc:
        raise LoadError(source, _clean(str(exc)), getattr(exc, "lineno", None)) from None
    except MemoryError as exc:  # Oxigraph's parsers buffer one token (a literal, an IRI) in at most 16 MiB
        raise DocumentTooLarge(source, f"a token is too long to parse ({_clean(str(exc))})") from None
    except (ValueError, OSError) as exc:
        raise LoadError(source, _clean(str(exc))) from None


def parse_file(path: str | Path, fmt: ox.RdfFormat | None = None, limits: ParseLimits | None = None) -> list[ox.Quad]:
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
    return parse_bytes(data, fmt, str(path), base_iri=p.resolve().as_uri(), limits=limits)


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


def _bounded(quads: Iterable[ox.Quad], source: str, limits: ParseLimits) -> list[ox.Quad]:
    """The quads, read one by one and refused as soon as one literal or the total is too big."""
    max_literal, max_document = limits.max_literal, limits.max_document
    out: list[ox.Quad] = []
    size = 0
    literal = ox.Literal
    for q in quads:
        o = q.object
        if type(o) is literal:
            n = len(o.value)
            if n * 4 > max_literal:  # UTF-8 takes at most 4 bytes a character: count only then
                n = len(o.value.encode("utf-8"))
                if n > max_literal:
                    raise DocumentTooLarge(
                        source, f"a literal of {n} bytes is longer than the {max_literal} bytes allowed"
                    )
            size += n
        else:
            size += len(str(o))
        s = q.subject
        size += (len(str(s)) if type(s) is ox.Triple else len(s.value)) + len(q.predicate.value) + 8
        if size > max_document:
            raise DocumentTooLarge(source, f"the document is larger than the {max_document} bytes allowed")
        out.append(q)
    return out


class _PrologEnd(Exception):
    """The first element was reached: the prolog held no document type declaration."""


def _refuse_doctype(data: bytes | str, source: str) -> None:
    """Raise LoadError when an XML document declares a document type (and so may declare
    entities). Only the prolog is read; well-formedness is left to the RDF/XML parser."""
    parser = xml.parsers.expat.ParserCreate()

    def doctype(*_: object) -> None:
        raise LoadError(
            source,
            "RDF/XML with a document type declaration (<!DOCTYPE ...>, DTDs and entity declarations) is not accepted",
            parser.CurrentLineNumber,
        )

    def element(*_: object) -> None:
        raise _PrologEnd

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = element
    try:
        parser.Parse(data, True)
    except (_PrologEnd, xml.parsers.expat.ExpatError):
        return


def _clean(message: str) -> str:
    return " ".join(message.split())
