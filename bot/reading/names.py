"""The names a question uses: which mentions are subjects, which metric is meant, and which
capitalised words name something the graph does not know ('Nvidia' before it is loaded)."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.knowledge import Knowledge

from .cues import CUE_WORDS
from .lexicon import GRAMMAR_WORDS, Lexicon, Mention, Token
from .patterns import AMPERSAND_TERM, KG_NOTED, ORGANISATION_KINDS
from .question_cues import DOCUMENT_NAMED, FILLER, MODIFYING, SPEAKERS

__all__ = [
    "SUBJECT_KINDS",
    "around_periods",
    "choose_metric",
    "generic_share",
    "leftover_words",
    "named_ratio",
    "not_about_the_document",
    "pair_subjects_with_metrics",
    "possible_unknown_subject",
    "unknown_names",
]

_MONTHS = frozenset(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
_MONTH_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
#: Kinds of things a figure can be about.
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


def is_amount(word: str) -> bool:
    """'371B', '$1.8T', '44%': a figure written, never a name."""
    return re.fullmatch(r"\$?\d[\d.,]*(?:k|m|mn|mm|b|bn|t|tn|x|%)?", word, re.IGNORECASE) is not None


#: a name spelled with a capital after a small first letter: "iPhone", "eBay", "xAI"
_CAMEL_CASE = re.compile(r"[a-z]{1,2}[A-Z][A-Za-z]+")


#: currency codes an answer's unit is written in
_CURRENCIES = frozenset({"usd", "eur", "gbp", "jpy", "cny", "rmb", "chf", "cad", "aud"})


def unknown_names(text: str, tokens: list[Token], covered: set[int]) -> list[str]:
    """Capitalised words that name something the graph does not know (e.g. 'Nvidia')."""
    out = []
    for i, t in enumerate(tokens):
        if i in covered or t.norm in GRAMMAR_WORDS or t.norm.isdigit() or len(t.norm) < 3:
            continue
        word = t.text
        if not (word[:1].isupper() or _CAMEL_CASE.fullmatch(word)):
            continue  # (a product's or a company's own spelling names it too: "iPhone", "eBay", "xAI")
        if t.norm[:3] in _MONTHS and t.norm.rstrip(".") in _MONTH_WORDS:
            continue  # "the June quarter": a month, not a name
        initial = i == 0 or text[: t.start].rstrip().endswith(("?", ".", "!", ":"))
        if initial and not (word.isupper() and len(word) >= 2):
            continue  # sentence-initial capitals say nothing; an acronym ("AWS") still names something
        if re.fullmatch(r"(?:FY|CY|Q|H)\d+.*|\d+[HQ]\d*", word, re.IGNORECASE):
            continue
        if is_amount(word) or t.norm in _CURRENCIES:
            continue  # "371B", "1.8T", "USD bn": an amount or its unit, not a name
        out.append(word)
    return out


#: Common nouns written with a possessive that name no one: "this year's capex", "the article's figure".
_NOT_OWNERS = frozenset({
    "article", "articles", "source", "sources", "author", "report", "year", "years", "quarter", "half",
    "today", "yesterday", "month", "week", "decade", "industry", "sector", "market", "company", "companies",
    "firm", "world", "group", "country", "economy", "filing", "document", "piece", "chart", "table", "story",
    "stories", "text", "write-up", "writeup", "coverage", "graf", "grafs", "para", "paragraph", "paragraphs",
    "proj", "projection", "projections", "est", "estimate", "estimates", "fcst", "forecast", "forecasts", "guide",
    "overall", "total", "whole", "entire",
    "latest", "last", "next", "this", "that", "its", "one", "everyone", "anyone", "nobody", "other", "others",
    "yr", "yrs", "qtr", "qtrs", "mth", "mths", "ttm", "ltm", "ytd", "annual", "quarterly", "yearly",
})  # fmt: skip


#: hedges and interjections that stand where a name could: "was roughly what", "cool — and ..."
_ASIDES = frozenset({
    "roughly", "approximately", "approx", "about", "around", "circa", "nearly", "almost", "basically", "actually",
    "cool", "okay", "great", "thanks", "thx", "nice", "perfect", "sure", "right", "hmm", "gotcha", "yeah", "yep",
    "alright", "awesome", "ahh", "interesting", "fine", "noted",
})  # fmt: skip


def possible_unknown_subject(
    tokens: list[Token], covered: set[int], metric_starts: set[int] | None = None, text: str = ""
) -> list[str]:
    """Unknown words in a subject position: 'did X spend', "X's capex", 'for X', 'X AI capex'."""
    out = []
    for i, t in enumerate(tokens):
        if i in covered or t.norm in GRAMMAR_WORDS or t.norm.isdigit() or len(t.norm) < 3:
            continue
        if t.norm in _NOT_OWNERS or t.norm in _ASIDES:
            continue  # ("so 1H24 was roughly what", "cool — and the CAGR ...": no name)
        possessive = text[t.end : t.end + 2].lower() in ("'s", "’s") and t.norm.isalpha()
        if possessive and t.norm not in CUE_WORDS and t.norm not in FILLER:
            out.append(t.text)  # "oracle's 2025 capex": whose figure it is, a name the graph does not know
            continue
        if t.norm in CUE_WORDS and not t.text[:1].isupper():  # "pp change vs ...": question language
            continue
        if t.text.islower() and len(t.norm) > 5 and t.norm.endswith("ing"):
            continue  # "and running it to 2032": a verb of the question, not a name
        if is_amount(t.text) or t.norm in ("billion", "billions", "million", "millions", "trillion", "trillions"):
            continue
        # ("crwv 2024 capex": a year between the name and its metric)
        before_metric = i + 1 in (metric_starts or ()) or (
            i + 2 in (metric_starts or ()) and i + 1 < len(tokens) and tokens[i + 1].norm.isdigit()
        )
        if metric_starts and before_metric and t.norm not in CUE_WORDS and t.norm not in FILLER:
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


def generic_share(k: Knowledge, metric: str) -> bool:
    """'share' on its own: a word of the question ('as a share of'), not a quantity's metric."""
    e = k.entities.get(metric)
    return e is not None and e.unit == "ratio" and not e.share_base


