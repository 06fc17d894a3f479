"""Reasoning: values the sources imply, conflicts, explanations and the derived graph."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.knowledge import Knowledge, Quantity
from kg.namespaces import DERIVED_GRAPH, SEED_GRAPH
from kg.periods import Period
from kg.reasoning import Derivations, Tree, change_period, derive, explain
from kg.store import KnowledgeStore

ORG = "https://kgbot.dev/id/org/"
MET = "https://kgbot.dev/id/metric/"
CON = "https://kgbot.dev/id/concept/"
PER = "https://kgbot.dev/id/period/"
OBS = "https://kgbot.dev/id/obs/seed/"
REL = "https://kgbot.dev/id/rel/seed/"
TEST = "https://kgbot.dev/id/test/"

HYPER_DC = (ORG + "hyperscalers", MET + "dc-compute-spending")
CAPEX = MET + "capex"

#: Test periods minted in the test namespace (the seed has years and halves only).
PERIODS = """
t:2025-Q1 a kg:Quarter ; rdfs:label "Q1 2025" ;
    kg:startDate "2025-01-01"^^xsd:date ; kg:endDate "2025-03-31"^^xsd:date .
t:2025-Q2 a kg:Quarter ; rdfs:label "Q2 2025" ;
    kg:startDate "2025-04-01"^^xsd:date ; kg:endDate "2025-06-30"^^xsd:date .
t:2025-jan-sep a kg:Period ; rdfs:label "January to September 2025" ;
    kg:startDate "2025-01-01"^^xsd:date ; kg:endDate "2025-09-30"^^xsd:date .
t:fy2025-jun a kg:FiscalYear ; rdfs:label "FY2025 (July 2024 to June 2025)" ;
    kg:startDate "2024-07-01"^^xsd:date ; kg:endDate "2025-06-30"^^xsd:date .
t:2024-H2 a kg:Half ; rdfs:label "H2 2024" ;
    kg:startDate "2024-07-01"^^xsd:date ; kg:endDate "2024-12-31"^^xsd:date .
