"""Yes/no questions: a threshold, a change word, a comparison, a status or a relation, judged
on the figure the question is about with its qualifier's bounds.

The verdict is "yes" or "no" only when the whole interval the sources allow falls on one
side; otherwise it is "unknown", with the figure and why. A relation the sources do not
state is "unknown", never "no": silence is not evidence.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date

from kg.format import format_value
from kg.values import Value

from ...answer import Answer
from ..facts import Responder
from ..patterns import BY_HOW_MUCH
from ..threshold import Threshold, fraction_value
from ..understand import Query
from . import changes, sources, values, verdict_shapes
from .common import not_found, value_answer
from .figure_verdicts import (
    CLAIM_SLACK,
    any_of_verdict,
    claimed_level_verdict,
    parts_verdict,
    reached_by_then,
    revision_verdict,
    two_measures_verdict,
)
from .finishing import DOLLARS_ASKED
from .stated_verdicts import (
    consistency_verdict,
    membership_verdict,
    record_verdict,
    relation_verdict,
    status_verdict,
)
from .thresholds import answer_first_crossing, answer_threshold_list, asks_first_crossing
from .verdict_basics import (
    ATTRIBUTION,
    CHANGE_WORD_SLACK,
    attribution_verdict,
    bounds,
    measured,
    threshold_text,
    verdict_of,
    with_verdict,
)

__all__ = ["answer_first_crossing", "answer_threshold_list", "answer_yes_no", "asks_first_crossing"]


def answer_yes_no(r: Responder, question: str, q: Query) -> Answer:
    """A yes or a no where the sources decide it; where they hold nothing to decide it by, 'I can't
    tell', with what they do hold (the refusal's own words and suggestions)."""
    held_asked = _HELD_ASKED.search(question) or _FIGURE_AFTER.search(question)
    if held_asked and q.subjects and q.metric and not (q.threshold or q.comparator):
        # "is there any capex figure for Meta in 2024?": the figure if the sources give it
        base = values.answer_value(r, question, replace(q, yes_no=False, intent="value"))
        if not base.answered or base.value is None:
            return base
        if DOLLARS_ASKED.search(question) and base.unit != "USD":
            # "inference capex in $ for 2025 — do they size it?": a share is no dollar figure
            return not_found(r, question, q, f"{r.label(q.metric)} in dollars for {r.label(q.subjects[0])}")
        held = _HELD_ASKED.search(question)
        if held is not None and held.group("who"):
            # "does Goldman have a forecast for genAI revenue?": theirs only where the source credits them
            return attribution_verdict(r, question, q, base)
        return with_verdict(question, base, "yes", "the sources give it.")
    if _HELD_ASKED.search(question) and q.subjects and not q.metric and not (q.threshold or q.comparator):
        # "does BI have a number for the HBM market by 2032?": none, when nothing named has a figure at all
        sized = [s for s in q.subjects if r.k.series().get(s) and s not in q.credited]
        if not sized:
            named = " or ".join(r.label(s) for s in q.subjects if s not in q.credited) or "that"
            return not_found(r, question, q, f"a figure for {named}")
    answer = _answer_yes_no(r, question, q)
    if answer.verdict == "unknown" and _FIGURE_AFTER.search(question):
        # "HBM TAM 2027 - does the piece have a number": no figure held is a plain no figure, not a doubt
        named = " or ".join(r.label(s) for s in q.subjects) or "that"
        return not_found(r, question, q, f"a figure for {named}")
    elsewhere = _figure_of_another(r, question, q) if answer.verdict == "unknown" or not answer.answered else None
    if elsewhere is not None:
        return elsewhere
    if answer.answered or answer.kind != "not_found" or q.unknown:
        # about something the graph does not know at all ("did Oracle ...?"): declined
        return _with_the_gap_asked(question, _against_the_figure_claimed(r, q, answer))
    why = answer.text.split(" Here is what I do know nearby.")[0].rstrip(".")
    why = re.sub(r"^I don't know\s+", "they give nothing on ", why)
    return replace(
        answer,
        answered=True,
        kind="yes_no",
        verdict="unknown",
        value=None,
        measure=None,
        text=f"I can't tell from the sources — {why[:1].lower()}{why[1:]}.",
    )


#: "is there any capex figure for ...?", "do the filings have a number for ...?": whether a figure is held
_HELD_ASKED = re.compile(
    r"^\s*(?:(?:is|are)\s+there|do(?:es)?\s+(?:they|the\s+(?:article|filings?|sources?|data))\s+"
    r"(?:give|have|hold|report|show|include)"
    # "does BI have a number for ...?": a named forecaster's
    r"|do(?:es)?\s+(?P<who>(?:[A-Z][\w.&]*\s+){1,3})(?:give|have|publish|put\s+out))"
    r"\s+(?:an?|any)\s+[^?]*?\b(?:figures?|numbers?|data|values?|estimates?|forecasts?)\s+"
    r"(?:for|on|of)\b"
    # "inference capex in $ for 2025 — do they size it?", "does the article quantify it?"
    r"|\b(?:do|does|did)\s+(?:they|the\s+(?:article|filings?|sources?|authors?))\s+(?:size|quantify|put\s+a\s+"
    r"(?:\$\s*)?(?:number|figure)\s+on|give\s+(?:a|any)\s+(?:\$\s*)?(?:number|figure|amount))\b",
    re.IGNORECASE,
)

#: "HBM TAM 2027 - does the piece have a number", "inference $ in 2025 — is there an actual figure?":
#: the figure named first, whether the sources hold one after
_FIGURE_AFTER = re.compile(
    r"(?:[-—–,:;?]\s*)+(?:(?:and\s+)?(?:does|do|did)\s+(?:the\s+|your\s+|any\s+)?(?:article|sources?|piece"
    r"|report|story|filings?|data|graph)\s+(?:have|has|give|gives|contain|provide|state|include|put)|is\s+there"
    r"|are\s+there|any)\s+(?:a|an|any)?\s*(?:specific\s+|actual\s+|real\s+|hard\s+|dollar\s+)?"
    r"(?:figure|number|estimate|amount|value|total)s?(?:\s+(?:for|on|in)\s+(?:it|that|this|there))?\s*\??\s*$",
    re.IGNORECASE,
)

#: "less than a third of its current share": a part of the figure at the source's present
_PART_OF_ITS_OWN = re.compile(
    r"\b(?P<side>less|lower|smaller|fewer|under|below|more|greater|higher|bigger|larger|over|above)(?:\s+than)?\s+"
    r"(?P<frac>(?:(?:a|an|one|two|three)[\s-]+)?(?:half|thirds?|quarters?|fifths?|tenths?))\s+of\s+(?:its|their|the)\s+"
    r"(?:current|present|today'?s|existing)\b",
    re.IGNORECASE,
)
#: "going under 15%?", "headed above $500B?": where a figure is heading, not where it stands
_HEADING = re.compile(
    r"\b(?:going|gonna|headed|heading|set|on\s+track|expected|projected|forecast|likely)\s+(?:to\s+(?:go|fall|drop|sink|"
    r"rise|climb|get)\s+)?(?:under|below|beneath|over|above|past|beyond|to\s+(?:under|below|over|above))\b",
    re.IGNORECASE,
)

#: "44% higher than", "$10bn more than": the size of a gap between two figures, written before the comparison
_SIZE_OF_GAP = re.compile(
    r"\d[\d.,]*\s*(?:%|percent|pct|bn|b|billion|tn|trillion|x)?\s+(?:higher|more|bigger|larger|greater|lower|less"
    r"|smaller)\s+than\b",
    re.IGNORECASE,
)


def _figure_of_another(r: Responder, question: str, q: Query) -> Answer | None:
    """'the $30.7bn in the article is microsoft's H1 AI capex, correct?': an amount the sources give as
    another subject's figure, claimed for one that has none of that measure, is a no, with whose it is."""
    if len(q.amounts) != 1 or len(q.subjects) != 1 or q.threshold is not None or not q.metric:
        return None
    from .sources import facts_with_amounts  # (sources imports the answering modules)

    stated = [
        f
        for f in facts_with_amounts(r.any_source(), replace(q, subjects=[], metric=None))
        if f.status != "derived" and f.quantity.subject not in q.subjects
    ]
    if len(stated) != 1 or r.available(q.subjects[0], stated[0].quantity.metric):
        return None  # (the subject named has figures of that measure: the usual check decides)
    f = stated[0]
    base = value_answer(r, question, f)
    whose, claimed = r.possessive(f.quantity.subject), r.possessive(q.subjects[0])
    why = f"the sources give {r.fmt(f)} as {whose} figure, not {claimed}."
    return with_verdict(question, base, "no", why)


