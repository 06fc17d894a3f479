"""Charts of answers as PNG images, and ``GET /chart`` that serves them.

:func:`chart_png` draws an answer that holds two or more numbers of one unit: bars for
comparisons and rankings, lines with markers for a series over periods. Reported,
forecast and derived points look different (solid, hatched / open markers, faded
diamonds) and a legend says which is which; the sources are named under the plot.

Drawing uses matplotlib's object API on the Agg backend (no pyplot state), so charts can
be drawn from several threads at once.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot: no display is ever needed

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .answer import Answer

if TYPE_CHECKING:
    from .engine import Answerer

__all__ = ["can_chart", "chart_png", "chart_router", "is_chart_request"]

# "graph" alone is too often the knowledge graph: only "graph X", "a graph", "graph of"
_CHART_WORDS = re.compile(
    r"\b(?:charts?|plots?|visuali[sz]e|visuali[sz]ation)\b"
    r"|^\s*(?:please\s+)?(?:graph|draw)\b|\b(?:a|bar|line)\s+graph\b|\bgraph\s+(?:of|for)\b",
    re.I,
)

_STYLE = {
    # status: (bar hatch, bar alpha, line marker, marker filled, alpha)
    "reported": ("", 1.0, "o", True, 1.0),
    "forecast": ("//", 0.55, "o", False, 0.9),
    "derived": ("xx", 0.45, "D", True, 0.5),
}
_COLOURS = ("#1f5fa8", "#d9822b", "#2e8b57", "#a23b72", "#6b6b6b", "#c0392b", "#7f6ab0", "#1b9e9e")


def is_chart_request(question: str) -> bool:
    """True when the question asks for a picture: chart, plot, graph, visualise.

    The question itself goes to the answerer unchanged: it reads "chart X 2024-2032" as
    a request for the series, which is what gets drawn.
    """
    return bool(_CHART_WORDS.search(question))


# ---------------------------------------------------------------- data


def _numeric(items: Sequence[Any]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        v = item.get("value")
        if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v):
            out.append(item)
    return out


def _scale(unit: str | None, values: list[float]) -> tuple[float, str]:
    """Divide by this and label the axis with that."""
    if unit == "USD":
        top = max((abs(v) for v in values), default=0.0)
        if top >= 1e12:
            return 1e12, "US$ trillions ($T)"
        if top >= 1e9 or top == 0:
            return 1e9, "US$ billions ($B)"
        return 1e6, "US$ millions ($M)"
    if unit == "ratio":
        return 0.01, "%"
    if unit == "multiple":
        return 1.0, "multiple (x)"
    return 1.0, unit or "value"


def _status(item: dict[str, Any]) -> str:
    s = str(item.get("status") or "reported")
    return s if s in _STYLE else "reported"


def _plottable(answer: Answer) -> list[dict[str, Any]]:
    items = _numeric(answer.items)
    if len(items) < 2:
        return []
    units = [i.get("unit") for i in items]
    main = max(set(units), key=lambda u: (units.count(u), u is not None, str(u)))
    same = [i for i in items if i.get("unit") == main]
    return same if len(same) >= 2 else []


def can_chart(answer: Answer) -> bool:
    """True when :func:`chart_png` has something to draw: two or more numbers of one unit."""
    return bool(_plottable(answer))


def _is_series(answer: Answer, items: list[dict[str, Any]]) -> bool:
    """Points over periods (one line per subject), rather than things side by side."""
    if answer.kind == "comparison":
        return False
    periods = [i.get("period") for i in items]
    points = [(i.get("subject"), i.get("period")) for i in items]
    return None not in periods and len(set(periods)) >= 2 and len(set(points)) == len(points)


# ---------------------------------------------------------------- drawing


def _plain(text: object) -> str:
    """Text shown as typed: a "$" would otherwise start matplotlib's math mode."""
    return str(text).replace("$", r"\$")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_HALF_OR_QUARTER = re.compile(r"^(?:(H[12])|(Q[1-4]))\s*'?(\d{4})$", re.I)


