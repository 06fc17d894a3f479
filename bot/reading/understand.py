"""From question text to a typed :class:`Query`.

The text is read once into evidence — lexicon mentions (subjects, metrics, concepts,
predicates), period mentions, cue words — and every kind of question is scored against
that evidence; the best-scoring reading wins. Nothing here is keyed to particular
sentences: cue words are the language of questions, names come from the graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from kg.knowledge import Knowledge
from kg.periods import Period

from .lexicon import GRAMMAR_WORDS, Lexicon, Mention, Token, tokenize
from .measure import asked_measure
from .operands import Operand, pair_operands
from .periods import PeriodMention, find_periods, resolve_fiscal
from .threshold import Threshold, change_multiple, direction_asked, is_yes_no, status_asked, threshold_in

__all__ = ["INTENTS", "Query", "understand"]

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

SUBJECT_KINDS = {
    "company",
    "group",
    "ai_lab",
    "analyst_firm",
    "market",
    "spending_category",
    "person",
    "organisation",
    "model_type",
    "hardware",
}
# cue phrases -> (intent, weight). Phrases are matched on normalised word boundaries.
_CUES: list[tuple[str, str, float]] = [
    # help
    ("help", "help", 3),
    ("what can you do", "help", 4),
    ("what do you know", "help", 3),
    ("what can i ask", "help", 4),
    ("example questions", "help", 4),
    ("hello", "help", 2),
    ("hi", "help", 1.5),
    ("hey", "help", 1.5),
    ("usage", "help", 2),
    # explanation and sources
    ("how did you get", "explain", 5),
    ("how did you", "explain", 3),
    ("how was", "explain", 2),
    ("how is that", "explain", 3),
    ("how was this computed", "explain", 5),
    ("computed", "explain", 2),
    ("calculated", "explain", 2),
    ("calculate", "explain", 1),
    ("derivation", "explain", 4),
    ("derive", "explain", 3),
    ("derived", "explain", 2),
    ("show your work", "explain", 5),
    ("show the math", "explain", 5),
    ("show me the math", "explain", 5),
    ("explain", "explain", 2.5),
    ("why", "explain", 1.5),
    ("work out", "explain", 2),
    ("where does that come from", "source", 5),
    ("come from", "source", 1),
    ("comes from", "source", 1),
    ("source", "source", 3),
    ("sources", "source", 3),
    ("cite", "source", 3),
    ("citation", "source", 3),
    ("quote", "source", 2.5),
    ("reference", "source", 2),
    ("according to", "source", 1),
    ("where did you", "source", 3),
    ("where is that from", "source", 5),
    ("who said", "source", 1),
    ("who says", "source", 4),
    ("says who", "source", 4),
    ("who forecasts", "source", 4),
    ("whose forecast", "source", 4),
    ("who projects", "source", 4),
    # definitions
    ("define", "define", 4),
    ("definition", "define", 4),
    ("meaning of", "define", 3),
    ("what does", "define", 0.5),
    ("mean", "define", 1.5),
    ("stand for", "define", 3),
    ("everything about", "define", 4),
    ("all about", "define", 3),
    ("tell me about", "define", 3),
    ("what do you know about", "define", 4),
    ("what is", "define", 0.6),
    ("what are", "define", 0.3),
    ("what s", "define", 0.4),
    # lists
    ("list", "list", 2.5),
    ("which", "list", 1),
    ("who", "list", 1.2),
    ("what are", "list", 1),
    ("name", "list", 1),
    ("members", "list", 3),
    ("member", "list", 2),
    ("categories", "list", 2),
    ("examples", "list", 1),
    ("kinds of", "list", 1.5),
    ("types of", "list", 1.5),
    ("all", "list", 0.3),
    # comparisons and rankings
    ("compare", "compare", 4),
    ("comparison", "compare", 4),
    ("versus", "compare", 3),
    ("vs", "compare", 3),
    ("against", "compare", 1.5),
    ("bigger", "compare", 2),
    ("larger", "compare", 2),
    ("smaller", "compare", 2),
    ("more than", "compare", 1),
    ("higher", "compare", 1.5),
    ("lower", "compare", 1.5),
    ("or", "compare", 0.5),
    ("outspend", "compare", 2.5),
    ("spend more", "compare", 2.5),
    ("than", "compare", 1),
    ("rank", "rank", 4),
    ("ranking", "rank", 4),
    ("top", "rank", 2),
    ("largest", "rank", 2),
    ("biggest", "rank", 2),
    ("highest", "rank", 2),
    ("most", "rank", 1.5),
    ("order", "rank", 1),
    ("sort", "rank", 2),
    ("leaderboard", "rank", 3),
    ("by size", "rank", 3),
    ("largest to smallest", "rank", 4),
    ("smallest to largest", "rank", 4),
    ("biggest to smallest", "rank", 4),
    ("the most", "rank", 2),
    ("the least", "rank", 2),
    # changes
    ("change", "change", 3),
    ("changed", "change", 3),
    ("increase", "change", 3),
    ("increased", "change", 3),
    ("grow", "change", 3),
    ("grew", "change", 3),
    ("growth", "change", 3),
    ("rise", "change", 3),
    ("rose", "change", 3),
    ("fall", "change", 3),
    ("fell", "change", 3),
    ("drop", "change", 3),
    ("dropped", "change", 3),
    ("falling", "change", 3),
    ("rising", "change", 3),
    ("growing", "change", 3),
    ("increasing", "change", 3),
    ("declining", "change", 3),
    ("dropping", "change", 3),
    ("shrinking", "change", 3),
    ("climbing", "change", 3),
    ("climb", "change", 3),
    ("decline", "change", 3),
    ("declined", "change", 3),
    ("jump", "change", 3),
    ("up from", "change", 1.5),
    ("down from", "change", 1.5),
    ("shrink", "change", 3),
    ("go up", "change", 2),
    ("go down", "change", 2),
    ("yoy", "change", 2.5),
    ("year over year", "change", 2.5),
    ("percentage points", "pp_change", 4),
    ("percentage point", "pp_change", 4),
    ("pp", "pp_change", 3),
    ("points", "pp_change", 1.5),
    ("how many times", "multiple", 4),
    ("multiple", "multiple", 2.5),
    ("times bigger", "multiple", 3),
    ("times larger", "multiple", 3),
    ("times as", "multiple", 3),
    ("fold", "multiple", 2),
    ("doubled", "multiple", 1),
    ("x bigger", "multiple", 2),
    ("cagr", "cagr", 5),
    ("compound annual", "cagr", 5),
    ("annual growth", "cagr", 3),
    ("per year growth", "cagr", 3),
    ("growth rate per year", "cagr", 4),
    ("annualized growth", "cagr", 4),
    ("annualised growth", "cagr", 4),
    ("a year on average", "cagr", 3),
    ("each year", "cagr", 1.5),
    ("ratio", "ratio", 4),
    ("relative to", "ratio", 2),
    ("what share", "share", 3),
    ("what percentage", "share", 3),
    ("what fraction", "share", 3),
    ("what portion", "share", 3),
    ("what proportion", "share", 3),
    ("how much of", "share", 1.5),
    ("combined", "sum", 4),
    ("together", "sum", 3),
    ("in total", "sum", 2),
    ("sum", "sum", 3),
    ("add up", "sum", 3),
    ("altogether", "sum", 3),
    ("total of", "sum", 2),
    ("cumulative", "sum", 2),
    # "how much more" also holds the value cue "how much": outweigh it
    ("difference", "difference", 3),
    ("gap", "difference", 3),
    ("how much more", "difference", 4.5),
    ("how much bigger", "difference", 4.5),
    ("how much larger", "difference", 4.5),
    ("how much less", "difference", 4.5),
    ("average", "average", 3),
    ("per quarter", "average", 3),
    ("quarterly average", "average", 4),
    ("on average", "average", 2),
    ("avg", "average", 3),
    ("a quarter", "average", 2),
    ("each quarter", "average", 3),
    ("annualized", "annualise", 4),
    ("annualised", "annualise", 4),
    ("run rate", "annualise", 4),
    ("run-rate", "annualise", 4),
    ("annual pace", "annualise", 3),
    ("annualize", "annualise", 4),
    ("annualise", "annualise", 4),
    ("full year pace", "annualise", 3),
    ("chart", "series", 4),
    ("plot", "series", 4),
    ("graph", "series", 3),
    ("trend", "series", 2.5),
    ("over time", "series", 3),
    ("time series", "series", 4),
    ("trajectory", "series", 3),
    ("heading", "series", 3),
    ("headed", "series", 3),
    ("outlook", "series", 3),
    ("going forward", "series", 3),
    ("visualize", "series", 3),
    ("visualise", "series", 3),
    ("history", "series", 2),
    # plain values
    ("how much", "value", 1.5),
    ("what was", "value", 1),
    ("what is", "value", 1),
    ("what will", "value", 1),
    ("how big", "value", 1.5),
    ("how large", "value", 1.5),
    ("spend", "value", 1),
    ("spent", "value", 1),
    ("spending", "value", 0.5),
    ("value", "value", 1),
    ("figure", "value", 1),
    ("number", "value", 0.5),
    ("amount", "value", 1),
    ("size", "value", 1),
    ("forecast", "value", 0.5),
    ("projected", "value", 0.5),
]
_CUE_INDEX: dict[int, dict[tuple[str, ...], list[tuple[str, float]]]] = {}
for _phrase, _intent, _w in _CUES:
    _words = tuple(_phrase.replace("-", " ").split())
    _CUE_INDEX.setdefault(len(_words), {}).setdefault(_words, []).append((_intent, _w))

_FOLLOW_UP = re.compile(r"^\s*(and|what about|how about|same for|and for|what of|ok and|also|then)\b", re.IGNORECASE)
_NOW_WORDS = {"now", "currently", "today", "current", "present", "already", "presently"}
#: Pronouns point back at what the conversation named before ("how much did they spend in 2024?").
_PRONOUN = re.compile(r"\b(they|their|theirs|them|it|its|he|his|she|her)\b", re.IGNORECASE)
#: Words of the cue phrases: question language, never names.
_CUE_WORDS = frozenset(w for phrase, _, _ in _CUES for w in phrase.replace("-", " ").split())


@dataclass
class Query:
    """A question's reading: what is asked, about which subjects, metric and periods."""

    intent: str
    subjects: list[str] = field(default_factory=list)
    metric: str | None = None
    periods: list[Period] = field(default_factory=list)
    range_: bool = False
    by: bool = False
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
    top: int | None = None
    #: when a question names several metrics: each subject's nearest one
    subject_metrics: dict[str, str] = field(default_factory=dict)
    amounts: list[float] = field(default_factory=list)
    #: words written right before the metric that no name covers ("total digital ad" spending)
    metric_modifiers: list[str] = field(default_factory=list)
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
    #: which operand is the whole in "A as a share of B" / "how many times B": its index, else None
    whole_operand: int | None = None
    #: the measure the question asks for ("difference", "percent_change", ...), when its words say
    measure: str | None = None
    #: which of two periods (or subjects) is the whole in "A as a share of B": its index, else None
    whole: int | None = None

    @property
    def complete(self) -> bool:
        return bool(self.subjects and self.metric and self.periods)


