"""Reasoning over the shipped filings: quarters, trailing twelve months, calendar years of a
fiscal-year company, capex intensity, filed vs stated figures, sums over a group's members."""

from __future__ import annotations

import pytest

from kg.figures import members_total, reconcile, series
from kg.fiscal import company_period
from kg.knowledge import Quantity
from kg.namespaces import E, M
from kg.periods import Period
from kg.series import quarters_of

CAPEX, REVENUE, INTENSITY = str(M["capex"]), str(M["revenue"]), str(M["capex-intensity"])
MSFT, ALPHABET, META, NVIDIA, APPLE, AMAZON = (
    str(E[n]) for n in ("microsoft", "alphabet", "meta", "nvidia", "apple", "amazon")
)


def _value(store, q: Quantity) -> float:
    found = store.derivations.value(q)
    assert found is not None, q
    return found[0].value


def test_the_seeded_store_has_no_conflicts(core_seed):
    assert core_seed.derivations.conflicts == []


def test_microsoft_calendar_2025_is_the_sum_of_four_fiscal_quarters(core_seed):
    d = core_seed.derivations
    cal = d.derived[Quantity(MSFT, CAPEX, Period.year(2025))]
    quarters = [Quantity(MSFT, CAPEX, Period.quarter(2025, n)) for n in (1, 2, 3, 4)]
    assert sorted(cal.inputs, key=lambda q: q.period.start) == quarters
    assert cal.value.value == pytest.approx(sum(_value(core_seed, q) for q in quarters))
    assert cal.formula.startswith("calendar 2025 = Q3 FY2025 (Jan – Mar 2025) + Q4 FY2025")
    # the fiscal year stays the fiscal year: FY2025 is what Microsoft's 10-K says
    fy = company_period(core_seed.knowledge, MSFT, 2025)
    assert d.stated[Quantity(MSFT, CAPEX, fy)][0].value.value == 64_551_000_000


def test_trailing_twelve_months_add_up_four_quarters(core_seed):
    k, d = core_seed.knowledge, core_seed.derivations
    end = company_period(k, ALPHABET, 2025, 2)
    ttm = Quantity(ALPHABET, CAPEX, Period.from_dates(Period.quarter(2024, 3).start, end.end))
    quarters = [Period.quarter(2024, 3), Period.quarter(2024, 4), Period.quarter(2025, 1), Period.quarter(2025, 2)]
    assert _value(core_seed, ttm) == pytest.approx(
        sum(_value(core_seed, Quantity(ALPHABET, CAPEX, p)) for p in quarters)
    )
    assert d.derived[ttm].equation.kind == "sum"


def test_quarters_of_a_52_53_week_year(core_seed):
    k = core_seed.knowledge
    fy, nine = company_period(k, APPLE, 2025), None
    q4 = company_period(k, APPLE, 2025, 4)
    stated = {q.period for q in k.by_quantity if q.subject == APPLE and q.metric == CAPEX}
    assert q4 in quarters_of(stated)
    nine = Period.from_dates(fy.start, company_period(k, APPLE, 2025, 3).end)
    assert _value(core_seed, Quantity(APPLE, CAPEX, q4)) == pytest.approx(
        _value(core_seed, Quantity(APPLE, CAPEX, fy)) - _value(core_seed, Quantity(APPLE, CAPEX, nine))
    )


def test_the_second_half_of_a_52_53_week_year_is_the_year_less_its_first_half(core_seed):
    # Nvidia files six months to date, never a second half; its halves are not month-based
    k = core_seed.knowledge
    fy, h2 = company_period(k, NVIDIA, 2026), company_period(k, NVIDIA, 2026, half=2)
    h1 = Period.from_dates(fy.start, company_period(k, NVIDIA, 2026, 2).end)
    assert Quantity(NVIDIA, CAPEX, h2) not in k.by_quantity
    assert _value(core_seed, Quantity(NVIDIA, CAPEX, h2)) == pytest.approx(6_042_000_000 - 3_122_000_000)
    assert _value(core_seed, Quantity(NVIDIA, CAPEX, h2)) == pytest.approx(
        _value(core_seed, Quantity(NVIDIA, CAPEX, fy)) - _value(core_seed, Quantity(NVIDIA, CAPEX, h1))
    )


