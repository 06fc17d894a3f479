"""Filings in the store: the shipped snapshot, and importing newer companyfacts documents.

- :func:`shipped_documents` — the seven SEC companyfacts documents shipped with the
  package (``ontology/filings/``, provenance in its ``PROVENANCE.md``);
- :func:`shipped_filings_quads` — what the importer makes of them; a seeded store holds
  these, computed once per process;
- :func:`import_companyfacts` — import documents into a store: each company's graph is
  rebuilt from what it held plus the new documents and all changed graphs are replaced
  in one validated transaction. Importing what is already there changes nothing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .errors import LoadError
from .knowledge import Knowledge
from .namespaces import DCTERMS, KG, PROV, QB, RDF, SKOS
from .resources import ontology_dir
from .sec import Fact, ImportReport, check_companyfacts, companyfacts_quads, facts_of, sec_graph

if TYPE_CHECKING:
    from .store import KnowledgeStore, LoadReport

__all__ = [
    "ImportResult",
    "changed_graphs",
    "import_companyfacts",
    "plan_import",
    "shipped_documents",
    "shipped_filings_quads",
    "stored_facts",
    "stored_names",
]

_SHIPPED = "sec-companyfacts.json"
Document = tuple[str, dict[str, Any]]  # (where it came from, the companyfacts document)


def shipped_documents() -> list[Document]:
    """The shipped companyfacts documents, in SEC's own shape."""
    path = ontology_dir() / "filings" / _SHIPPED
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise LoadError(str(path), f"cannot read the shipped filings: {exc}") from None
    columns = data["columns"]
    out: list[Document] = []
    for doc in data["documents"]:
        facts = {
            taxonomy: {
                concept: {
                    "units": {
                        unit: [dict(zip(columns, row, strict=False)) for row in rows] for unit, rows in units.items()
                    }
                }
                for concept, units in concepts.items()
            }
            for taxonomy, concepts in doc["facts"].items()
        }
        out.append((doc["file"], {"cik": doc["cik"], "entityName": doc["entityName"], "facts": facts}))
    return out


_CACHE: dict[tuple[object, ...], list[ox.Quad]] = {}


def _companies_key(k: Knowledge) -> tuple[object, ...]:
    return tuple(
        sorted(
            (e.iri, e.label, e.alt_labels, e.identifiers, e.fiscal_end_month, e.fiscal_end_weekday)
            for e in k.entities.values()
            if e.kind == "company"
        )
    )


def shipped_filings_quads(k: Knowledge) -> list[ox.Quad]:
    """The quads of the shipped filings for a store whose companies are those of ``k``.

    Computed once per process for one set of companies: every seeded store of a test
    run shares them.
    """
    key = _companies_key(k)
    if key not in _CACHE:
        graphs, _ = plan_import(ox.Store(), k, shipped_documents())
        _CACHE.clear()
        _CACHE[key] = [q for g in sorted(graphs) for q in graphs[g]]
    return _CACHE[key]


def stored_names(store: ox.Store, cik10: str) -> list[str]:
    """The filer names a company's graph keeps as alternative labels."""
    pred = ox.NamedNode(SKOS.altLabel)
    quads = store.quads_for_pattern(None, pred, None, ox.NamedNode(sec_graph(cik10)))
    return sorted({q.object.value for q in quads if isinstance(q.object, ox.Literal)})


