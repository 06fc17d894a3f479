"""The knowledge snapshot: the stated facts of the graph as Python objects.

:func:`read_knowledge` reads a store once into :class:`Knowledge` — entities with every
label users may type, observations with their values, qualifiers and quotes, stated
relations, qualitative claims, sources and periods. Reasoning and question answering
work on this snapshot; it is rebuilt after every change of data.
"""

from __future__ import annotations

import bisect
import copy
import operator
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import NamedTuple

import pyoxigraph as ox

from .namespaces import (
    DCTERMS,
    DERIVED_GRAPH,
    KG,
    ORG,
    OWL,
    PROV,
    QB,
    QUALIFIER_CODES,
    RDF,
    RDFS,
    SCHEMA,
    SDMX_ATTR,
    SKOS,
    STATUS_CODES,
    UNIT_CODES,
)
from .periods import Period
from .values import Value

__all__ = [
    "Claim",
    "Entity",
    "Knowledge",
    "Observation",
    "Quantity",
    "Relation",
    "Revision",
    "Source",
    "read_knowledge",
]


class Quantity(NamedTuple):
    """What a number is about: (subject IRI, metric IRI, period)."""

    subject: str
    metric: str
    period: Period


@dataclass(frozen=True)
class Source:
    iri: str
    title: str
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    #: SEC filings (kg:Filing): the form ("10-K", "10-Q") and the accession number;
    #: ``date`` is the day it was filed
    form: str | None = None
    accession: str | None = None


@dataclass(frozen=True)
class Entity:
    """Anything with a name users may type: organisations, markets, metrics, concepts."""

    iri: str
    label: str
    kind: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    definition: str | None = None
    broader: tuple[str, ...] = ()
    #: skos:related: for a metric, the metric a company's figure of it is stated as ("AI spending" as "AI capex")
    related: tuple[str, ...] = ()
    schemes: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    member_of: tuple[str, ...] = ()
    membership_complete: bool = False
    fiscal_end_month: int = 12
    unit: str | None = None
    additive: bool = True
    share_base: str | None = None
    #: for a ratio of two metrics (capex intensity): (numerator, denominator)
    ratio_of: tuple[str, str] | None = None
    types: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    #: 52/53-week fiscal years end on the last of this weekday (0 = Monday ... 6 = Sunday)
    #: of ``fiscal_end_month``; None: on the month's last day. See :mod:`kg.fiscal`.
    fiscal_end_weekday: int | None = None
    #: the quarter that has 14 weeks in a 53-week fiscal year
    fiscal_extra_week_quarter: int = 4

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.alt_labels, *self.tickers, *self.hidden_labels)


@dataclass(frozen=True)
class Revision:
    """A value earlier filings gave for a period, before a later filing restated it."""

    iri: str
    value: Value
    sources: tuple[str, ...]  # the filings that gave this value
    latest_source: str | None  # the last of them
    form: str | None  # of the last of them: "10-K"
    filed: str | None  # "2016-02-11"
    accession: str | None
    concepts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Observation:
    """A stated figure with its provenance.

    Figures from SEC filings also carry the XBRL tags they were reported under
    (``concepts``), the latest filing that states the value (``current_source``, a key of
    :attr:`Knowledge.sources`, also first in ``sources``, which lists filings newest first)
    and the values earlier filings gave before a restatement (``restated_from``, oldest
    first).
    """

    iri: str
    quantity: Quantity
    value: Value
    status: str
    qualifier_text: str | None
    quotes: tuple[str, ...]
    sources: tuple[str, ...]
    attributed_to: tuple[str, ...] = ()
    comment: str | None = None
    concepts: tuple[str, ...] = ()
    current_source: str | None = None
    restated_from: tuple[Revision, ...] = ()

    @property
    def from_filing(self) -> bool:
        """True for figures read from SEC filings."""
        return self.current_source is not None

    @property
    def restated(self) -> bool:
        return bool(self.restated_from)


@dataclass(frozen=True)
class Relation:
    """A stated relation between quantities (a growth, a share)."""

    iri: str
    kind: str  # "change" | "share"
    refs: dict[str, Quantity]  # change: from, to; share: part, share, whole
    rate: Value | None = None
    multiple: Value | None = None
    difference: Value | None = None
    status: str | None = None
    qualifier_text: str | None = None
    quotes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    attributed_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class Claim:
    """A qualitative statement of a source."""

    iri: str
    subjects: tuple[str, ...]
    predicate: str
    objects: tuple[str, ...]
    statement: str | None
    quotes: tuple[str, ...]
    sources: tuple[str, ...]
    about: tuple[str, ...] = ()
    period: Period | None = None
    metric: str | None = None
    status: str | None = None