_WHERE_FROM = re.compile(r"\bwhere\b.*\b(?:comes?|came|coming)\s+from\b", re.IGNORECASE)
_SAME_PERIOD = re.compile(r"\bsame (?:period|quarter|half|time|months?)\b", re.IGNORECASE)
_GIVEN = {("implied", "by"), ("given", "the"), ("based", "on"), ("assuming", "the"), ("derived", "from")}
_GIVEN_WORDS = {"assuming", "using"}
#: "fall to", "reach", "climb to": the level reached is asked, not the change
_TARGET_LEVEL = re.compile(
    r"\b(?:(?:fall|drop|declin|ris|ros|grow|grew|climb|increas|decreas|shrink|shrank|jump|go|went|sink|sank|get)"
    r"\w*\s+to|reach(?:es|ed|ing)?)\b(?!\s+(?:\d|\$))",
    re.IGNORECASE,
)
_FROM_WHAT = re.compile(
    r"\bfrom\s+what\b|\bstart(?:ed|s|ing)?\s+(?:from|at)\b|\bstarting\s+(?:level|point|share)", re.I
)


_PREAMBLE = re.compile(
    r"^(?:looking at|regarding|re|on|about|thinking (?:about|of)|given|based on|quick q(?:uestion)?|question|q|"
    r"context|fyi|so|ok|okay)\b[^:?]{0,80}:\s+(?=\S+\s+\S+\s+\S)",
    re.IGNORECASE,
)