def _position(period: str) -> float | None:
    """Where a period sits on a time axis: 2024 -> 2024.0, "H2 2025" -> 2025.5, "Q3 2024" -> 2024.5."""
    text = period.strip()
    if re.fullmatch(r"(?:FY\s*)?\d{4}", text, re.I):
        return float(text[-4:])
    m = _HALF_OR_QUARTER.match(text)
    if m:
        year = float(m.group(3))
        if m.group(1):
            return year + (0.5 if m.group(1).upper() == "H2" else 0.0)
        return year + (int(m.group(2)[1]) - 1) / 4
    return None


def _draw_bars(ax: Any, items: list[dict[str, Any]], div: float) -> None:
    labels = [_plain(_bar_label(i, items)) for i in items]
    for n, item in enumerate(items):
        hatch, alpha, *_ = _STYLE[_status(item)]
        colour = _COLOURS[n % len(_COLOURS)] if len(items) <= len(_COLOURS) else _COLOURS[0]
        bar = ax.bar(n, item["value"] / div, color=colour, alpha=alpha, hatch=hatch, edgecolor="#333333", linewidth=0.8)
        shown = str(item.get("text") or "")
        if shown:
            ax.bar_label(bar, labels=[_plain(shown)], padding=3, fontsize=8)
    crowded = len(items) > 4
    ax.set_xticks(
        range(len(items)), labels, rotation=20 if crowded else 0, ha="right" if crowded else "center", fontsize=8
    )
    ax.margins(y=0.15)


def _bar_label(item: dict[str, Any], items: list[dict[str, Any]]) -> str:
    subjects = {i.get("subject") for i in items}
    periods = {i.get("period") for i in items}
    metrics = {i.get("metric") for i in items}
    if len(subjects) == len(items) and item.get("subject"):
        lines = [str(item["subject"])]
        if len(metrics) > 1 and item.get("metric"):
            lines.append(f"({item['metric']})")  # the figures measure different things: say so
        if len(periods) > 1 and item.get("period"):
            lines.append(str(item["period"]))
        return "\n".join(_short(line) for line in lines)
    if len(periods) == len(items) and item.get("period"):
        return _short(str(item["period"]))
    return _short(str(item.get("label") or ""))


def _draw_lines(ax: Any, items: list[dict[str, Any]], div: float) -> None:
    periods = list(dict.fromkeys(str(i.get("period")) for i in items))
    positions = {p: _position(p) for p in periods}
    if all(v is not None for v in positions.values()):
        x_of = {p: float(v) for p, v in positions.items() if v is not None}  # a true time axis
    else:
        x_of = {p: float(n) for n, p in enumerate(periods)}
    by_subject: dict[str, list[dict[str, Any]]] = {}
    for i in items:
        by_subject.setdefault(str(i.get("subject") or ""), []).append(i)
    for n, points in enumerate(by_subject.values()):
        colour = _COLOURS[n % len(_COLOURS)]
        points = sorted(points, key=lambda p: x_of[str(p.get("period"))])
        xs = [x_of[str(p.get("period"))] for p in points]
        ys = [p["value"] / div for p in points]
        for k in range(len(points) - 1):
            reported = _status(points[k]) == _status(points[k + 1]) == "reported"
            ax.plot(
                xs[k : k + 2], ys[k : k + 2], color=colour, linewidth=1.6, linestyle="-" if reported else "--", zorder=1
            )
        for x, y, p in zip(xs, ys, points, strict=True):
            _, _, marker, filled, alpha = _STYLE[_status(p)]
            ax.plot(
                [x],
                [y],
                marker=marker,
                markersize=8,
                color=colour,
                alpha=alpha,
                markerfacecolor=colour if filled else "white",
                markeredgewidth=1.6,
                linestyle="none",
                zorder=2,
            )
            shown = str(p.get("text") or "")
            if shown:
                ax.annotate(_plain(shown), (x, y), textcoords="offset points", xytext=(0, 8), ha="center", fontsize=7)
    ax.set_xticks(sorted(set(x_of.values())), [_plain(p) for p in sorted(periods, key=lambda p: x_of[p])], fontsize=8)
    ax.margins(x=0.08, y=0.18)