def _with_the_gap_asked(question: str, answer: Answer) -> Answer:
    """A yes or no between two figures, with how far apart they are when the question asks that too
    (dollars, or points between two shares or ratios)."""
    if answer.kind != "yes_no" or answer.verdict not in ("yes", "no") or answer.value is not None:
        return answer
    if not (BY_HOW_MUCH.search(question) or _HOW_MANY_POINTS.search(question)):
        return answer
    figures = [i for i in answer.items if isinstance(i.get("value"), float) and i.get("unit") in ("USD", "ratio")][:2]
    if len(figures) != 2 and len(answer.basis) == 2:
        # ("did nvidia's FY26 revenue beat meta's calendar 2025 revenue? by how much": the two figures judged)
        figures = [{"value": f.value.value, "unit": f.value.unit} for f in answer.basis if not f.is_change]
    if len(figures) != 2 or figures[0]["unit"] != figures[1]["unit"]:
        return answer
    gap = abs(figures[0]["value"] - figures[1]["value"])
    if figures[0]["unit"] == "ratio":
        return replace(answer, value=gap, unit="pp", measure="pp_change", status="derived")
    return replace(answer, value=gap, unit="USD", measure="difference", status="derived")


#: "By how many percentage points?", "how many pp?"
_HOW_MANY_POINTS = re.compile(r"\bhow\s+many\s+(?:percentage\s+)?(?:points|pp|ppts?|pts)\b", re.IGNORECASE)