def _without_preamble(text: str) -> str:
    """'Looking at the shift to inference: how many points ...?' -> the question after the colon."""
    m = _PREAMBLE.match(text)
    return text[m.end() :] if m else text


def _modifiers(tokens: list[Token], covered: set[int], metric_mentions: list[Mention]) -> list[str]:
    """Unrecognised words qualifying the metric: a narrower thing the graph may not hold."""
    if not metric_mentions:
        return []
    i = metric_mentions[0].start - 1
    out: list[str] = []
    while i >= 0 and i not in covered:
        w = tokens[i].norm
        if w in GRAMMAR_WORDS or not w.isalpha():
            break
        out.insert(0, tokens[i].text)
        i -= 1
    return out


def _given_offset(tokens: list[Token]) -> int:
    """Where a clause of evidence starts ('implied by', 'given the'), as a character offset."""
    norms = [t.norm for t in tokens]
    for i in range(1, len(norms)):
        if (norms[i - 1], norms[i]) in _GIVEN or norms[i] in _GIVEN_WORDS:
            return tokens[i - 1].start
    return 10**9


def _cue_scores(tokens: list[Token], names: set[int]) -> dict[str, float]:
    """Cue phrases found outside the names of things ("in total tech spending" is no sum)."""
    norms = [t.norm for t in tokens]
    scores: dict[str, float] = {}
    # "what was X in 2024, implied by the 44% increase": the clause after the marker gives evidence, not the ask
    end = next(
        (i for i in range(1, len(norms)) if (norms[i - 1], norms[i]) in _GIVEN or norms[i] in _GIVEN_WORDS),
        len(norms),
    )
    for n, table in _CUE_INDEX.items():
        for i in range(min(len(norms), end) - n + 1):
            if names.intersection(range(i, i + n)):
                continue
            for intent, w in table.get(tuple(norms[i : i + n]), ()):
                scores[intent] = scores.get(intent, 0.0) + w
    return scores


