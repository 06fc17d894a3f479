"""Charts tell the truth about status, leave out no period, and fit their footer; series
of SEC filings (quarters, companies side by side, capex intensity) draw too."""

from __future__ import annotations

import doctest
import re
from typing import Any

import httpx
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import Rectangle

from bot import chart_series, charts
from bot.answer import Answer, SourceRef
from bot.charts import chart_figure, chart_png
from bot.engine import Answerer
from kg.format import format_value


def test_doc_examples() -> None:
    assert doctest.testmod(chart_series).failed == 0


def _texts(fig: Any) -> list[str]:
    ax = fig.axes[0]
    return [t.get_text().replace("\\$", "$") for t in ax.texts] + [t.get_text() for t in ax.get_xticklabels()]


def _ticks(fig: Any) -> list[str]:
    return [t.get_text().replace("\\$", "$") for t in fig.axes[0].get_xticklabels()]


def _bars(fig: Any) -> list[Rectangle]:
    return [p for p in fig.axes[0].patches if isinstance(p, Rectangle) and p.get_height() != 0]


def _footer_fits(fig: Any) -> None:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    box = fig.bbox
    foot = fig.texts[-1].get_window_extent(renderer)
    assert foot.x0 >= box.x0 and foot.x1 <= box.x1 + 1 and foot.y0 >= box.y0, "the footer is cut off"
    plot = fig.axes[0].get_tightbbox(renderer)
    assert foot.y1 <= plot.y0 + 1, "the footer overlaps the plot"
    for text in fig.axes[0].get_xticklabels():
        assert text.get_window_extent(renderer).y0 >= foot.y1 - 1


# ---------------------------------------------------------------- the seed's charts


def test_a_2024_to_2032_chart_holds_every_period(core_seed: Any) -> None:
    answer = Answerer(core_seed).ask("chart hyperscaler capex 2024 to 2032")
    fig = chart_figure(answer)
    assert fig is not None
    held = [i["period"] for i in answer.items]
    assert set(held) >= {"2024", "2025", "2032"}
    assert _ticks(fig) == sorted(held)
    texts = " ".join(_texts(fig))
    assert "derived" in texts and "forecast" in texts  # each point says what it is
    _footer_fits(fig)


def test_an_absolute_change_bar_is_drawn_as_derived(core_seed: Any) -> None:
    answer = Answerer(core_seed).ask("absolute change in hyperscaler capex from 2024 to 2025")
    fig = chart_figure(answer)
    assert fig is not None
    change = next(n for n, i in enumerate(answer.items) if "change" in str(i.get("label")))
    assert answer.items[change].get("status") is None  # the computed figure carries no status ...
    bars = _bars(fig)
    assert len(bars) == len([i for i in answer.items if i.get("unit") == "USD"])  # the dollar figures
    assert bars[change].get_hatch() == "xx" and bars[change].get_linestyle() in (
        ":",
        "dotted",
    )  # ... and is drawn as derived
    assert "$113.4B\nderived" in _texts(fig)
    reported_looking = [b for b in bars if not b.get_hatch()]
    assert not reported_looking  # nothing here is reported: 2024 is derived, 2025 a forecast


def test_reported_bars_are_solid_and_the_legend_names_each_status() -> None:
    answer = Answer(
        question="compare",
        answered=True,
        kind="comparison",
        text="",
        items=[
            {"label": "A", "subject": "A", "period": "2025", "value": 4e10, "unit": "USD", "status": "reported"},
            {"label": "B", "subject": "B", "period": "2025", "value": 3e10, "unit": "USD", "status": "forecast"},
            {"label": "C", "subject": "C", "period": "2025", "value": 2e10, "unit": "USD", "status": "derived"},
        ],
    )
    fig = chart_figure(answer)
    assert fig is not None
    assert [b.get_hatch() or "" for b in _bars(fig)] == ["", "//", "xx"]
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["reported (stated by a source)", "forecast", "derived (computed, not stated)"]


def test_a_long_footer_wraps_inside_the_image() -> None:
    sources = [SourceRef(title=f"A very long source title number {n} " * 4, quote="q") for n in range(5)]
    answer = Answer(
        question="compare things with a rather long question that goes on and on",
        answered=True,
        kind="comparison",
        text="",
        sources=sources,
        items=[
            {"label": x, "subject": x, "value": v, "unit": "USD", "status": "reported"}
            for x, v in (("A", 1e9), ("B", 2e9))
        ],
    )
    fig = chart_figure(answer)
    assert fig is not None
    assert fig.texts[-1].get_text().count("\n") >= 1 and "and 2 more" in fig.texts[-1].get_text()
    _footer_fits(fig)


# ---------------------------------------------------------------- series of filings


def _item(k: Any, quantity: Any, value: Any, status: str) -> dict[str, Any]:
    return {
        "label": f"{k.label(quantity.subject)} · {k.label(quantity.metric)} · {quantity.period.label}",
        "value": value.value,
        "unit": value.unit,
        "qualifier": value.qualifier,
        "status": status,
        "subject": k.label(quantity.subject),
        "metric": k.label(quantity.metric),
        "period": quantity.period.label,
        "text": format_value(value),
    }


