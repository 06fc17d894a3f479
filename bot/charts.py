"""Charts of answers as PNG images, and ``GET /chart`` that serves them.

:func:`chart_png` draws an answer that holds two or more numbers of one unit: bars for
comparisons and rankings, lines with markers for a series over periods. Every figure
the answer holds is drawn, at every period it names (on a time axis when the periods
have dates). Reported figures are solid; forecasts hatched "//" with a dashed outline
and open markers; derived ones (computed, not stated) cross-hatched with a dotted
outline and open diamonds. Forecast, estimate and derived figures say so next to their
value, and a legend says which is which. The sources are named under the plot, wrapped
to fit. Slack, ``/chart`` and the console all draw with :func:`chart_png`.

Drawing uses matplotlib's object API on the Agg backend (no pyplot state), so charts can
be drawn from several threads at once.
"""

from __future__ import annotations

import io
import re
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot: no display is ever needed
import matplotlib.colors
from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .answer import Answer
from .chart_series import can_chart, plottable, position, scale, status_of
from .chart_series import is_series as _is_series

if TYPE_CHECKING:
    from .engine import Answerer

__all__ = [
    "LOOKS",
    "can_chart",
    "caption",
    "chart_figure",
    "chart_png",
    "chart_router",
    "is_chart_request",
    "position",
    "status_of",
]

# "graph" alone is too often the knowledge graph: only "graph X", "a graph", "graph of"
_CHART_WORDS = re.compile(
    r"\b(?:charts?|plots?|visuali[sz]e|visuali[sz]ation)\b"
    r"|^\s*(?:please\s+)?(?:graph|draw)\b|\b(?:a|bar|line)\s+graph\b|\bgraph\s+(?:of|for)\b",
    re.I,
)

_COLOURS = ("#1f5fa8", "#d9822b", "#2e8b57", "#a23b72", "#6b6b6b", "#c0392b", "#7f6ab0", "#1b9e9e")


@dataclass(frozen=True)
class Look:
    """How one status is drawn: bars (hatch, fill alpha, outline) and points (marker, fill)."""

    hatch: str
    alpha: float
    edge: Literal["solid", "dashed", "dotted"]  # outline line style
    marker: str
    filled: bool
    legend: str


LOOKS = {
    "reported": Look("", 1.0, "solid", "o", True, "reported (stated by a source)"),
    "estimate": Look("..", 0.7, "dashed", "s", False, "estimate"),
    "forecast": Look("//", 0.55, "dashed", "o", False, "forecast"),
    "derived": Look("xx", 0.25, "dotted", "D", False, "derived (computed, not stated)"),
}
_MARKED = ("estimate", "forecast", "derived")  # statuses written next to the figure


def is_chart_request(question: str) -> bool:
    """True when the question asks for a picture: chart, plot, graph, visualise.

    The question itself goes to the answerer unchanged: it reads "chart X 2024-2032" as
    a request for the series, which is what gets drawn.
    """
    return bool(_CHART_WORDS.search(question))


# ---------------------------------------------------------------- drawing


def _plain(text: object) -> str:
    """Text shown as typed: a "$" would otherwise start matplotlib's math mode."""
    return str(text).replace("$", r"\$")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _figure_text(item: dict[str, Any], status: str) -> str:
    shown = str(item.get("text") or "")
    return f"{shown}\n{status}" if status in _MARKED and shown else (status if status in _MARKED else shown)


def _bar(ax: Any, x: float, item: dict[str, Any], status: str, colour: str, width: float, div: float) -> None:
    look = LOOKS[status]
    face = matplotlib.colors.to_rgba(colour, look.alpha)
    bar = ax.bar(
        x,
        item["value"] / div,
        width=width,
        color=face,
        hatch=look.hatch,
        edgecolor=colour if status != "reported" else "#333333",
        linewidth=1.8 if status != "reported" else 0.8,
        linestyle=look.edge,
    )
    label = _figure_text(item, status)
    if label:
        ax.bar_label(bar, labels=[_plain(label)], padding=3, fontsize=7 if "\n" in label else 8)


def _draw_bars(ax: Any, answer: Answer, items: list[dict[str, Any]], div: float) -> bool:
    """Bars, grouped by period when several subjects share periods (then True)."""
    subjects = list(dict.fromkeys(str(i.get("subject") or "") for i in items))
    periods = list(dict.fromkeys(str(i.get("period") or "") for i in items))
    keys = {(i.get("subject"), i.get("period")) for i in items}
    complete = all(i.get("subject") and i.get("period") for i in items) and len(keys) == len(items)
    grouped = complete and len(subjects) > 1 and len(periods) > 1
    if grouped:  # several companies side by side, one group per period
        periods.sort(key=lambda p: (position(p) is None, position(p) or 0.0))
        width = 0.8 / len(subjects)
        for i in items:
            s, p = subjects.index(str(i.get("subject") or "")), periods.index(str(i.get("period") or ""))
            x = p - 0.4 + width * (s + 0.5)
            _bar(ax, x, i, status_of(i, answer), _COLOURS[s % len(_COLOURS)], width * 0.95, div)
        ax.set_xticks(range(len(periods)), [_plain(_short(p, 24)) for p in periods], fontsize=8)
        _rotate(ax, len(periods) > 6)
    else:
        labels = [_plain(_bar_label(i, items)) for i in items]
        for n, item in enumerate(items):
            colour = _COLOURS[n % len(_COLOURS)] if len(items) <= len(_COLOURS) else _COLOURS[0]
            _bar(ax, n, item, status_of(item, answer), colour, 0.8, div)
        ax.set_xticks(range(len(items)), labels, fontsize=8)
        _rotate(ax, len(items) > 4)
    ax.margins(y=0.2)
    return grouped