def _unknown_names(text: str, tokens: list[Token], covered: set[int]) -> list[str]:
    """Capitalised words that name something the graph does not know (e.g. 'Nvidia')."""
    out = []
    for i, t in enumerate(tokens):
        if i in covered or t.norm in GRAMMAR_WORDS or t.norm.isdigit() or len(t.norm) < 3:
            continue
        word = t.text
        if not word[:1].isupper():
            continue
        if i == 0 or text[: t.start].rstrip().endswith(("?", ".", "!", ":")):
            continue  # sentence-initial capitals say nothing
        if re.fullmatch(r"(?:FY|CY|Q|H)\d+.*|\d+[HQ]\d*", word, re.IGNORECASE):
            continue
        out.append(word)
    return out


def _possible_unknown_subject(
    tokens: list[Token], covered: set[int], metric_starts: set[int] | None = None
) -> list[str]:
    """Unknown words in a subject position: 'did X spend', "X's capex", 'for X', 'X AI capex'."""
    out = []
    for i, t in enumerate(tokens):
        if i in covered or t.norm in GRAMMAR_WORDS or t.norm.isdigit() or len(t.norm) < 3:
            continue
        if metric_starts and i + 1 in metric_starts and t.norm not in _CUE_WORDS:
            out.append(t.text)  # "Apple AI capex": the word naming whose figure it is
            continue
        prev = tokens[i - 1].norm if i else ""
        nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
        if prev in {
            "did",
            "does",
            "will",
            "is",
            "was",
            "for",
            "of",
            "about",
            "and",
            "vs",
            "versus",
            "compare",
        } or nxt in {
            "spend",
            "spent",
            "capex",
            "revenue",
            "and",
            "vs",
            "versus",
            "s",
        }:
            out.append(t.text)
    return out