def stored_facts(store: ox.Store, cik10: str) -> list[Fact]:
    """The facts a company's graph holds, as the importer read them from documents."""
    g = ox.NamedNode(sec_graph(cik10))
    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for q in store.quads_for_pattern(None, None, None, g):
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode | ox.Literal):
            props[q.subject.value][q.predicate.value].append(q.object.value)
    obs_of: dict[str, str] = {}
    for s, p in props.items():
        for old in p.get(str(PROV.wasRevisionOf), []):
            obs_of[old] = s
    out: list[Fact] = []
    for s, p in props.items():
        types = set(p.get(str(RDF.type), []))
        if not types & {str(QB.Observation), str(KG.SupersededValue)} or not p.get(str(KG.value)):
            continue
        base = props.get(obs_of.get(s, s), {})
        metric, period = base.get(str(KG.metric), [""])[0], props.get(base.get(str(KG.period), [""])[0], {})
        start, end = period.get(str(KG.startDate), [""])[0], period.get(str(KG.endDate), [""])[0]
        if not (metric and start and end):
            continue
        value = float(p[str(KG.value)][0])
        for src in p.get(str(PROV.wasDerivedFrom), []):
            fp = props.get(src, {})
            accn = fp.get(str(DCTERMS.identifier), [src.rsplit("/", 1)[-1]])[0]
            filed = fp.get(str(DCTERMS.date), [""])[0]
            form = fp.get(str(KG.form), ["?"])[0]
            for concept in p.get(str(KG.xbrlConcept), []):
                out.append(Fact(metric, start, end, filed, accn, value, concept, form))
    return out


def _cik10(doc: dict[str, Any], source: str) -> str:
    check_companyfacts(doc, source)
    try:
        return f"{int(doc['cik']):010d}"
    except (TypeError, ValueError):
        raise LoadError(source, f"bad CIK {doc.get('cik')!r}") from None


def _latest_filed(doc: dict[str, Any]) -> str:
    return max((f.filed for f in facts_of(doc, ImportReport(""))), default="")


def plan_import(
    store: ox.Store, k: Knowledge, documents: Sequence[Document]
) -> tuple[dict[str, list[ox.Quad]], list[ImportReport]]:
    """The new content of each company graph the documents touch, and a report per company.

    Documents of one company (several files, or a file and what the store holds) are
    merged; the document with the most recent filing gives the filer's current name.
    """
    by_cik: dict[str, list[Document]] = defaultdict(list)
    for source, doc in documents:
        by_cik[_cik10(doc, source)].append((source, doc))
    graphs: dict[str, list[ox.Quad]] = {}
    reports: list[ImportReport] = []
    for cik10, docs in sorted(by_cik.items()):
        docs.sort(key=lambda d: (_latest_filed(d[1]), d[0]))
        main_source, main = docs[-1]
        extra: list[Fact] = list(stored_facts(store, cik10))
        names = set(stored_names(store, cik10))
        for _source, doc in docs[:-1]:
            extra.extend(facts_of(doc, ImportReport("")))
            names.add(str(doc.get("entityName") or ""))
        names.discard("")
        quads, report = companyfacts_quads(main, k, source=main_source, stored=extra, names=names)
        graphs[sec_graph(cik10)] = quads
        reports.append(report)
    return graphs, reports


@dataclass
class ImportResult:
    reports: list[ImportReport]
    changed: list[str] = field(default_factory=list)  # the company graphs that changed
    load: LoadReport | None = None  # None when nothing changed


def changed_graphs(store: ox.Store, graphs: dict[str, list[ox.Quad]]) -> dict[str, list[ox.Quad]]:
    """The graphs whose new content differs from what ``store`` holds (in canonical literal forms)."""
    changed: dict[str, list[ox.Quad]] = {}
    for graph, quads in graphs.items():
        canon = ox.Store()
        canon.extend(quads)
        old = {q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))}
        if {q.triple for q in canon} != old:
            changed[graph] = quads
    return changed


def import_companyfacts(ks: KnowledgeStore, documents: Sequence[Document]) -> ImportResult:
    """Import companyfacts documents into ``ks``: validated, atomic, idempotent."""
    graphs, reports = plan_import(ks.store, ks.knowledge, documents)
    changed = changed_graphs(ks.store, graphs)
    if not changed:
        return ImportResult(reports)
    load = ks.replace_graphs(changed, source=", ".join(s for s, _ in documents))
    return ImportResult(reports, sorted(changed), load)
