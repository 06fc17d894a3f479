"""Every statement of the seed article is in the graph, with its verbatim quote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib

from kg.knowledge import Claim, Knowledge, Observation, Relation
from kg.namespaces import KG
from kg.periods import Period
from kg.resources import ontology_dir
from kg.store import KnowledgeStore

KGNS = "https://kgbot.dev/ns#"
ORG = "https://kgbot.dev/id/org/"
MET = "https://kgbot.dev/id/metric/"
CON = "https://kgbot.dev/id/concept/"
HW = "https://kgbot.dev/id/hardware/"
KPI = "https://kgbot.dev/id/kpi/"
PER = "https://kgbot.dev/id/period/"
SOURCE = "https://kgbot.dev/id/source/ai-inference-shift-2025"


@pytest.fixture(scope="module")
def k() -> Knowledge:
    """The article's facts alone (the shipped filings are tested in test_sec_import)."""
    return KnowledgeStore(filings=False).knowledge


def _observation(k: Knowledge, subject: str, metric: str, period: Period) -> Observation:
    found = [
        o
        for o in k.observations
        if o.quantity.subject == subject and o.quantity.metric == metric and o.quantity.period == period
    ]
    assert len(found) == 1, f"expected one observation of {subject} {metric} {period}, got {found}"
    return found[0]


def _vague(k: Knowledge, local: str) -> Period:
    period = k.periods[PER + local]
    assert period.is_vague
    return period


def _change(k: Knowledge, subject: str, metric: str) -> Relation:
    found = [
        r
        for r in k.relations
        if r.kind == "change" and r.refs["to"].subject == subject and r.refs["to"].metric == metric
    ]
    assert len(found) == 1, found
    return found[0]


def _claims(k: Knowledge, predicate: str) -> list[Claim]:
    return [c for c in k.claims if c.predicate == KGNS + predicate]


def _assert_quoted(o: Observation | Relation | Claim, article: str, *fragments: str) -> None:
    assert o.quotes, f"{o.iri} has no quote"
    assert SOURCE in o.sources
    for quote in o.quotes:
        assert quote in article, f"quote of {o.iri} is not verbatim: {quote!r}"
    for fragment in fragments:
        assert any(fragment in q for q in o.quotes), f"{fragment!r} not quoted by {o.iri}"


# ---------------------------------------------------------------- figures


def test_seed_has_twelve_observations(k: Knowledge) -> None:
    assert len(k.observations) == 12
    assert all(o.sources == (SOURCE,) for o in k.observations)


def test_genai_revenue_2032(k: Knowledge, article_text: str) -> None:
    o = _observation(k, CON + "generative-ai", MET + "revenue", Period.year(2032))
    assert o.value.value == 1_800_000_000_000
    assert (o.value.unit, o.value.qualifier, o.status) == ("USD", "exact", "forecast")
    assert o.attributed_to == (ORG + "bloomberg-intelligence",)
    _assert_quoted(o, article_text, "$1.8 trillion in annual revenue by 2032", "Bloomberg Intelligence")


def test_genai_share_of_tech_spending_is_up_to_16_percent(k: Knowledge, article_text: str) -> None:
    o = _observation(k, CON + "generative-ai", MET + "share-of-tech-spending", Period.year(2032))
    assert o.value.value == pytest.approx(0.16)
    assert (o.value.unit, o.value.qualifier, o.status) == ("ratio", "at_most", "forecast")
    assert o.value.bounds == (0.0, pytest.approx(0.16))
    assert o.qualifier_text == "up to 16% of total tech spending"
    _assert_quoted(o, article_text, "up to 16% of total tech spending")


def test_hyperscalers_371_billion_in_2025(k: Knowledge, article_text: str) -> None:
    o = _observation(k, ORG + "hyperscalers", MET + "dc-compute-spending", Period.year(2025))
    assert o.value.value == 371_000_000_000
    assert (o.value.unit, o.value.qualifier, o.status) == ("USD", "exact", "forecast")
    _assert_quoted(o, article_text, "$371 billion to data centers and computing resources in 2025")


def test_hyperscalers_44_percent_growth_relation(k: Knowledge, article_text: str) -> None:
    r = _change(k, ORG + "hyperscalers", MET + "dc-compute-spending")
    assert r.refs["from"].period == Period.year(2024)
    assert r.refs["to"].period == Period.year(2025)
    assert r.rate is not None and r.rate.value == pytest.approx(0.44)
    assert r.rate.qualifier == "exact"
    assert r.status == "forecast"
    _assert_quoted(r, article_text, "a 44% increase from 2024")


def test_hyperscalers_525_billion_by_2032(k: Knowledge, article_text: str) -> None:
    o = _observation(k, ORG + "hyperscalers", MET + "dc-compute-spending", Period.year(2032))
    assert o.value.value == 525_000_000_000
    assert (o.value.unit, o.value.qualifier, o.status) == ("USD", "exact", "forecast")
    _assert_quoted(o, article_text, "$525 billion annually by 2032")


