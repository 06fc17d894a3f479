"""Fiscal calendars: month-end and 52/53-week years, with the dates the filings use."""

from __future__ import annotations

from datetime import date

import pytest

from kg.fiscal import FiscalCalendar, company_period, fiscal_calendar, fiscal_period, period_label
from kg.knowledge import Quantity
from kg.namespaces import E, M
from kg.periods import Period

APPLE, NVIDIA, MICROSOFT, ALPHABET = (str(E[n]) for n in ("apple", "nvidia", "microsoft", "alphabet"))
CAPEX, REVENUE = str(M["capex"]), str(M["revenue"])


def test_calendars_come_from_the_ontology(core_seed):
    k = core_seed.knowledge
    assert fiscal_calendar(k, APPLE) == FiscalCalendar(9, 5, 1)  # last Saturday of September
    assert fiscal_calendar(k, NVIDIA) == FiscalCalendar(1, 6, 4)  # last Sunday of January
    assert fiscal_calendar(k, MICROSOFT) == FiscalCalendar(6)
    assert fiscal_calendar(k, ALPHABET).is_calendar_year


@pytest.mark.parametrize(
    "calendar, year, ends",
    [
        (FiscalCalendar(9, 5, 1), 2025, date(2025, 9, 27)),
        (FiscalCalendar(9, 5, 1), 2023, date(2023, 9, 30)),
        (FiscalCalendar(1, 6, 4), 2025, date(2025, 1, 26)),
        (FiscalCalendar(1, 6, 4), 2021, date(2021, 1, 31)),
        (FiscalCalendar(6), 2025, date(2025, 6, 30)),
    ],
)
def test_year_ends(calendar, year, ends):
    assert calendar.year_end(year) == ends
    assert calendar.year_of(ends) == year and calendar.year_of(ends + (date(2000, 1, 2) - date(2000, 1, 1))) == year + 1


def test_every_annual_and_quarterly_filing_period_is_a_fiscal_period(core_seed):
    # the computed 52/53-week calendar agrees with every 13/14-week period Apple and Nvidia filed
    k = core_seed.knowledge
    for subject in (APPLE, NVIDIA):
        cal = fiscal_calendar(k, subject)
        periods = {q.period for q in k.by_quantity if q.subject == subject}
        for p in periods:
            assert p.start is not None and p.end is not None
            days = (p.end - p.start).days + 1
            year = cal.year_of(p.end)
            if days in (364, 371) and p.start == cal.year_start(year):
                assert fiscal_period(cal, year) == p
            elif days in (91, 98) and p.end > date(2009, 12, 31):
                assert p in [fiscal_period(cal, year, q) for q in (1, 2, 3, 4)], p


def test_company_periods_are_the_filed_ones(core_seed):
    k = core_seed.knowledge
    fy = company_period(k, APPLE, 2025)
    assert (fy.start, fy.end) == (date(2024, 9, 29), date(2025, 9, 27))
    assert fy.label == "FY2025 (Oct 2024 – Sep 2025)"
    assert core_seed.derivations.value(Quantity(APPLE, CAPEX, fy)) is not None
    q1 = company_period(k, NVIDIA, 2026, 1)
    assert q1.label == "Q1 FY2026 (Feb – Apr 2025)"
    assert core_seed.derivations.value(Quantity(NVIDIA, REVENUE, q1)) is not None
    assert company_period(k, MICROSOFT, 2025).label == "FY2025 (Jul 2024 – Jun 2025)"
    assert company_period(k, MICROSOFT, 2026, 1) == Period.quarter(2025, 3)
    assert company_period(k, MICROSOFT, 2025, half=2) == Period.half(2025, 1)
    assert company_period(k, ALPHABET, 2025) == Period.year(2025)


def test_nvidia_fy2025_as_filed(core_seed):
    k, d = core_seed.knowledge, core_seed.derivations
    fy = company_period(k, NVIDIA, 2025)
    capex, revenue = d.value(Quantity(NVIDIA, CAPEX, fy)), d.value(Quantity(NVIDIA, REVENUE, fy))
    assert capex is not None and revenue is not None
    assert capex[0].value == 3_236_000_000 and revenue[0].value == 130_497_000_000


@pytest.mark.parametrize(
    "calendar, period, label",
    [
        (FiscalCalendar(6), Period.from_dates(date(2024, 7, 1), date(2025, 3, 31)), "9M FY2025 (Jul 2024 – Mar 2025)"),
        (FiscalCalendar(6), Period.quarter(2025, 1), "Q3 FY2025 (Jan – Mar 2025)"),
        (FiscalCalendar(), Period.quarter(2025, 1), "Q1 2025"),
        (FiscalCalendar(), Period.from_dates(date(2025, 1, 1), date(2025, 9, 30)), "9M 2025 (Jan – Sep 2025)"),
        (FiscalCalendar(1, 6, 4), Period.from_dates(date(2024, 4, 29), date(2025, 4, 27)), "12 months to Apr 2025"),
        (
            FiscalCalendar(9, 5, 1),
            Period.from_dates(date(2006, 10, 1), date(2007, 9, 29)),
            "FY2007 (Oct 2006 – Sep 2007)",
        ),
    ],
)
def test_period_labels(calendar, period, label):
    assert period_label(calendar, period) == label


def test_bad_calendars_are_refused():
    with pytest.raises(ValueError):
        FiscalCalendar(13)
    with pytest.raises(ValueError):
        FiscalCalendar(9, 7)
    with pytest.raises(ValueError):
        fiscal_period(FiscalCalendar(), 2025, 5)


def test_a_52_53_week_calendar_is_validated(core_store, make_ttl):
    from kg.errors import ValidationFailed

    ttl = (
        "@prefix time: <http://www.w3.org/2006/time#> .\n"
        't:acme a kg:Company ; skos:prefLabel "Acme"@en ;\n'
        "    kg:fiscalYearEndWeekday time:Caturday ; kg:fiscalExtraWeekQuarter 5 .\n"
    )
    with pytest.raises(ValidationFailed) as exc:
        core_store.load_files([make_ttl("acme.ttl", ttl, source=False)])
    text = str(exc.value.violations)
    assert "kg:fiscalYearEndWeekday" in text and "kg:fiscalExtraWeekQuarter" in text and "kg:fiscalYearEndMonth" in text