def understand(text: str, lexicon: Lexicon, *, today: date) -> Query:
    """Read ``text`` into the best-scoring :class:`Query`."""
    text = _without_preamble(text)
    k: Knowledge = lexicon.knowledge
    tokens = tokenize(text)
    period_mentions = find_periods(text, today=today)
    # tokens inside period mentions are not names
    in_period = {i for i, t in enumerate(tokens) for m in period_mentions if m.start <= t.start < m.end}
    mentions = [m for m in lexicon.find(text, tokens) if not (set(range(m.start, m.end)) & in_period)]
    covered = set(in_period)
    for m in mentions:
        covered.update(range(m.start, m.end))

    subjects: list[str] = []
    metrics: list[Mention] = []
    concepts: list[str] = []
    predicates: list[str] = []
    for m in mentions:
        if m.kind == "metric":
            metrics.append(m)
        elif m.kind == "predicate":
            if m.iri not in predicates:
                predicates.append(m.iri)
        else:
            if m.kind in SUBJECT_KINDS and m.iri not in subjects:
                subjects.append(m.iri)
            if m.iri not in concepts:
                concepts.append(m.iri)
    metric = _choose_metric(metrics, k) or lexicon.weak_metric(tokens)
    subject_metrics = _pair_subjects_with_metrics(mentions, metrics) if len({m.iri for m in metrics}) > 1 else {}

    # fiscal periods follow the convention of the (first) company named
    fiscal_end = next(
        (k.entities[s].fiscal_end_month for s in subjects if s in k.entities and k.entities[s].kind == "company"), 12
    )
    resolved: list[PeriodMention] = [resolve_fiscal(m, fiscal_end) if m.fiscal else m for m in period_mentions]
    # periods in a clause of evidence ("given the 44% increase to 2025") are not the period asked
    given_at = _given_offset(tokens)
    periods = [m.period for m in resolved if m.period is not None and m.start < given_at] or [
        m.period for m in resolved if m.period is not None
    ]
    roles = {m.role for m in resolved}
    now = any(w in _NOW_WORDS for w in (t.norm for t in tokens))
    if now and not periods:
        periods = [Period.year(today.year)]

    # measures ("CAGR", "percentage points") are the question's own words, not names of what it is about
    names = {i for m in mentions if m.kind not in ("predicate", "class", "measure") for i in range(m.start, m.end)}
    scores = _cue_scores(tokens, names)
    norms = {t.norm for t in tokens}
    # structural evidence
    if len(subjects) >= 2:
        scores["compare"] = scores.get("compare", 0) + 1.0
        scores["sum"] = scores.get("sum", 0) + (0.5 if "sum" in scores else 0)
    if "range_start" in roles and "range_end" in roles:
        scores["change"] = scores.get("change", 0) + 0.5
        scores["series"] = scores.get("series", 0) + (0.5 if "series" in scores else 0)
    if metric or (subjects and periods):
        scores["value"] = scores.get("value", 0) + 1.0
    if predicates:
        scores["list"] = scores.get("list", 0) + 1.5
    is_ratio = bool(metric and k.entities.get(metric) and k.entities[metric].unit == "ratio")
    if is_ratio and "change" in scores and ({"point", "points", "pp"} & norms):
        scores["pp_change"] = scores.get("pp_change", 0) + 2
    if "define" in scores and (periods or (metric and subjects)):
        scores["define"] -= 2.0
    if "list" in scores and metric and periods and not predicates and "members" not in norms:
        scores["list"] -= 1.0
    if "sum" in scores and "range_start" in roles and "range_end" in roles:
        scores["sum"] += 2.0  # "in total between 2025 and 2032": a cumulative sum
    if "change" in scores and {"annually", "annual", "yearly", "annualised", "annualized"} & norms:
        scores["cagr"] = scores.get("cagr", 0) + 3.0  # "grow annually" asks for a compound rate
    if "change" in scores and "cagr" in scores:
        scores["change"] -= 1.0
    if "compare" in scores and len(subjects) < 2 and len(periods) < 2 and "rank" not in scores:
        scores["compare"] -= 1.0
    if "explain" in scores and ("source" in scores) and scores["source"] >= scores["explain"]:
        scores["explain"] -= 1.0
    if "average" in scores and "cagr" in scores:
        scores["average"] -= 2.0
    if "change" in scores and _TARGET_LEVEL.search(text) and "from" not in norms and len(periods) <= 1:
        scores["value"] = scores.get("value", 0) + scores["change"] + 0.5  # "what does the share fall to by 2032"
    asks_start = bool(_FROM_WHAT.search(text))
    if asks_start:
        scores["value"] = scores.get("value", 0) + scores.get("change", 0) + 0.5
    if _WHERE_FROM.search(text):
        scores["source"] = scores.get("source", 0) + 3.0  # "where does the $371B come from?"
    if (
        tokens and tokens[0].norm in ("which", "who") and any(m.kind == "group" and m.start <= 2 for m in mentions)
    ):  # "which hyperscalers are named ...": the group's members
        scores["list"] = scores.get("list", 0) + 3.0
    if "define" in scores and not (subjects or metric or periods) and any(m.kind == "measure" for m in mentions):
        scores["define"] += 3.0  # "what does CAGR mean?": the term asked about, not a computation
    if "define" in scores and not periods and not predicates and len({(m.start, m.end) for m in mentions}) == 1:
        scores["define"] += 1.5  # "what is X?" about one term and nothing else: a definition

    intent = max(scores, key=lambda i: (scores[i], -INTENTS.index(i))) if scores else "value"
    understood = bool(mentions or period_mentions or scores) or bool(is_yes_no(text) and amount_spans(text))
    covered_all = covered | {i for i, t in enumerate(tokens) if t.norm in GRAMMAR_WORDS}
    unknown = _unknown_names(text, tokens, covered_all)
    if not subjects:
        metric_starts = {m.start for m in metrics}
        unknown += [w for w in _possible_unknown_subject(tokens, covered_all, metric_starts) if w not in unknown]
    # the measure is read outside names; a one-word metric ("share", "growth") may be question language
    subject_names = {
        i
        for m in mentions
        if m.kind != "measure" and (m.kind in SUBJECT_KINDS or m.end - m.start > 1)
        for i in range(m.start, m.end)
    }
    plain = [t.norm for i, t in enumerate(tokens) if i not in subject_names and i not in in_period]
    modifiers = _modifiers(tokens, covered, [m for m in metrics if m.iri == metric])
    measure = asked_measure(plain, text)
    threshold = threshold_in(text)
    # "did A or B grow faster?" offers a choice between the two: a comparison, not a yes or a no
    yes_no = is_yes_no(text) and not (len(subjects) >= 2 and re.search(r"\bor\b", text, re.IGNORECASE))
    norm_list = [t.norm for t in tokens]
    operands = pair_operands(
        [(tokens[m.start].start, m.iri) for m in mentions if m.kind in SUBJECT_KINDS],
        [(tokens[m.start].start, m.iri) for m in metrics if not _generic_share(k, m.iri)],
        [(m.start, m.period) for m in resolved if m.period is not None],
        [(pos, v) for pos, v in amount_spans(text) if threshold is None or v != threshold.value],
    )
    q = Query(
        metric_modifiers=modifiers,
        text=text,
        same_period=bool(_SAME_PERIOD.search(text)),
        asks_start=asks_start,
        operands=operands,
        whole_operand=_whole(text, [o.start for o in operands]),
        yes_no=yes_no,
        threshold=threshold,
        change_multiple=change_multiple(plain) if yes_no else None,
        status_asked=status_asked(plain) if yes_no else None,
        direction=direction_asked(plain) if yes_no else None,
        comparator=_comparator(norm_list),
        measure=measure,
        whole=_whole(text, [m.start for m in resolved if m.period is not None])
        if len(periods) >= 2
        else _whole(text, [tokens[m.start].start for m in mentions if m.kind in SUBJECT_KINDS]),
        intent=intent,
        subjects=subjects,
        metric=metric,
        periods=periods,
        range_="range_start" in roles and "range_end" in roles,
        by="by" in roles,
        concepts=concepts,
        predicates=predicates,
        unknown=unknown,
        relative_previous="relative_previous" in roles,
        now=now,
        vague=any(m.vague for m in resolved),
        follow_up=bool(_FOLLOW_UP.match(text) or _PRONOUN.search(text)),
        understood=understood,
        scores=scores,
        ascending=bool({"smallest", "lowest", "least"} & norms),
        top=_top_n(tokens),
        subject_metrics=subject_metrics,
        amounts=[a for a in amounts_in(text) if threshold is None or a != threshold.value],
    )
    return q