@dataclass
class Knowledge:
    entities: dict[str, Entity] = field(default_factory=dict)
    observations: list[Observation] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    periods: dict[str, Period] = field(default_factory=dict)
    predicate_labels: dict[str, str] = field(default_factory=dict)
    predicate_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    class_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    facts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    generation: int = 0
    #: keys of the periods a source calls its present ('already', 'today'): kg:SourcePresent
    present: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.by_quantity: dict[Quantity, list[Observation]] = defaultdict(list)
        for obs in self.observations:
            self.by_quantity[obs.quantity].append(obs)
        self._narrower: dict[str, list[Entity]] = defaultdict(list)
        for e in self.entities.values():
            for b in e.broader:
                self._narrower[b].append(e)

    def series(self) -> dict[str, dict[str, set[Period]]]:
        """subject → metric → the periods it has stated observations for (built once)."""
        index: dict[str, dict[str, set[Period]]] | None = self.__dict__.get("_series")
        if index is None:
            index = {}
            for q in self.by_quantity:
                index.setdefault(q.subject, {}).setdefault(q.metric, set()).add(q.period)
            self.__dict__["_series"] = index
        return index

    def with_observations(self, new: list[Observation], generation: int) -> Knowledge:
        """This snapshot with ``new`` observations added; this one is left as it is (readers
        may hold it), and what the two share is shared, not rebuilt."""
        out = copy.copy(self)  # the same entities, periods, sources ...; no __post_init__
        by_iri = operator.attrgetter("iri")
        observations = list(self.observations)
        for o in new:
            bisect.insort(observations, o, key=by_iri)
        out.observations = observations
        out.generation = generation
        # quantities in the order of their first observation, as __post_init__ makes them
        items = list(self.by_quantity.items())

        def first(item: tuple[Quantity, list[Observation]]) -> str:
            return item[1][0].iri

        current: dict[Quantity, list[Observation]] = {}
        for o in sorted(new, key=by_iri):
            q = o.quantity
            held = current.get(q) or self.by_quantity.get(q)
            if held:
                at = bisect.bisect_left(items, held[0].iri, key=first)
                if at >= len(items) or items[at][0] != q:  # several quantities share an IRI
                    at = next(i for i, item in enumerate(items) if item[0] == q)
                del items[at]
                held = sorted([*held, o], key=by_iri)
            else:
                held = [o]
            current[q] = held
            items.insert(bisect.bisect_right(items, held[0].iri, key=first), (q, held))
        out.by_quantity = defaultdict(list, items)
        series = self.__dict__.get("_series")
        if series is not None:
            series = dict(series)
            for o in new:
                q = o.quantity
                metrics = series[q.subject] = dict(series.get(q.subject, {}))
                metrics[q.metric] = {*metrics.get(q.metric, ()), q.period}
            out.__dict__["_series"] = series
        return out

    def label(self, iri: str) -> str:
        e = self.entities.get(iri)
        if e is not None:
            return e.label
        if iri in self.predicate_labels:
            return self.predicate_labels[iri]
        return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    def of_kind(self, *kinds: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind in kinds]

    def filers(self) -> set[str]:
        """The subjects with figures from filings."""
        return {o.quantity.subject for o in self.observations if o.from_filing}

    def narrower(self, iri: str) -> list[Entity]:
        """Entities whose skos:broader is ``iri``."""
        return self._narrower.get(iri, [])


# ---------------------------------------------------------------- reading