def test_nearly_half_of_ai_spending_on_inference_by_2032(k: Knowledge, article_text: str) -> None:
    o = _observation(k, CON + "inference", MET + "share-of-ai-spending", Period.year(2032))
    assert o.value.value == pytest.approx(0.5)
    assert (o.value.unit, o.value.qualifier, o.status) == ("ratio", "nearly", "forecast")
    assert o.value.bounds[1] == pytest.approx(0.5), "nearly half is not more than half"
    _assert_quoted(o, article_text, "nearly half of all AI spending")


def test_training_share_drops_from_40_to_14_percent(k: Knowledge, article_text: str) -> None:
    start = _observation(k, CON + "training", MET + "share-of-ai-spending", _vague(k, "seed-training-start"))
    end = _observation(k, CON + "training", MET + "share-of-ai-spending", Period.year(2032))
    assert start.value.value == pytest.approx(0.40)
    assert end.value.value == pytest.approx(0.14)
    assert start.value.unit == end.value.unit == "ratio"
    assert end.status == "forecast"
    r = _change(k, CON + "training", MET + "share-of-ai-spending")
    assert r.refs["from"] == start.quantity and r.refs["to"] == end.quantity
    for fact in (start, end, r):
        _assert_quoted(fact, article_text, "drop from 40% to just 14%")


def test_meta_ai_capex_h1_2025(k: Knowledge, article_text: str) -> None:
    o = _observation(k, ORG + "meta", MET + "ai-capex", Period.half(2025, 1))
    assert o.value.value == 30_700_000_000
    assert (o.value.unit, o.value.qualifier, o.status) == ("USD", "exact", "reported")
    _assert_quoted(o, article_text, "amounted to $30.7 billion")


def test_meta_doubling_relation(k: Knowledge, article_text: str) -> None:
    r = _change(k, ORG + "meta", MET + "ai-capex")
    assert r.refs["from"].period == Period.half(2024, 1)
    assert r.refs["to"].period == Period.half(2025, 1)
    assert r.multiple is not None and r.multiple.value == 2.0
    assert r.multiple.qualifier == "approximately"
    _assert_quoted(r, article_text, "doubling its spending from the same period last year")


def test_alphabet_nearly_40_billion_h1_2025(k: Knowledge, article_text: str) -> None:
    o = _observation(k, ORG + "alphabet", MET + "capex", Period.half(2025, 1))
    assert o.value.value == 40_000_000_000
    assert (o.value.unit, o.value.qualifier, o.status) == ("USD", "nearly", "reported")
    assert o.value.bounds[1] == 40_000_000_000, "nearly $40 billion is not more than $40 billion"
    assert o.qualifier_text == "nearly $40 billion"
    _assert_quoted(o, article_text, "nearly $40 billion in capital expenditure")


def test_ai_over_20_percent_of_server_revenue(k: Knowledge, article_text: str) -> None:
    o = _observation(k, CON + "ai", MET + "share-of-server-revenue", _vague(k, "seed-current"))
    assert o.value.value == pytest.approx(0.20)
    assert (o.value.unit, o.value.qualifier, o.status) == ("ratio", "at_least", "reported")
    _assert_quoted(o, article_text, "over 20% of global server revenue")


def test_approximately_40_percent_within_a_few_years_has_no_invented_year(k: Knowledge, article_text: str) -> None:
    period = _vague(k, "seed-few-years")
    o = _observation(k, CON + "ai", MET + "share-of-server-revenue", period)
    assert o.value.value == pytest.approx(0.40)
    assert (o.value.unit, o.value.qualifier, o.status) == ("ratio", "approximately", "forecast")
    assert o.quantity.period.is_vague
    assert o.quantity.period.start is None and o.quantity.period.end is None
    assert not re.search(r"\b20\d\d\b", o.quantity.period.label), "no year is invented"
    assert all(o.quantity.period != Period.year(y) for y in range(2025, 2036))
    _assert_quoted(o, article_text, "approximately 40% within a few years")


def test_over_200_billion_incremental_ad_spending_2032(k: Knowledge, article_text: str) -> None:
    o = _observation(k, CON + "ai-advertising", MET + "ad-spending-incremental", Period.year(2032))
    assert o.value.value == 200_000_000_000
    assert (o.value.unit, o.value.qualifier, o.status) == ("USD", "at_least", "forecast")
    _assert_quoted(o, article_text, "over $200 billion in incremental digital ad spending by 2032")


def test_every_stated_fact_quotes_the_article(k: Knowledge, article_text: str) -> None:
    for fact in [*k.observations, *k.relations, *k.claims]:
        _assert_quoted(fact, article_text)


# ---------------------------------------------------------------- qualitative claims


