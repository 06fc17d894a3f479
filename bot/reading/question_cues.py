"""What a question's words say besides its names and periods: a premise before the question,
the source asked for, what is ruled out, the comparator, where the whole of a ratio stands, a
polite preamble, modifiers of a metric."""

from __future__ import annotations

import re

from .cues import CUE_WORDS
from .lexicon import GRAMMAR_WORDS, Mention, Token

FOLLOW_UP = re.compile(
    r"^\s*(and|what about|how about|same for|and for|what of|ok and|also|then)\b"
    # "as a multiple of the 2032 hyperscaler capex?", "as a % of that?": the last figure set against another
    r"|^\s*(?:and\s+)?(?:as an? (?:multiple|%|percent(?:age)?|share|fraction|proportion|ratio|pct)|relative)"
    r"\s+(?:of|to)\b"
    r"|^\s*(?:how many times|what (?:multiple|share|fraction|percent(?:age)?|%) of)\b[^?]*\b(?:is|was) (?:that|this)"
    r"\s*\??\s*$",
    re.IGNORECASE,
)


NOW_WORDS = {"now", "currently", "today", "current", "present", "already", "presently", "moment"}


#: Pronouns point back at what the conversation named before ("how much did they spend in 2024?").
PRONOUN = re.compile(r"\b(they|their|theirs|them|it|its|he|his|she|her)\b", re.IGNORECASE)


POSSESSIVE_PRONOUNS = {"its", "their", "theirs", "his", "her"}


def points_back(text: str, names_a_subject: bool) -> bool:
    """A pronoun points to the previous question, unless it is a possessive beside a subject the
    question names itself ('what fraction of its revenue did Nvidia spend on capex')."""
    return any(not (names_a_subject and m.group(1).lower() in POSSESSIVE_PRONOUNS) for m in PRONOUN.finditer(text))


#: "where does the $371B come from?", "where's the AMZN FY24 capex number from?"
WHERE_FROM = re.compile(
    r"\bwhere\b.*\b(?:comes?|came|coming)\s+from\b"
    r"|^\s*where\b(?![^?]*\b(?:start|starts|started|starting|begin|begins|began|go|goes|going|head|heads)\s+from\b)"
    r"[^?]{0,120}?\bfrom\s*\??\s*$"
    # "where is Nvidia's FY25 revenue of $130.5B reported?": in which document
    r"|^\s*where\s+(?:is|was|are|were|does|did|do|can i find)\b[^?]{0,120}?\b(?:reported|disclosed|filed|stated|"
    r"published|found|given|come from|appear|show up)\s*\??\s*$",
    re.IGNORECASE,
)


FILED = re.compile(
    r"\b(?:as filed|filed|filings?|sec|10-?[qk]s?|edgar|xbrl|annual report|quarterly report)\b"
    # "what Alphabet reported", "what did Meta report": the company's own figure
    r"|\bwhat\s+(?:did\s+)?(?!the\b|it\b|they\b)\w+\s+report(?:ed)?\b"
    # "the cash capex Meta reported": the measure the filings give, reported by the company itself
    r"|\bcash\s+capex\b|\b(?:capex|revenue|sales)\s+(?!(?:the|it|was|is|were|are|as|been|being)\b)\w+\s+(?:actually\s+)?reported\b",
    re.I,
)


ARTICLE = re.compile(
    r"\b(?:article|the story|the piece|news ?piece|per the report|in the report)\b"
    # "in that inference-vs-training piece": the piece, named by what it is about
    # (not "the Q4 piece on its own": a part of a figure)
    r"|\b(?:that|this|your)\s+(?!(?:[\w'’-]+\s+){0,2}(?:[qh][1-4]|fy\d+|\d+)\b)(?:[\w'’-]+\s+){1,3}(?:piece|story|write-?up)\b",
    re.IGNORECASE,
)


TARGET_LEVEL = re.compile(
    r"\b(?:(?:fall|drop|declin|ris|ros|grow|grew|climb|increas|decreas|shrink|shrank|jump|go|went|sink|sank|get)"
    r"\w*\s+to|reach(?:es|ed|ing)?)\b(?!\s+(?:\d|\$))",
    re.IGNORECASE,
)


FROM_WHAT = re.compile(
    r"\bfrom\s+what\b|\bstart(?:ed|s|ing)?\s+(?:from|at)\b|\bstarting\s+(?:level|point|share)"
    # "what's the implied '24 base?", "the implied 2024 level": the level a change starts from
    r"|\bimpl(?:ied|ies|y)\b[^?]{0,40}\b(?:level|base|figure|value|amount)\b"
    # "back out 2024 capex from the 2025 number and the 44% growth": the level the change starts from
    r"|^\s*(?:back|work)\s+out\b"
    # "and what's it dropping from?": where the change starts
    r"|\b(?:dropping|falling|declining|rising|growing|climbing|coming\s+down|going\s+up)\s+from\s*[?.!]*\s*$",
    re.I,
)