_OF_WHOLE = re.compile(
    r"(?:\b(?:share|percent(?:age)?|fraction|proportion|portion|part|slice|piece|ratio|multiple|times|much)|%)"
    r"\s+(?:of|to)\s+(?:the\s+|what\s+|a\s+)?(?:\S+\s+){0,2}$",
    re.IGNORECASE,
)
_OF_WHOLE_AFTER = re.compile(
    r"\b(?:relative to|compared (?:to|with)|against|than|vs\.?|versus|times|as (?:big|large|high) as)\s+(?:the\s+)?$",
    re.I,
)


_MORE = {
    "more",
    "exceed",
    "exceeded",
    "exceeds",
    "bigger",
    "larger",
    "higher",
    "above",
    "over",
    "outspend",
    "outspent",
    "greater",
    "surpass",
    "surpassed",
    "top",
    "topped",
    "beat",
    "ahead",
}
_LESS = {"less", "smaller", "lower", "below", "under", "fewer", "behind", "trail", "trailed"}


def _generic_share(k: Knowledge, metric: str) -> bool:
    """'share' on its own: a word of the question ('as a share of'), not a quantity's metric."""
    e = k.entities.get(metric)
    return e is not None and e.unit == "ratio" and not e.share_base


def _comparator(norms: list[str]) -> str | None:
    """'>' for 'more / exceed / bigger', '<' for 'less / smaller / below', whichever comes first."""
    for w in norms:
        if w in _MORE:
            return ">"
        if w in _LESS:
            return "<"
    return None