_KINDS = [  # most specific first
    (KG.SpendingCategory, "spending_category"),
    (KG.Company, "company"),
    (KG.PeerGroup, "group"),
    (KG.AILab, "ai_lab"),
    (KG.AnalystFirm, "analyst_firm"),
    (KG.Publisher, "publisher"),
    (KG.Person, "person"),
    (KG.Metric, "metric"),
    (KG.HardwareCategory, "hardware"),
    (KG.InvestorKPI, "kpi"),
    (KG.Modality, "modality"),
    (KG.SoftwareUse, "software_use"),
    (KG.Benefit, "benefit"),
    (KG.ModelType, "model_type"),
    (KG.AnalyticMeasure, "measure"),
    (KG.Market, "market"),
    (ORG.Organization, "organisation"),
    (SKOS.Concept, "concept"),
]
#: (class IRI, kind) for every class the graph sorts its entities by, most specific first.
CLASS_KINDS: tuple[tuple[str, str], ...] = tuple((str(cls), kind) for cls, kind in _KINDS)
_PERIOD_CLASSES = {
    str(KG[n])
    for n in ("Period", "CalendarYear", "FiscalYear", "Half", "Quarter", "Month", "VaguePeriod", "SourcePresent")
}

_Props = dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]]


class _Names:
    """A namespace's terms as plain strings (the keys of :data:`_Props`), each made once:
    reading a large store asks for them millions of times."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        term = str(getattr(self._namespace, name))
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> str:
        return str(self._namespace[name])  # type: ignore[index]


_DCTERMS, _KG, _ORG, _OWL, _PROV, _QB = map(_Names, (DCTERMS, KG, ORG, OWL, PROV, QB))
_RDF, _RDFS, _SCHEMA, _SDMX_ATTR, _SKOS = map(_Names, (RDF, RDFS, SCHEMA, SDMX_ATTR, SKOS))


def _key(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph) -> str:
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value  # type: ignore[union-attr]


def _texts(props: _Props, pred: str, lang_pref: str = "en") -> list[str]:
    vals = props.get(pred)
    if not vals:
        return []
    # sorted: a backend returns a node's values in an order of its own, and answers must not depend on it
    return sorted(
        v.value
        for v in vals
        if isinstance(v, ox.Literal) and (v.language in (None, "", lang_pref) or v.language.startswith(lang_pref))
    )


def _first_text(props: _Props, *preds: str) -> str | None:
    for pred in preds:
        texts = _texts(props, pred)
        if texts:
            return texts[0]
    return None


def _iris(props: _Props, pred: str) -> list[str]:
    vals = props.get(pred)
    if not vals:
        return []
    if len(vals) == 1:
        v = vals[0]
        t = type(v)
        if t is ox.NamedNode:
            return [v.value]
        return [] if t is ox.Literal else [_key(v)]
    return sorted(_key(v) for v in vals if not isinstance(v, ox.Literal))


def _ratio_of(props: _Props) -> tuple[str, str] | None:
    """A ratio metric's (numerator, denominator), when both are stated."""
    top, bottom = _iri(props, _KG.numerator), _iri(props, _KG.denominator)
    return (top, bottom) if top and bottom else None


def _iri(props: _Props, pred: str) -> str | None:
    """The first of :func:`_iris` (the least), or None."""
    vals = props.get(pred)
    if not vals:
        return None
    if len(vals) == 1:
        v = vals[0]
        return None if type(v) is ox.Literal else _key(v)
    return min((_key(v) for v in vals if not isinstance(v, ox.Literal)), default=None)


def _number(props: _Props, pred: str) -> float | None:
    for v in props.get(pred, ()):
        if isinstance(v, ox.Literal):
            try:
                return float(v.value)
            except ValueError:
                return None
    return None


def _date(props: _Props, pred: str) -> date | None:
    for v in props.get(pred, ()):
        if isinstance(v, ox.Literal):
            try:
                return date.fromisoformat(v.value[:10])
            except ValueError:
                return None
    return None


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday(props: _Props) -> int | None:
    for iri in _iris(props, _KG.fiscalYearEndWeekday):
        name = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        if name in _WEEKDAYS:
            return _WEEKDAYS.index(name)
    return None


def _extra_week_quarter(props: _Props) -> int:
    n = _number(props, _KG.fiscalExtraWeekQuarter)
    return int(n) if n is not None and n in (1, 2, 3, 4) else 4


def read_knowledge(store: ox.Store, generation: int = 0) -> Knowledge:
    """Read the stated facts of ``store`` (every graph except the derived one)."""
    subjects: dict[str, _Props] = {}
    predicates: dict[str, str] = {}  # one string per predicate, not one per statement
    blank = ox.BlankNode
    for q in _stated_quads(store):
        s = q.subject
        key = "_:" + s.value if type(s) is blank else s.value  # type: ignore[union-attr]
        props = subjects.get(key)
        if props is None:
            props = subjects[key] = {}
        p = q.predicate.value
        p = predicates.setdefault(p, p)
        values = props.get(p)
        if values is None:
            props[p] = [q.object]  # type: ignore[list-item]
        else:
            values.append(q.object)  # type: ignore[arg-type]
    return interpret(subjects, generation)