PREAMBLE = re.compile(
    r"^(?:looking at|regarding|re|on|about|thinking (?:about|of)|given|based on|quick q(?:uestion)?|question|q|"
    r"context|fyi|so|ok|okay|going (?:way )?back|"
    r"for (?:the|a|an|my|our) (?:[\w-]+ ){0,2}(?:deck|board|memo|note|slide|client|team|report|chart|model|table"
    r"|letter|newsletter|write-?up|presentation|pitch|committee|briefing)|"
    r"for\s+(?:attribution|citation|sourcing|the\s+record)\b[^:?]{0,60}|"
    r"need a one-liner|one-liner|sanity check|quick one|quick check|for\s+[\w-]+ing|for\s+\w+\s+purposes|fact-checking"
    r"|from\s+(?:a|an|the|my|our)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:view|perspective|standpoint|angle|lens|pov)"
    r"|checking)\b[^:?]{0,80}:\s+(?=\S+\s+\S+\s+\S)",
    re.IGNORECASE,
)


MONTH_QUARTER = re.compile(
    # (without a year of its own: "March qtr 2025 (FQ2)" names its year, and stays)
    r"\b(?:the\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?[- ]?(?:qtr|quarter)\b"
    r"(?!\s*(?:of\s+)?(?:['’]\s*\d{2}|\d{2,4})\b)",
    re.I,
)
EXPLICIT_QUARTER = re.compile(r"\b(?:f?q[1-4]|[1-4]q)(?:\s*'?\s*(?:fy)?\s*\d{2,4})?\b", re.IGNORECASE)
_CALENDAR_QUARTER = re.compile(r"\b(?:q([1-4])|([1-4])q)(?=\s*'?\s*\d{2}(?:\d{2})?\b)", re.IGNORECASE)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _fiscal_by_month(text: str) -> str:
    """'MSFT Sep-qtr capex (1Q26 vs 1Q25)': a quarter number whose calendar quarter does not end in
    the month named beside it is the company's fiscal quarter, as sell-side notes write them."""
    hint = MONTH_QUARTER.search(text)
    if hint is None:
        return text
    month = _MONTHS.index(re.sub(r"^the\s+", "", hint.group(0), flags=re.I)[:3].lower()) + 1
    quarters = {int(m.group(1) or m.group(2)) for m in _CALENDAR_QUARTER.finditer(text)}
    if not quarters or any(3 * n == month for n in quarters):
        return text
    return _CALENDAR_QUARTER.sub(lambda m: f"FQ{m.group(1) or m.group(2)}", text)


FIGURE_GIVEN = re.compile(
    r"^\s*(?:does|do|did|is there anything in)\s+(?:the\s+|your\s+|any\s+)?(?:article|source|sources|piece|report"
    r"|filings?|text|data|graph)\s+(?:(?:give|gives|have|has|contain|mention|include|provide|offer|state|report|cite"
    r"|quote|hold|put)\s+(?:a|an|any)\s+(?:specific\s+|actual\s+|dollar\s+)?(?:figure|number|estimate|amount"
    r"|forecast|value|data|projection|(?:market\s+)?size|total)s?\s+(?:for|on|of|about)\s+"
    # "does the article quantify energy per query?"
    r"|(?:quantify|quantifies|size|sizes|estimate|estimates)\s+)",
    re.IGNORECASE,
)
#: "does the article give Microsoft's own capex?": whether it states that figure, which is asking for it
FIGURE_OF = re.compile(
    r"^\s*(?:does|do|did)\s+(?:the\s+)?(?:article|source|sources|piece|report|story|filings?)\s+"
    r"(?:give|gives|provide|provides|report|reports|state|states|list|lists|break\s+out|disclose|show)\s+"
    r"(?!that\b|whether\b)(?=[\w'’. -]{2,40}?\b(?:capex|capital\s+expenditure|capital\s+spending|revenue|sales"
    r"|spending|spend)\b)(?![^?]*(?:\$|\d\s*%|\b(?:was|were|more\s+than|less\s+than|exactly|doubl\w*|tripl\w*)\b))",
    re.IGNORECASE,
)
ESTIMATED_AS = re.compile(
    r"^\s*what\s+(?:does|did|do)\s+the\s+(?:article|piece|source|sources|report|story)\s+"
    r"(?:estimate|put|forecast|project|expect|peg|reckon)\s+(.+?)\s+(?:to\s+be|at|will\s+be)\s*\??\s*$",
    re.IGNORECASE,
)
DRAFT_SAYS = re.compile(
    r"^\s*(?:(?:checking|fact[- ]checking)\s+(?:a|the)\s+(?:line|sentence|claim)\s+in\s+my\s+\w+\s*:\s*"
    r"|(?:my|our|the)\s+(?:draft|copy|piece|story|note|article\s+draft|deck)\s+(?:says|reads|states|claims)\s*:?\s*"
    r"|(?:draft|copy|fact\s+check|claim)\s*:\s*"
    r"|(?:draft|copy|(?:one\s+)?(?:more\s+)?line\s+from\s+(?:my|our|the)\s+\w+)\s*(?:says|reads|states|claims)?\s*:\s*)",
    re.IGNORECASE,
)
IF_SO_TAIL = re.compile(
    r"\s*\??\s*(?:and\s+)?if so,?\s*(?:what(?:'s| is| was| are)|how much(?: is it)?)\s*(?:it|they|that)?\s*\??\s*$",
    re.I,
)