def _rotate(ax: Any, crowded: bool) -> None:
    if crowded:
        for label in ax.get_xticklabels():
            label.set_rotation(30)
            label.set_horizontalalignment("right")


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


def _draw_lines(ax: Any, answer: Answer, items: list[dict[str, Any]], div: float) -> None:
    periods = list(dict.fromkeys(str(i.get("period")) for i in items))
    positions = {p: position(p) for p in periods}
    if all(v is not None for v in positions.values()) and len(set(positions.values())) == len(periods):
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
        statuses = [status_of(p, answer) for p in points]
        for k in range(len(points) - 1):
            solid = statuses[k] == statuses[k + 1] == "reported"
            ax.plot(xs[k : k + 2], ys[k : k + 2], color=colour, lw=1.6, ls="-" if solid else "--", zorder=1)
        for x, y, p, status in zip(xs, ys, points, statuses, strict=True):
            look = LOOKS[status]
            ax.plot(
                [x],
                [y],
                marker=look.marker,
                markersize=8,
                color=colour,
                markerfacecolor=colour if look.filled else "white",
                markeredgewidth=1.8,
                linestyle="none",
                zorder=2,
            )
            label = _figure_text(p, status) if len(points) <= 12 else (status if status in _MARKED else "")
            if label:
                ax.annotate(_plain(label), (x, y), textcoords="offset points", xytext=(0, 8), ha="center", fontsize=7)
    ordered = sorted(periods, key=lambda p: x_of[p])
    ax.set_xticks([x_of[p] for p in ordered], [_plain(_short(p, 24)) for p in ordered], fontsize=8)
    _rotate(ax, len(ordered) > 6)
    ax.margins(x=0.08, y=0.2)


def _status_legend(ax: Any, answer: Answer, items: list[dict[str, Any]], series: bool, subjects: list[str]) -> None:
    statuses = [s for s in LOOKS if any(status_of(i, answer) == s for i in items)]
    handles: list[Any] = []
    for s in statuses:
        look = LOOKS[s]
        if series:
            face = "#333333" if look.filled else "white"
            handles.append(
                Line2D([], [], marker=look.marker, color="#333333", ls="none", markerfacecolor=face, label=s)
            )
        else:
            handles.append(
                Patch(
                    facecolor=matplotlib.colors.to_rgba("#9aa7b5", look.alpha),
                    hatch=look.hatch,
                    edgecolor="#333333",
                    linestyle=look.edge,
                    label=look.legend,
                )
            )
    if len(subjects) > 1:
        for n, subject in enumerate(subjects):
            handles.append(Patch(color=_COLOURS[n % len(_COLOURS)], label=_plain(_short(subject, 30))))
    if handles:
        ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)


def caption(answer: Answer) -> str:
    """The sources line under a chart."""
    titles = list(dict.fromkeys(s.title for s in answer.sources if s.title))
    if not titles:
        return "Source: the kgbot knowledge graph"
    shown = [_short(t, 200) for t in titles[:3]]
    return "Sources: " + "; ".join(shown) + (f"; and {len(titles) - 3} more" if len(titles) > 3 else "")


def _title(question: str) -> str:
    text = " ".join(question.split())
    return _short(text[:1].upper() + text[1:], 90)


def chart_figure(answer: Answer) -> Figure | None:
    """The chart of an answer as a matplotlib Figure, or None when there is nothing to plot."""
    items = plottable(answer)
    if not items:
        return None
    unit = items[0].get("unit")
    div, axis_label = scale(unit, [float(i["value"]) for i in items])
    series = _is_series(answer, items)
    fig = Figure(figsize=(9, 5), dpi=100)
    ax = fig.add_subplot()
    grouped = False
    if series:
        _draw_lines(ax, answer, items, div)
    else:
        grouped = _draw_bars(ax, answer, items, div)
    subjects = list(dict.fromkeys(str(i.get("subject") or "") for i in items))
    _status_legend(ax, answer, items, series, subjects if series or grouped else [])
    ax.set_ylabel(_plain(axis_label))
    ax.set_title(_plain(_title(answer.question)), fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    if min(float(i["value"]) for i in items) >= 0:
        ax.set_ylim(bottom=0)
    lines = textwrap.wrap(caption(answer), width=170) or [""]
    foot = fig.text(0.01, 0.01, _plain("\n".join(lines)), fontsize=7, color="#444444", ha="left", va="bottom")
    foot.set_in_layout(False)  # the plot is laid out above the footer's lines
    fig.tight_layout(rect=(0, 0.02 + 0.03 * len(lines), 1, 1))
    return fig


def chart_png(answer: Answer) -> bytes | None:
    """A PNG of the answer's figures, or None when it has fewer than two numbers of one unit."""
    fig = chart_figure(answer)
    if fig is None:
        return None
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