def _against_the_figure_claimed(r: Responder, q: Query, answer: Answer) -> Answer:
    """'Is it true that hyperscalers will spend $600 billion a year by 2032?': a yes about the figure's
    status, direction or source holds only if the figure the question states is the sources' own;
    where they give another, the answer is no, with theirs."""
    if answer.verdict == "yes" and q.threshold is None and len(q.amounts) >= 2 and answer.basis:
        # "my draft says Amazon spent $83bn in 2024, up 57% - correct?": every figure written must hold
        for one in q.amounts:
            checked = _against_the_figure_claimed(r, replace(q, amounts=[one]), answer)
            if checked.verdict == "no":
                return checked
        return answer
    if answer.verdict != "yes" or q.threshold is not None or len(q.amounts) != 1 or not answer.basis:
        return answer
    amount = q.amounts[0]
    share = abs(amount) <= 1.5
    amounts_of = [f for f in answer.basis if f.value.unit == "USD" and not f.is_change]
    if share and len(amounts_of) == 2 and amounts_of[0].quantity.period != amounts_of[1].quantity.period:
        # "capex rises 50 per cent in 2025 over 2024. Is that what it says?": the growth the two figures give
        early, late = sorted(amounts_of, key=lambda f: f.quantity.period.end or date.min)
        if early.value.value:
            rate = late.value.value / early.value.value - 1
            if abs(rate - amount) > abs(amount) * CLAIM_SLACK:
                said = format_value(Value(amount, "ratio"))
                evidence = answer.text.split(" — ", 1)[-1]
                evidence = evidence[:1].upper() + evidence[1:]
                text = f"No — the figures give {format_value(Value(rate, 'ratio'))}, not {said}. {evidence}"
                return replace(answer, verdict="no", text=text)
            return answer
    if q.comparator:
        return answer  # ("Meta's filed capex < its $30.7B AI capex?": the amount is what is compared)
    facts = [f for f in answer.basis if (f.value.unit == "ratio") == share]
    if not facts:
        return answer

    def holds(low: float, high: float) -> bool:
        return low - abs(low) * CLAIM_SLACK <= amount <= high + abs(high) * CLAIM_SLACK

    within = [f for f in facts if holds(*f.value.bounds)]
    if within and all(math.isinf(f.value.bounds[1]) or math.isinf(f.value.bounds[0]) for f in within):
        stated = within[0]
        if abs(stated.value.value - amount) > abs(amount) * CLAIM_SLACK and not reached_by_then(
            q, q.text, amount, within
        ):
            # "will AI add $250bn to ad spend by 2032?" of "over $200 billion": not ruled out, not said either
            evidence = re.sub(r"^the sources give [^.]*\.\s*", "", answer.text.split(" — ", 1)[-1], flags=re.I)
            evidence = evidence[:1].upper() + evidence[1:]
            said = format_value(Value(amount, stated.value.unit))
            text = (
                f"I can't tell from the sources — they give {r.fmt(stated)}, which neither confirms nor rules out "
                f"{said}. {evidence}"
            )
            return replace(answer, verdict="unknown", text=text)
    if within:
        return answer
    if reached_by_then(q, q.text, amount, facts):
        return answer  # "spending half a trillion a year by 2032": a level reached by then, and passed
    if share and re.search(
        rf"\bfrom\s+(?:about\s+|roughly\s+|~)?{re.escape(f'{amount * 100:g}')}\s*(?:%|percent)", q.text, re.I
    ):
        # "training's share shrinks from 40% to 14% by 2032": the start of the change written is its own figure
        series = [g for f in facts for g in r.available(f.quantity.subject, f.quantity.metric)]
        if any(holds(*g.value.bounds) for g in series):
            return answer
    got = answer.value
    if (
        got is not None
        and (answer.unit in ("ratio", "pp")) == share
        and abs(abs(got) - abs(amount)) <= abs(amount) * CLAIM_SLACK
    ):
        return answer  # "did it grow 44%?": the change computed is the figure claimed
    nearest = min(facts, key=lambda f: abs(f.value.value - amount))
    said = format_value(Value(amount, nearest.value.unit))
    evidence = answer.text.split(" — ", 1)[-1]
    evidence = evidence[:1].upper() + evidence[1:]
    text = f"No — the sources give {r.fmt(nearest)} for {r.describe(nearest)}, not {said}. {evidence}"
    return replace(answer, verdict="no", text=text)


