"""A question's reading, as the understanding step hands it to the answering step."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.periods import Period

from .operands import Operand
from .periods import PeriodMention
from .threshold import Threshold

INTENTS = (
    "value",
    "change",
    "pp_change",
    "multiple",
    "cagr",
    "ratio",
    "share",
    "sum",
    "difference",
    "average",
    "annualise",
    "compare",
    "rank",
    "list",
    "series",
    "explain",
    "source",
    "define",
    "help",
)


@dataclass
class Query:
    """A question's reading: what is asked, about which subjects, metric and periods."""

    intent: str
    subjects: list[str] = field(default_factory=list)
    metric: str | None = None
    periods: list[Period] = field(default_factory=list)
    range_: bool = False
    by: bool = False
    #: the one period written starts what is asked ('grown since 2020'): from it to the latest figure
    since: bool = False
    concepts: list[str] = field(default_factory=list)
    predicates: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    relative_previous: bool = False
    now: bool = False
    vague: bool = False
    follow_up: bool = False
    understood: bool = True
    scores: dict[str, float] = field(default_factory=dict)
    inherited: list[str] = field(default_factory=list)
    ascending: bool = False
    #: an arithmetic sign written between the quantities ('A − B', 'A ÷ B'): their order is the question's
    in_order: bool = False
    top: int | None = None
    #: when a question names several metrics: each subject's nearest one
    subject_metrics: dict[str, str] = field(default_factory=dict)
    amounts: list[float] = field(default_factory=list)
    #: the fiscal period mentions as written, to re-read in a follow-up's inherited company's calendar
    fiscal: list[PeriodMention] = field(default_factory=list)
    #: words of the question that no label, grammar word or cue explains
    leftover: list[str] = field(default_factory=list)
    #: "and FQ4 alone?": a quarter or half written without a year, as (kind, number, fiscal)
    yearless: tuple[str, int, bool] | None = None
    #: "quarterly", "by quarter": the kind of period a series is asked in
    granularity: str | None = None
    #: "the latest quarterly figure", "its most recent fiscal year": only the newest figure of that kind
    latest: bool = False
    #: "over the last three years": the newest n periods of a kind, as (kind, n)
    last_n: tuple[str, int] | None = None
    #: the kind of source asked for: "filing" ("as filed", "per the 10-Q") or "article", else None
    source: str | None = None
    #: words written right before the metric that no name covers ("total digital ad" spending)
    metric_modifiers: list[str] = field(default_factory=list)
    #: "how much of Meta's capex goes to Nvidia": the company a spending is paid to (no figure splits that)
    paid_to: str | None = None
    #: the question's own text (follow-ups read pronouns in it)
    text: str = ""
    #: "the same period in 2024": the previous question's period, moved to the year named
    same_period: bool = False
    #: "dropped from what level?": the starting figure of a stated change is asked
    asks_start: bool = False
    #: a yes/no question ("did ...", "is ...") and what it tests
    yes_no: bool = False
    threshold: Threshold | None = None
    change_multiple: float | None = None
    status_asked: str | None = None
    direction: str | None = None
    comparator: str | None = None
    #: the quantities named, each subject with its own metric and period, in text order
    operands: list[Operand] = field(default_factory=list)
    #: where the whole stands in "A as a share of B" / "how many times B" (the operand's offset), else None
    whole_at: int | None = None
    #: the measure the question asks for ("difference", "percent_change", ...), when its words say
    measure: str | None = None
    #: which of two periods (or subjects) is the whole in "A as a share of B": its index, else None
    whole: int | None = None
    #: "what did they originally file?": a restated figure's first filed value
    original: bool = False
    #: forecasters named beside a figure ("BI's genAI revenue forecast"): whose forecast, not whose revenue
    credited: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.subjects and self.metric and self.periods)
