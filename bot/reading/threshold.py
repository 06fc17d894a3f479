"""Yes/no questions and the thresholds they test.

A yes/no question starts with an auxiliary ("did", "is", "will", "has" ...). What it
tests is one of: a threshold written as an amount, a percentage, a fraction word or a
multiple ("more than $350bn", "below 15%", "more than a third", "more than 1.5x"); a
change word ("double", "triple", "halve"); a comparison of two named things ("exceed",
"more than Meta's"); a figure's status ("a forecast", "reported"); or a relation.

>>> threshold_in("is hyperscaler capex in 2025 more than $350bn?")
Threshold(op='>', value=350000000000.0, unit='USD', by=False)
>>> threshold_in("will inference be more than a third of AI spending by 2032?")
Threshold(op='>', value=0.3333333333333333, unit='ratio', by=False)
>>> threshold_in("did hyperscaler capex grow by more than 40% in 2025?")
Threshold(op='>', value=0.4, unit='ratio', by=True)
>>> threshold_in("is 2032 capex more than 1.5x the 2025 level?")
Threshold(op='>', value=1.5, unit='multiple', by=False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = [
    "Threshold",
    "change_multiple",
    "direction_asked",
    "fraction_value",
    "is_yes_no",
    "share_direction",
    "status_asked",
    "threshold_in",
    "written_multiple",
]

_AUX = re.compile(
    r"^\s*(?:(?:so|and|but|ok|okay|also|then)[,\s]+)?(?:did|does|do|is|are|was|were|will|would|has|have|had|can|could|"
    r"should|shall|isn'?t|aren'?t|wasn'?t|doesn'?t|didn'?t|won'?t|am i (?:right|correct|wrong)|"
    r"(?:can you |please )?confirm (?:that|whether|if)|true or false)\b",
    re.IGNORECASE,
)
#: "could you compute ...", "can u pull ...": a request for something, asked politely, not a yes/no
_REQUEST = re.compile(
    # "... — do you have it from the filings?": asking for the figure, not whether it exists
    r"(?:^|[—–:;,.]\s*|\s-\s*)(?:do|did)\s+(?:you|u|we)\s+have\b(?![^?]*\b(?:whether|if)\b)|"
    # ("While we're on the hyperscalers, could you tell me ...": after a clause that sets the scene)
    # ("I'd like Microsoft's calendar-2022 revenue. Can you build it from the quarterlies?": a later sentence)
    r"(?:^|(?<=[.!?])\s)\s*(?:(?:so|and|ok|okay|hi|hey)[,\s]+|[^,?;.]{3,80},\s*)?(?:can|could|would|will) (?:you|u)\s+"
    r"(?:please\s+|pls\s+|kindly\s+)?"
    r"(?:compute|calculate|calc|give|tell|show|list|pull|get|find|work out|figure out|provide|share|break down|rank|"
    r"summari[sz]e|explain|walk|estimate|derive|sum|add up|look up|quantify|run|total|send|remind|order|sort|"
    r"build|stitch|piece|reconstruct|construct|back out"
    # "could you confirm from the filings what Amazon spent": the figure asked, not whether it holds
    r"|confirm(?=[^?]*\b(?:what|how\s+much|how\s+many|which)\b))\b"
    r"(?![^?]*\b(?:whether|if)\b)",
    re.IGNORECASE,
)
_EITHER_AMOUNT = re.compile(
    r"(?:^\s*(?:so\s+)?|[,;:—–-]\s*)(?:is|was|are|were)\s+(?:it|that|the\s+\w+)\s+~?\$?\d[\d.,]*\s?(?:%|bn|b|billion|tn|t|trillion)?\s+or\s+"
    r"~?\$?\d[\d.,]*",
    re.IGNORECASE,
)
#: "(can you tell me) whether / if meta's capex doubled?": the yes/no a request asks about
_AND_WHAT = re.compile(r",?\s+and\s+(?:what|how\s+much|how\s+big|how\s+large|which)\b[^?]{0,40}\?\s*$", re.I)
_WHETHER = re.compile(
    r"^\s*(?:(?:please\s+)?(?:determine|check|verify|confirm|state|establish|assess|find\s+out|tell\s+me|say)\s+)?"
    r"(?:whether|if)\b(?![^?]*\b(?:what|how|which|who|whose|when|where|why)\b)",
    re.I,
)
_ABOVE = (
    r"more than|greater than|higher than|larger than|bigger than|over|above|exceed(?:s|ed|ing)?|top(?:s|ped|ping)?|"
    r"surpass(?:es|ed|ing)?|beyond|in excess of|north of|at least|no less than|clear(?:s|ed)?|cross(?:es|ed)?|"
    r"pass(?:es|ed)?|beat(?:s)?|break(?:s|ing)?(?:\s+through)?|broke(?:\s+through)?|hit(?:s|ting)?|reach(?:es|ed|ing)?"
    r"|clearing|get(?:s|ting)?\s+to|got\s+to|past"
    r"|(?:faster|quicker)(?:\s+(?:in|over|during|for)\s+[\w' ]{2,20}?)? than(?!\s+(?:the|its|their)\b)"
    # "does hyperscaler capex get past $500B a year by 2032?"
    r"|(?:get|gets|getting|got|go|goes|going|went|move|moves|push|pushes)\s+(?:past|above|beyond|over)"
)
_BELOW = (
    r"less than|fewer than|lower than|smaller than|under|below|at most|no more than|beneath|south of"
    r"|f(?:a|e)ll(?:s|ing)? short of|short of"
    r"|slower(?:\s+(?:in|over|during|for)\s+[\w' ]{2,20}?)? than(?!\s+(?:the|its|their)\b)"
)
_COUNTS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_PARTS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8}
_PARTS.update({"ninth": 9, "tenth": 10})


def fraction_value(written: str) -> float:
    """'one-sixth' -> 1/6, 'two thirds' -> 2/3, 'half' -> 1/2, '1/6' -> 1/6."""
    digits = re.fullmatch(r"(\d+)\s*/\s*(\d+)", written.strip())
    if digits:
        return int(digits.group(1)) / int(digits.group(2))
    words = re.split(r"[\s-]+", written.strip().lower())
    count = _COUNTS.get(words[0], 1) if len(words) > 1 else 1
    part = words[-1].rstrip("s") if words[-1] not in _PARTS else words[-1]
    return count / _PARTS.get(part, _PARTS.get(words[-1], 1))


_SCALE = {"trillion": 1e12, "tn": 1e12, "t": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "mn": 1e6}
_SCALE.update({"m": 1e6, "%": 0.01, "percent": 0.01, "pct": 0.01})
_AMOUNT = (
    r"(?P<dollar>\$|usd\s*)?\s?(?P<num>\d+(?:[.,]\d+)?)\s?"
    r"(?P<unit>trillion|billion|million|bn|tn|mn|t|b|m|%|percent|pct|x|times|-fold|fold)?(?![\w])"
)
_FRACTION = (
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?"
    r"(?:half|thirds?|quarter|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)"
    r"|three[\s-]+quarters"  # (not "two quarters": periods)
    r"|\d\s*/\s*\d{1,2}(?![\d/])"
)
_THRESHOLD = re.compile(
    rf"(?P<by>\bby\s+)?(?:\b(?P<op>{_ABOVE}|{_BELOW})\s+|(?<!\()(?P<sym>>=?|<=?|≥|≤)\s*)"
    rf"(?:the\s+|an?\s+(?=[$~\d]))?(?:(?:article|piece|report|source|forecast|projection)(?:'s|’s)\s+)?"
    rf"(?:(?P<frac>{_FRACTION})\b|{_AMOUNT})",
    re.IGNORECASE,
)
_FRACTION_OF = re.compile(r"[\s-]+(?:(?:a|an|of[\s-]+a)[\s-]+)?(trillion|billion|million)\b", re.IGNORECASE)
_BELOW_RE = re.compile(rf"^(?:{_BELOW})$", re.IGNORECASE)
_CHANGE_WORDS = {
    "double": 2.0,
    "doubled": 2.0,
    "doubles": 2.0,
    "doubling": 2.0,
    "triple": 3.0,
    "tripled": 3.0,
    "triples": 3.0,
    "tripling": 3.0,
    "tripple": 3.0,  # as often typed
    "trippled": 3.0,
    "quadruple": 4.0,
    "quadrupled": 4.0,
    "halve": 0.5,
    "halved": 0.5,
    "halves": 0.5,
    "halving": 0.5,
    "twice": 2.0,
}
_STATUS_WORDS = {
    "forecast": "forecast",
    "forecasts": "forecast",
    "fcst": "forecast",
    "fcast": "forecast",
    "proj": "forecast",
    "est": "forecast",
    "guidance": "forecast",
    "projection": "forecast",
    "projected": "forecast",
    "prediction": "forecast",
    "estimate": "forecast",
    "estimated": "forecast",
    "expected": "forecast",
    "expectation": "forecast",
    "reported": "reported",
    "actual": "reported",
    "actuals": "reported",
    "filed": "reported",
    "historical": "reported",
    "real": "reported",
    "realized": "reported",
    "realised": "reported",
    "achieved": "reported",
    "booked": "reported",
    "recognized": "reported",
    "recognised": "reported",
    "materialized": "reported",
    "materialised": "reported",
    "derived": "derived",
    "computed": "derived",
    "calculated": "derived",
    "implied": "derived",
    "inferred": "derived",
}


@dataclass(frozen=True)
class Threshold:
    """``op`` is '>' or '<'; ``value`` in base units; ``by``: the threshold bounds a change ("grow by more than")."""

    op: str
    value: float
    unit: str  # USD | ratio | multiple | number
    by: bool = False
    #: "at least", "reach", "hit", "at most": the amount itself passes too
    inclusive: bool = field(default=False, repr=False)

    def holds(self, low: float, high: float) -> bool | None:
        """True if every value in [low, high] passes, False if none does, None if it depends."""
        if self.op == ">" and self.inclusive:
            return True if low >= self.value else False if high < self.value else None
        if self.op == ">":
            return True if low > self.value else False if high <= self.value else None
        if self.inclusive:
            return True if high <= self.value else False if low > self.value else None
        return True if high < self.value else False if low >= self.value else None


def is_yes_no(text: str) -> bool:
    """Does the question ask for a yes or a no ('did ...', 'is ...', 'will ...'), also after a topic
    ('Amazon capex - did it fall in 2023?')?"""
    if _REQUEST.search(text):
        return False  # "Could you compute Meta's CAGR ...?": a polite request for a figure
    if _EITHER_AMOUNT.search(text):
        return False  # "is it $371bn or $317bn for the 2025 hyperscaler DC spend?": which, not whether
    if _AND_WHAT.search(text):
        return False  # "is there a forecast for X, and what is it?": the figure is asked
    sentences = re.split(r"(?<=[.!?])['\"’”]?\s+", text.strip())
    last_asks = _THEN_ASKS_WHAT.match(sentences[-1]) and (
        sentences[-1].rstrip().endswith("?") or len(sentences[-1]) < 40
    )
    if len(sentences) >= 2 and last_asks:
        return False  # "Is it right that nearly half goes to inference? What share does the article give?"
    if _AUX.match(text) or _WHETHER.match(text) or _ASKED_YES_NO.search(text) or _SUBJECT_THEN_WILL.match(text):
        return True
    if len(sentences) >= 2 and _AUX.match(sentences[-1]) and re.search(r"\b(?:that|this|it|so)\b", sentences[-1], re.I):
        return True  # "The article claims capex rises 50% in 2025. Is that what it says?": the claim before
    last = sentences[-1]
    if len(sentences) >= 2 and _AUX.match(last) and last.rstrip().endswith("?") and not _REQUEST.search(last):
        return True  # "The article says Meta's AI capex doubled. Does the filed capex at least double too?"
    if len(sentences) >= 2 and _CHECK_ASKED.fullmatch(sentences[-1].strip()):
        return True  # "Draft: Alphabet capex 2025 $91.4bn, up 74% y/y. Right?"
    tail = re.split(r"\s[-–—]\s|:\s", text, maxsplit=1)
    # "how many x ... - can you check?": a bare request after the question, not a yes/no of its own
    request = len(tail) == 2 and re.match(
        r"\s*(?:can|could|would|will) (?:you|u)\s+(?:please\s+)?(?:check|verify|help|look|pull|find|double[- ]check"
        r"|confirm|do|sanity[- ]check)(?:\s+(?:that|this|it|for me|pls|please|quickly|again))?\s*[?.!]*\s*$"
        # "... calendar 2024 — can you stitch it together from the quarters?": how to get the figure asked
        r"|\s*(?:can|could|would|will) (?:you|u)\s+(?:please\s+)?(?:stitch|add|sum|build|piece|put|work|compute"
        r"|calculate|derive|back|total|combine|rebuild|reconstruct)\b[^?]*\?*\s*$",
        tail[1],
        re.IGNORECASE,
    )
    # (not "... doubled in H1 2025 - doubled to how much exactly?": a figure asked)
    figure = len(tail) == 2 and re.search(r"\bhow\s+(?:much|many|big|large)\b|\bwhat\b", tail[1], re.I)
    if len(tail) == 2 and not request and bool(_AUX.match(tail[1]) or (_CHANGED.match(tail[1]) and not figure)):
        return True  # "nvda FY25 revenue - more than doubled vs FY24?"
    terse = text.rstrip().endswith("?") and not _ASKS_FOR_WHAT.search(text)
    if terse and (_TERSE_DIRECTION.search(text) or _TERSE_COMPARISON.search(text)):
        return True  # "AAPL capex up YoY in FY25?", "GOOGL outspend AMZN on capex in 2025?", "A > B?"
    lead = _LEADING_CLAUSE.match(text) or _LEADING_WHEN.match(text)
    if lead and _AUX.match(text[lead.end() :]):
        return True  # "Per the article, did Alphabet outspend Meta?", "In the Sep quarter, did ..."
    # "NVDA rev clear $200bn in FY26?", "2025 capex north of $350bn?": a figure against a threshold,
    # asked with no question word and no plural to list
    # ("meta at least double its AI capex h1 yoy?": a multiple to reach, likewise)
    marked = threshold_in(text) is not None or bool(_TERSE_MULTIPLE.search(text))
    return text.rstrip().endswith("?") and not _ASKS_FOR_WHAT.search(text) and marked


#: "meta at least double its AI capex h1 yoy?", "nvda revenue doubled in FY25?": a multiple asked of a
#: change with no auxiliary (not "going by the 'doubling'", "if you just double the $40B", "halves")
_TERSE_MULTIPLE = re.compile(
    r"\b(?:at\s+least|more\s+than|over|nearly|almost|roughly|really|actually)\s+(?:double|triple|quadruple|halve)d?\b"
    r"|(?<![\w'‘])(?<!the\s)(?<!a\s)(?:doubled|tripled|quadrupled|halved)\b(?![^?]*\bif\b)",
    re.IGNORECASE,
)


#: "Right?", "All three numbers right?", "Both numbers OK?", "Does that stand up?": a check of what came before
#: a last question that asks for a figure or a list, after a check: "... by 2032? What share does it give?"
_THEN_ASKS_WHAT = re.compile(
    r"\s*(?:and\s+|so\s+|if\s+not,?\s+)?(?:what|which|how\s+(?:much|many|big|large|far)|who)\b"
    r"(?!\s+(?:do\s+you\s+think|about\s+it))",
    re.IGNORECASE,
)
_CHECK_ASKED = re.compile(
    r"(?:(?:all|both|each|are|is|the)\s+)*(?:(?:two|three|four|five|of\s+the|these|those)\s+)*"
    r"(?:(?:numbers?|figures?|facts?|claims?|stats?)\s+)?(?:right|correct|true|accurate|ok|okay|good|fine|good\s+to\s+go"
    r"|(?:ok|okay|safe|good)\s+to\s+(?:run|use|print|publish|file|go)|yes\s+or\s+no|agreed"
    r"|check\s+out|hold\s+up|stand\s+up"
    # "Does the source support that?", "does the article back this up?"
    r"|(?:does|do|would|will)\s+(?:the\s+)?(?:source|sources|article|piece|report|data|filings?)\s+"
    r"(?:support|back|confirm|bear\s+out|agree\s+with)(?:\s+(?:that|this|it|me))?(?:\s+up|\s+out)?"
    # "Draft line: '...' Supported by the source?"
    r"|(?:supported|backed(?:\s+up)?|borne\s+out|confirmed)(?:\s+by\s+(?:the\s+)?(?:source|sources|article|piece|data"
    r"|filings?))?)"
    # "... ok per the article?"
    r"(?:\s+(?:per|according\s+to|by|going\s+by)\s+(?:the\s+)?(?:article|source|sources|piece|report|filings?|data))?\s*\?+",
    re.IGNORECASE,
)

#: "..., y/n?", "... (yes or no)", "true or false?" written after the claim
#: "inference spend gonna beat training by end of 25?": a subject, then what it will do, asked
_SUBJECT_THEN_WILL = re.compile(
    r"^(?![^?]*\b(?:what|which|how|who|whose|when|where|why)\b)[\w\s'’.&-]{1,60}?\s(?:gonna|going\s+to|set\s+to|on\s+track\s+to)\s+"
    r"(?:beat|exceed|top|overtake|surpass|pass|outpace|outspend|out-?earn|reach|hit|double|triple|fall|drop|rise|grow"
    r"|be\s+(?:bigger|larger|more|higher|smaller|less|lower))\b[^?]*\?\s*$",
    re.IGNORECASE,
)
_ASKED_YES_NO = re.compile(
    r"(?:\by/n|\byes\s*(?:or|/)\s*no|\bt/f|\btrue\s*(?:or|/)\s*false"
    # "double digits or no", "... or not?": whether, asked after the claim
    r"|\sor\s+(?:no|not)\s*\??"
    # "hyperscaler capex +54% in 2025 — correct?", "..., right?"
    r"|(?:[,;:—–'’\"”.]|\s-)\s*(?:is\s+(?:that|this|it)\s+|am\s+i\s+)?(?:correct|right|true|accurate|so|ok|okay|good"
    r"|fine|legit|good\s+to\s+go|(?:ok|okay|safe|good)\s+to\s+(?:run|use|print|publish|file|go))\s*\?"
    # "meta tripled its ai capex in h1 2025 right?": a statement with the tag, no comma
    r"|\s(?:right|correct|yes|no|true|innit|isn't\s+it|didn't\s+it|wasn't\s+it|no\?)\s*\?"
    # "— is that accurately quoted?", "— correct reading?", "— have I got that line right?", "— that the line?"
    r"|(?:[,;:—–'’\"”.?]|\s-)\s*(?:(?:is|was)\s+(?:that|this|it)\s+)?(?:accurately|correctly|properly)\s+"
    r"(?:quoted|stated|reported|cited|summari[sz]ed|paraphrased)\s*\?"
    r"|(?:[,;:—–'’\"”.?]|\s-)\s*(?:is\s+(?:that|this)\s+(?:a\s+)?)?(?:correct|right|fair|accurate)\s+(?:reading|read"
    r"|summary|take|characteri[sz]ation|paraphrase)\s*\?"
    r"|\b(?:have|did)\s+i\s+(?:got|get)\s+(?:that|this|it)(?:\s+(?:line|figure|number|quote))?\s+right\s*\?"
    r"|(?:[,;:—–'’\"”.?]|\s-)\s*(?:is\s+)?(?:that|this)\s+the\s+(?:line|quote|wording|sentence)\s*\?"
    r"|\?\s*or\s+is\s+(?:that|it)\s+(?:overstated|understated|wrong|off|exaggerated|inflated)\s*\??"
    # "that's an annual number right, not cumulative?": the tag, then what it is not
    r"|[\s,](?:right|correct)\s*,?\s*(?:not|rather\s+than)\s+[^?,;]{1,40}\?"
    # "meta cut capex in 2024 didnt they": a question tag, with or without its question mark
    r"|,?\s(?:didn'?t|did\s+not|doesn'?t|don'?t|wasn'?t|weren'?t|isn'?t|aren'?t|hasn'?t|haven'?t|won'?t)\s+"
    r"(?:they|it|he|she|we|you)\b\s*\??)\s*[?.!)]*\s*$",
    re.IGNORECASE,
)

#: "Per the article, ", "In the Jul-Sep 2025 quarter, ": a clause before the question proper
_LEADING_CLAUSE = re.compile(r"^(?![^?,;]*\b(?:what|how|which|who|whose|when|where|why)\b)[^?,;]{2,60},\s+", re.I)

#: "by 2032 will ...", "in FY25 did ...": a time written before the question proper, without a comma
_LEADING_WHEN = re.compile(
    # ("per the article did Alphabet spend more ...?": which source, before the question proper)
    r"^\s*(?:per|according\s+to|going\s+by|based\s+on|from)\s+(?:the|its|their)\s+(?:article|piece|source|report|filings?"
    r"|10-?[qk]s?|data)\s+(?=(?:will|did|does|is|are|was|were|has|have)\b)|"
    r"^\s*(?:by|in|for|as of|during|through|over|at)\s+(?!(?:what|which|how|whose|when|where|why|whom)\b)"
    r"(?:the\s+)?(?:end of\s+|close of\s+)?[\w'’/-]{2,12}(?:\s+[\w'’/-]{2,12})?\s+"
    r"(?=(?:will|did|does|is|are|was|were|has|have)\b)",
    re.I,
)
_TERSE_DIRECTION = re.compile(
    r"\b(?:up|down|higher|lower)\s+(?:yoy|y/y|y-o-y|qoq|q/q|year[- ]over[- ]year|on the year)\b"
    # "training share going up by '32?", "capex rising in 2026?"
    r"|\b(?:going|heading|trending)\s+(?:up|down|higher|lower)\b"
    # "googl capex down in '25?", "meta tripled AI capex in 1H25?"
    r"|\b(?:up|down)\s+(?:(?:in|for|during|over)\s+\S+\s*)?\?\s*$"
    # (a verb, not the word quoted: "implied by the 'doubled' comment")
    r"|(?<!['‘“\"])(?<!the\s)\b(?:doubled|tripled|quadrupled|halved)\b(?!['’”\"])"
    r"|\b(?:rising|falling|shrinking|growing|declining)\s*(?:(?:in|by|through)\s+\S+\s*|this\s+year\s*|next\s+year\s*)?\?\s*$"
    # "training share of AI spend expected to increase until 2032?"
    r"|\b(?:expected|forecast|projected|set|going|supposed|likely)\s+to\s+(?:increase|rise|grow|climb|fall|decline|drop"
    r"|shrink|go\s+(?:up|down))\b[^?]{0,30}\?\s*$",
    re.IGNORECASE,
)
_TERSE_COMPARISON = re.compile(
    r"\b(?:outspen[dt]s?|outspending|outgr[eo]ws?|outpac(?:e|es|ed)|exceed(?:s|ed)?|surpass(?:es|ed)?|overt(?:ake|akes|aking|aken|ook)|exceeding|surpassing|outpacing"
    r"|(?:higher|lower|bigger|larger|greater|smaller|more|less)\s+(?:[\w'’-]+\s+){0,3}?than)\b|\s[<>]=?\s",
    re.IGNORECASE,
)
_CHANGED = re.compile(
    r"\s*(?:(?:more than|over|nearly|almost|at least|roughly)\s+)?(?:doubled|tripled|quadrupled|halved)\b[^?]*\?\s*$",
    re.IGNORECASE,
)
_ASKS_FOR_WHAT = re.compile(
    r"\b(?:what|whats|which|who|whose|how|when|where|why|list|show|give|rank|compare|name|tell|companies|firms|"
    r"players|names|ones|average|avg|needed|required)\b|'s\s+(?:list|figure)"
    # ("in any Q of 2025", "every quarter of FY25": when, not which ones)
    # ("50% or more of all AI spend": the whole, not which of them)
    r"|(?:\b(?:any|each|every)\b|(?<!of\s)\ball\b)"
    r"(?!\s+(?:single\s+|one\s+|[a-z]{2,5}\s+)?(?:fiscal\s+)?(?:q|qtr|quarter|half|month|year)s?\b)",
    re.IGNORECASE,
)


def checks_a_claim(text: str) -> bool:
    """Whether the question states something and asks if it is right ("..., right?", "... — ok to run?")."""
    sentences = re.split(r"(?<=[.!?])['\"’]?\s+", text.strip())
    return bool(_ASKED_YES_NO.search(text)) or (
        len(sentences) >= 2 and bool(_CHECK_ASKED.fullmatch(sentences[-1].strip()))
    )


def threshold_in(text: str) -> Threshold | None:
    """The first threshold the question writes, in base units."""
    return _first_threshold(text) or _amount_against_total(text)


#: "is the article's 371B above what amzn+meta+msft filed for 2025?": a written amount set against a
#: total of several named after it, which is the mark that total is checked against (the other way round)
_AMOUNT_FIRST = re.compile(
    rf"^\W*(?:(?:so|and|ok|okay)\W+)?(?:is|was|are|were|would)\s+(?:(?:the|that|this|their|its)\s+)?"
    rf"(?:[\w'’]+\s+){{0,3}}?{_AMOUNT}\s+(?:(?:figure|number|forecast|estimate|projection|total)\s+)?"
    rf"(?P<op>{_ABOVE}|{_BELOW})\s+(?=[^?]*(?:\+|\b(?:combined|together|in\s+total|between\s+them)\b))",
    re.IGNORECASE,
)


def _amount_against_total(text: str) -> Threshold | None:
    m = _AMOUNT_FIRST.search(text)
    unit = (m.group("unit") or "").lower() if m else ""
    if m is None or not (unit or m.group("dollar")) or unit in ("x", "times", "-fold", "fold"):
        return None
    value = float(m.group("num").replace(",", "")) * _SCALE.get(unit, 1.0)
    op = ">" if _BELOW_RE.match(m.group("op")) else "<"  # (the amount above the total: the total below it)
    return Threshold(op, value, "ratio" if unit in ("%", "percent", "pct") else "USD")


#: the words that let the amount itself pass: "at least $150bn", "reach $525bn", "at most 20%", "≥"
_INCLUSIVE = re.compile(
    r"at least|no less than|at most|no more than|reach(?:es|ed|ing)?|hit(?:s|ting)?|get(?:s|ting)?\s+to|got\s+to"
    r"|>=|<=|≥|≤"
)


#: "double digits", "single-digit": a growth rate's size, as analysts say it (10% the line between)
_DIGITS = re.compile(r"\b(double|single)[\s-]+digits?\b", re.IGNORECASE)


def _first_threshold(text: str) -> Threshold | None:
    digits = _DIGITS.search(text)
    if digits and not _THRESHOLD.search(text, 0, digits.start()):
        double = digits.group(1).lower() == "double"
        return Threshold(">" if double else "<", 0.10, "ratio", inclusive=double)
    for m in _THRESHOLD.finditer(text):
        if m.group("sym"):
            op = "<" if m.group("sym") in ("<", "<=", "≤") else ">"
        else:
            op = "<" if _BELOW_RE.match(m.group("op")) else ">"
        by = bool(m.group("by"))
        inc = bool(_INCLUSIVE.fullmatch((m.group("op") or m.group("sym") or "").strip().lower()))
        if m.group("frac"):
            frac = fraction_value(m.group("frac"))
            scale = _FRACTION_OF.match(text[m.end() :])  # "half a trillion" is an amount, not a share
            if scale:
                return Threshold(op, frac * _SCALE[scale.group(1).lower()], "USD", by, inc)
            return Threshold(op, frac, "ratio", by, inc)
        unit = (m.group("unit") or "").lower()
        if not unit and not m.group("dollar"):
            continue  # a bare number is a year or a count, not an amount
        num = float(m.group("num").replace(",", ""))
        if unit in ("x", "times", "-fold", "fold"):
            return Threshold(op, num, "multiple", by, inc)
        value = num * _SCALE.get(unit, 1.0)
        return Threshold(op, value, "ratio" if unit in ("%", "percent", "pct") else "USD", by, inc)
    for m in _OR_MORE.finditer(text):  # "20% or more", "$100bn or less"
        unit = (m.group("unit") or "").lower()
        if not unit and not m.group("dollar"):
            continue
        num = float(m.group("num").replace(",", ""))
        op = "<" if m.group("side").lower() in _LESS_SIDE else ">"
        if unit in ("x", "times", "-fold", "fold"):
            return Threshold(op, num, "multiple", inclusive=True)
        return Threshold(
            op, num * _SCALE.get(unit, 1.0), "ratio" if unit in ("%", "percent", "pct") else "USD", inclusive=True
        )
    return None


_LESS_SIDE = frozenset({"less", "lower", "below", "under", "fewer", "smaller"})
_OR_MORE = re.compile(
    _AMOUNT + r"\s+or\s+(?P<side>more|higher|above|greater|over|bigger|larger|less|lower|below|under|fewer|smaller)\b",
    re.IGNORECASE,
)


def change_multiple(norms: list[str]) -> float | None:
    """'did X double' -> 2.0; 'halve' -> 0.5."""
    return next((_CHANGE_WORDS[w] for w in norms if w in _CHANGE_WORDS), None)


_WRITTEN_MULTIPLE = re.compile(r"(?<![\w.$])[~≈]?\s*(\d+(?:\.\d+)?)\s*(?:x|times)(?![\w])", re.IGNORECASE)


def written_multiple(text: str) -> float | None:
    """'META AI capex 1H25 ~2x 1H24, y/n?' -> 2.0: a multiple written as a number, with no comparison word
    (the multiple claimed, about which the figures decide)."""
    found = _WRITTEN_MULTIPLE.findall(text)
    return float(found[0]) if len(found) == 1 and float(found[0]) > 0 else None


_DIRECTIONS = {
    **dict.fromkeys(
        (
            "fall",
            "falls",
            "falling",
            "fell",
            "drop",
            "drops",
            "dropping",
            "dropped",
            "decline",
            "declines",
            "declining",
            "declined",
            "shrink",
            "shrinks",
            "shrinking",
            "shrank",
            "shrunk",
            "decreases",
            "contract",
            "contracts",
            "contracted",
            "decrease",
            "decreasing",
            "decreased",
            "down",
            "cut",
            "cuts",
            "cutting",
            "reduce",
            "reduced",
            "reducing",
            "lower",
            "lowered",
        ),
        "down",
    ),
    **dict.fromkeys(
        (
            "rise",
            "rises",
            "rising",
            "rose",
            "grow",
            "grows",
            "growing",
            "grew",
            "increase",
            "increasing",
            "increased",
            "climb",
            "climbing",
            "climbed",
            "climbs",
            "increases",
            "up",
            "expand",
            "expanding",
            "expanded",
        ),
        "up",
    ),
}


def direction_asked(norms: list[str]) -> str | None:
    """'is the share falling?' -> 'down'; 'is capex growing?' -> 'up'."""
    # ("up to 16%" bounds a figure; it asks no direction)
    return next(
        (
            _DIRECTIONS[w]
            for i, w in enumerate(norms)
            if w in _DIRECTIONS and not (w == "up" and norms[i + 1 : i + 2] == ["to"])
        ),
        None,
    )


#: "is training going to get a bigger share by 2032?": a share's direction said as its size
_SHARE_SIZE = re.compile(
    r"\b(?:get|gets|getting|take|takes|taking|have|has|having|end\s+up\s+with|grab|claim|command)\s+(?:an?\s+)?"
    r"(?P<size>bigger|larger|greater|higher|smaller|lower|reduced|shrinking|growing)\s+(?:share|slice|portion|piece)\b",
    re.IGNORECASE,
)


def share_direction(text: str) -> str | None:
    """'up' for "get a bigger share", 'down' for "a smaller share"; None when no size is said."""
    m = _SHARE_SIZE.search(text)
    if m is None:
        return None
    return "up" if m.group("size").lower() in ("bigger", "larger", "greater", "higher", "growing") else "down"


def status_asked(norms: list[str]) -> str | None:
    """'is the $371B a forecast?' -> 'forecast'."""
    return next((_STATUS_WORDS[w] for w in norms if w in _STATUS_WORDS), None)