def named_ratio(k: Knowledge, metric: str) -> bool:
    """A ratio with a name of its own ("capex intensity"), not the bare word "share"."""
    e = k.entities.get(metric)
    return e is not None and e.unit == "ratio" and not e.share_base and "share" not in e.label.split()


def pair_subjects_with_metrics(mentions: list[Mention], metrics: list[Mention]) -> dict[str, str]:
    """'generative AI revenue or hyperscaler data-centre spend': each subject with its nearest metric."""
    out: dict[str, str] = {}
    for m in mentions:
        if m.kind in SUBJECT_KINDS and m.iri not in out:
            # a metric after the subject ("Meta capex") binds a little tighter than one before it
            nearest = min(metrics, key=lambda x: x.start - m.end if x.start >= m.end else m.start - x.end + 0.5)
            out[m.iri] = nearest.iri
    return out


def choose_metric(metrics: list[Mention], k: Knowledge) -> str | None:
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
    # "Apple's capex intensity ..., with both capex and revenue backed out of ...": a ratio named first,
    # with its parts named after it, is the measure asked
    if named_ratio(k, iris[0]):
        return iris[0]
    # "on plain cash capex, what was Microsoft's capex as a share of revenue?": the ratio named, whose parts
    # the other metrics are
    ratios = [e for e in ents if e.ratio_of]
    parts = [i for i in iris if ratios and i != ratios[0].iri]
    if len(ratios) == 1 and len(parts) == 1 and parts[0] in (ratios[0].ratio_of or ()):
        return ratios[0].iri
    # ("which one spent the most on capex relative to its revenue?": the spending is the ratio's capex)
    top = k.entities.get(ratios[0].ratio_of[0]) if ratios and ratios[0].ratio_of else None
    if len(ratios) == 1 and top is not None and all(p in top.broader for p in parts):
        return ratios[0].iri
    return max(iris, key=lambda i: (depth(i), -iris.index(i)))


def leftover_words(
    text: str,
    tokens: list[Token],
    covered: set[int],
    covered_all: set[int],
    premise_end: int,
    label_words: frozenset[str] | set[str],
) -> list[str]:
    """Words of the question no label, grammar word or cue explains ("net income" in "amzn net income
    2024"), with a modifier written before them, and terms written with '&' ("R&D"): a measure or a
    thing the graph does not know."""
    # words no label, grammar word or cue explains: "net income" in "amzn net income 2024"
    odd = [
        i
        for i, t in enumerate(tokens)
        if i not in covered_all
        and t.norm.isalpha()
        and len(t.norm) > 2
        and t.norm not in CUE_WORDS
        and t.start >= premise_end
        and t.norm not in label_words
        and t.norm not in FILLER
    ]
    # with the modifier written before it ("net income", "operating margin"), as written
    before = [
        i - 1
        for i in odd
        if i > 0 and i - 1 not in covered and tokens[i - 1].norm.isalpha() and tokens[i - 1].norm in MODIFYING
    ]
    leftover = [tokens[i].norm for i in sorted(set(odd) | set(before))]
    # "Apple's R&D expense", "SG&A": an abbreviation with '&' no label explains names a measure too
    covered_at = {tokens[i].start for i in covered}
    leftover += [a.group(0) for a in AMPERSAND_TERM.finditer(text) if a.start() not in covered_at]
    return leftover


def not_about_the_document(text: str, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """Names that describe the source rather than what is asked: the topic of "that inference-vs-training
    piece", and the source's own speaking ("what does the article say ...") read as its people's."""
    # "per that inference-vs-training piece": a topic describing the document is not what is asked about
    documents = [d.span(1) for d in DOCUMENT_NAMED.finditer(text)]
    mentions = [
        m
        for m in mentions
        if m.kind in ORGANISATION_KINDS or not any(a <= tokens[m.start].start < b for a, b in documents)
    ]
    # "what does the article say ...": the source's speaking is not the 'noted' relation of its people
    # ("the article cites / quotes Zuckerberg on ..." does give his words)
    people_at = {x.start for x in mentions if x.kind == "person"}
    mentions = [
        m
        for m in mentions
        if not (
            m.kind == "predicate"
            and m.iri == KG_NOTED
            and m.start > 0
            and tokens[m.start - 1].norm in SPEAKERS
            and not (tokens[m.start].norm.startswith(("cite", "quote")) and people_at & {m.end, m.end + 1})
        )
    ]
    return mentions


def around_periods(
    lexicon: Lexicon, text: str, tokens: list[Token], in_period: set[int], mentions: list[Mention]
) -> list[Mention]:
    """'AI's incremental 2032 digital ad spending': a metric's name with a period written inside it is
    that metric (the period is still the period asked)."""
    if not in_period:
        return mentions
    kept = [i for i in range(len(tokens)) if i not in in_period]
    found = []
    for m in lexicon.find(text, [tokens[i] for i in kept]):
        start, end = kept[m.start], kept[m.end - 1] + 1
        if m.kind == "metric" and end - start > m.end - m.start:  # it spans a period's words
            found.append(replace(m, start=start, end=end))
    if not found:
        return mentions
    inside = [x for x in mentions if any(f.start <= x.start and x.end <= f.end for f in found)]
    return sorted([x for x in mentions if x not in inside] + found, key=lambda x: x.start)