_RATIO_OF_TO = re.compile(r"\bratio\s+(?:of|between)\b", re.IGNORECASE)


def _whole(text: str, starts: list[int]) -> int | None:
    """In 'A as a share of B' / 'what fraction of B is A': the index of the mention that is B."""
    if len(starts) >= 2 and _RATIO_OF_TO.search(text[: starts[0]]):
        return 1  # "the ratio of A to B": B is the denominator
    for i, start in enumerate(starts):
        before = text[max(0, start - 40) : start]
        if _OF_WHOLE.search(before) or _OF_WHOLE_AFTER.search(before):
            return i
    return None


def _pair_subjects_with_metrics(mentions: list[Mention], metrics: list[Mention]) -> dict[str, str]:
    """'generative AI revenue or hyperscaler data-centre spend': each subject with its nearest metric."""
    out: dict[str, str] = {}
    for m in mentions:
        if m.kind in SUBJECT_KINDS and m.iri not in out:
            # a metric after the subject ("Meta capex") binds a little tighter than one before it
            nearest = min(metrics, key=lambda x: x.start - m.end if x.start >= m.end else m.start - x.end + 0.5)
            out[m.iri] = nearest.iri
    return out


_AMOUNT = re.compile(
    r"(?<![\w.])\$?\s?(\d+(?:\.\d+)?)\s?(trillion|billion|million|bn|tn|t|b|m|%|percent)?(?![\w.])", re.IGNORECASE
)
_SCALE = {
    "trillion": 1e12,
    "tn": 1e12,
    "t": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "million": 1e6,
    "m": 1e6,
    "%": 0.01,
    "percent": 0.01,
}


def amounts_in(text: str) -> list[float]:
    """Money and percentages written in a question, in base units ('$371B' -> 371e9, '44%' -> 0.44)."""
    return [v for _, v in amount_spans(text)]


def amount_spans(text: str) -> list[tuple[int, float]]:
    """Each amount the question writes, with its character offset."""
    out = []
    for m in _AMOUNT.finditer(text):
        unit = (m.group(2) or "").lower()
        if not unit and "$" not in m.group(0):
            continue  # a bare number is a year or a count, not an amount
        out.append((m.start(), float(m.group(1)) * _SCALE.get(unit, 1.0)))
    return out


def _top_n(tokens: list[Token]) -> int | None:
    for i, t in enumerate(tokens[:-1]):
        if t.norm == "top" and tokens[i + 1].norm.isdigit():
            return int(tokens[i + 1].norm)
    return None


def _choose_metric(metrics: list[Mention], k: Knowledge) -> str | None:
    """The most specific metric named (a share metric beats 'spending')."""
    if not metrics:
        return None
    iris = list(dict.fromkeys(m.iri for m in metrics))

    def depth(iri: str) -> int:
        d, seen, cur = 0, set(), iri
        while cur in k.entities and k.entities[cur].broader and cur not in seen:
            seen.add(cur)
            cur = k.entities[cur].broader[0]
            d += 1
        return d

    # a generic "share" plus another metric with that base -> the share of it
    ents = [k.entities[i] for i in iris if i in k.entities]
    generic_share = [e for e in ents if e.unit == "ratio" and not e.share_base]
    if generic_share and len(ents) > 1:
        others = [e for e in ents if e not in generic_share]
        for cand in k.entities.values():
            if cand.kind == "metric" and cand.share_base and any(cand.share_base == o.iri for o in others):
                return cand.iri
    return max(iris, key=lambda i: (depth(i), -iris.index(i)))