#: "cut by more than half", "fall by over a third": a fraction of the figure itself
_CUT_BY_A_PART = re.compile(
    r"\bby\s+(?:more\s+than|over|at\s+least|less\s+than|under)\s+"
    r"(?:(?:a|an|one)?[\s-]*(?:half|third|quarter|fifth)|(?:two|three)[\s-]+(?:thirds|quarters))\b",
    re.IGNORECASE,
)


def _answer_yes_no(r: Responder, question: str, q: Query) -> Answer:
    marks = q.amounts or [o.amount for o in q.operands if o.amount is not None and o.subject is None]
    if q.change_multiple is not None and len(marks) == 1 and len(q.periods) == 2 and len(q.subjects) <= 1:
        # "is the 2032 $525B more than double the implied 2024 figure?": the amount names whose figure it is
        named = sources.facts_with_amounts(r, replace(q, amounts=marks))
        if len({(f.quantity.subject, f.quantity.metric) for f in named}) == 1 and (
            not q.subjects or named[0].quantity.subject == q.subjects[0]
        ):
            f = named[0]
            q = replace(
                q,
                subjects=[f.quantity.subject],
                metric=f.quantity.metric,
                amounts=[],
                operands=[o for o in q.operands if o.amount is None],
            )
    part_of_now = _PART_OF_ITS_OWN.search(question)
    if part_of_now and len(q.subjects) == 1 and q.metric and len(q.periods) == 1:
        # "Will training's 2032 share be less than a third of its current share?": against that part of the
        # figure at the source's present, never against a third read as 33%
        facts = [f for f in r.available(q.subjects[0], q.metric) if not f.is_change]
        now = next((f for f in facts if r.is_present(f.quantity.period)), None)
        asked = r.find(q.subjects[0], q.metric, q.periods[0])
        if now is not None and asked is not None and asked.value.unit == now.value.unit:
            part = fraction_value(part_of_now.group("frac"))
            part_mark = Value(now.value.value * part, now.value.unit)
            below = part_of_now.group("side").lower() in ("less", "lower", "smaller", "fewer", "under", "below")
            low, high = bounds(value_answer(r, question, asked))
            if below:
                held_verdict = "yes" if high < part_mark.value else "no" if low >= part_mark.value else "unknown"
            else:
                held_verdict = "yes" if low > part_mark.value else "no" if high <= part_mark.value else "unknown"
            base = value_answer(r, question, asked, extra=[asked, now])
            part_said = f"{part_of_now.group('frac')} of {r.fmt(now)} is {format_value(part_mark)}"
            return with_verdict(question, base, held_verdict, f"{part_said}.")
    if q.threshold is not None and not q.periods and len(q.subjects) == 1 and q.metric and _HEADING.search(question):
        # "training share going under 15%?": where it is heading, the latest forecast, not where it stands
        ahead = [f for f in r.available(q.subjects[0], q.metric) if not f.is_change and f.status == "forecast"]
        if ahead:
            latest = max(ahead, key=lambda f: f.quantity.period.end or date.min)
            q = replace(q, periods=[latest.quantity.period])
    firms = [s for s in q.subjects if getattr(r.k.entities.get(s), "kind", None) in ("analyst_firm", "publisher")]
    people = [c for c in q.concepts if getattr(r.k.entities.get(c), "kind", None) == "person"]
    if people and q.amounts and ATTRIBUTION.search(question):
        # "Was it Zuckerberg who gave the $30.7B figure?": whom the source credits with it, not his company's figure
        found = sources.facts_with_amounts(r, q)
        if found:
            return attribution_verdict(r, question, replace(q, credited=people), value_answer(r, question, found[0]))
    if firms and q.amounts and not q.metric:
        # "Is the $1.8tn from Bloomberg Intelligence?": the figure written, and who the source credits
        found = sources.facts_with_amounts(r, q)
        if found:
            base = value_answer(r, question, found[0])
            return attribution_verdict(r, question, replace(q, credited=firms), base)
    if (q.credited or q.unknown) and q.subjects and ATTRIBUTION.search(question):
        # "Is Morgan Stanley behind the $1.8T genAI forecast?": who stands behind the figure, not its status
        base = values.answer_value(r, question, replace(q, yes_no=False, intent="value", status_asked=None))
        if base.answered and base.basis:
            return attribution_verdict(r, question, q, base)
    member = membership_verdict(r, question, q)
    if member is not None:
        return member
    revised = revision_verdict(r, question, q)
    if revised is not None:
        return revised
    consistent = consistency_verdict(r, question, q)
    if consistent is not None:
        return consistent
    several = any_of_verdict(r, question, q) or parts_verdict(r, question, q) or claimed_level_verdict(r, question, q)
    if several is not None:
        return several
    record = record_verdict(r, question, q) if q.threshold is None else None
    if record is not None:
        return record
    t = q.threshold
    against = [o.amount for o in q.operands if o.amount is not None and o.subject is None]
    two_measures = len({o.metric for o in q.operands if o.metric}) >= 2
    if (
        t is None
        and q.comparator
        and len(set(q.subjects)) == 1
        and q.metric
        and q.periods
        and len(against) == 1
        and not two_measures  # "is the article's $30.7bn AI capex higher than the filed capex?": two figures
        and not _SIZE_OF_GAP.search(question)  # "is 2025 44% higher than 2024?": the gap claimed, no mark
    ):
        # "is Meta's filed capex for 1H25 higher than the article's $30.7B?": the figure against that amount
        unit = "ratio" if abs(against[0]) < 1 else "USD"
        t = Threshold(q.comparator, against[0], unit)
        q = replace(q, threshold=t)
    times = t.value if t is not None and t.unit == "multiple" else q.change_multiple
    if times is not None and len(set(q.subjects)) >= 2 and len(q.operands) >= 2:
        # "is the 2032 genAI revenue at least 3x the 2032 hyperscaler capex?": one figure over the other
        return verdict_shapes.multiple_verdict(
            r, question, q, times, t.op if t is not None and t.unit == "multiple" else None
        )
    if t is not None and (q.subjects or q.metric):
        base = measured(r, question, q, t)
        if not base.answered or base.value is None:
            return base
        stand_in = [f for f in base.basis if q.subjects and f.quantity.subject not in q.subjects]
        if stand_in and not q.metric:
            # "AI ad uplift above $250B?" answered by generative AI's revenue: not the figure asked about
            return with_verdict(question, base, "unknown", "the sources give no figure for exactly that; the nearest:")
        part = base.measure == "pp_change" and t.by and bool(_CUT_BY_A_PART.search(question))
        if part:
            # "is training's share forecast to be cut by more than half?": a part of itself, not points
            relative = replace(q, yes_no=False, intent="change", measure="percent_change")
            by_part = changes.answer_change(r, question, relative)
            base = by_part if by_part.answered and by_part.measure == "percent_change" else base
        low, high = bounds(base)
        if part and base.measure == "percent_change":
            low, high = sorted((abs(low), abs(high)))  # (a cut: its size against the part)
        if base.measure == "pp_change" and t.unit == "ratio" and not t.by:
            low, high = abs(low), abs(high)
        ok = t.holds(low, high)
        # "over 20%" is more than 20%, "nearly $40B" less than $40B: their bound itself is excluded
        if ok is None and t.op == ">" and base.qualifier == "at_least" and low == t.value:
            ok = True
        if ok is None and t.op == "<" and base.qualifier == "nearly" and high == t.value:
            ok = True
        if ok is None and t.op == ">" and t.inclusive and base.qualifier == "nearly" and high == t.value:
            ok = False  # "did it reach $40B?" of "nearly $40B": just under it
        verdict = verdict_of(ok)
        return with_verdict(question, base, verdict, f"the question asks about {threshold_text(t)}.")
    if q.change_multiple is not None and q.subjects and q.metric:
        base = changes.answer_change(r, question, replace(q, yes_no=False, intent="change", measure="multiple"))
        if not base.answered or base.value is None:
            return base
        low, high = bounds(base)
        target = q.change_multiple
        multiple = base.value
        if target < 1 < multiple and low > 0:
            # ("does it more than halve?" read as the earlier level over the later): a fall is the later over the
            # earlier
            low, high, multiple = 1 / high, 1 / low, 1 / multiple
            base = replace(base, value=multiple)
        if target < 1 and re.search(r"\b(?:more than|over)\s+halv", question, re.I):
            # "does training's share more than halve?": fall below half its level
            verdict = "yes" if high < target else "no" if low >= target else "unknown"
        elif re.search(r"\bat least\s+(?:doubl|trip+l|quadrupl)", question, re.I):
            # "will it at least double?": every value the qualifiers allow must reach two
            verdict = "yes" if low >= target else "no" if high < target else "unknown"
            stated = [f for f in base.basis if f.status != "derived"]
            said = abs(multiple - target) < 1e-9 and stated and all(f.value.qualifier == "exact" for f in stated)
            if verdict == "unknown" and said:
                verdict = "yes"  # "doubling its spending": the source states the change itself, from an exact figure
        elif q.comparator == ">" and re.search(
            r"\b(?:more than|over|at least)\s+(?:doubl|trip+l|quadrupl)", question, re.I
        ):
            # "did capex more than double?": a multiple above two, not about two
            verdict = "yes" if low > target else "no" if high <= target else "unknown"
        else:
            slack = target * CHANGE_WORD_SLACK
            written = re.escape(f"{target:g}")
            digits = re.search(rf"(?<![\w.])([~≈]|about\s+|around\s+|roughly\s+)?{written}\s*(?:x|times)\b", question)
            if digits and not digits.group(1):
                # "is 2032 capex 1.5x the 2025 level?": a multiple written as a number holds to its last digit
                decimals = len(f"{target:g}".partition(".")[2])
                slack = min(slack, 0.5 * 10**-decimals)
            if digits:
                near = abs(multiple - target) <= slack
                inside = low <= target + slack and high >= target - slack
                verdict = "yes" if near else "no" if not inside else "unknown"
            else:
                # "did Meta's capex double?": doubled means reached twice the level (2.5x more than doubled,
                # 1.87x did not), give or take rounding
                floor = target * (1 - verdict_shapes.ROUNDING)
                verdict = "yes" if low >= floor else "no" if high < floor else "unknown"
                if target < 1:
                    # "will training's share halve?": fall to half or below (to 0.35x more than halves)
                    ceiling = target * (1 + verdict_shapes.ROUNDING)
                    verdict = "yes" if high <= ceiling else "no" if low > ceiling else "unknown"
                if verdict == "unknown" and abs(multiple - target) < 1e-9:
                    verdict = "yes"  # "Meta doubled its AI capex": the source states the change itself
        return with_verdict(question, base, verdict, f"a {target:g}x change is asked about.")
    about = verdict_shapes.about_verdict(r, question, q)
    if about is not None:
        return about
    two = two_measures_verdict(r, question, q)
    if two is not None:
        return two
    # the readings in turn, the first that the graph can answer wins: a stated relation, figures, a status
    tried: list[Answer] = []
    if q.predicates and len(q.subjects) >= 2:
        tried.append(relation_verdict(r, question, q))
        if tried[-1].verdict == "yes":
            return tried[-1]
    if q.direction and len(q.subjects) == 1 and q.metric:
        tried.append(verdict_shapes.direction_verdict(r, question, q, q.direction))
    if len(q.subjects) >= 2 or (q.subjects and len(q.periods) >= 2 and q.comparator):
        tried.append(verdict_shapes.compare_verdict(r, question, q))
    if q.status_asked and not (tried and tried[-1].answered):
        tried.append(status_verdict(r, question, q))
    if (q.predicates or q.concepts) and not (tried and tried[-1].answered):
        tried.append(relation_verdict(r, question, q))
    if not any(a.answered for a in tried):
        tried.append(values.answer_value(r, question, replace(q, yes_no=False, intent="value")))
    decided = [a for a in tried if a.verdict in ("yes", "no")]
    return next(iter(decided), next((a for a in tried if a.answered and a.kind == "yes_no"), tried[0]))
