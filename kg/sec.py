"""Import SEC EDGAR XBRL "companyfacts" documents as sourced observations.

What the importer gets right:

- one entity per company: a filer is matched by CIK, then by its normalised name
  ("AMAZON COM INC" is Amazon, "Facebook, Inc." is Meta); a company first met in a
  filing gets a clean label ("Nvidia") with the filer name as an alternative label;
- both capex tags are one metric (cash capital expenditure, ``m:capex``) and both
  revenue tags one revenue metric; the tag is kept as ``kg:xbrlConcept``;
- 10-Q cash-flow values are year-to-date; they are stored as what they are (Jan-Jun is a
  six-month period) and reasoning derives the single quarters;
- the same figure repeated by later filings is one observation whose sources are every
  filing (``kg:Filing`` with form, filed date and accession number) that reported it;
- restatements: when filings give one period different values, the latest filing's value
  is the observation; each earlier value is a ``kg:SupersededValue`` the observation
  points to with ``prov:wasRevisionOf``, with its own filings. History, not a conflict;
- instant facts (no ``start``) and units other than USD are skipped and counted.

Each company's filings live in their own named graph (:func:`sec_graph`), so a newer
document replaces them in one step: :func:`kg.filings.stored_facts` reads back what a
graph holds, and the quads of (stored facts + new facts) are the same whatever order
they came in.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import LoadError
from .fiscal import FiscalCalendar, period_label, period_node_label
from .knowledge import Knowledge
from .namespaces import DCTERMS, ID, KG, PROV, QB, RDF, RDFS, SCHEMA, SDMX_ATTR, SDMX_CODE, SKOS, XSD, M
from .periods import Period

__all__ = [
    "CONCEPTS",
    "Fact",
    "ImportReport",
    "clean_label",
    "companyfacts_quads",
    "match_company",
    "normalise_name",
    "read_companyfacts",
    "sec_graph",
]

#: XBRL concepts the importer understands -> metric IRIs.
CONCEPTS: dict[str, str] = {
    "PaymentsToAcquirePropertyPlantAndEquipment": str(M["capex"]),
    "PaymentsToAcquireProductiveAssets": str(M["capex"]),
    "Revenues": str(M["revenue"]),
    "RevenueFromContractWithCustomerExcludingAssessedTax": str(M["revenue"]),
}
_WORDS = {str(M["capex"]): "purchases of property and equipment (cash capex)", str(M["revenue"]): "revenue"}
_PUBLISHER = "U.S. Securities and Exchange Commission (EDGAR)"
_SUFFIXES = {"inc", "incorporated", "corp", "corporation", "co", "com", "company", "ltd", "limited", "llc", "plc"}
_SUFFIXES |= {"sa", "nv", "ag", "se", "the", "de", "del", "holdings"}


def sec_graph(cik10: str) -> str:
    """The named graph that holds one company's filings."""
    return f"https://kgbot.dev/graph/sec/{cik10}"


@dataclass(frozen=True, order=True)
class Fact:
    """One reported figure of one filing (an entry of companyfacts)."""

    metric: str
    start: str
    end: str
    filed: str
    accn: str
    value: float
    concept: str
    form: str