t:acme a kg:Company ; skos:prefLabel "Acme Test Corp"@en .
"""


def q(subject: str, metric: str, period: Period) -> Quantity:
    return Quantity(subject, metric, period)


def _load(ks: KnowledgeStore, make_ttl: Callable[..., Path], body: str, name: str = "extra.ttl") -> None:
    ks.load_files([make_ttl(name, PERIODS + body)])


def _derived_value(ks: KnowledgeStore, quantity: Quantity) -> float:
    d = ks.derivations.derived.get(quantity)
    assert d is not None, f"{quantity} was not derived"
    return d.value.value


def _assert_leaves_are_quoted(tree: Tree) -> None:
    for leaf in tree.leaves():
        if leaf.observation is not None:
            assert leaf.observation.quotes, f"{leaf.observation.iri} has no quote"
            assert leaf.observation.sources
        else:
            assert leaf.relation is not None, f"leaf {leaf.quantity} is not stated nor a relation"
            assert leaf.relation.quotes, f"{leaf.relation.iri} has no quote"
            assert leaf.relation.sources


# ---------------------------------------------------------------- the seed's implications


@pytest.fixture(scope="module")
def seed(core_seed: KnowledgeStore) -> tuple[Knowledge, Derivations]:
    return core_seed.knowledge, core_seed.derivations


def test_hyperscalers_2024_from_2025_and_44_percent(seed: tuple[Knowledge, Derivations]) -> None:
    _, d = seed
    target = q(*HYPER_DC, Period.year(2024))
    der = d.derived[target]
    assert der.value.value == 371e9 / 1.44
    assert der.value.qualifier == "exact"
    assert der.value.unit == "USD"
    assert der.equation.kind == "rate"
    assert der.formula == "from = to / (1 + 44%)"
    assert der.inputs == (q(*HYPER_DC, Period.year(2025)),)
    assert der.equation.relation is not None
    assert der.equation.relation.iri == REL + "hyperscalers-dc-growth-2024-2025"
    assert der.basis == frozenset({"forecast"})
    assert d.value(target) == (der.value, "derived")


def test_meta_h1_2024_is_approximately_half(seed: tuple[Knowledge, Derivations]) -> None:
    _, d = seed
    der = d.derived[q(ORG + "meta", MET + "ai-capex", Period.half(2024, 1))]
    assert der.value.value == pytest.approx(15.35e9)
    assert der.value.qualifier == "approximately", "doubling is approximate"
    assert der.equation.kind == "multiple"
    assert der.inputs == (q(ORG + "meta", MET + "ai-capex", Period.half(2025, 1)),)
    lo, hi = der.value.bounds
    assert lo < 15.35e9 < hi


def test_change_in_training_share_is_minus_26_points(seed: tuple[Knowledge, Derivations]) -> None:
    k, d = seed
    start = k.periods[PER + "seed-training-start"]
    change = q(CON + "training", MET + "share-of-ai-spending", change_period(start, Period.year(2032)))
    der = d.derived[change]
    assert der.value.value == pytest.approx(-0.26)
    assert der.value.unit == "ratio"
    assert der.value.qualifier == "exact"
    assert der.formula == "change = to - from"
    assert change.period.is_vague


def test_total_tech_spending_is_at_least_part_over_share(
    seed: tuple[Knowledge, Derivations],
) -> None:
    _, d = seed
    der = d.derived[q(CON + "tech-market", MET + "tech-spending", Period.year(2032))]
    assert der.value.value == pytest.approx(1.8e12 / 0.16)
    assert der.value.qualifier == "at_least", "up to 16% of the whole: the whole is at least"
    assert der.formula == "whole = part / share"
    assert set(der.inputs) == {
        q(CON + "generative-ai", MET + "revenue", Period.year(2032)),
        q(CON + "generative-ai", MET + "share-of-tech-spending", Period.year(2032)),
    }


def test_seed_has_no_conflicts(seed: tuple[Knowledge, Derivations]) -> None:
    assert seed[1].conflicts == []


def test_no_value_is_invented_for_vague_periods(seed: tuple[Knowledge, Derivations]) -> None:
    _, d = seed
    for quantity in d.derived:
        # vague periods are allowed only as the key of a change between periods
        assert not quantity.period.is_vague or "->" in quantity.period.key


def test_every_derivation_ends_in_quoted_sources(seed: tuple[Knowledge, Derivations]) -> None:
    k, d = seed
    assert len(d.derived) >= 7
    for quantity in d.derived:
        tree = explain(k, d, quantity)
        assert tree.status == "derived"
        assert tree.formula
        assert tree.children
        _assert_leaves_are_quoted(tree)


def test_explaining_a_stated_value_is_a_single_leaf(seed: tuple[Knowledge, Derivations]) -> None:
    k, d = seed
    tree = explain(k, d, q(*HYPER_DC, Period.year(2025)))
    assert tree.children == []
    assert tree.observation is not None
    assert tree.observation.iri == OBS + "hyperscalers-dc-2025"
    assert explain(k, d, q(*HYPER_DC, Period.year(2030))).status == "unknown"


def test_derive_is_deterministic(seed: tuple[Knowledge, Derivations]) -> None:
    k, d = seed
    again = derive(k)
    assert again.derived.keys() == d.derived.keys()
    assert all(again.derived[x].value == d.derived[x].value for x in d.derived)


# ---------------------------------------------------------------- the derived graph

PREFIXES_SPARQL = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX kg: <https://kgbot.dev/ns#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
"""


def _derived_rows(ks: KnowledgeStore) -> dict[str, dict[str, set[str]]]:
    rows: dict[str, dict[str, set[str]]] = {}
    query = (
        PREFIXES_SPARQL
        + f"""
    SELECT ?s ?value ?formula ?used ?status WHERE {{
      GRAPH <{DERIVED_GRAPH}> {{
        ?s a qb:Observation ; kg:value ?value ; sdmx-attribute:obsStatus ?status ;
           prov:wasGeneratedBy ?act .
        ?act a prov:Activity ; kg:formula ?formula ; prov:used ?used .
      }}
    }}"""
    )
    for sol in ks.store.query(query):  # type: ignore[union-attr]
        row = rows.setdefault(sol["s"].value, {"value": set(), "formula": set(), "used": set(), "status": set()})
        for key in row:
            row[key].add(sol[key].value)
    return rows