def test_capex_intensity_is_capex_over_revenue(core_seed):
    k, d = core_seed.knowledge, core_seed.derivations
    fy = company_period(k, NVIDIA, 2025)
    ratio = d.derived[Quantity(NVIDIA, INTENSITY, fy)]
    assert ratio.value.unit == "ratio"
    assert ratio.value.value == pytest.approx(3_236_000_000 / 130_497_000_000)
    assert set(ratio.inputs) == {Quantity(NVIDIA, CAPEX, fy), Quantity(NVIDIA, REVENUE, fy)}
    assert ratio.formula == "capex intensity = capex / revenue"


def test_filed_and_stated_figures_are_reconciled_with_their_qualifiers(core_seed):
    found = {(r.quantity.subject, r.relation): r for r in reconcile(core_seed.knowledge)}
    alphabet = found[(ALPHABET, "same_quantity")]
    assert alphabet.filed.value.value == 39_643_000_000 and alphabet.other.qualifier_text == "nearly $40 billion"
    assert alphabet.consistent is True
    meta = found[(META, "narrower_metric")]  # "AI capex" $30.7B is not cash capex $29.479B
    assert meta.filed.value.value == 29_479_000_000 and meta.other.quantity.metric == str(M["ai-capex"])
    assert meta.consistent is None and meta.difference is None
    assert (META, "same_quantity") not in found


def test_a_stated_figure_that_disagrees_with_the_filing(core_store, make_ttl, core_obs):
    bad = core_obs("alphabet-2024", "e:alphabet", "m:capex", "p:2024", "30000000000.0", qualifier="kg:Approximately")
    core_store.load_files([make_ttl("bad.ttl", bad)])
    (r,) = [r for r in reconcile(core_store.knowledge, ALPHABET) if r.quantity.period == Period.year(2024)]
    assert r.consistent is False and r.difference == pytest.approx(52_535_000_000 - 30_000_000_000)
    assert any(c.quantity == r.quantity for c in core_store.derivations.conflicts)


def test_a_group_forecast_against_its_named_members_filings(core_seed):
    k, d = core_seed.knowledge, core_seed.derivations
    hyper = str(E["hyperscalers"])
    total = members_total(k, d, hyper, str(M["dc-compute-spending"]), Period.year(2025), member_metric=CAPEX)
    assert {m for m, _, _ in total.parts} == {AMAZON, META, MSFT} and total.missing == ()
    assert total.total is not None
    assert total.total.value == pytest.approx(sum(v.value for _, v, _ in total.parts))
    assert total.complete is False  # the article names examples, not the whole group
    assert total.group_value is not None and total.group_value[0].value == 371e9


def test_series_are_ordered_and_filtered(core_seed):
    k, d = core_seed.knowledge, core_seed.derivations
    quarters = series(k, d, META, CAPEX, span="quarter")
    assert [p.period.end for p in quarters] == sorted(p.period.end for p in quarters)
    assert all(84 <= (p.period.end - p.period.start).days + 1 <= 98 for p in quarters)
    years = series(k, d, MSFT, CAPEX, span="year")
    assert "FY2025 (Jul 2024 – Jun 2025)" in [p.label for p in years]
    assert "calendar 2025" in [p.label for p in years]


def test_restated_and_unrestated_figures_are_not_mixed_silently(core_seed):
    d = core_seed.derivations
    # 2015 and its nine months were both restated: Q4 comes from them, exactly
    q4_2015 = d.derived[Quantity(ALPHABET, CAPEX, Period.quarter(2015, 4))]
    fy, nine = (d.stated[Quantity(ALPHABET, CAPEX, p)][0] for p in (Period.year(2015), _nine_months(2015)))
    assert fy.restated and nine.restated
    assert q4_2015.value.qualifier == "exact" and q4_2015.value.value == fy.value.value - nine.value.value
    # 2014 was restated in 2017, its nine months never were: Q4 2014 is approximate, by the restatement
    q4_2014 = d.derived[Quantity(ALPHABET, CAPEX, Period.quarter(2014, 4))]
    fy14 = d.stated[Quantity(ALPHABET, CAPEX, Period.year(2014))][0]
    gap = abs(fy14.value.value - fy14.restated_from[0].value.value)
    assert q4_2014.value.qualifier == "approximately"
    assert q4_2014.value.bounds == pytest.approx((q4_2014.value.value - gap, q4_2014.value.value + gap))
    assert "restated" in q4_2014.formula


def _nine_months(year: int) -> Period:
    return Period.from_dates(Period.year(year).start, Period.quarter(year, 3).end)