def with_context(q: Query, previous: Query | None) -> Query:
    """Fill what a follow-up leaves out from the previous question of the conversation."""
    if previous is None:
        return q
    if q.complete and not q.follow_up:
        return q
    if q.intent in ("help",):
        return q
    special = _follow_up_on_figure(q, previous)
    if special is not None:
        return special
    inherited: list[str] = []
    changes: dict[str, object] = {}
    asks_about_last = q.intent in ("explain", "source") and not (q.subjects or q.metric)
    if asks_about_last:
        return replace(
            q,
            subjects=previous.subjects,
            metric=previous.metric,
            periods=previous.periods,
            inherited=["subjects", "metric", "periods"],
            range_=previous.range_,
        )
    if not q.subjects and q.metric and q.periods and not q.follow_up:
        return q  # names its own figure and period ("total tech spending 2032"): a new question
    fragment = q.follow_up or not (q.subjects and q.metric)
    if not fragment:
        return q
    if not q.subjects and previous.subjects and not q.unknown:
        changes["subjects"] = previous.subjects
        inherited.append("subjects")
    if not q.metric and previous.metric:
        changes["metric"] = previous.metric
        inherited.append("metric")
    if q.same_period and previous.periods and q.periods and not previous.periods[-1].is_vague:
        # "and the same period in 2024?": the previous period, in the year named
        base = previous.periods[-1]
        year = q.periods[0].start.year if q.periods[0].start else None
        if year is not None and base.start is not None:
            changes["periods"] = [base.shift_years(year - base.start.year)]
            inherited.append("periods")
    if not q.periods and previous.periods and not q.relative_previous and q.intent != "series":
        changes["periods"] = previous.periods
        changes["range_"] = previous.range_
        inherited.append("periods")
    if q.relative_previous and previous.periods:
        base = previous.periods[-1]
        if not base.is_vague:
            changes["periods"] = [base.shift_years(-1)]
            inherited.append("periods")
    if (
        q.intent == "value"
        and previous.intent in ("compare", "change", "cagr", "sum", "difference")
        and not (q.scores.get("value", 0) > 2)
    ):
        changes["intent"] = previous.intent if (changes.get("subjects") or changes.get("periods")) else q.intent
    return replace(q, inherited=inherited, **changes)  # type: ignore[arg-type]


_THAT = re.compile(r"\b(?:that|this|it|its|those|these)\b", re.IGNORECASE)


def _follow_up_on_figure(q: Query, previous: Query) -> Query | None:
    """Follow-ups that set the last figure against another: 'is that more than Meta's?', 'as a % of revenue?'."""
    if not (previous.subjects and previous.metric):
        return None
    last = Operand(0, previous.subjects[0], previous.metric, previous.periods[0] if previous.periods else None)
    if q.yes_no and q.comparator and len(q.subjects) == 1 and q.subjects[0] != last.subject and _THAT.search(q.text):
        other = Operand(1, q.subjects[0], q.metric or previous.metric, q.periods[0] if q.periods else last.period)
        return replace(
            q,
            subjects=[previous.subjects[0], q.subjects[0]],
            metric=q.metric or previous.metric,
            periods=q.periods or previous.periods,
            operands=[last, other],
            inherited=["subjects", "metric", "periods"],
        )
    if q.measure == "ratio" and len(q.subjects) == 1 and q.metric and q.subjects[0] != last.subject:
        # "as a share of genAI revenue?": the last figure over the quantity now named
        named = next((o.metric for o in q.operands if o.metric), q.metric)
        whole = Operand(1, q.subjects[0], named, q.periods[0] if q.periods else last.period)
        return replace(
            q,
            subjects=[last.subject, q.subjects[0]] if last.subject else q.subjects,
            periods=q.periods or previous.periods,
            operands=[last, whole],
            whole_operand=1,
            inherited=["periods"],
        )
    if q.measure == "ratio" and not q.subjects and q.metric and q.metric != previous.metric:
        whole = Operand(1, previous.subjects[0], q.metric, q.periods[0] if q.periods else last.period)
        return replace(
            q,
            subjects=previous.subjects[:1],
            periods=q.periods or previous.periods,
            operands=[last, whole],
            whole_operand=1,
            inherited=["subjects", "periods"],
        )
    return None