#: a request put politely is its question: "can you tell me what Nvidia's revenue was" asks what it was
POLITE = re.compile(
    r"^\s*(?:(?:hi|hey|hello|please|pls)[,!\s]+)?(?:(?:can|could|would|will) you(?: please| kindly| quickly)?"
    r"|(?:i'?d|i would) (?:like|love) (?:you )?to|i (?:want|need|wanted) (?:you )?to|please|pls|help me)\s+"
    r"(?:tell|give|show|remind|let|list|find|provide|share|pull|look up|get|send)\b"
    r"(?:\s+(?:me|us))?(?:\s+(?:know|up|through))?(?:\s+(?:on|about))?\s*",
    re.IGNORECASE,
)


#: chat shorthand for grammar words ("what abt alphabet", "wht was ..."), never for names
_CHAT = {"abt": "about", "wht": "what", "whats": "what's", "becuase": "because", "src": "source"}
#: a greeting before the question: "Good morning. Could you tell me ...", "hi all -", "Morning,"
_GREETING = re.compile(
    r"^\s*(?:good\s+(?:morning|afternoon|evening|day)|hi|hello|hey|morning|afternoon|greetings)"
    r"(?:\s+(?:all|team|there|everyone|folks))?\s*[,.!:;—–-]+\s*(?=\S)",  # (a greeting alone stays one)
    re.IGNORECASE,
)
#: "cos" for companies, after a word that counts or picks them ("because" elsewhere)
_COS = re.compile(r"\b(which|what|the|those|these|other|all|six|four|big|tech|listed|many)\s+cos\b", re.IGNORECASE)
_CHAT_WORD = re.compile(r"\b(" + "|".join(_CHAT) + r")\b", re.IGNORECASE)


_UNIT_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_UNITS = {w: i for i, w in enumerate(_UNIT_WORDS)}
_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))
}
_SPELLED = re.compile(
    r"\b(?:(" + "|".join(_TENS) + r")(?:[- ](" + "|".join(list(_UNITS)[1:10]) + r"))?|(" + "|".join(_UNITS) + r"))"
    r"(?:\s+(hundred))?\s+(billion|million|trillion|bn|percent|per cent)\b",
    re.IGNORECASE,
)


def spelled_amounts(text: str) -> str:
    """'sixty billion' -> '60 billion', 'twenty-five percent' -> '25 percent': amounts written in words."""

    def number(m: re.Match[str]) -> str:
        n = _TENS[m.group(1).lower()] + (_UNITS[m.group(2).lower()] if m.group(2) else 0) if m.group(1) else 0
        n = n if m.group(1) else _UNITS[m.group(3).lower()]
        return f"{n * (100 if m.group(4) else 1)} {m.group(5)}"

    text = _A_SCALE.sub(r"1 \1", text)  # "more than a trillion dollars": one trillion
    text = _HALF_A.sub(
        lambda m: f"{500 if m.group(1).lower() == 'half' else 250} {_SMALLER_SCALE[m.group(2).lower()]}", text
    )
    return _SPELLED.sub(number, text)


#: "39,643 million", "$1,800bn": digits grouped by thousands
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})((?:,\d{3})+)(?![\d,])")
#: "30,7bn", "12,7 bn", "2,5x": a decimal comma, as much of Europe writes it (one or two
#: decimals, then a scale: "30,700" is thousands, "2024,25" no amount at all)
_DECIMAL_COMMA = re.compile(
    r"(?<![\d.,])(\d{1,3}),(\d{1,2})(?=\s?(?:bn|billion|b\b|tn|trillion|t\b|mln|mn|m\b|million|%|percent|pp|x\b))",
    re.IGNORECASE,
)


def written_numbers(text: str) -> str:
    """Numbers with their digits grouped or a decimal comma, in the one notation the
    grammar reads: '39,643 million' -> '39643 million', '30,7bn' -> '30.7bn'."""
    text = _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(",", ""), text)
    return _DECIMAL_COMMA.sub(r"\1.\2", text)


#: "a trillion", "a billion dollars": one of that scale (not "half a trillion", "a quarter of a trillion")
_A_SCALE = re.compile(r"(?<!half )(?<!quarter of )(?<!third of )\b(?:a|one)\s+(trillion|billion)\b", re.IGNORECASE)

#: "percent wise", "%-wise", "dollar-wise": in that unit
_UNIT_WISE = re.compile(r"(?:\b(percent|per\s?cent|dollar)|(%))[\s-]?wise\b", re.IGNORECASE)