def test_derived_values_are_materialised_with_provenance(core_store: KnowledgeStore) -> None:
    d = core_store.derivations
    rows = _derived_rows(core_store)
    assert len(rows) == len(d.derived)
    der = d.derived[q(*HYPER_DC, Period.year(2024))]
    row = rows[der.iri]
    assert row["formula"] == {"from = to / (1 + 44%)"}
    assert row["used"] == {OBS + "hyperscalers-dc-2025", REL + "hyperscalers-dc-growth-2024-2025"}
    assert row["status"] == {"https://kgbot.dev/ns#Derived"}
    assert float(next(iter(row["value"]))) == pytest.approx(371e9 / 1.44)


def test_derived_graph_is_kept_apart_from_stated_facts(core_store: KnowledgeStore) -> None:
    derived = ox.NamedNode(DERIVED_GRAPH)
    stated_obs = ox.NamedNode("http://purl.org/linked-data/cube#Observation")
    type_ = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    pattern = core_store.store.quads_for_pattern
    in_seed = list(pattern(None, type_, stated_obs, ox.NamedNode(SEED_GRAPH)))
    in_derived = list(pattern(None, type_, stated_obs, derived))
    assert len(in_seed) == 12
    assert len(in_derived) == len(core_store.derivations.derived)
    stated = len(core_store.knowledge.observations)
    # refreshing does not turn derived facts into stated ones
    core_store.refresh()
    core_store.refresh()
    assert len(core_store.knowledge.observations) == stated
    assert len(_derived_rows(core_store)) == len(core_store.derivations.derived)