@dataclass
class ImportReport:
    company: str
    observations: int = 0
    filings: int = 0
    restated: int = 0
    new_company: bool = False
    skipped: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def read_companyfacts(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LoadError(str(path), "no such file") from None
    except json.JSONDecodeError as exc:
        raise LoadError(str(path), f"not JSON: {exc.msg}", exc.lineno) from None
    check_companyfacts(doc, str(path))
    return doc


def check_companyfacts(doc: object, source: str) -> None:
    if not isinstance(doc, dict) or "facts" not in doc or "cik" not in doc:
        raise LoadError(source, "not an SEC companyfacts document (needs 'cik' and 'facts')")


def normalise_name(name: str) -> str:
    """A filer or company name without case, punctuation and legal suffixes.

    >>> normalise_name("AMAZON COM INC"), normalise_name("Amazon.com, Inc."), normalise_name("Facebook, Inc.")
    ('amazon', 'amazon', 'facebook')
    """
    words = re.sub(r"[^0-9a-z&]+", " ", name.lower().replace("'", "")).split()
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return " ".join(words)


def clean_label(name: str) -> str:
    """A display name for a filer: "NVIDIA CORP" -> "Nvidia", "Example Corp" -> "Example".

    >>> clean_label("NVIDIA CORP"), clean_label("Meta Platforms, Inc."), clean_label("AT&T INC")
    ('Nvidia', 'Meta Platforms', 'AT&T')
    """
    words = [w for w in re.split(r"\s+", name.replace(",", " ").strip()) if w]
    while len(words) > 1 and normalise_name(words[-1]) in _SUFFIXES | {""}:
        words.pop()
    if name.upper() == name:
        words = [w.capitalize() if len(w) > 3 and w.isalpha() else w for w in words]
    return " ".join(words) or name


def match_company(k: Knowledge | None, cik10: str, name: str) -> str | None:
    """The IRI of the company with this CIK, else of the one with this normalised name."""
    if k is None:
        return None
    companies = [e for e in k.entities.values() if e.kind == "company"]
    for e in companies:
        if cik10 in e.identifiers:
            return e.iri
    wanted = normalise_name(name)
    for e in sorted(companies, key=lambda e: e.iri):
        if not e.identifiers and wanted in {normalise_name(n) for n in (e.label, *e.alt_labels)}:
            return e.iri
    return None


def facts_of(doc: dict[str, Any], report: ImportReport) -> list[Fact]:
    out: list[Fact] = []
    for taxonomy, concepts in (doc.get("facts") or {}).items():
        if not isinstance(concepts, dict):
            continue
        for concept, body in concepts.items():
            metric = CONCEPTS.get(concept) if taxonomy == "us-gaap" else None
            if metric is None:
                report.skipped[f"concept {taxonomy}:{concept}"] += 1
                continue
            for unit, rows in ((body or {}).get("units") or {}).items():
                for row in rows:
                    if unit != "USD":
                        report.skipped[f"unit {unit}"] += 1
                    elif "start" not in row:
                        report.skipped["instant fact"] += 1
                    elif not _dated(row):
                        report.skipped["bad entry"] += 1
                    else:
                        out.append(
                            Fact(
                                metric,
                                row["start"],
                                row["end"],
                                str(row.get("filed") or ""),
                                str(row["accn"]),
                                float(row["val"]),
                                f"{taxonomy}:{concept}",
                                str(row.get("form") or "?"),
                            )
                        )
    return out


def _dated(row: dict[str, Any]) -> bool:
    try:
        s, e = date.fromisoformat(row["start"]), date.fromisoformat(row["end"])
        float(row["val"])
        return bool(row["accn"]) and s <= e
    except (KeyError, TypeError, ValueError):
        return False


def _calendar(facts: Iterable[Fact]) -> FiscalCalendar:
    """The fiscal calendar the annual figures of 10-Ks imply."""
    ends = []
    for f in facts:
        s, e = date.fromisoformat(f.start), date.fromisoformat(f.end)
        if f.form.startswith("10-K") and 357 <= (e - s).days <= 372:
            ends.append(e)
    if not ends:
        return FiscalCalendar()
    if all((e + _day).day == 1 for e in ends):
        months = [e.month for e in ends]
        return FiscalCalendar(max(set(months), key=months.count))
    weekdays = [e.weekday() for e in ends]
    months = [(e - 7 * _day).month if e.day <= 6 else e.month for e in ends]
    return FiscalCalendar(max(set(months), key=months.count), max(set(weekdays), key=weekdays.count))


_day = date(2000, 1, 2) - date(2000, 1, 1)


def _nn(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _lit(value: object, datatype: object | None = None) -> ox.Literal:
    if datatype is None:
        return ox.Literal(str(value))
    return ox.Literal(str(value), datatype=_nn(datatype))


def _number(value: float) -> ox.Literal:
    return _lit(int(value), XSD.decimal) if value == int(value) else _lit(repr(value), XSD.double)


def companyfacts_quads(
    doc: dict[str, Any],
    k: Knowledge | None = None,
    *,
    source: str = "companyfacts",
    stored: Iterable[Fact] = (),
    names: Iterable[str] = (),
) -> tuple[list[ox.Quad], ImportReport]:
    """Quads for every duration fact of the known concepts in ``doc``, plus ``stored`` facts.

    The quads are in the company's graph (:func:`sec_graph`) and describe all of its
    filings, so they replace what that graph held; ``names`` are more filer names to keep
    (earlier ones, from the graph or other documents). The result depends only on the
    facts and names, not on their order: importing a document twice changes nothing.
    """
    check_companyfacts(doc, source)
    try:
        cik10 = f"{int(doc['cik']):010d}"
    except (TypeError, ValueError):
        raise LoadError(source, f"bad CIK {doc.get('cik')!r}") from None
    name = str(doc.get("entityName") or f"CIK {cik10}")
    matched = match_company(k, cik10, name)
    minted = f"{ID}org/cik-{cik10}"
    company = matched or minted
    report = ImportReport(company=company, new_company=matched is None)
    facts = sorted(set(facts_of(doc, report)) | set(stored))
    filer_names = sorted({name, *names})
    g = _nn(sec_graph(cik10))
    quads: list[ox.Quad] = []

    def add(s: object, p: object, o: ox.NamedNode | ox.Literal) -> None:
        quads.append(ox.Quad(_nn(s), _nn(p), o, g))

    def label(s: object, p: object, text: str) -> None:
        quads.append(ox.Quad(_nn(s), _nn(p), ox.Literal(text, language="en"), g))

    entity = k.entities.get(company) if k is not None else None
    if company == minted:  # the importer's own entity: its description lives in this graph
        shown = entity.label if entity is not None else clean_label(name)
        cal = _calendar(facts)
        add(company, RDF.type, _nn(KG.Company))
        label(company, SKOS.prefLabel, shown)
        add(company, KG.fiscalYearEndMonth, _lit(cal.end_month, XSD.integer))
        if cal.end_weekday is not None:
            day = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[cal.end_weekday]
            add(company, KG.fiscalYearEndWeekday, _nn(f"http://www.w3.org/2006/time#{day}"))
    else:
        assert entity is not None
        shown = entity.label
        cal = FiscalCalendar(entity.fiscal_end_month, entity.fiscal_end_weekday, entity.fiscal_extra_week_quarter)
    add(company, KG.secCIK, _lit(cik10))
    for n in filer_names:
        if n != shown:
            label(company, SKOS.altLabel, n)

    groups: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    for f in facts:
        groups[(f.metric, f.start, f.end)].append(f)
    filings: dict[str, Fact] = {}
    periods: set[Period] = set()
    for (metric, start, end), rows in sorted(groups.items()):
        period = Period.from_dates(date.fromisoformat(start), date.fromisoformat(end))
        periods.add(period)
        rows.sort(key=lambda f: (f.filed, f.accn))
        for f in rows:
            filings.setdefault(f.accn, f)
        current = rows[-1].value
        obs = f"{ID}obs/sec/{cik10}/{metric.rsplit('/', 1)[-1]}/{start}_{end}"
        by_value: dict[float, list[Fact]] = defaultdict(list)
        for f in rows:
            by_value[f.value].append(f)
        for value, same in by_value.items():
            node = obs if value == current else f"{obs}/was/{int(value)}"
            latest = same[-1]
            concepts = sorted({f.concept for f in same})
            if value == current:
                add(node, RDF.type, _nn(QB.Observation))
                add(node, KG.subject, _nn(company))
                add(node, KG.metric, _nn(metric))
                add(node, KG.period, _nn(_period_iri(period)))
                add(node, KG.qualifier, _nn(KG.Exact))
                add(node, SDMX_ATTR.obsStatus, _nn(SDMX_CODE["obsStatus-A"]))
                add(node, PROV.wasAttributedTo, _nn(company))
                report.observations += 1
            else:
                add(node, RDF.type, _nn(KG.SupersededValue))
                add(node, KG.subject, _nn(company))
                add(node, KG.metric, _nn(metric))
                add(node, KG.period, _nn(_period_iri(period)))
                add(obs, PROV.wasRevisionOf, _nn(node))
                report.restated += 1
            add(node, KG.value, _number(value))
            add(node, SDMX_ATTR.unitMeasure, _nn(KG.USD))
            for concept in concepts:
                add(node, KG.xbrlConcept, _lit(concept))
            add(
                node,
                KG.quote,
                _lit(
                    f"{shown}'s {latest.form} filed {latest.filed or '(date unknown)'} reports "
                    f"{_WORDS.get(metric, metric)} of {_money(value)} for {period_label(cal, period)} "
                    f"({start} to {end}; {', '.join(concepts)}; accession {latest.accn})."
                ),
            )
            for f in same:
                add(node, PROV.wasDerivedFrom, _nn(filing_iri(cik10, f.accn)))

    for period in periods:
        piri = _period_iri(period)
        add(piri, RDF.type, _nn(KG[period.rdf_class]))
        add(piri, RDFS.label, _lit(period_node_label(cal, period)))
        assert period.start and period.end
        add(piri, KG.startDate, _lit(period.start.isoformat(), XSD.date))
        add(piri, KG.endDate, _lit(period.end.isoformat(), XSD.date))

    for accn, f in sorted(filings.items()):
        fi = filing_iri(cik10, accn)
        add(fi, RDF.type, _nn(KG.Filing))
        add(fi, RDF.type, _nn(KG.Source))
        title = f"{shown} {f.form}" + (f" filed {f.filed}" if f.filed else "") + f" (accession {accn})"
        add(fi, DCTERMS.title, _lit(title))
        add(fi, DCTERMS.publisher, _lit(_PUBLISHER))
        if f.filed:
            add(fi, DCTERMS.date, _lit(f.filed, XSD.date))
        add(fi, DCTERMS.identifier, _lit(accn))
        add(fi, KG.form, _lit(f.form))
        add(fi, SCHEMA.url, _nn(f"https://www.sec.gov/Archives/edgar/data/{int(cik10)}/{accn.replace('-', '')}/"))
    report.filings = len(filings)
    return quads, report


def _money(value: float) -> str:
    return f"{int(value):,} USD" if value == int(value) else f"{value:,.2f} USD"


def _period_iri(period: Period) -> str:
    return f"{ID}period/{period.slug}"


def filing_iri(cik10: str, accn: str) -> str:
    return f"{ID}source/sec/{cik10}/{accn}"