#: "half a trillion", "a quarter of a trillion": a fraction of a scale, in the scale below
_HALF_A = re.compile(r"\b(?:a\s+)?(half|quarter)(?:\s+of)?\s+an?\s+(trillion|billion)\b", re.IGNORECASE)
_SMALLER_SCALE = {"trillion": "billion", "billion": "million"}


#: "capex 24->25": two short years joined by an arrow (later, and within a decade: "40 -> 14" is no years)
_SHORT_YEARS = re.compile(
    r"(?<![\d$.,'’])(1[5-9]|2\d|3[0-5])\s*(?:->|-->|=>|→)\s*(1[5-9]|2\d|3[0-5])"
    r"(?![\d%.]|\s*(?:%|bn|b\b|billion|pp|x\b))"
)


#: "FY2024/25", "FY24/25", "2024/25": one fiscal year written by the two calendar years it spans
_SPLIT_YEAR = re.compile(r"\b(?:FY\s*)?'?((?:19|20)?\d\d)\s*/\s*(\d\d)\b(?!\s*/|\d)", re.IGNORECASE)

#: "(in the hardware graf)", "in graf 6", "(para 3)": where in the article the asker read it
_WHERE_IN_TEXT = re.compile(
    r"\(\s*(?:in|from|see|per)?\s*(?:the\s+)?(?:[\w-]+\s+){0,3}(?:graf|para|paragraph|section|sentence)s?(?:\s+\d+)?\s*\)"
    r"|\b(?:in|from)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:graf|para|paragraph|section)s?(?:\s+\d+)?\b",
    re.IGNORECASE,
)
_SCALED = re.compile(r"\$\s?(\d+(?:\.\d+)?)\s?(bn|b|billion|tn|t|trillion)\b", re.IGNORECASE)
_BARE_MARK = re.compile(
    r"\b(below|above|under|over|more\s+than|less\s+than|exceed(?:s|ed)?|at\s+least|at\s+most)\s+(\d+(?:\.\d+)?)\b"
    r"(?!\s*(?:%|percent|bn|b\b|billion|tn|trillion|x\b|times|pp|points?))",
    re.IGNORECASE,
)


def _bare_mark_scaled(text: str) -> str:
    """A bare number set as a mark ("below 40") is the amount the question wrote with its scale ("$40bn")."""
    scaled = {float(m.group(1)): m.group(2) for m in _SCALED.finditer(text)}
    return _BARE_MARK.sub(
        lambda m: (
            f"{m.group(1)} ${m.group(2)}{scaled[float(m.group(2))]}" if float(m.group(2)) in scaled else m.group(0)
        ),
        text,
    )


#: "In the piece on inference overtaking training, ...": which text the question is about, the only one there is
_IN_THE_PIECE_ON = re.compile(
    r"^\s*(?:in|from)\s+(?:the|that|this)\s+(?:piece|article|story|report)\s+(?:on|about)\s+[^,?]{3,80},\s+(?=\S)",
    re.IGNORECASE,
)


#: "one more from the draft —", "another one:", "next line:": the next of the asker's checks, before it
_ONE_MORE = re.compile(
    r"^\s*(?:(?:ok|okay|and|also|next)[,\s]+)?(?:one\s+more|another(?:\s+one)?|next\s+(?:one|line|claim))"
    r"(?:\s+(?:from|in|off)\s+(?:the|my|our)\s+(?:draft|piece|note|deck|list|copy))?\s*[—–:-]+\s*",
    re.IGNORECASE,
)