def _series(store: Any, subject: str, metric: str, periods: list[str]) -> list[dict[str, Any]]:
    """The facts the store holds (stated first, else derived) for each period, as Answer items."""
    k, d = store.knowledge, store.derivations
    out = []
    for period in periods:
        found = [
            _item(k, o.quantity, o.value, o.status)
            for o in k.observations
            if (k.label(o.quantity.subject), k.label(o.quantity.metric), o.quantity.period.label)
            == (subject, metric, period)
        ]
        found += [
            _item(k, q, der.value, "derived")
            for q, der in d.derived.items()
            if (k.label(q.subject), k.label(q.metric), q.period.label) == (subject, metric, period)
        ]
        if found:
            out.append(found[0])
    return out


def _filings(items: list[dict[str, Any]], question: str, kind: str = "list") -> Answer:
    source = SourceRef(
        title="Meta Platforms, Inc. form 10-K (accession 0001326801-25-000017)",
        quote="…",
        publisher="U.S. Securities and Exchange Commission (EDGAR)",
        url="https://www.sec.gov/Archives/edgar/data/1326801/000132680125000017/",
    )
    return Answer(question=question, answered=True, kind=kind, text="", items=items, sources=[source])


def test_one_companys_quarterly_capex(sec_store: Any) -> None:
    quarters = ["Q1 2024", "Q2 2024", "Q3 2024", "Q4 2024"]
    items = _series(sec_store, "Meta", "capital expenditure", quarters)
    assert [i["period"] for i in items] == quarters
    assert items[-1]["status"] == "derived"  # Q4 = the year minus the first nine months
    fig = chart_figure(_filings(items, "chart Meta capex by quarter in 2024"))
    assert fig is not None
    assert _ticks(fig) == quarters
    xs = [line.get_xdata()[0] for line in fig.axes[0].lines if line.get_marker() not in ("None", None, "")]
    assert xs == sorted(xs) and len(set(xs)) == 4  # on a time axis, in order
    assert any(t.endswith("\nderived") for t in _texts(fig))
    _footer_fits(fig)


def test_several_companies_side_by_side(sec_store: Any) -> None:
    companies = ["Meta", "Amazon", "Alphabet"]
    items = [i for c in companies for i in _series(sec_store, c, "capital expenditure", ["2022", "2023", "2024"])]
    assert {i["subject"] for i in items} == set(companies)
    fig = chart_figure(_filings(items, "compare Meta, Amazon and Alphabet capex 2022 to 2024", kind="comparison"))
    assert fig is not None
    assert _ticks(fig) == ["2022", "2023", "2024"]  # grouped by period
    assert len(_bars(fig)) == len(items)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert set(companies) <= set(legend)
    _footer_fits(fig)


def test_capex_intensity(sec_store: Any) -> None:
    years = ["2021", "2022", "2023", "2024"]
    capex = {i["period"]: i for i in _series(sec_store, "Meta", "capital expenditure", years)}
    revenue = {i["period"]: i for i in _series(sec_store, "Meta", "revenue", years)}
    shared = [y for y in years if y in capex and y in revenue]
    assert len(shared) >= 2
    items = [
        {
            "label": f"Meta · capex intensity · {y}",
            "subject": "Meta",
            "period": y,
            "value": capex[y]["value"] / revenue[y]["value"],
            "unit": "ratio",
            "status": "derived",
            "text": f"{100 * capex[y]['value'] / revenue[y]['value']:.1f}%",
        }
        for y in shared
    ]
    fig = chart_figure(_filings(items, "Meta capex intensity"))
    assert fig is not None
    assert fig.axes[0].get_ylabel() == "%"
    assert _ticks(fig) == shared
    assert all(t.get_text().endswith("\nderived") for t in fig.axes[0].texts if t.get_text())


@pytest.mark.parametrize(
    ("period", "expected"),
    [("2024", 2024.5), ("FY2024", 2024.5), ("Q1 2024", 2024.125), ("H1 2025", 2025.25), ("Q4'24", 2024.875),
     ("Jan 2024-Sep 2024", 2024.375), ("FY2025 (Jul 2024-Jun 2025)", 2025.0), ("before the shift", None)],
)  # fmt: skip
def test_positions_on_the_time_axis(period: str, expected: float | None) -> None:
    assert chart_series.position(period) == expected


# ---------------------------------------------------------------- one chart everywhere


def test_chart_and_console_serve_the_same_picture(http_client: httpx.Client) -> None:
    question = "compare Alphabet and Meta capex H1 2025"
    direct = http_client.get("/chart", params={"q": question})
    assert direct.status_code == 200 and direct.headers["content-type"] == "image/png"
    card = http_client.get("/console/answer", params={"q": question}).text
    src = re.search(r'<img src="(/console/chart/[^"]+\.png)"', card)
    assert src
    assert http_client.get(src.group(1)).content == direct.content
    assert chart_png(Answer("q", True, "value", "")) is None  # nothing to plot


def test_slack_draws_with_the_same_function() -> None:
    from bot.slack import app as slack_app

    assert slack_app.chart_png is charts.chart_png
