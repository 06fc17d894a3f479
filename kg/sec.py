"""Import SEC EDGAR XBRL "companyfacts" documents as sourced observations.

What the importer gets right:

- 10-Q cash-flow values are year-to-date; they are stored as what they are (Jan-Jun is a
  six-month period), and reasoning derives the single quarters (Q2 = H1 - Q1,
  Q4 = FY - nine months) with the filings as their sources;
- the same fact repeated by later filings is one observation whose sources are every
  filing (accession number) that reported it; a filing that reports a different value
  for the same period becomes a second observation, which reasoning flags as a conflict;
- instant facts (no ``start``) and units other than USD are skipped and counted.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import LoadError
from .knowledge import Knowledge
from .namespaces import DCTERMS, ID, KG, PROV, QB, RDF, RDFS, SCHEMA, SDMX_ATTR, SDMX_CODE, SKOS, XSD, M
from .periods import Period

__all__ = ["CONCEPTS", "ImportReport", "companyfacts_quads", "read_companyfacts"]

#: XBRL concepts the importer understands -> metric IRIs.
CONCEPTS: dict[str, str] = {
    "PaymentsToAcquirePropertyPlantAndEquipment": str(M["capex"]),
    "PaymentsToAcquireProductiveAssets": str(M["capex"]),
    "Revenues": str(M["revenue"]),
    "RevenueFromContractWithCustomerExcludingAssessedTax": str(M["revenue"]),
}

_PUBLISHER = "U.S. Securities and Exchange Commission (EDGAR)"


@dataclass
class ImportReport:
    company: str
    observations: int = 0
    filings: int = 0
    skipped: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def read_companyfacts(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LoadError(str(path), "no such file") from None
    except json.JSONDecodeError as exc:
        raise LoadError(str(path), f"not JSON: {exc.msg}", exc.lineno) from None
    if not isinstance(doc, dict) or "facts" not in doc or "cik" not in doc:
        raise LoadError(str(path), "not an SEC companyfacts document (needs 'cik' and 'facts')")
    return doc


def _nn(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _lit(value: object, datatype: object | None = None) -> ox.Literal:
    if datatype is None:
        return ox.Literal(str(value))
    return ox.Literal(str(value), datatype=_nn(datatype))


def _company(doc: dict[str, Any], k: Knowledge | None, cik10: str) -> tuple[str, bool]:
    """The IRI of the filer: an entity with this CIK in the graph, or a new one."""
    if k is not None:
        for e in k.entities.values():
            if cik10 in getattr(e, "identifiers", ()):
                return e.iri, False
    return f"{ID}org/cik-{cik10}", True


def companyfacts_quads(
    doc: dict[str, Any], k: Knowledge | None = None, *, source: str = "companyfacts"
) -> tuple[list[ox.Quad], ImportReport]:
    """Quads for every duration fact of the known concepts in ``doc``."""
    try:
        cik10 = f"{int(doc['cik']):010d}"
    except (TypeError, ValueError):
        raise LoadError(source, f"bad CIK {doc.get('cik')!r}") from None
    name = str(doc.get("entityName") or f"CIK {cik10}")
    company, new = _company(doc, k, cik10)
    report = ImportReport(company=company)
    quads: list[ox.Quad] = []

    def add(s: object, p: object, o: ox.NamedNode | ox.Literal) -> None:
        quads.append(ox.Quad(_nn(s), _nn(p), o))

    facts = doc.get("facts", {})
    entries: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    fy_end_months: list[int] = []
    for taxonomy, concepts in facts.items():
        if not isinstance(concepts, dict):
            continue
        for concept, body in concepts.items():
            metric = CONCEPTS.get(concept)
            if metric is None:
                report.skipped[f"concept {taxonomy}:{concept}"] += 1
                continue
            for unit, rows in (body.get("units") or {}).items():
                for row in rows:
                    if unit != "USD":
                        report.skipped[f"unit {unit}"] += 1
                        continue
                    if "start" not in row:
                        report.skipped["instant fact"] += 1
                        continue
                    entries[(concept, row["start"], row["end"])].append(row)
                    if row.get("fp") == "FY" and row.get("form", "").startswith("10-K"):
                        try:
                            s, e = date.fromisoformat(row["start"]), date.fromisoformat(row["end"])
                        except ValueError:
                            continue
                        if 360 <= (e - s).days <= 371:
                            fy_end_months.append(e.month)

    if new:
        add(company, RDF.type, _nn(KG.Company))
        quads.append(ox.Quad(_nn(company), _nn(SKOS.prefLabel), ox.Literal(name, language="en")))
        add(company, KG.secCIK, _lit(cik10))
        if fy_end_months:
            add(company, KG.fiscalYearEndMonth, _lit(max(set(fy_end_months), key=fy_end_months.count), XSD.integer))

    filings: dict[str, dict[str, Any]] = {}
    periods: set[Period] = set()
    for (concept, start, end), rows in sorted(entries.items()):
        try:
            period = Period.from_dates(date.fromisoformat(start), date.fromisoformat(end))
        except ValueError:
            report.skipped["bad dates"] += 1
            continue
        periods.add(period)
        by_value: dict[float, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            by_value[float(row["val"])].append(row)
            filings[row["accn"]] = row
        for value, same in by_value.items():
            same.sort(key=lambda r: r.get("filed", ""))
            first = same[0]
            obs = f"{ID}obs/sec/{cik10}/{concept}/{start}_{end}" + ("" if len(by_value) == 1 else f"/{int(value)}")
            add(obs, RDF.type, _nn(QB.Observation))
            add(obs, KG.subject, _nn(company))
            add(obs, KG.metric, _nn(CONCEPTS[concept]))
            add(obs, KG.period, _nn(f"{ID}period/{period.slug}"))
            add(obs, KG.value, _lit(value, XSD.decimal) if value == int(value) else _lit(value, XSD.double))
            add(obs, SDMX_ATTR.unitMeasure, _nn(KG.USD))
            add(obs, KG.qualifier, _nn(KG.Exact))
            add(obs, SDMX_ATTR.obsStatus, _nn(SDMX_CODE["obsStatus-A"]))
            add(obs, PROV.wasAttributedTo, _nn(company))
            add(obs, KG.qualifierText, _lit(f"us-gaap:{concept}"))
            add(
                obs,
                KG.quote,
                _lit(
                    f"{name} reported {concept} of {int(value):,} USD for {start} to {end} "
                    f"(form {first.get('form', '?')} filed {first.get('filed', '?')}, accession {first['accn']})."
                ),
            )
            for row in same:
                add(obs, PROV.wasDerivedFrom, _nn(_filing_iri(cik10, row["accn"])))
            report.observations += 1

    for period in periods:
        piri = f"{ID}period/{period.slug}"
        add(piri, RDF.type, _nn(KG[period.rdf_class]))
        add(piri, RDFS.label, _lit(period.label))
        assert period.start and period.end
        add(piri, KG.startDate, _lit(period.start.isoformat(), XSD.date))
        add(piri, KG.endDate, _lit(period.end.isoformat(), XSD.date))

    for accn, row in sorted(filings.items()):
        f = _filing_iri(cik10, accn)
        add(f, RDF.type, _nn(KG.Source))
        add(f, DCTERMS.title, _lit(f"{name} form {row.get('form', '?')} (accession {accn})"))
        add(f, DCTERMS.publisher, _lit(_PUBLISHER))
        if row.get("filed"):
            add(f, DCTERMS.date, _lit(row["filed"], XSD.date))
        add(f, DCTERMS.identifier, _lit(accn))
        add(f, SCHEMA.url, _nn(f"https://www.sec.gov/Archives/edgar/data/{int(cik10)}/{accn.replace('-', '')}/"))
    report.filings = len(filings)
    return quads, report


def _filing_iri(cik10: str, accn: str) -> str:
    return f"{ID}source/sec/{cik10}/{accn}"
