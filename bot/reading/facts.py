"""From a :class:`~bot.understand.Query` to an :class:`~bot.answer.Answer`.

Answers come only from stated facts, derived facts, or analytics over them. When the
graph does not hold what was asked, the answer says so and suggests the nearest facts
it does hold; a group's figure is never a member's, a period never another period's.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from kg.fiscal import company_period, fiscal_calendar, period_label
from kg.format import format_value
from kg.knowledge import Claim, Knowledge, Observation, Quantity, Relation
from kg.periods import Period
from kg.reasoning import Derivation, Derivations, Tree, explain

from ..answer import SourceRef
from .understand import Query

__all__ = ["Fact", "Responder"]


@dataclass(frozen=True)
class Fact:
    """A value the graph holds for a quantity, stated or derived."""

    quantity: Quantity
    value: Any  # kg.values.Value
    status: str
    observation: Observation | None = None
    derivation: Derivation | None = None
    note: str | None = None

    @property
    def is_change(self) -> bool:
        return self.quantity.period.is_change


class Responder:
    def __init__(self, k: Knowledge, d: Derivations) -> None:
        self.k, self.d = k, d
        #: "filing" or "article": the kind of source the question asks for (see :meth:`with_source`)
        self.source: str | None = None
        #: "calendar 2024" written: a fiscal-year company's twelve months to December, never its fiscal year
        self.calendar = False
        self._all: list[Quantity] = [*d.stated, *d.derived]
        # Indexes of positions in _all (stated first), so that no question scans every quantity
        # of a large graph; positions also order equal candidates.
        self._by_subject: dict[str, list[int]] = {}
        self._by_metric: dict[str, list[int]] = {}
        self._by_period: dict[Period, list[int]] = {}
        for i, q in enumerate(self._all):
            self._by_subject.setdefault(q.subject, []).append(i)
            self._by_metric.setdefault(q.metric, []).append(i)
            self._by_period.setdefault(q.period, []).append(i)
        self._qlabels: dict[Quantity, str] = {}
        self._period_keys: dict[Period, tuple[Any, str]] = {}
        #: every fact, per view (source, calendar) and with or without changes: computed once per snapshot,
        #: shared by the views of one graph so that a view made per question does not compute it again
        self._everything: dict[tuple[str | None, bool, bool], list[Fact]] = {}
        #: the day questions are asked on: a filing made after it is not yet "the latest"
        self.today: date | None = None

    def attributed_to(self, who: str) -> list[Fact]:
        """Stated figures the sources attribute to ``who`` (a forecaster, a filer)."""
        return [
            f
            for q, obs in self.d.stated.items()
            if any(who in o.attributed_to for o in obs) and q.subject != who
            for f in [self.fact(q)]
            if f is not None
        ]

    def newest_known(self, facts: Iterable[Fact]) -> Fact | None:
        """The latest-ending of ``facts`` (the shorter span of two that end together) known by :attr:`today`
        (see :meth:`known`), looked at newest first so that only the newest few are traced to their sources;
        the latest of all when none was."""
        ordered = sorted(
            facts, key=lambda f: (f.quantity.period.end or date.min, f.quantity.period.start or date.min), reverse=True
        )
        return next((f for f in ordered if self.known(f)), ordered[0] if ordered else None)

    def changes_at_rates(self, rates: Iterable[float]) -> list[Relation]:
        """The changes the sources state at one of ``rates`` ("the 44% growth"), give or take rounding."""
        written = [a for a in rates if a]
        return [
            rel
            for rel in self.k.relations
            if rel.kind == "change"
            and rel.rate is not None
            and "to" in rel.refs
            and any(abs(rel.rate.value - a) <= abs(a) * 0.005 for a in written)
        ]

    def filed(self, f: Fact) -> bool:
        """Whether ``f`` is a filing's figure, or derived from filings' figures only."""
        if f.observation is not None:
            return bool(f.observation.from_filing)
        leaves = [leaf.observation for leaf in explain(self.k, self.d, f.quantity).leaves()]
        return bool(leaves) and all(o is not None and o.from_filing for o in leaves)

    def known(self, f: Fact) -> bool:
        """Whether every source of ``f`` was published by :attr:`today`: "the most recent quarter"
        asked on 1 Dec 2025 is not one filed in 2026."""
        if self.today is None:
            return True
        today = self.today.isoformat()
        for leaf in explain(self.k, self.d, f.quantity).leaves():
            holder = leaf.observation
            dated = [] if holder is None else [self.k.sources[s].date for s in holder.sources if s in self.k.sources]
            if [d for d in dated if d] and min(d for d in dated if d) > today:
                return False
        return True

    def subjects(self) -> list[str]:
        """IRIs of everything the graph holds a figure for."""
        return list(self._by_subject)

    # ------------------------------------------------------------ labels and text
    def label(self, iri: str | None) -> str:
        return self.k.label(iri) if iri else ""

    def possessive(self, iri: str) -> str:
        name = self.label(iri)
        return f"{name}'" if name.endswith("s") else f"{name}'s"

    def fmt(self, f: Fact, qualified: bool = True) -> str:
        return format_value(f.value, qualified=qualified, difference=f.is_change)

    def period_phrase(self, p: Period, subject: str | None = None) -> str:
        label = self.period_label(p, subject)
        return label if p.is_vague else f"in {label}"

    def period_label(self, p: Period, subject: str | None = None) -> str:
        """How a period reads for ``subject``'s fiscal calendar: 'FY2025 (Jul 2024 – Jun 2025)' for
        Microsoft, 'calendar 2025' for it too, '12 months to Jun 2025' for a calendar-year company."""
        if subject is None or p.start is None:
            return p.label
        return period_label(fiscal_calendar(self.k, subject), p)

    def plabel(self, q: Quantity) -> str:
        """The period label of a quantity, in its subject's calendar."""
        return self.period_label(q.period, q.subject)

    def in_period(self, q: Quantity) -> str:
        """'in 2025', 'in Q1 FY2026 (...)'; a vague period reads as itself ('at the time of the article')."""
        label = self.plabel(q)
        return label if q.period.is_vague else f"in {label}"

    def other_sources(self, f: Fact) -> list[str]:
        """What other sources say about the same company and period: another source's figure for
        the same quantity (with whether it agrees), a narrower metric's, and restatements."""
        notes: list[str] = []
        q, obs = f.quantity, f.observation
        for other in self.d.stated.get(q, []):
            if obs is None or other is obs or other.from_filing == obs.from_filing:
                continue
            agree = "consistent with" if other.value.overlaps(obs.value) else "unlike"
            where = "the filing" if obs.from_filing else "the article"
            who = "The filing" if other.from_filing else "The article"
            notes.append(f"{who} gives {format_value(other.value, qualified=True)}, {agree} {where}.")
        if obs is not None and obs.from_filing:
            for m in self.narrower_metrics(q.metric):
                for other in self.d.stated.get(Quantity(q.subject, m, q.period), []):
                    if not other.from_filing:
                        notes.append(
                            f"The article's {self.label(m)} for the same period is "
                            f"{format_value(other.value, qualified=True)}: a narrower measure, not the filed figure."
                        )
            for rev in obs.restated_from[-1:]:
                when = " ".join(x for x in (rev.form, f"filed {rev.filed}" if rev.filed else None) if x)
                notes.append(f"Restated: the {when} gave {format_value(rev.value)}.")
        return notes

    def describe(self, f: Fact) -> str:
        q = f.quantity
        return f"{self.possessive(q.subject)} {self.label(q.metric)} {self.period_phrase(q.period, q.subject)}"

    def status_phrase(self, f: Fact) -> str:
        if f.status == "derived" and f.derivation is not None:
            basis = "forecasts" if "forecast" in f.derivation.basis else "reported figures"
            return f"derived from {basis}"
        if f.status == "forecast":
            who = self._attribution(f)
            return f"forecast{' by ' + who if who else ''}"
        return f.status

    def _attribution(self, f: Fact) -> str:
        if f.observation is None:
            return ""
        names = [self.label(a) for a in f.observation.attributed_to if a != f.quantity.subject]
        return " and ".join(names)

    def sentence(self, f: Fact) -> str:
        what = self.describe(f)
        if f.is_change:
            q = f.quantity
            text = f"{self.possessive(q.subject)} {self.label(q.metric)} changes by {self.fmt(f)} from {q.period.label}"
        else:
            text = f"{what[0].upper()}{what[1:]}: {self.fmt(f)}"
        text += f" ({self.status_phrase(f)})."
        text = text[:1].upper() + text[1:]
        if f.note:
            text += f" {f.note}"
        return text

    # ------------------------------------------------------------ finding facts
    def with_source(self, source: str | None) -> Responder:
        """A view that answers from filings only ('as filed', 'per the 10-Q') or from other
        sources only ('according to the article'); ``None`` is every source."""
        if source is None:
            return self
        view = copy.copy(self)
        view.source = source
        return view

    def any_source(self) -> Responder:
        """This view without its choice of source."""
        if self.source is None:
            return self
        view = copy.copy(self)
        view.source = None
        return view

    def in_calendar_years(self) -> Responder:
        """A view for a question that writes 'calendar 2024' / 'CY24' (see ``calendar``)."""
        view = copy.copy(self)
        view.calendar = True
        return view

    def fact(self, q: Quantity) -> Fact | None:
        obs = self.d.stated.get(q)
        if obs and self.source is not None:
            obs = [o for o in obs if o.from_filing == (self.source == "filing")]
            if not obs:
                return None  # stated, but only by the other kind of source
        if obs:
            return Fact(q, obs[0].value, obs[0].status, observation=obs[0])
        der = self.d.derived.get(q)
        if der is not None and (self.source is None or self._rests_on_source(q)):
            return Fact(q, der.value, "derived", derivation=der)
        return None

    def _rests_on_source(self, q: Quantity, depth: int = 0) -> bool:
        """Whether every stated input of a derived value is stated by the kind of source this view
        answers from (a Microsoft calendar year from its filed quarters is no figure of the article)."""
        want = self.source == "filing"
        stated = self.d.stated.get(q)
        if stated:
            return any(o.from_filing == want for o in stated)
        der = self.d.derived.get(q)
        if der is None or depth > 20:
            return False
        return all(self._rests_on_source(i, depth + 1) for i in der.inputs)

    def narrower_metrics(self, metric: str) -> list[str]:
        out, frontier = [], [metric]
        while frontier:
            nxt = []
            for m in frontier:
                for e in self.k.narrower(m):
                    if e.kind == "metric" and e.iri not in out:
                        out.append(e.iri)
                        nxt.append(e.iri)
            frontier = nxt
        return out

    def narrower_subjects(self, subject: str) -> list[str]:
        e = self.k.entities.get(subject)
        if e is None or e.kind in ("company", "group", "person", "ai_lab", "analyst_firm"):
            return []  # a group's figure is never a member's, nor the reverse
        return [n.iri for n in self.k.narrower(subject) if n.kind in ("market", "spending_category", "concept")]

    def periods_matching(self, wanted: Period, now: bool = False) -> list[Period]:
        """``wanted`` itself, or vague periods that say the same thing."""
        out = [wanted]
        if wanted.is_vague:
            words = {w for w in wanted.label.lower().split() if len(w) > 2}
            for p in self.k.periods.values():
                if p.is_vague and p not in out and words & set(p.label.lower().split()) - {"year", "not", "stated"}:
                    out.append(p)
        if now:
            out += [p for key, p in self.k.periods.items() if key in self.k.present and p not in out]
        return out

    def is_present(self, p: Period) -> bool:
        """Is ``p`` the period a source calls its present ('already over 20%')?"""
        return p.is_vague and p.key in self.k.present

    def find(self, subject: str, metric: str, period: Period, now: bool = False) -> Fact | None:
        """The value of (subject, metric, period), allowing a narrower metric or market, with a note."""
        for p in self.periods_matching(period, now):
            f = self.fact(Quantity(subject, metric, p))
            if f is not None:
                if p != period and "not stated" not in p.label:  # the label says so already
                    return _noted(f, f"The source gives no year: '{p.label}'.")
                return f
            for m in self.narrower_metrics(metric):
                f = self.fact(Quantity(subject, m, p))
                if f is not None:
                    asked = self.k.entities.get(metric)
                    note = (
                        f"Note: the source reports {self.label(m)}, which is narrower than the "
                        f"{self.label(metric)} you asked about."
                        if asked is not None and asked.broader  # a top concept ("share") is no specific ask
                        else ""
                    )
                    if p != period and "not stated" not in p.label:
                        note += f" The source gives no year: '{p.label}'."
                    return _noted(f, note.strip()) if note.strip() else f
            for s in self.narrower_subjects(subject):
                # a part of a market, for exactly the metric asked: never a narrower metric of a part
                f = self.fact(Quantity(s, metric, p))
                if f is not None:
                    return _noted(
                        f,
                        f"Note: the figure is for {self.label(s)}, part of {self.label(subject)}. "
                        f"{f.note or ''}".strip(),
                    )
        if self.calendar:
            return self._on_own_days(subject, metric, period)
        return self._fiscal_year_for(subject, metric, period) or self._on_own_days(subject, metric, period)

    def _on_own_days(self, subject: str, metric: str, period: Period) -> Fact | None:
        """A 52/53-week company's figure for the months asked: its own period within a few days."""
        e = self.k.entities.get(subject)
        if e is None or e.fiscal_end_weekday is None or period.start is None or period.end is None:
            return None
        for f in self.available(subject, metric):
            o = f.quantity.period
            if o.start and o.end and abs((o.start - period.start).days) <= 7 and abs((o.end - period.end).days) <= 7:
                return f
        return None

    def _fiscal_year_for(self, subject: str, metric: str, period: Period) -> Fact | None:
        """'Apple revenue 2024': a company whose year is not the calendar's, and that has no calendar-year
        figure, is answered with its fiscal year ending in that year, labelled and noted as such."""
        e = self.k.entities.get(subject)
        if period.kind != "year" or period.start is None or e is None or e.kind != "company":
            return None
        if e.fiscal_end_month == 12:
            return None
        fy = company_period(self.k, subject, period.start.year)
        f = self.fact(Quantity(subject, metric, fy))
        if f is None:
            return None
        year = period.start.year
        own = self._on_own_days(subject, metric, period)
        other = (
            f"its twelve months to December {year} (calendar {year}) were {self.fmt(own)}."
            if own is not None
            else f"the sources give no calendar-{year} figure."
        )
        return _noted(f, f"Note: this is {self.label(subject)}'s fiscal year {year}; {other}")

    def available(
        self,
        subject: str | None = None,
        metric: str | None = None,
        period: Period | None = None,
        include_changes: bool = False,
    ) -> list[Fact]:
        metrics = None if metric is None else {metric, *self.narrower_metrics(metric)}
        if subject:
            pool: Iterable[int] = self._by_subject.get(subject, [])
        elif metrics is not None:
            pool = sorted(i for m in metrics for i in self._by_metric.get(m, ()))
        elif period is not None:
            pool = self._by_period.get(period, [])
        else:  # everything: computed once per snapshot of the graph
            key = (self.source, self.calendar, include_changes)
            if key not in self._everything:
                self._everything[key] = self._facts_of(range(len(self._all)), None, None, include_changes)
            return list(self._everything[key])
        return self._facts_of(pool, metrics, period, include_changes)

    def _period_key(self, p: Period) -> tuple[Any, str]:
        key = self._period_keys.get(p)
        if key is None:
            key = self._period_keys[p] = (p.start or _FAR, p.label)
        return key

    def _facts_of(
        self, pool: Iterable[int], metrics: set[str] | None, period: Period | None, include_changes: bool
    ) -> list[Fact]:
        """Facts of the quantities at positions ``pool`` (ascending), sorted by period."""
        out = []
        for i in pool:
            q = self._all[i]
            if metrics is not None and q.metric not in metrics:
                continue
            if period is not None and q.period != period:
                continue
            f = self.fact(q)
            if f is None or (f.is_change and not include_changes):
                continue
            out.append(f)
        out.sort(key=lambda f: self._period_key(f.quantity.period))  # stable: pool order breaks ties
        return out

    # ------------------------------------------------------------ answer pieces
    def sources_of(self, facts: Iterable[Fact]) -> list[SourceRef]:
        out: list[SourceRef] = []
        seen: set[str] = set()
        for f in facts:
            tree = explain(self.k, self.d, f.quantity)
            for leaf in tree.leaves():
                holder = leaf.observation or leaf.relation
                if holder is None:
                    continue
                current = getattr(holder, "current_source", None)  # a filed figure: its latest filing
                for src in [current] if current in holder.sources else sorted(holder.sources)[:1]:
                    for quote in holder.quotes[:1]:
                        if quote in seen:
                            continue
                        seen.add(quote)
                        out.append(self.source_ref(src, quote))
        return out

    def source_ref(self, source: str, quote: str) -> SourceRef:
        """A quote with what the graph knows of its source."""
        s = self.k.sources.get(source)
        if s is None:
            return SourceRef(title=source, quote=quote)
        return SourceRef(title=s.title, quote=quote, publisher=s.publisher, date=s.date, url=s.url)

    def claim_sources(self, claims: Iterable[Claim]) -> list[SourceRef]:
        out, seen = [], set()
        for c in claims:
            for src in c.sources:
                for quote in c.quotes[:1]:
                    if (src, quote) in seen:
                        continue
                    seen.add((src, quote))
                    out.append(self.source_ref(src, quote))
        return out

    def tree_dict(self, t: Tree) -> dict[str, Any]:
        from .derivation_view import tree_dict

        return tree_dict(self, t)

    def qlabel(self, q: Quantity) -> str:
        text = self._qlabels.get(q)
        if text is None:
            period = self.plabel(q)
            text = self._qlabels[q] = f"{self.label(q.subject)} · {self.label(q.metric)} · {period}"
        return text

    def derivation_of(self, f: Fact) -> dict[str, Any] | None:
        """How a derived fact was computed, as a tree of inputs down to quoted sources (None: stated)."""
        from .derivation_view import derivation_of

        return derivation_of(self, f)

    def fact_item(self, f: Fact, label: str | None = None) -> dict[str, Any]:
        return {
            "label": label or self.qlabel(f.quantity),
            "value": f.value.value,
            "unit": f.value.unit,
            "qualifier": f.value.qualifier,
            "status": f.status,
            "subject": self.label(f.quantity.subject),
            "metric": self.label(f.quantity.metric),
            "period": self.plabel(f.quantity),
            "text": self.fmt(f),
        }

    def suggestions(self, q: Query, limit: int = 5) -> list[str]:
        """The facts nearest to what ``q`` asked (:func:`bot.reading.suggesting.nearest_facts`)."""
        from .suggesting import nearest_facts

        return nearest_facts(self, q, limit)


_FAR = Period.year(9999).start


def _noted(f: Fact, note: str) -> Fact:
    note = f"{f.note} {note}".strip() if f.note else note
    return Fact(f.quantity, f.value, f.status, f.observation, f.derivation, note)