def _stated_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Every quad but the derived graph's: a store that can say so in one request (a SPARQL
    server) is asked with its ``stated_quads``; an Oxigraph store is read graph by graph,
    so that the derived graph (often as large as the rest) is never read."""
    stated = getattr(store, "stated_quads", None)
    if stated is not None:
        yield from stated()
        return
    derived = ox.NamedNode(DERIVED_GRAPH)
    for graph in [ox.DefaultGraph(), *(g for g in store.named_graphs() if g != derived)]:
        yield from store.quads_for_pattern(None, None, None, graph)


def interpret(subjects: dict[str, _Props], generation: int = 0) -> Knowledge:
    # in one order whatever the backend's: answers (the order of a list, of aliases) never depend on it
    subjects = dict(sorted(subjects.items()))
    type_key = str(_RDF.type)
    # subclass closure, so user classes declared under ours are understood
    parents: dict[str, set[str]] = defaultdict(set)
    for s, props in subjects.items():
        for sup in _iris(props, _RDFS.subClassOf):
            parents[s].add(sup)

    def ancestors(cls: str) -> set[str]:
        seen, stack = {cls}, [cls]
        while stack:
            for sup in parents.get(stack.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    stack.append(sup)
        return seen

    closure_cache: dict[str, set[str]] = {}

    def all_types(props: _Props) -> set[str]:
        out: set[str] = set()
        for t in _iris(props, _RDF.type):
            if t not in closure_cache:
                closure_cache[t] = ancestors(t)
            out |= closure_cache[t]
        return out

    periods: dict[str, Period] = {}
    present: set[str] = set()
    for s, props in subjects.items():
        types = set(_iris(props, type_key))
        if str(_KG.SourcePresent) in types:
            present.add(s)
        if not types & _PERIOD_CLASSES and str(_KG.startDate) not in props:
            continue
        start, end = _date(props, _KG.startDate), _date(props, _KG.endDate)
        label = _first_text(props, _RDFS.label, _SKOS.prefLabel)
        if start and end and end >= start:
            periods[s] = Period.from_dates(start, end)
        else:
            periods[s] = Period.vague(s, label or s.rsplit("/", 1)[-1])

    # backwards membership: org:memberOf
    member_of_rev: dict[str, list[str]] = defaultdict(list)
    for s, props in subjects.items():
        for g in _iris(props, _ORG.memberOf):
            member_of_rev[g].append(s)

    entities: dict[str, Entity] = {}
    predicate_labels: dict[str, str] = {}
    predicate_names: dict[str, tuple[str, ...]] = {}
    class_names: dict[str, tuple[str, ...]] = {}
    for s, props in subjects.items():
        if s in periods or s.startswith("_:"):
            continue
        types = all_types(props)
        label = _first_text(props, _SKOS.prefLabel, _RDFS.label, _SCHEMA.name)
        if str(_OWL.Class) in types and label:
            class_names[s] = (label, *_texts(props, _SKOS.altLabel))
            continue
        if (
            str(_RDF.Property) in types
            or str(_KG.unit) == s
            or any(t.endswith(("ObjectProperty", "DatatypeProperty")) for t in types)
        ):
            if label:
                predicate_labels[s] = label
                predicate_names[s] = (label, *_texts(props, _SKOS.altLabel))
            continue
        kind = next((k for cls, k in CLASS_KINDS if cls in types), None)
        if kind is None or label is None:
            continue
        members = tuple(sorted(set(_iris(props, _KG.member)) | set(member_of_rev.get(s, []))))
        fy = _number(props, _KG.fiscalYearEndMonth)
        complete = any(
            isinstance(v, ox.Literal) and v.value in ("true", "1") for v in props.get(str(_KG.membershipComplete), [])
        )
        unit_iri = _iri(props, _KG.unit)
        additive_vals = props.get(str(_KG.additive), [])
        additive = not additive_vals or any(
            isinstance(v, ox.Literal) and v.value in ("true", "1") for v in additive_vals
        )
        entities[s] = Entity(
            iri=s,
            label=label,
            kind=kind,
            alt_labels=tuple(dict.fromkeys(t for t in _texts(props, _SKOS.altLabel) if t != label)),
            hidden_labels=tuple(_texts(props, _SKOS.hiddenLabel)),
            tickers=tuple(dict.fromkeys(_texts(props, _KG.ticker))),
            definition=_first_text(props, _SKOS.definition, _RDFS.comment),
            broader=tuple(_iris(props, _SKOS.broader)),
            related=tuple(_iris(props, _SKOS.related)),
            schemes=tuple(_iris(props, _SKOS.inScheme)),
            members=members,
            member_of=tuple(_iris(props, _ORG.memberOf)),
            membership_complete=complete,
            fiscal_end_month=int(fy) if fy and 1 <= fy <= 12 else 12,
            unit=UNIT_CODES.get(unit_iri or "", None),
            additive=additive,
            share_base=_iri(props, _KG.shareBase),
            ratio_of=_ratio_of(props),
            types=tuple(sorted(types)),
            identifiers=tuple(dict.fromkeys(_texts(props, _KG.secCIK))),
            fiscal_end_weekday=_weekday(props),
            fiscal_extra_week_quarter=_extra_week_quarter(props),
        )
    # the tickers of an entity are not alt labels twice
    for iri, e in list(entities.items()):
        if e.tickers:
            entities[iri] = replace(e, alt_labels=tuple(a for a in e.alt_labels if a not in e.tickers))

    sources: dict[str, Source] = {}
    for s, props in subjects.items():
        types = all_types(props)
        if str(_KG.Source) in types or (str(_PROV.Entity) in types and str(_DCTERMS.title) in props):
            title = _first_text(props, _DCTERMS.title, _RDFS.label, _SCHEMA.name) or s
            pub_iri = _iri(props, _DCTERMS.publisher)
            publisher = _first_text(props, _DCTERMS.publisher) or (
                entities[pub_iri].label if pub_iri and pub_iri in entities else pub_iri
            )
            url = _iri(props, _SCHEMA.url) or _first_text(props, _SCHEMA.url)
            when = _first_text(props, _DCTERMS.date, _DCTERMS.issued, _SCHEMA.datePublished)
            sources[s] = Source(
                s,
                title,
                publisher,
                when,
                url,
                form=_first_text(props, _KG.form),
                accession=_first_text(props, _DCTERMS.identifier) if str(_KG.Filing) in types else None,
            )

    def latest_filing(iris: list[str]) -> str | None:
        filed = [(sources[i].date or "", i) for i in iris if i in sources and sources[i].form]
        return max(filed)[1] if filed else None

    def newest_first(iris: list[str]) -> list[str]:
        return sorted(iris, key=lambda i: (sources[i].date or "" if i in sources else "", i), reverse=True)

    def revisions(props: _Props, unit: str | None) -> tuple[Revision, ...]:
        out = []
        for node in _iris(props, _PROV.wasRevisionOf):
            rp = subjects.get(node, {})
            number = _number(rp, _KG.value)
            if number is None:
                continue
            srcs = newest_first(_iris(rp, _PROV.wasDerivedFrom))
            last = latest_filing(srcs)
            src = sources.get(last or "")
            out.append(
                Revision(
                    node,
                    Value(number, unit),
                    tuple(srcs),
                    last,
                    src.form if src else None,
                    src.date if src else None,
                    src.accession if src else None,
                    tuple(sorted(_texts(rp, _KG.xbrlConcept))),
                )
            )
        return tuple(sorted(out, key=lambda r: (r.filed or "", r.iri)))

    def period_of(node: str | None) -> Period | None:
        if node is None:
            return None
        return periods.get(node)

    def quantity(props: _Props) -> Quantity | None:
        subj = _iri(props, _KG.subject)
        metric = _iri(props, _KG.metric)
        per = period_of(_iri(props, _KG.period))
        if subj is None or metric is None or per is None:
            return None
        return Quantity(subj, metric, per)

    def qualified(props: _Props, number: float, unit: str | None) -> Value:
        qual = QUALIFIER_CODES.get(_iri(props, _KG.qualifier) or "", "exact")
        return Value(number, unit, qual, _number(props, _SCHEMA.minValue), _number(props, _SCHEMA.maxValue))

    def status(props: _Props) -> str | None:
        return STATUS_CODES.get(_iri(props, _SDMX_ATTR.obsStatus) or "")

    observations: list[Observation] = []
    relations: list[Relation] = []
    claims: list[Claim] = []
    for s, props in subjects.items():
        types = set(_iris(props, type_key))
        if str(_QB.Observation) in types:
            q = quantity(props)
            number = _number(props, _KG.value)
            if q is None or number is None:
                continue
            unit = UNIT_CODES.get(_iri(props, _SDMX_ATTR.unitMeasure) or "", None)
            try:
                val = qualified(props, number, unit)
            except ValueError:
                continue
            srcs = _iris(props, _PROV.wasDerivedFrom)
            if latest_filing(srcs) is not None:  # filings: the latest first, so sources[0] is current
                srcs = newest_first(srcs)
            observations.append(
                Observation(
                    iri=s,
                    quantity=q,
                    value=val,
                    status=status(props) or "reported",
                    qualifier_text=_first_text(props, _KG.qualifierText),
                    quotes=tuple(_texts(props, _KG.quote)),
                    sources=tuple(srcs),
                    attributed_to=tuple(_iris(props, _PROV.wasAttributedTo)),
                    comment=_first_text(props, _RDFS.comment),
                    concepts=tuple(sorted(_texts(props, _KG.xbrlConcept))),
                    current_source=latest_filing(srcs),
                    restated_from=revisions(props, unit),
                )
            )
        elif types & {str(_KG.ChangeRelation), str(_KG.ShareRelation)}:
            kind = "change" if str(_KG.ChangeRelation) in types else "share"
            roles = ("from", "to") if kind == "change" else ("part", "share", "whole")
            refs: dict[str, Quantity] = {}
            for role in roles:
                node = _iri(props, _KG[role])
                ref = quantity(subjects.get(node, {})) if node else None
                if ref is not None:
                    refs[role] = ref
            if len(refs) != len(roles):
                continue

            def const(pred: str, unit: str | None, props: _Props = props) -> Value | None:
                n = _number(props, pred)
                return None if n is None else qualified(props, n, unit)

            relations.append(
                Relation(
                    iri=s,
                    kind=kind,
                    refs=refs,
                    rate=const(_KG.rate, "ratio"),
                    multiple=const(_KG.multiple, "multiple"),
                    difference=const(_KG.difference, None),
                    status=status(props),
                    qualifier_text=_first_text(props, _KG.qualifierText),
                    quotes=tuple(_texts(props, _KG.quote)),
                    sources=tuple(_iris(props, _PROV.wasDerivedFrom)),
                    attributed_to=tuple(_iris(props, _PROV.wasAttributedTo)),
                )
            )
        elif str(_KG.Claim) in types:
            pred = _iri(props, _KG.claimPredicate)
            if pred is None:
                continue
            claims.append(
                Claim(
                    iri=s,
                    subjects=tuple(_iris(props, _KG.claimSubject)),
                    predicate=pred,
                    objects=tuple(_iris(props, _KG.claimObject)),
                    statement=_first_text(props, _KG.statement),
                    quotes=tuple(_texts(props, _KG.quote)),
                    sources=tuple(_iris(props, _PROV.wasDerivedFrom)),
                    about=tuple(_iris(props, _KG.about)),
                    period=period_of(_iri(props, _KG.period)),
                    metric=_iri(props, _KG.metric),
                    status=status(props),
                )
            )

    # plain object facts between entities (e.g. e:deepseek kg:builds c:reasoning-models)
    facts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for s, props in subjects.items():
        if s not in entities:
            continue
        for pred, objs in props.items():
            if pred in predicate_labels and pred.startswith(str(KG)):
                for o in objs:
                    if not isinstance(o, ox.Literal) and _key(o) in entities:
                        facts[s].append((pred, _key(o)))

    observations.sort(key=lambda o: o.iri)
    return Knowledge(
        entities=entities,
        observations=observations,
        relations=sorted(relations, key=lambda r: r.iri),
        claims=sorted(claims, key=lambda c: c.iri),
        sources=sources,
        periods=periods,
        predicate_labels=predicate_labels,
        predicate_names=predicate_names,
        class_names=class_names,
        facts=dict(facts),
        generation=generation,
        present=frozenset(present),
    )