def without_preamble(text: str) -> str:
    """'Looking at the shift to inference: how many points ...?' -> the question after the colon;
    'Could you remind me how much Meta spent ...' -> 'how much Meta spent ...'; chat shorthand spelt out."""
    text = _GREETING.sub("", _CHAT_WORD.sub(lambda m: _CHAT[m.group(1).lower()], text))  # "Good morning. ..."
    text = _COS.sub(lambda m: f"{m.group(1)} companies", text)  # "which cos do u have filings for?"
    text = re.sub(r"(?<=[a-z%)])\.{2,}(?=\s)", ".", text, flags=re.IGNORECASE)  # "... of AI spend.. from what share?"
    # "in the few-yr view", "on a few-year view": the source's "within a few years"
    text = re.sub(
        r"\b(?:in|on|over)\s+(?:the|a)\s+few[-\s]y(?:ea)?rs?\s+(?:view|horizon|outlook|timeframe)\b",
        "within a few years",
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(r"\b(?:tril|trn|trl)\b", "trillion", text, flags=re.IGNORECASE)  # "half a tril"
    text = re.sub(r"\b(?:bil|bln)\b", "billion", text, flags=re.IGNORECASE)  # "40 bil"
    text = _UNIT_WISE.sub(lambda m: f"in {m[1] or m[2]}", text)
    text = spelled_amounts(written_numbers(text))  # "above sixty billion dollars": 60 billion
    text = _IN_THE_PIECE_ON.sub("", text)  # "In the piece on inference overtaking training, what ...?"
    text = _ONE_MORE.sub("", text)  # "one more from the draft — '...'. good?": the next of several checks
    text = _bare_mark_scaled(text)  # "'nearly $40bn' — is the 10-Q number below 40?": $40bn
    # "premise: capex rises in equal $ steps from 371 to 525. what does that give for 2030?": an "if"
    text = re.sub(
        r"^\s*(?:premise|assumption|scenario|hypothetical)\s*:\s*([^?]{5,200}?)[.;]\s+(?=(?:so\s+)?(?:what|how|which)\b)",
        r"if \1, ",
        text,
        flags=re.IGNORECASE,
    )
    text = _WHERE_IN_TEXT.sub(" ", text)  # "HBM = ? (in the hardware graf)": where the asker read it
    # "FY2024/25", "2024/25": the (fiscal) year that runs from one calendar year into the next
    text = _SPLIT_YEAR.sub(lambda m: f"FY20{m[2]}" if int(m[2]) == int(m[1][-2:]) + 1 else m[0], text)
    # the quant's signs: "Δ$" a dollar change, "Δ" a change, "→" from one period to the next
    text = re.sub(r"Δ\s*\$", " $ change ", text)
    text = text.replace("Δ", " change ").replace("→", " to ").replace("⇒", " to ")
    # "25e", "FY26E": an analyst's estimate of that year, the year itself
    text = re.sub(r"\b((?:FY|CY)?'?(?:\d{2}|(?:19|20)\d{2}))[eE]\b", r"\1", text, flags=re.IGNORECASE)
    # "capex 24->25": two short years joined by an arrow
    text = _SHORT_YEARS.sub(lambda m: f"20{m[1]} to 20{m[2]}" if 0 < int(m[2]) - int(m[1]) <= 10 else m[0], text)
    text = re.sub(r"\s*(?:->|=>|-->)\s*", " to ", text)  # "40% -> 14%"
    text = re.sub(r"Σ|∑", " sum of ", text)  # "Σ capex CY2025: GOOGL + AMZN + META?"
    text = re.sub(r"\bas\s+x\s+of\b", "as a multiple of", text, flags=re.IGNORECASE)  # "GOOGL as x of META?"
    text = re.sub(r"\br u\b", "are you", text, flags=re.IGNORECASE)  # "how r u defining it"
    text = re.sub(r"\bper\s+cent\b", "percent", text, flags=re.IGNORECASE)  # British "20 per cent"
    if EXPLICIT_QUARTER.search(text):  # "NVDA Jan-qtr rev, FQ4'26 vs FQ4'25": the quarter, by the month it ends
        text = _fiscal_by_month(text)
        text = MONTH_QUARTER.sub(" ", text)
    # "Facebook's (now Meta's) capex", "Facebook (now Meta)": a name's update, not the present
    text = re.sub(r"\((?:now|today|currently)\s+([^()]{1,40})\)", r"(\1)", text, flags=re.IGNORECASE)
    # "Does the article give a figure for X? If so, what is it?": asks X; a figure not held is declined
    figure = FIGURE_GIVEN.match(text) or FIGURE_OF.match(text)
    if figure:
        rest = IF_SO_TAIL.sub("?", text[figure.end() :])
        text = rest if re.match(r"(?:how|what|which|when)\b", rest, re.IGNORECASE) else f"how much is {rest}"
        if re.search(r"\barticle|piece|story\b", figure.group(0), re.IGNORECASE):
            text = text.rstrip(" ?") + " according to the article?"
    # "what does the article estimate energy per query to be?": the figure asked, if there is one
    estimate = ESTIMATED_AS.match(text)
    if estimate:
        text = f"how much is {estimate.group(1)}?"
    # "My draft says ...", "My copy reads: '...'": the claim to check, in its own words
    text = DRAFT_SAYS.sub("", text)
    polite = POLITE.match(text)
    if polite and len(text) - polite.end() > 8:
        text = text[polite.end() :]
    m = PREAMBLE.match(text)
    if m and re.search(r"\b(?:19|20)\d\d\b|\b(?:vs\.?|versus)\b", m.group(0), re.IGNORECASE):
        # "On capex intensity for 2025 — Meta versus Alphabet: how many points higher is Meta's?": the topic
        # line names what the question is about; it stays, as a clause
        return f"{text[: m.end()].rstrip().rstrip(':')}, {text[m.end() :]}"
    return text[m.end() :] if m else text


#: "per that inference-vs-training piece": words that describe the document the figure comes from
DOCUMENT_NAMED = re.compile(
    r"\b(?:(?:per|in|from|according to|based on|by)\s+(?:that|the|this|your)|(?:that|this|your))\s+([\w'’ -]{2,50}?)\s+"
    r"(?:piece|article|story|write-?up|report|note|pdf|deck)\b",
    re.IGNORECASE,
)

STEP_WORDS = frozenset(
    {"step", "steps", "increment", "linear", "linearly", "straight", "evenly", "add", "adds", "added", "same", "equal"}
)


MANNER_WORDS = frozenset(
    {
        "straight",
        "line",
        "lined",
        "linear",
        "linearly",
        "evenly",
        "equal",
        "steps",
        "increments",
        "compound",
        "compounding",
        "annual",
        "yearly",
        "same",
        "dollar",
        "amount",
    }
)


EQUALS_WHAT = re.compile(r"^\s*[\w&' -]{1,40}?\s*(?:=|==)\s*\?*\s*$")


#: words of a question that are about asking, not about what is asked
FILLER = frozenset({
    "article", "piece", "story", "report", "context", "quick", "pls", "plz", "please", "thanks", "need", "client",
    "note", "wat", "whats", "number", "figure", "figures", "numbers", "stat", "stats", "data", "exactly", "roughly",
    "approx", "approximately", "about", "around", "just", "only", "again", "here", "there", "then",
    "actually", "actual", "really", "print", "printed", "filed", "reported", "official", "headline",
    "stretch", "span", "window", "timeframe",
    "usd", "dollars", "dollar", "bn", "mn", "tn", "billions", "millions", "nominal",  # the unit an answer is in
})  # fmt: skip


#: words that make a measure of their own out of the next word ("net income", "operating margin")
MODIFYING = frozenset({"net", "gross", "operating", "free", "total", "diluted", "adjusted", "annual", "cash"})


RULED_OUT = re.compile(
    r"\b(?:not|rather than|instead of|setting aside|leaving aside|putting aside|ignoring|disregarding"
    r"|forget(?:\s+about)?|never\s+mind|skip)\s+"
    r"(?:the|its|their|his|her|all\s+of|the\s+whole\s+of|the\s+whole)\b[^,;?()—–]*"
    # "Apple isn't a hyperscaler, granted, but ...": what it is not is no subject
    r"|\b(?:isn'?t|is\s+not|aren'?t|are\s+not|wasn'?t)\s+(?:a|an|one\s+of\s+the|among\s+the|part\s+of\s+the)\b[^,;?()—–]*",
    re.IGNORECASE,
)


LOW_FIRST = re.compile(r"\b(?:smallest|lowest|least|fewest)\b(?!\s+(?:to|->|→)\s)", re.IGNORECASE)


LOW_TO_HIGH = re.compile(
    r"\b(?:lowest|smallest|least|low|small)\s+(?:to|->|→)\s+(?:highest|largest|biggest|most|high|big|large)\b"
    r"|\bascending\b",
    re.I,
)


HIGH_TO_LOW = re.compile(
    r"\b(?:highest|largest|biggest|most|top|high|big|large)\s+(?:to|->|→)\s+(?:lowest|smallest|least|low|small)\b"
    r"|\bdescending\b",
    re.I,
)


def ascending_in(text: str) -> bool:
    """'who spent the least', 'lowest to highest' rank smallest first; 'highest to lowest' does not."""
    if HIGH_TO_LOW.search(text):
        return False
    if LOW_TO_HIGH.search(text):
        return True
    return bool(LOW_FIRST.search(text))


#: words before 'say'/'note' that make it the asker's or the source's speaking ('fair to say', 'the article says')
SPEAKERS = frozenset({
    "article", "piece", "story", "report", "source", "author", "filing", "it", "they", "to", "you", "we", "i",
})  # fmt: skip


NAMED_IN = re.compile(
    r"\b(?:named|mentioned|cited|listed|discussed|covered|featured|singled out)\s+(?:in|by)\s+the\s+"
    r"(?:article|piece|story|report)\b"
    # "the three hyperscalers the article names": who is meant, not where the figure comes from
    r"|\b(?:that|which)?\s*the\s+(?:article|piece|story|report)\s+(?:names|mentions|cites|lists|discusses|covers"
    r"|singles out|calls)\b"
    # "the article's three names", "the article's named hyperscalers": who is meant, by the article's naming
    r"|\bthe\s+(?:article|piece|story|report)['’]s\s+(?:(?:two|three|four|five|named|listed|own)\s+)*"
    r"(?:names|companies|firms|hyperscalers|players|members|tech\s+giants)\b",
    re.IGNORECASE,
)


_PER_ARTICLE = re.compile(
    r"\b(?:per|according\s+to|going\s+by|in|from|based\s+on)\s+the\s+(?:article|piece|story|report)\b", re.I
)


#: a figure's word right before "the article cites": the figure is the article's
_FIGURE_BEFORE = re.compile(
    r"\b(?:capex|figures?|numbers?|amounts?|revenues?|spend\w*|estimates?|forecasts?|values?|totals?|shares?)\s*$",
    re.IGNORECASE,
)


def source_asked(text: str) -> str | None:
    """'as filed', 'per the 10-Q' -> filing; 'per the article' -> article; not in what is ruled out."""
    kept = RULED_OUT.sub(lambda m: " " * len(m.group()), text)
    # "the hyperscalers named in the article" (not "the H1 2025 capex the article cites": a figure it gives)
    kept = NAMED_IN.sub(lambda m: m.group() if _FIGURE_BEFORE.search(kept, 0, m.start()) else " " * len(m[0]), kept)
    filed, article = FILED.search(kept), ARTICLE.search(kept)
    if (
        filed
        and article
        and _PER_ARTICLE.search(kept)
        and not re.search(r"\b(?:filed|filings?|10-?[qk]s?|sec)\b", kept, re.I)
    ):
        return "article"  # "What did Alphabet report ..., per the article?": the article named as the source
    if filed and article:
        return None  # "Meta's filed capex vs the article's AI capex": both, each figure from its own
    return "filing" if filed else "article" if article else None


def not_ruled_out(text: str, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """'meta 1h25 capex per the 10-q, not the article's ai number': what the question rules out is
    not what it asks about (when something else is left to ask about)."""
    spans = [(m.start(), m.end()) for m in RULED_OUT.finditer(text)]
    if not spans:
        return mentions

    def out(m: Mention) -> bool:
        at = tokens[m.start].start
        return any(a <= at < b for a, b in spans)

    kept = [m for m in mentions if not out(m)]
    return kept if any(m.kind != "predicate" for m in kept) else mentions


ORIGINAL = re.compile(
    r"\b(?:originally|initially|first)\s+(?:filed?|report(?:ed)?|gave|give|stated?|booked|put|show(?:ed|n|s)?)\b"
    r"|\bas originally\b"
    r"|\b(?:filed?|report(?:ed)?|gave|give|stated?|show(?:ed|n|s)?)\s+(?:(?:it|that|them)\s+)?"
    r"(?:originally|initially|at first)\b"
    r"|\bbefore (?:the |its |any )?restatements?\b|\bpre-?restatement\b|\boriginal (?:figure|number|filing|value)\b"
    r"|\bunrestated\b",
    re.IGNORECASE,
)


PERCENT_OF = re.compile(
    r"(?:%|\bpercent(?:age)?|\bpct)\s+(?:or\s+(?:more|less|above|below|higher|lower|over|under)\s+)?of\s+(?:the\s+)?"
    r"(?:total\s+|all\s+|global\s+)?",
    re.I,
)


FROM_START = re.compile(
    r"\b(?:of|to|with|from|vs\.?|versus|against|than)\s+(?:its|the|their)\s+"
    r"(?:starting|initial|original|opening|earliest)\s+(?:level|point|value|figure|share)\b"
    r"|\b(?:of|to|with|from|vs\.?|versus|against|than)\s+where it start(?:ed|s)\b",
    re.IGNORECASE,
)


PREMISE = re.compile(
    # "So I was looking at Meta's numbers ... Anyway, what was Meta's filed capex for 2025?": the question
    # starts after the turn back to it
    r"^.{10,600}?\b(?:anyway|anyhow|long story short|bottom line|all that said|that said)\b[,:;]?\s+(?=\S)|"
    # "Apple is always the odd one out, right? I wanted to check. What was Apple's capex as a share of
    # revenue in fiscal 2025?": sentences of context, then the one question, last
    # (a question pointing back, "what does that come to?", "how much did it grow?", leans on what came before)
    r"^.{10,600}[.?!]\s+(?=(?:so\s+|and\s+)?(?:what|what's|whats|how|which|who)\b"
    r"(?![^?]*\b(?:that|this|it|its|they|them|their|those|these)\b)[^?]{3,300}\??\s*$)|"
    r"^\s*(?:(?:so|ok|okay|now|but|and|hypothetically|theoretically|purely\s+hypothetically|just\s+hypothetically)[,\s]+)?"
    r"(?:if|assuming|assume|suppose|imagine|given(?: that)?|using|taking|based on|starting from|since"
    r"|working\s+back(?:wards?)?\s+from|backing\s+(?:\S+\s+){0,3}out|going\s+by|compared\s+(?:with|to)|relative\s+to)\b"
    r"[^?]{3,160}?[,:]\s+(?=\S)"
    # "Assume capex grows linearly between the 2025 and 2032 numbers — what's the annual step?"
    r"|^\s*(?:assume|assuming|suppose|imagine)\b[^?]{3,160}?\s[-–—]\s+(?=\S)"
    # "371bn in 2025 is +44% yoy, so what's the implied 2024 capex": a statement, then the question
    r"|^[^?]{3,160}?(?:[,;:]|\s[-–—])\s*(?:so|then|therefore|hence)\s+(?=(?:what|how|which|whats|is|does|did)\b)"
    # "Meta doubled AI capex in H1 2025 - what was H1 2024 then?": a stated change, then the question
    r"|^[^?]{3,160}?\b(?:doubled|tripled|halved|grew|rose|fell|dropped|increased|decreased|jumped|hit|reached)\b"
    # ("... doubled to 30.7B.. so what did they spend in H1 2024?": after a full stop too)
    r"[^?]{0,80}?(?:\s[-–—:]|[;:]|\.+)\s+(?:so\s+|then\s+|and\s+)?(?:(?:roughly|approximately|about|around)\s+)?"
    r"(?=(?:what|how|which|whats)\b)"
    # "The article says the $371bn is up 44% on 2024. What does that imply for 2024?": a statement,
    # a full stop, then the question; "Apple is the low-capex name — what was its capex intensity?"
    # (a statement: a verb before the break; "Comparing X with 2032 - how many times ..." is the question)
    # (not "In the filings, what exactly is counted as capex — which line?": a question, said again)
    r"|^(?!\s*(?:what|what's|whats|how|which|who)\b)(?![^?.!—–]*[,;]\s*(?:what|what's|whats|how|which|who)\b)"
    r"(?=(?:(?![.!]\s|\s[-–—]\s)[^?])*?\b(?:is|are|was|were|says?|said|has|had|notes?|noted|reports?|reported"
    r"|shows?|showed|states?|stated|claims?|puts?|expects?|forecasts?|gives?|gave|provides?|provided|mentions?"
    r"|mentioned|cites?|cited|quotes?|quoted|lists?|listed|names?|named|want|wanted|need|needed|putting|preparing"
    r"|writing|building|drafting|working)\b)"
    r"[^?]{3,200}?(?:[.!]|\s[-–—])\s+(?!(?:is|was|does|did|are|were)\s+(?:that|this|it|they)\b)"
    # ("article says Meta AI capex 30.7bn for H1 25 — how far is that from the filed capex?": the
    # statement's figure is one side of the gap asked)
    r"(?!how\s+(?:far|much\s+(?:more|less|higher|lower|bigger|smaller|above|below))\s+(?:is|was|are|were)\s+"
    r"(?:that|this|it)\b)"
    r"(?=(?:what|what's|whats|how|which|on|using|per|based on|checking|"
    r"did|does|is|was|were|are|has|have|will)\b)",
    re.IGNORECASE,
)


def bracketed(text: str, pos: int) -> bool:
    """Whether the amount at ``pos`` stands alone in brackets: '(40%)', '($30.7bn)'."""
    before = text[:pos].rstrip(" $~≈")
    close = text.find(")", pos)
    return before.endswith("(") and close != -1 and "(" not in text[pos:close] and close - pos <= 16


def modifiers_in(text: str, tokens: list[Token], covered: set[int], metric_mentions: list[Mention]) -> list[str]:
    """Unrecognised words qualifying the metric: a narrower thing the graph may not hold."""
    if not metric_mentions:
        return []
    i = metric_mentions[0].start - 1
    out: list[str] = []
    while i >= 0 and i not in covered:
        w = tokens[i].norm
        if w in GRAMMAR_WORDS or not w.isalpha() or w in CUE_WORDS or w in PLAIN_QUALIFIERS or w in SCALE_WORDS:
            break  # "the $371 billion data center spending figure": the amount's scale, no narrower metric
        out.insert(0, tokens[i].text)
        i -= 1
    if not out:
        return []
    first, last = metric_mentions[0].start - len(out), metric_mentions[0].start - 1
    return [text[tokens[first].start : tokens[last].end]]  # as written: "R&D", not "R D"


#: the scale of a written amount ("$371 billion")
SCALE_WORDS = frozenset({"billion", "billions", "million", "millions", "trillion", "trillions", "thousand", "bn", "tn"})

#: Words that qualify a metric without narrowing it: "total capex", "annual revenue", "cash capex".
PLAIN_QUALIFIERS = frozenset(
    [
        "total",
        "overall",
        "global",  # the sources' figures are world-wide: "global investment in inference"
        "worldwide",
        "annual",
        "quarterly",
        "yearly",
        "full",
        "net",
        "reported",
        "filed",
        "cash",
        "actual",
        "gross",
        "headline",
        "clean",  # "a clean capex-to-sales number": plainly stated, no narrower measure
        "simple",
        "official",
        "projected",
        "expected",
        "forecast",
        "estimated",
        "stated",
        "own",
        "company",
        "firm",
        "combined",
        "cumulative",
        "median",
        "mean",
        "average",
        "avg",
        "holiday",
        "festive",
        "double",
        "doubled",
        "triple",
        "tripled",
        "halved",
        # period words written before the metric: "2-yr revenue CAGR", "ttm capex"
        "yr",
        "yrs",
        "year",
        "years",
        "qtr",
        "quarter",
        "ttm",
        "ltm",
        "ytd",
    ]
)


MORE = {
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


LESS = {"less", "smaller", "lower", "below", "under", "fewer", "behind", "trail", "trailed"}


def comparator_in(norms: list[str]) -> str | None:
    """'>' for 'more / exceed / bigger', '<' for 'less / smaller / below', whichever comes first."""
    for w in norms:
        if w in MORE:
            return ">"
        if w in LESS:
            return "<"
    return None


def top_n(tokens: list[Token]) -> int | None:
    for i, t in enumerate(tokens[:-1]):
        if t.norm == "top" and tokens[i + 1].norm.isdigit():
            return int(tokens[i + 1].norm)
    return None
