"""The language of questions: cue phrases and the reading each one supports, with a weight.

Cue phrases are question words ("how much", "grew", "compare", "rank", "as a share of"),
never names: names come from the graph's labels. :func:`cue_scores` adds up the weights
of the cues a question holds outside its names and outside any clause of evidence ("...,
implied by the 44% increase").
"""

from __future__ import annotations

import re

from .lexicon import Token

__all__ = ["CUE_WORDS", "cue_scores", "given_offset"]

#: cue phrase -> (reading, weight); phrases match on normalised word boundaries.
CUES: list[tuple[str, str, float]] = [
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
    ("derived how", "explain", 5),
    ("computed how", "explain", 5),
    ("calculated how", "explain", 5),
    ("how derived", "explain", 5),
    ("how computed", "explain", 5),
    ("how did you", "explain", 3),
    ("how was", "explain", 2),
    ("how is that", "explain", 3),
    ("how was this computed", "explain", 5),
    ("computed", "explain", 2),
    ("calculated", "explain", 2),
    ("calculate", "explain", 1),
    ("derivation", "explain", 4),
    ("how did you derive", "explain", 5),  # (not "could you derive Q4 capex?": a figure asked)
    ("how do you derive", "explain", 5),
    ("how is it derived", "explain", 5),
    ("derived", "explain", 2),
    ("show your work", "explain", 5),
    ("show the math", "explain", 5),
    ("show me the math", "explain", 5),
    ("explain", "explain", 2.5),
    ("why", "explain", 1.5),
    ("work out", "explain", 2),
    ("where does that come from", "source", 5),
    ("which filing", "source", 4),
    ("type of filing", "source", 4),
    ("kind of filing", "source", 4),
    ("which form", "source", 3),
    ("what filing", "source", 4),
    ("which document", "source", 3),
    ("which doc", "source", 3),
    ("what doc", "source", 3),
    ("what document", "source", 3),
    ("imply", "value", 2),
    ("implies", "value", 2),
    ("imply for", "value", 1),
    ("base", "value", 1.5),  # "so what was the 2024 base?": the figure a change starts from
    ("baseline", "value", 1.5),  # "what does that imply for 2024?": the figure of that period
    ("implies for", "value", 1),
    ("come from", "source", 1),
    ("comes from", "source", 1),
    ("source", "source", 3),
    ("source line", "source", 2),
    ("source for", "source", 5),  # "source for the 'training drops to 14%' claim?": where it is said
    ("source of", "source", 5),
    ("line behind", "source", 4),
    ("is behind the", "source", 2),  # "which firm is behind the 16% figure?": whom the figure is credited to
    ("was behind the", "source", 2),
    ("cited for", "source", 2),
    ("credited with", "source", 2),
    ("credited for", "source", 2),
    ("exact sentence", "source", 4),
    ("exact wording", "source", 4),
    ("exact words", "source", 4),
    ("sentence the article", "source", 3),
    ("src", "source", 3),
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
    ("whose projection", "source", 4),
    ("whose estimate", "source", 4),
    ("whose number", "source", 4),
    ("whose figure", "source", 4),
    ("who made that", "source", 5),
    ("who made this", "source", 5),
    ("who made the", "source", 3),
    ("who is behind that", "source", 5),
    ("who came up with", "source", 4),
    ("who issued", "source", 4),
    ("who published", "source", 4),
    ("how confident", "source", 4),
    ("which is higher", "compare", 3),
    ("which is bigger", "compare", 3),
    ("which is larger", "compare", 3),
    ("which is greater", "compare", 3),
    ("which was higher", "compare", 3),
    ("which was bigger", "compare", 3),
    ("which was larger", "compare", 3),
    ("overstate", "compare", 2.5),  # "by how much does the article's 30.7B overstate the 10-Q figure?"
    ("overstates", "compare", 2.5),
    ("understate", "compare", 2.5),
    ("understates", "compare", 2.5),
    ("which one is higher", "compare", 3),
    ("which one is bigger", "compare", 3),
    ("by how much", "difference", 3),
    ("consistent with", "value", 1),
    ("in line with", "value", 1),
    ("match the", "value", 1),
    ("how reliable", "source", 4),
    ("how certain", "source", 4),
    ("how firm", "source", 3),
    ("how solid", "source", 3),
    ("who projects", "source", 4),
    # definitions
    ("define", "define", 4),
    ("definition", "define", 4),
    ("def", "define", 3),
    ("defn", "define", 3),
    ("defining", "define", 4),  # "how are you defining capex intensity?"
    ("characterise", "define", 3),  # "how does the article characterise inference?"
    ("characterize", "define", 3),
    ("defined", "define", 2),  # "how is capex intensity defined?"
    ("explain", "define", 2),
    ("meaning", "define", 3),
    ("in this context", "define", 1.5),
    ("what counts as", "define", 4),
    ("is counted", "define", 3),
    ("when you say", "define", 4),  # "when you say capex intensity, what exactly is that?"
    ("when you quote", "define", 4),  # "when you quote capex from the filings, what does that figure measure?"
    ("in plain english", "define", 5),  # "whats inference vs training in plain english"
    ("in simple terms", "define", 5),
    ("in layman's terms", "define", 5),
    ("when you talk about", "define", 3),  # "when you quote filings capex, what exactly is counted?"
    ("gets counted", "define", 3),
    ("what goes into", "define", 3),
    ("what is included in", "define", 3),
    ("counts as", "define", 2.5),
    ("who counts as", "list", 4),  # "who counts as a hyperscaler?": the members, not a definition
    ("which companies count as", "list", 4),
    ("count as", "define", 3.5),  # "what does the article count as hyperscaler capex?"
    ("counted as", "define", 2.5),
    ("what goes into", "define", 3),
    ("what is included in", "define", 3),
    ("line item", "define", 4),
    ("what exactly is being measured", "define", 5),
    ("what exactly is being counted", "define", 5),
    ("what is being counted", "define", 4),
    ("what is being measured", "define", 4),
    ("what does it measure", "define", 4),
    ("which line", "define", 3),
    ("what line", "define", 3),
    ("what is meant by", "define", 4),
    ("what is meant", "define", 4),  # "what is meant with 'reasoning AI models'?"
    ("meant with", "define", 3),
    ("gloss", "define", 4),  # "need a one-line gloss"
    ("mean by", "define", 2),
    ("meant by", "define", 2),
    ("what is included in", "define", 3),
    ("meaning of", "define", 3),
    ("what does", "define", 0.5),
    ("mean", "define", 1.5),
    ("means", "define", 2),
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
    ("lowest", "rank", 2),
    ("smallest", "rank", 2),
    ("least", "rank", 1.5),
    ("most", "rank", 1.5),
    ("order", "rank", 1),
    ("sort", "rank", 2),
    ("leaderboard", "rank", 3),
    ("by size", "rank", 3),
    ("largest to smallest", "rank", 4),
    ("smallest to largest", "rank", 4),
    ("biggest to smallest", "rank", 4),
    ("high to low", "rank", 4),
    ("low to high", "rank", 4),
    ("highest to lowest", "rank", 4),
    ("lowest to highest", "rank", 4),
    ("descending", "rank", 3),
    ("ascending", "rank", 3),
    ("the most", "rank", 2),
    ("the least", "rank", 2),
    # "the most recent quarter": the latest, not a ranking
    ("most recent", "rank", -1.5),
    ("the most recent", "rank", -2),
    ("most recently", "rank", -1.5),
    # changes
    ("change", "change", 3),
    ("changed", "change", 3),
    ("increase", "change", 3),
    ("increased", "change", 3),
    ("decrease", "change", 3),
    ("decreased", "change", 3),
    ("reduction", "change", 3),
    ("grow", "change", 3),
    ("grew", "change", 3),
    ("grown", "change", 3),
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
    ("falls", "change", 3),
    ("rises", "change", 3),
    ("grows", "change", 3),
    ("drops", "change", 3),
    ("declines", "change", 3),
    ("increases", "change", 3),
    ("decreases", "change", 3),
    ("climbs", "change", 3),
    ("jumps", "change", 3),
    ("step-up", "change", 3),
    ("step up", "change", 3),
    ("stepped up", "change", 3),
    # "to what level is the share forecast to fall?": the level reached, not the fall
    ("to what level", "value", 5),
    ("to what level", "change", -3),
    # "drop $40B on data centres": spend, slang, not a fall
    ("drop on", "change", -3),
    ("dropping on", "change", -3),
    ("dropped on", "change", -3),
    ("drop on", "value", 1),
    ("shrinking", "change", 3),
    ("climbing", "change", 3),
    ("climb", "change", 3),
    ("decline", "change", 3),
    ("declined", "change", 3),
    ("jump", "change", 3),
    ("up from", "change", 1.5),
    ("down from", "change", 1.5),
    ("is that up", "change", 1.5),  # "how much is that up from last year": by how much it rose
    ("is that down", "change", 1.5),
    ("is it up", "change", 1.5),
    ("is it down", "change", 1.5),
    ("shrink", "change", 3),
    ("shrinks", "change", 3),
    ("shrank", "change", 3),
    ("shrunk", "change", 3),
    ("go up", "change", 3),
    ("go down", "change", 3),
    ("went up", "change", 3),
    ("went down", "change", 3),
    ("gone up", "change", 3),
    ("gone down", "change", 3),
    ("goes up", "change", 3),
    ("goes down", "change", 3),
    ("yoy", "change", 2.5),
    ("chg", "change", 3),
    ("pct chg", "change", 1),
    ("happen to", "change", 2.5),
    ("happens to", "change", 2.5),
    ("happened to", "change", 2.5),
    ("year over year", "change", 2.5),
    ("percentage points", "pp_change", 4),
    ("percentage point", "pp_change", 4),
    ("pp", "pp_change", 3),
    ("points", "pp_change", 1.5),
    ("pts", "pp_change", 3),
    ("ppts", "pp_change", 3),
    ("ppt", "pp_change", 3),
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
    ("between them", "sum", 4),  # "between them, what did A, B and C spend?"
    ("between the three of them", "sum", 4),
    ("between the two of them", "sum", 4),
    ("together", "sum", 3),
    ("in total", "sum", 2),
    ("all in", "sum", 3),  # "big 4 capex CY25 all in"
    ("all-in", "sum", 3),
    ("sum", "sum", 3),
    ("add up", "sum", 3),
    ("added up", "sum", 3),
    ("adding up", "sum", 3),
    ("summed", "sum", 3),
    ("all together", "sum", 3),
    ("altogether", "sum", 3),
    ("total of", "sum", 2),
    ("total", "sum", 1.5),
    ("cumulative", "sum", 2),
    ("cumulatively", "sum", 3),
    # "how much more" also holds the value cue "how much": outweigh it
    ("difference", "difference", 3),
    ("gap", "difference", 3),
    ("diff", "difference", 3),
    ("how much more", "difference", 4.5),
    ("how many more", "difference", 4.5),
    ("how much bigger", "difference", 4.5),
    ("how much larger", "difference", 4.5),
    ("how much less", "difference", 4.5),
    ("average", "average", 3),
    ("median", "average", 3),
    ("per quarter", "average", 3),
    ("quarterly average", "average", 4),
    ("on average", "average", 2),
    ("avg", "average", 3),
    ("mean annual", "average", 4),
    ("averaging", "average", 3),
    ("averaged", "average", 3),
    ("mean yearly", "average", 4),
    ("mean quarterly", "average", 4),
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
    ("where could", "series", 3),
    ("where will", "series", 3),
    ("where does it go", "series", 3),
    ("expected to go", "series", 3),  # "where's that expected to go?": its forecast
    ("projected to go", "series", 3),
    ("forecast to go", "series", 3),
    ("likely to go", "series", 3),
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
for _phrase, _intent, _w in CUES:
    _words = tuple(_phrase.replace("-", " ").split())
    _CUE_INDEX.setdefault(len(_words), {}).setdefault(_words, []).append((_intent, _w))

#: Words of the cue phrases: question language, never names.
CUE_WORDS = frozenset(w for phrase, _, _ in CUES for w in phrase.replace("-", " ").split())

_GIVEN = {
    ("implied", "by"),
    ("given", "the"),
    ("based", "on"),
    ("assuming", "the"),
    ("derived", "from"),
    ("implied", "if"),
    ("if", "the"),  # "what did Meta spend in H1 2024, if the 2025 number doubled?"
    ("implies", "if"),
    ("imply", "if"),
    ("backing", "out"),  # "implied 2024 capex backing out the 44% growth": the evidence follows
    ("backed", "out"),
    ("working", "back"),
}
_GIVEN_WORDS = {"assuming", "using"}
_ASKS_AFTER = frozenset({"what", "how", "which", "whats"})
_NOT_EVIDENCE_IF = frozenset({"what", "as", "even", "and", "or", "only"})


def given_offset(tokens: list[Token], after: int = 0) -> int:
    """Where a clause of evidence starts ('implied by', 'given the'), as a character offset; a premise
    that ends at ``after`` ("Based on the 44%, how much ...") is not that clause, nor is a clause that
    leads into the question ("Using filings, how many times ...")."""
    norms = [t.norm for t in tokens]
    for i in range(len(norms)):
        if tokens[i].start < after:
            continue
        if tokens[i].start == after and after > 0:
            continue  # the premise's own marker, where the question proper starts
        if i and (norms[i - 1], norms[i]) in _GIVEN:
            if norms[i - 1] == "if" and (i < 4 or norms[i - 2] == "what"):
                continue  # "what if the ...", "If the share doubles, ...": the question itself
            if norms[i] in ("out", "back") and _ASKS_AFTER.intersection(norms[i + 1 : i + 7]):
                continue  # "Backing out the base, what did they spend in 2024?": a lead-in, the question after it
            return tokens[i - 1].start
        if norms[i] in _GIVEN_WORDS:
            return tokens[i].start
        # (a capital "If" starts a sentence of its own: "... for a fund. If capex climbs ..., how big ...?")
        if norms[i] == "if" and i >= 3 and tokens[i].text == "if" and norms[i - 1] not in _NOT_EVIDENCE_IF:
            return tokens[i].start  # "implied 2024 base if 2025 is $371B and +44% y/y?": the question ends
    return 10**9


_BUILDING = frozenset({"built", "build", "building", "added", "adding", "summed", "summing", "made", "pieced"})


def cue_scores(tokens: list[Token], names: set[int], after: int = 0) -> dict[str, float]:
    """Cue phrases found outside the names of things ("in total tech spending" is no sum)."""
    norms = [t.norm for t in tokens]
    scores: dict[str, float] = {}
    # "what was X in 2024, implied by the 44% increase": the clause after the marker gives evidence, not the ask
    at = given_offset(tokens, after)
    end = next((i for i, t in enumerate(tokens) if t.start >= at), len(norms))
    for n, table in _CUE_INDEX.items():
        for i in range(min(len(norms), end) - n + 1):
            if names.intersection(range(i, i + n)):
                continue
            if norms[i] in ("least", "most") and i and norms[i - 1] == "at":
                continue  # "at least double", "at most 16%": a bound, not a ranking
            if norms[i : i + 2] == ["a", "quarter"] and norms[i + 2 : i + 3] == ["of"]:
                continue  # "a quarter of all tech spending": a fraction, not a quarterly average
            if norms[i : i + 2] == ["up", "from"] and i and norms[i - 1] in _BUILDING:
                continue  # "built up from the quarterly filings": how a figure is made, not a rise
            for intent, w in table.get(tuple(norms[i : i + n]), ()):
                scores[intent] = scores.get(intent, 0.0) + w
    return scores


#: "y/y", "year on year", "the same quarter last year": a change over the same period a year before
YEAR_ON_YEAR = re.compile(
    r"\by[/-]?o?[/-]?y\b|\byear[- ](?:over|on)[- ]year\b|\b(?:a|one) year (?:ago|before|earlier|prior)\b"
    r"|\b(?:the )?(?:prior|previous|last) year'?s? (?:same )?(?:quarter|half|period)\b|\bsame (?:quarter|half|period) "
    r"(?:a |of the |of last |last )?(?:prior |previous )?year\b",
    re.IGNORECASE,
)

#: the abbreviations and set phrases of year-on-year growth (not "a year ago", which names a period)
GROWTH_ABBREVIATION = re.compile(
    r"\by[/-]?o?[/-]?y\b|\byear[- ](?:over|on)[- ]year\b"
    # "how many more dollars ... in H1 2025 than a year before?": against the same period a year earlier
    r"|\b(?:than|vs\.?|versus|over|compared (?:with|to))\s+(?:a|one|the)\s+year\s+(?:before|earlier|ago|prior)\b",
    re.IGNORECASE,
)

#: "q/q", "sequential", "quarter over quarter", "vs the prior quarter": a change over the period just before
SEQUENTIAL = re.compile(
    r"\bq[/-]?o?[/-]?q\b|\bh[/-]?o?[/-]?h\b|\bquarter[- ](?:over|on)[- ]quarter\b|\bhalf[- ](?:over|on)[- ]half\b"
    r"|\bsequential(?:ly)?\b|\b(?:the )?(?:prior|previous|preceding|last) (?:quarter|half)\b",
    re.IGNORECASE,
)