def test_inference_exceeds_training_by_end_of_2025(k: Knowledge, article_text: str) -> None:
    [claim] = _claims(k, "exceeds")
    assert claim.subjects == (CON + "inference",)
    assert claim.objects == (CON + "training",)
    assert claim.period == Period.year(2025)
    assert claim.status == "forecast"
    _assert_quoted(claim, article_text, "exceed that of AI training by the close of 2025")
    assert (KGNS + "exceeds", CON + "training") in k.facts[CON + "inference"]


def test_deepseek_and_openai_build_reasoning_models(k: Knowledge, article_text: str) -> None:
    [claim] = _claims(k, "builds")
    assert set(claim.subjects) == {ORG + "deepseek", ORG + "openai"}
    assert claim.objects == (CON + "reasoning-models",)
    _assert_quoted(claim, article_text, "DeepSeek and OpenAI")
    for lab in ("deepseek", "openai"):
        assert k.entities[ORG + lab].kind == "ai_lab"
        assert (KGNS + "builds", CON + "reasoning-models") in k.facts[ORG + lab]


def test_reasoning_model_modalities(k: Knowledge, article_text: str) -> None:
    [claim] = _claims(k, "handlesDataType")
    expected = {CON + m for m in ("text", "images", "audio", "video")}
    assert set(claim.objects) == expected
    assert all(k.entities[m].kind == "modality" for m in expected)
    _assert_quoted(claim, article_text, "(text, images, audio, video)")


def test_server_demand_drivers(k: Knowledge, article_text: str) -> None:
    [claim] = _claims(k, "drivenBy")
    expected = {HW + h for h in ("ai-chips", "advanced-packaging", "optical-networking", "hbm")}
    assert set(claim.objects) == expected
    assert all(k.entities[h].kind == "hardware" for h in expected)
    assert HW + "memory" in k.entities[HW + "hbm"].broader, "HBM is memory"
    hbm_names = k.entities[HW + "hbm"].names
    assert "HBM" in hbm_names or "High Bandwidth Memory" in hbm_names
    _assert_quoted(claim, article_text, "specialized chips, advanced packaging, optical networking")


def test_eleven_investor_kpis(k: Knowledge, article_text: str) -> None:
    monitored = [o for c in _claims(k, "monitors") for o in c.objects]
    assert len(monitored) == len(set(monitored)) == 11
    assert all(k.entities[kpi].kind == "kpi" for kpi in monitored)
    expected = {
        KPI + x
        for x in (
            "latency",
            "cost-per-query",
            "energy-per-query",
            "capex",
            "time-to-deploy",
            "networking-bottlenecks",
            "memory-bottlenecks",
            "supply-chain-depth",
            "proprietary-datasets",
            "unit-economics",
            "roi",
        )
    }
    assert set(monitored) == expected
    facts = {o for p, o in k.facts[ORG + "investors"] if p == KGNS + "monitors"}
    assert facts == expected
    for claim in _claims(k, "monitors"):
        _assert_quoted(claim, article_text)


def test_software_uses(k: Knowledge, article_text: str) -> None:
    [claim] = _claims(k, "transformedBy")
    expected = {CON + x for x in ("copilots", "coding-assistants", "creative-tools")}
    assert set(claim.objects) == expected
    assert all(k.entities[x].kind == "software_use" for x in expected)
    _assert_quoted(claim, article_text, "copilots, coding assistants, and creative tools")


def test_zuckerberg_is_ceo_of_meta(k: Knowledge, article_text: str) -> None:
    [claim] = _claims(k, "ceo")
    assert claim.subjects == (ORG + "meta",)
    assert claim.objects == (ORG + "mark-zuckerberg",)
    assert k.entities[ORG + "mark-zuckerberg"].kind == "person"
    assert (KGNS + "ceo", ORG + "mark-zuckerberg") in k.facts[ORG + "meta"]
    _assert_quoted(claim, article_text, "Meta CEO Mark Zuckerberg")


def test_hyperscalers_are_a_group_with_incomplete_membership(k: Knowledge) -> None:
    group = k.entities[ORG + "hyperscalers"]
    assert group.kind == "group"
    assert set(group.members) == {ORG + "amazon", ORG + "meta", ORG + "microsoft"}
    assert not group.membership_complete
    assert k.entities[ORG + "microsoft"].fiscal_end_month == 6


# ---------------------------------------------------------------- quotes in the repository


def _data_quotes() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ontology_dir() / "data").glob("*.ttl")):
        g = rdflib.Graph().parse(path, format="turtle")
        out.extend((f"{Path(path).name}: {s}", str(q)) for s, q in g.subject_objects(KG.quote))
    return out


def test_data_files_have_quotes() -> None:
    assert len(_data_quotes()) >= 30


@pytest.mark.parametrize(("where", "quote"), _data_quotes())
def test_each_quote_is_a_full_sentence(where: str, quote: str) -> None:
    assert quote == quote.strip(), where
    assert quote[0].isupper() or quote[0].isdigit() or quote[0] in "‘“\"'$", where
    assert re.search(r"[.!?][’”\"')]?$", quote), f"{where}: not a whole sentence: {quote!r}"
    assert len(quote.split()) >= 5, where
