"""Import analysts' tables (CSV) as sourced observations.

A table has one figure per row, with these columns (any order; other columns are ignored;
``mapping`` renames a file's own headers to these):

==========  ==========================================================================
subject     a company, group or market, by label, alias or ticker ("MSFT", "Google")
metric      a metric by label or synonym ("capex", "revenue", "AI capex")
period      "2025", "H1 2025", "Q3 2024", "2025-06", "FY2025", "Q1 FY2026" (the subject's
            fiscal calendar), or "2025-01-01/2025-06-30"
value       a number in base units, or with a scale: "$40B", "1.8 trillion", "44%"
unit        USD, ratio, percent or multiple (default: the metric's unit)
status      reported, estimate or forecast (default: reported)
qualifier   exact, approximately, at least, at most (default: exact)
source      the source's title (required)
quote       the sentence that states the figure (default: the row itself)
url, date   of the source, optional
==========  ==========================================================================

Every row is checked before anything is stored: rows that cannot be read are reported
with their line numbers, the rest is validated against the SHACL shapes like any load,
and then either everything is stored or nothing (:class:`~kg.errors.RowsRejected`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .errors import LoadError, RowsRejected, ValidationFailed
from .fiscal import company_period
from .knowledge import Knowledge
from .namespaces import DCTERMS, ID, KG, PROV, QB, RDF, RDFS, SCHEMA, SDMX_ATTR, SDMX_CODE, XSD
from .periods import Period
from .sec import normalise_name

if TYPE_CHECKING:
    from .store import KnowledgeStore, LoadReport

__all__ = ["COLUMNS", "import_table", "parse_period", "parse_value", "table_quads"]

COLUMNS = ("subject", "metric", "period", "value", "unit", "status", "qualifier", "source", "quote", "url", "date")
_REQUIRED = ("subject", "metric", "period", "value", "source")
_STATUS = {"reported": "A", "actual": "A", "a": "A", "estimate": "E", "estimated": "E", "e": "E"}
_STATUS |= {"forecast": "F", "f": "F", "projection": "F", "projected": "F"}
_QUALIFIER = {"exact": KG.Exact, "": KG.Exact, "approximately": KG.Approximately, "about": KG.Approximately}
_QUALIFIER |= {"approx": KG.Approximately, "~": KG.Approximately, "nearly": KG.Approximately}
_QUALIFIER |= {"at least": KG.AtLeast, "over": KG.AtLeast, "more than": KG.AtLeast, "at_least": KG.AtLeast}
_QUALIFIER |= {"at most": KG.AtMost, "up to": KG.AtMost, "under": KG.AtMost, "at_most": KG.AtMost}
_UNITS = {"usd": KG.USD, "$": KG.USD, "ratio": KG.Ratio, "percent": KG.Ratio, "%": KG.Ratio, "multiple": KG.Multiple}
_SCALES = {"t": 1e12, "trillion": 1e12, "tn": 1e12, "b": 1e9, "bn": 1e9, "billion": 1e9}
_SCALES |= {"m": 1e6, "mn": 1e6, "million": 1e6, "k": 1e3, "thousand": 1e3}


def parse_value(text: str) -> tuple[float, bool]:
    """A number and whether it was a percentage: "$40B" -> (4e10, False), "44%" -> (0.44, True).

    >>> parse_value("$1.8 trillion"), parse_value("44%"), parse_value("-3,500")
    ((1800000000000.0, False), (0.44, True), (-3500.0, False))
    """
    t = text.strip().lower().replace(",", "").replace("$", "").replace("usd", "").strip()
    m = re.fullmatch(r"([-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\s*(%|[a-z]+)?", t)
    if not m:
        raise ValueError(f"not a number: {text!r}")
    number, suffix = float(m.group(1)), m.group(2) or ""
    if suffix == "%":
        return number / 100, True
    if suffix and suffix not in _SCALES:
        raise ValueError(f"unknown scale {suffix!r} in {text!r}")
    return number * _SCALES.get(suffix, 1.0), False


def parse_period(text: str, k: Knowledge | None = None, subject: str | None = None) -> Period:
    """A period written the usual ways; fiscal ones ("FY2025", "Q1 FY26") in ``subject``'s calendar.

    >>> parse_period("H1 2025").label, parse_period("2024-Q3").label, parse_period("2025-01-01/2025-03-31").label
    ('H1 2025', 'Q3 2024', 'Q1 2025')
    """
    t = re.sub(r"\s+", " ", text.strip().upper())

    def year(y: str) -> int:
        return int(y) + 2000 if len(y) == 2 else int(y)

    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2}) ?(?:/|\.\.|TO) ?(\d{4}-\d{2}-\d{2})", t):
        return Period.from_dates(date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2)))
    if m := re.fullmatch(r"(?:CY)?(\d{4})", t):
        return Period.year(int(m.group(1)))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", t):
        return Period.month(int(m.group(1)), int(m.group(2)))
    fiscal = re.fullmatch(r"(?:(Q|H)([1-4]) ?)?(?:FY|FISCAL ) ?'?(\d{2}|\d{4})", t)
    if fiscal:
        kind, n, y = fiscal.group(1), fiscal.group(2), year(fiscal.group(3))
        if k is None or subject is None:
            raise ValueError(f"a fiscal period ({text!r}) needs a known subject")
        if kind == "H" and n not in ("1", "2"):
            raise ValueError(f"no half {n}")
        return company_period(k, subject, y, int(n) if kind == "Q" else None, half=int(n) if kind == "H" else None)
    for pattern in (r"(Q|H)([1-4]) ?(\d{4})", r"([1-4])(Q|H) ?(\d{4})", r"(\d{4}) ?-? ?(Q|H)([1-4])"):
        if m := re.fullmatch(pattern, t):
            parts = m.groups()
            kind = next(p for p in parts if p in ("Q", "H"))
            n = next(int(p) for p in parts if p.isdigit() and len(p) == 1)
            y = next(int(p) for p in parts if p.isdigit() and len(p) == 4)
            return Period.quarter(y, n) if kind == "Q" else Period.half(y, n)
    raise ValueError(f"not a period: {text!r}")


def _index(k: Knowledge, metrics: bool) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in k.entities.values():
        if (e.kind == "metric") != metrics:
            continue
        for name in e.names:
            for key in {name.casefold().strip(), normalise_name(name)}:
                out.setdefault(key, set()).add(e.iri)
    return out


def _resolve(index: dict[str, set[str]], text: str, what: str) -> str:
    for key in (text.casefold().strip(), normalise_name(text)):
        found = index.get(key, set())
        if len(found) == 1:
            return next(iter(found))
        if len(found) > 1:
            raise ValueError(f"the {what} {text!r} is ambiguous")
    raise ValueError(f"unknown {what} {text!r}")


def _h(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def table_quads(
    text: str, k: Knowledge, *, source: str = "table.csv", mapping: Mapping[str, str] | None = None
) -> tuple[list[ox.Quad], dict[str, int]]:
    """Quads of every row of a CSV ``text`` and the line each observation came from.

    Raises :class:`RowsRejected` listing every row that cannot be read.
    """
    rename = {h.casefold().strip(): c for h, c in (mapping or {}).items()}
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise RowsRejected(source, [(1, "no header row")])
    columns = [rename.get(h.casefold().strip(), h.casefold().strip()) for h in header]
    missing = [c for c in _REQUIRED if c not in columns]
    if missing:
        raise RowsRejected(source, [(1, f"no {', '.join(missing)} column (columns: {', '.join(header)})")])
    subjects, metrics = _index(k, metrics=False), _index(k, metrics=True)
    quads: list[ox.Quad] = []
    lines: dict[str, int] = {}
    errors: list[tuple[int, str]] = []

    def add(s: str, p: object, o: ox.NamedNode | ox.Literal) -> None:
        quads.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(str(p)), o))

    def lit(v: object, dt: object | None = None) -> ox.Literal:
        return ox.Literal(str(v), datatype=ox.NamedNode(str(dt))) if dt else ox.Literal(str(v))

    for raw in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in raw):
            continue
        row = {c: v.strip() for c, v in zip(columns, raw, strict=False) if c in COLUMNS}
        try:
            for c in _REQUIRED:
                if not row.get(c):
                    raise ValueError(f"empty {c}")
            subject = _resolve(subjects, row["subject"], "subject")
            metric = _resolve(metrics, row["metric"], "metric")
            period = parse_period(row["period"], k, subject)
            value, percent = parse_value(row["value"])
            unit_text = row.get("unit", "").casefold()
            if unit_text and unit_text not in _UNITS:
                raise ValueError(f"unknown unit {row['unit']!r}")
            if unit_text in ("percent", "%") and not percent:
                value /= 100
            metric_unit = k.entities[metric].unit
            unit = (
                _UNITS.get(unit_text) or (KG.Ratio if percent else None) or _UNITS.get((metric_unit or "").casefold())
            )
            if unit is None:
                raise ValueError("no unit (and the metric has none)")
            status = _STATUS.get(row.get("status", "reported").casefold() or "reported")
            qualifier = _QUALIFIER.get(row.get("qualifier", "").casefold())
            if status is None or qualifier is None:
                raise ValueError(f"unknown status or qualifier {row.get('status')!r} / {row.get('qualifier')!r}")
            when = date.fromisoformat(row["date"]) if row.get("date") else None
            url = ox.NamedNode(row["url"]) if row.get("url") else None
        except ValueError as exc:
            errors.append((line, str(exc)))
            continue
        src = f"{ID}source/table/{_h(row['source'], row.get('url', ''))}"
        obs = f"{ID}obs/table/{_h(row['source'], subject, metric, period.slug, status)}"
        lines[obs] = line
        piri = f"{ID}period/{period.slug}"
        add(obs, RDF.type, ox.NamedNode(str(QB.Observation)))
        add(obs, KG.subject, ox.NamedNode(subject))
        add(obs, KG.metric, ox.NamedNode(metric))
        add(obs, KG.period, ox.NamedNode(piri))
        add(obs, KG.value, lit(repr(value), XSD.double))
        add(obs, SDMX_ATTR.unitMeasure, ox.NamedNode(str(unit)))
        add(obs, KG.qualifier, ox.NamedNode(str(qualifier)))
        add(obs, SDMX_ATTR.obsStatus, ox.NamedNode(str(SDMX_CODE[f"obsStatus-{status}"])))
        add(obs, PROV.wasDerivedFrom, ox.NamedNode(src))
        add(obs, KG.quote, lit(row.get("quote") or f"{source} line {line}: {','.join(raw)}"))
        add(piri, RDF.type, ox.NamedNode(str(KG[period.rdf_class])))
        add(piri, RDFS.label, lit(period.label))
        assert period.start is not None and period.end is not None
        add(piri, KG.startDate, lit(period.start.isoformat(), XSD.date))
        add(piri, KG.endDate, lit(period.end.isoformat(), XSD.date))
        add(src, RDF.type, ox.NamedNode(str(KG.Source)))
        add(src, DCTERMS.title, lit(row["source"]))
        if url is not None:
            add(src, SCHEMA.url, url)
        if when:
            add(src, DCTERMS.date, lit(when.isoformat(), XSD.date))
    if errors:
        raise RowsRejected(source, errors)
    return quads, lines


def rejected_rows(exc: ValidationFailed, lines: dict[str, int], source: str) -> RowsRejected:
    """A SHACL failure of a table, as its rows' line numbers and messages."""
    rows = [(lines.get(getattr(v, "focus", ""), 0), str(v)) for v in exc.violations]
    return RowsRejected(source, sorted(rows))


def import_table(ks: KnowledgeStore, path: str | Path, *, mapping: Mapping[str, str] | None = None) -> LoadReport:
    """Read, check and store a CSV file: all of its rows, or nothing."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(str(path), f"cannot read: {exc}") from None
    quads, lines = table_quads(text, ks.knowledge, source=str(path), mapping=mapping)
    try:
        return ks.commit(quads, source=str(path), files=[str(path)])
    except ValidationFailed as exc:
        raise rejected_rows(exc, lines, str(path)) from None