def test_derivations_are_recomputed_after_a_load(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    before = set(core_store.derivations.derived)
    _load(
        core_store,
        make_ttl,
        core_obs("acme-q1", "t:acme", "m:capex", "t:2025-Q1", "10000000000.0")
        + core_obs("acme-q2", "t:acme", "m:capex", "t:2025-Q2", "12000000000.0"),
    )
    after = set(core_store.derivations.derived)
    h1 = q(TEST + "acme", CAPEX, Period.half(2025, 1))
    assert after - before == {h1}
    assert len(_derived_rows(core_store)) == len(after)

    # a stated figure for a quantity that was derived: it is no longer derived
    hyper_2024 = q(*HYPER_DC, Period.year(2024))
    assert hyper_2024 in after
    _load(
        core_store,
        make_ttl,
        core_obs("hyper-2024", "e:hyperscalers", "m:dc-compute-spending", "p:2024", "258000000000.0"),
        name="hyper.ttl",
    )
    assert hyper_2024 not in core_store.derivations.derived
    assert core_store.derivations.value(hyper_2024) is not None
    assert core_store.derivations.value(hyper_2024)[1] == "reported"  # type: ignore[index]
    assert len(_derived_rows(core_store)) == len(after) - 1


# ---------------------------------------------------------------- conflicts


def test_contradicting_figure_is_reported_as_a_conflict(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    _load(
        core_store,
        make_ttl,
        core_obs(
            "hyper-2024-300",
            "e:hyperscalers",
            "m:dc-compute-spending",
            "p:2024",
            "300000000000.0",
            quote="Hyperscalers spent $300 billion on data centers in 2024.",
        ),
    )
    conflicts = core_store.derivations.conflicts
    assert len(conflicts) == 1
    [c] = conflicts
    assert c.quantity == q(*HYPER_DC, Period.year(2024))
    assert c.known.value == 300e9
    assert c.computed.value == pytest.approx(371e9 / 1.44)
    assert c.known_origin == "stated"
    assert c.equation.kind == "rate"
    assert core_store.stats()["conflicts"] == 1


def test_figure_within_rounding_is_not_a_conflict(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    _load(
        core_store,
        make_ttl,
        core_obs(
            "hyper-2024-258",
            "e:hyperscalers",
            "m:dc-compute-spending",
            "p:2024",
            "258000000000.0",
            quote="Hyperscalers spent $258 billion on data centers in 2024.",
        ),
    )
    assert core_store.derivations.conflicts == []


def test_two_sources_disagreeing_on_one_quantity_is_a_conflict(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    _load(
        core_store,
        make_ttl,
        core_obs(
            "hyper-2025-500",
            "e:hyperscalers",
            "m:dc-compute-spending",
            "p:2025",
            "500000000000.0",
            quote="Hyperscalers will spend $500 billion on data centers in 2025.",
        ),
    )
    conflicts = core_store.derivations.conflicts
    assert any(c.quantity == q(*HYPER_DC, Period.year(2025)) for c in conflicts)


# ---------------------------------------------------------------- period composition


def test_h1_is_derived_as_q1_plus_q2(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    _load(
        core_store,
        make_ttl,
        core_obs("acme-q1", "t:acme", "m:capex", "t:2025-Q1", "10000000000.0")
        + core_obs("acme-q2", "t:acme", "m:capex", "t:2025-Q2", "12500000000.0"),
    )
    der = core_store.derivations.derived[q(TEST + "acme", CAPEX, Period.half(2025, 1))]
    assert der.value.value == 22.5e9
    assert der.value.qualifier == "exact"
    assert der.equation.kind == "sum"
    assert set(der.inputs) == {
        q(TEST + "acme", CAPEX, Period.quarter(2025, 1)),
        q(TEST + "acme", CAPEX, Period.quarter(2025, 2)),
    }
    # a year is not derived from two of its quarters
    assert q(TEST + "acme", CAPEX, Period.year(2025)) not in core_store.derivations.derived
    k, d = core_store.knowledge, core_store.derivations
    _assert_leaves_are_quoted(explain(k, d, der.quantity))


def test_q2_is_derived_from_h1_and_q1(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    _load(
        core_store,
        make_ttl,
        core_obs("acme-h1", "t:acme", "m:capex", "p:2025-H1", "30000000000.0")
        + core_obs("acme-q1", "t:acme", "m:capex", "t:2025-Q1", "10000000000.0", qualifier="kg:Approximately"),
    )
    der = core_store.derivations.derived[q(TEST + "acme", CAPEX, Period.quarter(2025, 2))]
    assert der.value.value == 20e9
    assert der.value.qualifier == "approximately"
    assert "H1 2025" in der.formula


def test_year_to_date_chain(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    _load(
        core_store,
        make_ttl,
        core_obs("acme-jan-mar", "t:acme", "m:capex", "t:2025-Q1", "10000000000.0")
        + core_obs("acme-jan-jun", "t:acme", "m:capex", "p:2025-H1", "25000000000.0")
        + core_obs("acme-jan-sep", "t:acme", "m:capex", "t:2025-jan-sep", "45000000000.0"),
    )
    derived = core_store.derivations.derived
    apr_jun = q(TEST + "acme", CAPEX, Period.from_dates(date(2025, 4, 1), date(2025, 6, 30)))
    jul_sep = q(TEST + "acme", CAPEX, Period.from_dates(date(2025, 7, 1), date(2025, 9, 30)))
    assert derived[apr_jun].value.value == 15e9
    assert derived[jul_sep].value.value == 20e9  # only the year-to-date chain gives this one
    assert derived[jul_sep].inputs == (
        q(TEST + "acme", CAPEX, Period.from_dates(date(2025, 1, 1), date(2025, 9, 30))),
        q(TEST + "acme", CAPEX, Period.half(2025, 1)),
    )
    assert core_store.derivations.conflicts == []


def test_fiscal_year_ending_in_june_composes_with_its_own_halves(
    make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    core_store = KnowledgeStore(filings=False)  # made-up figures: Microsoft's filed ones would contradict them
    _load(
        core_store,
        make_ttl,
        core_obs("msft-fy25", "e:microsoft", "m:capex", "t:fy2025-jun", "80000000000.0")
        + core_obs("msft-h2-24", "e:microsoft", "m:capex", "t:2024-H2", "35000000000.0"),
    )
    derived = core_store.derivations.derived
    h1_2025 = q(ORG + "microsoft", CAPEX, Period.half(2025, 1))
    assert derived[h1_2025].value.value == 45e9
    # the fiscal year is not the calendar year: no calendar-2025 or 2024 figure appears
    assert q(ORG + "microsoft", CAPEX, Period.year(2025)) not in derived
    assert q(ORG + "microsoft", CAPEX, Period.year(2024)) not in derived


def test_non_additive_metrics_do_not_compose(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    _load(
        core_store,
        make_ttl,
        core_obs("acme-share-q1", "t:acme", "m:share-of-server-revenue", "t:2025-Q1", "0.2", unit="kg:Ratio")
        + core_obs("acme-share-q2", "t:acme", "m:share-of-server-revenue", "t:2025-Q2", "0.3", unit="kg:Ratio"),
    )
    assert not any(x.subject == TEST + "acme" for x in core_store.derivations.derived)


# ---------------------------------------------------------------- groups

GROUP = """
t:alpha a kg:Company ; skos:prefLabel "Alpha Test"@en .
t:beta a kg:Company ; skos:prefLabel "Beta Test"@en .
t:duo a kg:PeerGroup ; skos:prefLabel "Duo test group"@en ;
    kg:member t:alpha, t:beta ; kg:membershipComplete true .
"""


def test_complete_group_total_is_the_sum_of_its_members(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    _load(
        core_store,
        make_ttl,
        GROUP
        + core_obs("alpha-2025", "t:alpha", "m:capex", "p:2025", "10000000000.0")
        + core_obs("beta-2025", "t:beta", "m:capex", "p:2025", "5000000000.0"),
    )
    der = core_store.derivations.derived[q(TEST + "duo", CAPEX, Period.year(2025))]
    assert der.value.value == 15e9
    assert der.equation.kind == "sum"
    assert "membership complete" in der.equation.reason
    assert set(der.inputs) == {q(TEST + "alpha", CAPEX, Period.year(2025)), q(TEST + "beta", CAPEX, Period.year(2025))}


def test_complete_group_gives_the_missing_member(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    _load(
        core_store,
        make_ttl,
        GROUP
        + core_obs("duo-2025", "t:duo", "m:capex", "p:2025", "20000000000.0")
        + core_obs("alpha-2025", "t:alpha", "m:capex", "p:2025", "12000000000.0"),
    )
    assert _derived_value(core_store, q(TEST + "beta", CAPEX, Period.year(2025))) == 8e9


def test_incomplete_group_never_mixes_with_its_members(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    hyper = ORG + "hyperscalers"
    members = ("amazon", "meta", "microsoft")
    body = "".join(
        core_obs(f"{m}-dc-{y}", f"e:{m}", "m:dc-compute-spending", f"p:{y}", f"{100 + i}000000000.0")
        for i, m in enumerate(members)
        for y in (2025, 2032)
    )
    _load(core_store, make_ttl, body)
    d = core_store.derivations
    group_or_member = {hyper, *(ORG + m for m in members)}
    for eq in d.equations:
        subjects = {x.subject for x in eq.quantities}
        assert not (hyper in subjects and len(subjects & group_or_member) > 1), eq
    for x in d.derived:
        if x.subject in group_or_member and x.metric == MET + "dc-compute-spending":
            # only the group's own stated growth gives the group's 2024, nothing crosses over
            assert x.subject == hyper, x
    assert d.conflicts == []
    # the stated group figure is untouched by the members' figures
    assert d.value(q(hyper, MET + "dc-compute-spending", Period.year(2025)))[0].value == 371e9  # type: ignore[index]