def _status_legend(ax: Any, items: list[dict[str, Any]], series: bool, subjects: list[str]) -> None:
    statuses = [s for s in _STYLE if any(_status(i) == s for i in items)]
    handles: list[Any] = []
    if series:
        for s in statuses:
            _, _, marker, filled, alpha = _STYLE[s]
            handles.append(
                Line2D(
                    [],
                    [],
                    marker=marker,
                    color="#333333",
                    alpha=alpha,
                    linestyle="none",
                    markerfacecolor="#333333" if filled else "white",
                    label=s,
                )
            )
        if len(subjects) > 1:
            for n, subject in enumerate(subjects):
                handles.append(Line2D([], [], color=_COLOURS[n % len(_COLOURS)], label=_plain(subject)))
    else:
        for s in statuses:
            hatch, alpha, *_ = _STYLE[s]
            handles.append(Patch(facecolor="#9aa7b5", alpha=alpha, hatch=hatch, edgecolor="#333333", label=s))
    if handles:
        ax.legend(handles=handles, fontsize=8, loc="best", frameon=False)


def _caption(answer: Answer) -> str:
    titles = list(dict.fromkeys(s.title for s in answer.sources if s.title))
    if not titles:
        return "Source: the kgbot knowledge graph"
    text = "Sources: " + "; ".join(titles[:3]) + (f"; +{len(titles) - 3} more" if len(titles) > 3 else "")
    return _short(text, 160)


def _title(question: str) -> str:
    text = " ".join(question.split())
    return _short(text[:1].upper() + text[1:], 80)


def chart_png(answer: Answer) -> bytes | None:
    """A PNG of the answer's figures, or None when it has fewer than two numbers of one unit."""
    items = _plottable(answer)
    if not items:
        return None
    unit = items[0].get("unit")
    div, axis_label = _scale(unit, [float(i["value"]) for i in items])
    series = _is_series(answer, items)

    fig = Figure(figsize=(8, 4.8), dpi=100)
    ax = fig.add_subplot()
    if series:
        _draw_lines(ax, items, div)
    else:
        _draw_bars(ax, items, div)
    subjects = list(dict.fromkeys(str(i.get("subject") or "") for i in items))
    _status_legend(ax, items, series, subjects)
    ax.set_ylabel(_plain(axis_label))
    ax.set_title(_plain(_title(answer.question)), fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    if min(float(i["value"]) for i in items) >= 0:
        ax.set_ylim(bottom=0)
    fig.text(0.01, 0.01, _plain(_caption(answer)), fontsize=7, color="#555555", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


# ---------------------------------------------------------------- HTTP


def chart_router(answerer: Answerer) -> APIRouter:
    """``GET /chart?q=...``: the chart of the answer to ``q`` as ``image/png``."""
    router = APIRouter(tags=["answers"])

    @router.get(
        "/chart",
        summary="A chart of an answer",
        response_class=Response,
        responses={
            200: {"content": {"image/png": {}}, "description": "The chart."},
            404: {"description": "The answer holds fewer than two numbers to plot."},
        },
    )
    def chart(
        q: Annotated[
            str,
            Query(
                min_length=1, max_length=1000, description="A question, e.g. 'compare Alphabet and Meta capex H1 2025'."
            ),
        ],
    ) -> Response:
        answer = answerer.ask(q)
        png = chart_png(answer)
        if png is None:
            raise HTTPException(404, f"there is nothing to plot for {q!r}: {answer.text}")
        return Response(png, media_type="image/png", headers={"Cache-Control": "no-store"})

    return router
