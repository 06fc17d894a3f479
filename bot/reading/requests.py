"""A question wrapped in a request: "I'd like to understand whether the article expects ...", "I'd
like to understand Microsoft's capex for fiscal 2022. Is that something you hold?". The wrapping says
how the asker feels about the question, not what it asks; it is taken off before reading, so that
"whether ..." is read as the yes/no question it is and "is that something you hold?" does not turn a
request for a figure into a yes/no about the sources.

>>> plain_question("I'd like to understand whether AI already accounts for more than a quarter of server revenue.")
'whether AI already accounts for more than a quarter of server revenue.'
>>> plain_question("I'd like to understand Microsoft's capex for fiscal 2022. Is that something you hold?")
"Microsoft's capex for fiscal 2022?"
>>> plain_question("Could you help me understand who is behind the $1.8 trillion projection?")
'who is behind the $1.8 trillion projection?'
>>> plain_question("Since its year is not the calendar's, I'd like to understand its capex in calendar 2025.")
"Since its year is not the calendar's, its capex in calendar 2025."
>>> plain_question("Would you be so kind as to tell me the dollar increase in hyperscaler capex in 2025?")
'the dollar increase in hyperscaler capex in 2025?'
>>> plain_question("What did Meta spend in 2024?")
'What did Meta spend in 2024?'
"""

from __future__ import annotations

import re

__all__ = ["plain_question"]

_WRAPPER = (
    r"(?:(?:i['’]?d|i\s+would|we['’]?d|we\s+would)\s+(?:like|love|want)\s+to"
    r"|(?:i|we)\s+(?:want|wish|need|hope)\s+to"
    r"|(?:i['’]?m|i\s+am|we['’]?re|we\s+are)\s+(?:trying|keen|looking|hoping)\s+to"
    r"|(?:could|can|would)\s+(?:you|u)\s+(?:please\s+)?help\s+(?:me|us)\b(?:\s+to)?"
    r"|help\s+(?:me|us)\b(?:\s+to)?)"
    r"\s+(?:better\s+)?(?:understand|know|learn|establish|find\s+out|get\s+a\s+sense\s+of|be\s+clear\s+(?:on|about))"
    r"\s*(?:,\s*)?"
)
#: "Would you kindly tell me", "Would you be so good as to state", "Could you please give me": a polite
#: request for what follows, not a yes/no about the asker's ability
_POLITE = (
    r"(?:(?:would|could|can|will)\s+(?:you|u)\s+(?:(?:kindly|please|perhaps)\s+)?"
    r"(?:be\s+(?:so\s+)?(?:kind|good)\s+(?:as|enough)\s+to\s+|be\s+able\s+to\s+)?"
    r"|i\s+wonder\s+(?:whether|if)\s+you\s+(?:could|would|might)\s+|(?:please\s+|kindly\s+)+)"
    r"(?:tell|give|state|show|provide|share|let\s+(?:me|us)\s+know|express|calculate|compute|work\s+out"
    # ("could you confirm Amazon's 2024 capex?" asks for it; "confirm that ..." or a figure written is a check)
    r"|confirm(?!\s+(?:that|whether|if)\b)(?![^?]*[$%]))\b"
    r"(?:\s+(?:me|us)\b)?\s*(?:,\s*)?"
)
_OPENING = re.compile(
    r"^\s*(?:(?:so|ok|okay|hi|hey|also|and)[,\s]+)?(?:" + _WRAPPER + "|" + _POLITE + ")", re.IGNORECASE
)
#: "Since its year is not the calendar's, I'd like to understand what ...": inside, after a clause
_INSIDE = re.compile(r"(?<=,)\s*" + _WRAPPER, re.IGNORECASE)

#: "Is that something you hold?", "Has that been reported yet?": whether the figure is there, which
#: the answer says anyway; the question is the sentence before
_AVAILABLE = re.compile(
    r"(?<=[.?!])\s+(?:(?:and\s+)?(?:is|was)\s+(?:that|this|it)\s+(?:something\s+(?:you|the\s+\w+)\s+(?:hold|have|cover)"
    r"|available|in\s+(?:the\s+)?(?:data|files|filings))"
    r"|(?:has|have)\s+(?:that|this|it)\s+been\s+(?:reported|filed|published|released|disclosed)(?:\s+yet)?"
    r"|do\s+(?:you|we)\s+(?:hold|have)\s+(?:that|this|it)(?:\s+yet)?)\s*\?*\s*$",
    re.IGNORECASE,
)


#: "(the filing only gives 9M YTD)", "(calendarise MSFT)": asides on how the figures are filed or are to
#: be taken, whose periods and names are not asked about
_ASIDE_ON_DATA = re.compile(
    r"\(\s*(?:the\s+)?(?:filing|filings|10-?[qk]|sec|it|they)\s+(?:only\s+)?(?:gives?|has|have|shows?|reports?|files?)"
    r"\b[^()]*\)",
    re.IGNORECASE,
)
#: "fiscal 2024, which ended in June": when a fiscal year ends, said without a year, restates it
_ENDED_IN_MONTH = re.compile(
    r"(?<=\d)\s*,?\s+(?:which|that)\s+(?:i\s+(?:believe|think)\s+)?(?:ended|ends|closed|finished)\s+in\s+"
    r"(?:late\s+|early\s+|mid-?\s*)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b\.?(?!\s*,?\s*'?\d)",
    re.IGNORECASE,
)
_CALENDARISE = re.compile(
    r"(?:\b[A-Z]{2,5}\s+)?\b(?i:calendari[sz](?:e|ed|ing))\b(?:\s+[A-Z]{2,5}\b)?"
    r"(?i:\s+(?:to\s+|on\s+a\s+)?jan(?:uary)?\.?\s*(?:[-–—]|to|through)\s*dec(?:ember)?\.?(?:\s+'?\d{2,4})?"
    r"(?:\s+basis)?)?",
)


#: "can you back out the Q2 capex on its own?", "— could you derive ...": a request to work a figure out,
#: not a yes/no about the asker's ability (the verb stays: "back out" asks for a level)
_CAN_YOU_WORK_OUT = re.compile(
    r"\b(?:can|could|would)\s+(?:you|u)\s+(?:please\s+|kindly\s+|just\s+)?"
    r"(?=(?:back\s+out|derive|work\s+out|figure\s+out|estimate|isolate|break\s+out|pull|look\s+up|compute)\b)",
    re.IGNORECASE,
)
#: "by how much (percent) did ...", "the gap ($)": the unit the answer is wanted in, written in brackets
_UNIT_IN_BRACKETS = re.compile(
    r"\(\s*(?:in\s+)?(percent(?:age)?(?:\s+terms)?|%|pct|pp|percentage\s+points|dollars|\$|usd|\$?bn|billions?)\s*\)",
    re.IGNORECASE,
)
#: "as it stands in the filings today", "as currently filed": the latest filed value, not a period "today"
_AS_IT_STANDS = re.compile(
    r",?\s*as\s+(?:it|they|that)\s+stands?(?:\s+(?:in|per)\s+the\s+(?:filings?|sec\s+data|data|10-?ks?))?"
    r"(?:\s+(?:today|now|currently))?|,?\s*as\s+currently\s+(?:filed|reported)",
    re.IGNORECASE,
)
#: "the article's 2032 dollar projections (gen AI revenue, hyperscaler capex, ad spend)": the figures
#: meant, listed again in brackets after the words that already name them all
_LISTED_AGAIN = re.compile(r"\b(projections|forecasts|figures|numbers|estimates)\s*\([^()]*,[^()]*\)", re.IGNORECASE)
#: "a majority of AI spending", "most AI spend", "a minority of it": more or less than half
_MAJORITY = re.compile(r"\b(?:(?:a|the)\s+|(?<=\bbe\s))majority\s+(?:share\s+)?of\b", re.IGNORECASE)
#: "a majority (>50%) of": the bracket says the word again
_SHARE_WORD_RESTATED = re.compile(
    r"\b(majority|minority|more\s+than\s+half|less\s+than\s+half)\s*\(\s*(?:[<>≥≤]=?|over|under|above|below)?\s*"
    r"\d+(?:\.\d+)?\s*%\s*\)",
    re.IGNORECASE,
)
_MINORITY = re.compile(r"\b(?:a|the)\s+minority\s+(?:share\s+)?of\b", re.IGNORECASE)
_MOST_OF = re.compile(
    # (not "the most capex-intensive", "who spends the most capex": the superlative)
    # (nor "who spent most capex in 2024": the superlative after the verb)
    r"(?<!\bthe\s)(?<!\bthe)(?<!\bspent\s)(?<!\bspend\s)(?<!\bspends\s)(?<!\binvested\s)(?<!\bhad\s)"
    r"\bmost\s+(?:of\s+)?(?:the\s+)?"
    r"(?=(?:global\s+)?(?:ai\s+)?(?:spend|spending|investment|capex|budgets?|money)\b(?![-‐]))",
    re.IGNORECASE,
)
#: "(implied from the 44%)": how a figure is worked out from a rate the sources give, an aside
_IMPLIED_FROM_RATE = re.compile(
    r"\s*\(\s*(?:implied|derived|back(?:ed|ing)?\s+(?:it\s+|that\s+)?out|computed|calculated"
    r"|work(?:ed|ing)\s+(?:it\s+)?out)\s+(?:from|using|via|off|of)\s+"
    r"(?:the\s+)?[+]?\d+(?:\.\d+)?\s*%[^()]*\)",
    re.IGNORECASE,
)
_FROM_THE_DOUBLING = re.compile(
    r"\s*,?\s*\b(?:implied|derived|backed\s+out|worked\s+out|computed)\s+(?:from|by|via|using|off)\s+(?:the\s+|that\s+)?"
    r"(?:doubling|tripling|halving|doubled|tripled|halved)\b",
    re.IGNORECASE,
)
#: "is nvidia making more than apple?", "how much did nvidia make?": what a company takes in is its revenue
_MAKING_MORE = re.compile(
    r"\b(is|are|was|were)\s+([A-Za-z][\w.&-]*)\s+(?:making|earning|bringing\s+in|taking\s+in|pulling\s+in|generating)"
    r"\s+(more|less)\s+(?:money\s+|revenue\s+|sales\s+)?than\s+([A-Za-z][\w.&-]*?)(?:['’]s)?\b",
    re.IGNORECASE,
)
_HOW_MUCH_MADE = re.compile(
    r"\bhow\s+much\s+(?:money\s+)?(did|does|do|will)\s+([A-Za-z][\w.&-]*)\s+"
    r"(?:make|earn|bring\s+in|take\s+in|pull\s+in|generate)\b(?!\s+(?:up|of|on)\b)",
    re.IGNORECASE,
)
#: "how much profit did amazon make in 2024": the measure named, earned (never "make" as building things)
_HOW_MUCH_OF_IT_MADE = re.compile(
    r"\bhow\s+much\s+(?!money\b)([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(did|does|do|will)\s+([A-Za-z][\w.&-]*)\s+"
    r"(?:make|earn|bring\s+in|take\s+in|pull\s+in)\b(?!\s+(?:up|of|on)\b)",
    re.IGNORECASE,
)
#: "add at least $200bn to digital ad spend": the amount after what it is added to ("add to digital ad spend
#: at least $200bn"), so that the measure's own name ("add to ad spend") is read whole
_ADDED_TO = re.compile(
    r"\b(add(?:s|ed|ing)?)\s+((?:(?:at\s+least|more\s+than|over|about|around|nearly|some|up\s+to|roughly)\s+)?"
    r"\$?\s?\d+(?:\.\d+)?\s*(?:bn|billion|b|tn|trillion)?)\s+to\s+([a-z][a-z -]*?)"
    r"(?=\s+(?:by|in|for|over|through|until|from)\b|\s*[?,.;]|\s*$)",
    re.IGNORECASE,
)
#: "1H25 capex x2", "Q1'26 capex x4": a half's or a quarter's figure made a year's worth, its run-rate
_TIMES_TO_A_YEAR = re.compile(
    r"(\b(?:[12]H|H[12])\s*'?\d{2,4}\b[^?,;—–]{0,40}?)\s*(?:\bx|×|\*)\s*2\b(?!\s*%)"
    r"|(\b(?:[1-4]Q|Q[1-4])\s*'?\d{2,4}\b[^?,;—–]{0,40}?)\s*(?:\bx|×|\*)\s*4\b(?!\s*%)",
    re.IGNORECASE,
)
#: "Before we get to the AI names — ...": what comes later in the conversation, not this question
_BEFORE_WE_GET_TO = re.compile(r"^\s*before\s+(?:we|i)\s+get\s+(?:in)?to\s+[^—–:?]{1,60}(?:—|–|:|\s-\s)\s*", re.I)
#: "what is being counted as capex?", "what counts as AI capex": what a term covers
_WHAT_COUNTS_AS = re.compile(
    r"\bwhat\b[^?]*?\b(?:(?:is|are|gets?)\s+(?:being\s+)?(?:counted|treated|classed|classified)|counts?)\s+as\b",
    re.IGNORECASE,
)
#: "deepseek cited as one of the players?": named as, not quoted
_NAMED_AS = re.compile(r"\b(?:cited|named|listed|mentioned|described|counted)\s+as\b(?!\s+saying)", re.IGNORECASE)


#: "... driving demand per the article — chips, HBM, what else", "Our draft mentions chips and HBM — is there
#: more?": what the asker has already, before asking for the whole list
_WHAT_ELSE = re.compile(
    r"\s*(?:[—–]|\s-{1,2})\s*(?:[^—–?]{1,80}?,?\s+)?(?:what\s+else|anything\s+else|is\s+there\s+(?:any(?:thing)?\s+)?more"
    r"|are\s+there\s+(?:any\s+)?(?:more|others))\s*\??\s*$",
    re.IGNORECASE,
)


#: "so far this year", "this year so far", "so far in the year": the year to date
_SO_FAR = re.compile(
    r"\bso\s+far\s+this\s+(?:calendar\s+)?year\b|\bthis\s+(?:calendar\s+)?year\s+so\s+far\b"
    r"|\bso\s+far\s+in\s+the\s+year\b|\b(?:to\s+date|thus\s+far)\s+this\s+year\b",
    re.IGNORECASE,
)


_TRAILING = re.compile(
    r"\b(?:ttm|ltm|trailing[- ]twelve[- ]months?|(?:last|trailing)\s+(?:twelve|12)\s+months)\b", re.IGNORECASE
)
_AS_OF_QUARTER = re.compile(
    r"\b(?:as\s+of|at\s+the\s+end\s+of|through)\s+(?:its|their|the)\s+([A-Za-z]{3,9})\.?\s+((?:19|20)\d\d)\s+(?:quarter|qtr)\b",
    re.IGNORECASE,
)


_LATEST_FILING = re.compile(
    r",?\s*\b(?:through|thru|per|as\s+of|according\s+to|based\s+on|from|in)\s+(?:the|its|their)\s+"
    r"(?:latest|most\s+recent|last|newest)\s+(?:10-?[qk]|filing|quarterly\s+report|annual\s+report)s?\b",
    re.IGNORECASE,
)
_WHICH_ONE = re.compile(r"\s*\(\s*(?:i\.?e\.?,?\s+)?the\s+[^()\d]{1,40}\bone\s*\)", re.IGNORECASE)
#: a company's fiscal name for a period just written in months, in brackets after it
_ONES_FISCAL_NAME = re.compile(
    r"(?:(?<=quarter)|(?<=qtr)|(?<=months)|(?<=\d{4}))\s*\(\s*(?:i\.?e\.?,?\s+|=\s*)?[\w.&]+['’]s\s+(?:fiscal\s+)?"
    r"(?:q[1-4]|[1-4]q|h[12]|fy\s*'?\d{2,4})(?:\s*(?:of\s+)?(?:fy|fiscal)\s*'?\d{2,4})?\s*\)",
    re.IGNORECASE,
)
_CHECKED_ASIDE = re.compile(r"\(\s*([^()?]*?)\s*,?\s*(?:right|correct|yes|no|i\s+think|iirc)\s*\?*\s*\)", re.I)
#: "— sorry i mean revenue, the top line": the asker corrects the word for what is asked
_I_MEANT = re.compile(
    r"\s*[—–,;.-]*\s*(?:sorry|oops|correction|err|wait)[,:]?\s+(?:i\s+)?(?:mean|meant)\s+(?P<word>[a-z][\w-]*)"
    r"(?:\s*,[^?]*)?",
    re.IGNORECASE,
)
#: the words a correction replaces: measures analysts say loosely for one another
_LOOSE_MEASURE = re.compile(
    r"\b(?:profit|profits|earnings|income|sales|revenue|revenues|capex|spend|spending|turnover)\b", re.IGNORECASE
)


def _corrected_word(text: str) -> str:
    m = _I_MEANT.search(text)
    if m is None or not _LOOSE_MEASURE.fullmatch(m.group("word")):
        return text
    before = text[: m.start()]
    loose = list(_LOOSE_MEASURE.finditer(before))
    if not loose:
        return text
    last = loose[-1]
    return before[: last.start()] + m.group("word") + before[last.end() :] + text[m.end() :]


_NOW_THAT = re.compile(r"^\s*now\s+that\s+[^,?;—]{1,80}[,;—]\s*|\s*,?\s*\bnow\s+that\s+[^,?;—]{1,60}(?=\?|$)", re.I)
_DASH_BETWEEN_MONTHS = re.compile(r"(?<=\d)[–—](?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)", re.I)
#: "Jul24-Jun25": two months, each with its two-digit year run on, joined by a dash
_MONTHS_RUN_TOGETHER = re.compile(
    # (also "Jul 24–Jun 25", "Jul '24 - Jun '25": a span of months is given by years, not days)
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\s?['’]?(\d{2})\s*(?:[-–—]|to)\s*"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\s?['’]?(\d{2})\b(?!\s*,?\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)
#: "jun-q", "dec-q", "sep-qtr": the quarter that ends in that month
_MONTH_Q = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*-q(?:tr)?\b", re.IGNORECASE)


#: "how much of a jump", "how much of an increase": how big a change, not a part of a whole
_HOW_MUCH_OF_A_CHANGE = re.compile(
    r"\bhow\s+much\s+of\s+an?(n?\s+(?:jump|rise|increase|gain|leap|step-?up|bump|boost|climb|drop|fall|decline|"
    r"decrease|cut|change|move|swing|uplift|acceleration|slowdown)\b)",
    re.I,
)


#: "..., I'll round on the slide myself.", "; we'll convert it later": the asker's own next step, not asked
_ASKERS_PLAN = re.compile(
    r"(?<=[,;.?!])\s*(?:(?:and|then)\s+)?(?:i'?ll|i\s+will|we'?ll|we\s+will|i'?m\s+going\s+to|i\s+can)\s+"
    r"(?:round|convert|do|handle|format|sort|work|take|adjust|check|compute|add|put|plug)\b[^?]*$",
    re.I,
)


#: "... in 2032? I need the absolute number not %": what the asker needs, not a relation between things
_ASKERS_NEED = re.compile(
    r"(?:(?<=[,;.?!])\s*(?:(?:i|we)\s+)?|^\s*(?:i|we)\s+)(?:really\s+|just\s+|only\s+)?(?:need|needs|want|require)\b"
    # (only the kind of answer wanted: "need it for a capex-to-sales chart", "want the actual print before I
    # hold it up against ..." say why it is asked, left to the purpose clause's reading)
    r"(?=\s+(?:the|a|an|just|only|it\s+in)\s+(?:[\w$%/-]+\s+){0,3}?(?:number|figure|gloss|definition|answer|value"
    r"|estimate|amount|one-liner|dollars?|usd|\$|%|percent)(?![\w/]))",
    re.I,
)


#: "where's the meta 30.7B from? 10-Q or the article?": the options the asker has in mind for a source asked
_SOURCE_OPTIONS = re.compile(
    r"^(\s*(?:where\b|what'?s\s+the\s+source\b|source\b|who\s+(?:said|says|published|reported)\b)[^?]*\?)"
    r"\s+(?:(?:is\s+it|was\s+it)\s+)?[^?]{1,40}?\s+or\s+[^?]{1,30}\?\s*$",
    re.IGNORECASE,
)


#: "25 hyperscaler capx above 400bn?", "meta capex 24 vs 25": a year written with two digits and no mark,
#: first in the question or right after the measure (never an amount, a count or a rank: "top 25", "25%")
_BARE_SHORT_YEAR = re.compile(
    r"(^\s*|\b(?:capex|capx|revenue|revs|rev|sales|spend|spending|cap-ex|in|for|during)\s+)"
    r"(1[5-9]|2\d|3[0-2])(?=\s+[a-z]|\s*[?,]|\s+(?:vs|versus|and|to)\b)"
    r"(?!\s*(?:%|bn|b\b|billion|tn|trillion|m\b|mn|million|x\b|times|pp|points?|percent|pct|per\s*cent|companies"
    r"|firms|cos\b|players|quarters|years|yrs|months|days|weeks|bps|basis))",
    re.IGNORECASE,
)


#: "(yes i know it's half a year vs full year)", "(fwiw ...)": the asker's own aside, in brackets
_ASKERS_ASIDE = re.compile(
    r"\(\s*(?:yes|yeah|yep|ok|i\s+know|i\s+reali[sz]e|i\s+get\s+(?:it|that)|fwiw|fyi|btw|ik|iirc|just\s+fyi|"
    r"no\s+need|don'?t\s+worry|not\s+that\s+it\s+matters)\b[^()]*\)",
    re.IGNORECASE,
)


#: "... was Meta? MSFT = their FQ4'25 obviously": a note on one company's calendar, after the question
_CALENDAR_NOTE = re.compile(
    r"(?<=[?.])\s+(?:(?:and|with|for)\s+)?[A-Za-z]{2,12}\s*(?:=|is)\s*(?:their|its|the)\s+"
    r"(?:fiscal\s+|f)?(?:q[1-4]|[1-4]q|h[12]|fy|year)\s*'?\d{0,4}(?:\s+(?:obviously|of\s+course|presumably|ofc|i\s+think))?"
    r"\s*[.!]*\s*$",
    re.IGNORECASE,
)


#: "will AI add at least 150B in digital ad spending?": the amount added to the spending named after it
_ADD_AMOUNT_IN = re.compile(
    r"\b(add|adds|added|adding)\s+((?:at\s+least|more\s+than|over|north\s+of|nearly|about|around|roughly|another)?"
    r"\s*\$?\d[\d.,]*\s*(?:bn|b|billion|tn|trillion|t)?)\s+(?:in|to|of)\s+"
    r"((?:digital\s+|online\s+)?ad(?:vertising|s)?(?:\s+spend(?:ing)?)?)\b",
    re.IGNORECASE,
)


#: "(msft on calendar basis)", "(MSFT calendarised)": how one company's figure is aligned with the period asked
_CALENDARISED = re.compile(
    r"\(\s*(?:with\s+|incl\.?\s+)?[A-Za-z]{2,12}(?:['’]s)?\s+(?:on\s+(?:a\s+)?calendar(?:[-\s]year)?\s+basis"
    r"|calendari[sz]ed|on\s+cy|in\s+calendar\s+terms|as\s+calendar\s+(?:year|quarters?))\s*\)",
    re.IGNORECASE,
)


#: "hbm = ?", "TTM = ?": what the term is
_EQUALS_WHAT = re.compile(r"^\s*([A-Za-z][\w&' -]{0,40}?)\s*=\s*\?+(?=\s|$)", re.IGNORECASE)


#: "how does the article describe 'reasoning AI models'?": what the article takes the term to mean
_HOW_DESCRIBED = re.compile(
    r"\bhow\s+(?:does|do|did|is|are)\s+(?:the\s+)?(?:article|piece|text|story|source|report|author|it|they)\s+"
    r"(?:describe|characteri[sz]e)\b",
    re.IGNORECASE,
)


#: "who made the comment about ...", "who made the point that ...": who said it
_MADE_THE_REMARK = re.compile(
    r"\b(?:made|makes|make)\s+(?:the|that|this|a)\s+(?:comment|remark|point|observation|statement|claim)\s+"
    r"(?:about|that|on|regarding)\b",
    re.I,
)


#: "'...' good to go?", "ok to publish?": whether the claim before it is right
_CLEARED_TO_RUN = re.compile(
    r"(?<=[.!?'\"’”])\s*(?:is\s+(?:it|that|this)\s+)?(?:good|ok|okay|safe|fine|cleared)\s+to\s+"
    r"(?:go|run|use|print|publish|file|send|ship)\s*\?+\s*$",
    re.I,
)


#: "than what meta actually filed", "vs what they reported": the filed figure of the kind the question names
_WHAT_THEY_FILED = re.compile(
    r"\b(than|vs\.?|versus|against|and)\s+what\s+([a-z][\w.&-]*|they|it)\s+(?:actually\s+)?(?:filed|reported)\b",
    re.IGNORECASE,
)
_KIND_NAMED = re.compile(r"\b(capex|capital\s+expenditures?|capital\s+spending|revenues?|sales)\b", re.IGNORECASE)


#: "minus what meta actually filed as capex for H1 25": the kind named after the verb
_WHAT_THEY_FILED_AS = re.compile(
    r"\b(than|vs\.?|versus|against|and|minus|less|from)\s+what\s+([a-z][\w.&-]*)\s+(?:actually\s+)?(?:filed|reported)\s+"
    r"(?:as|for|in|under)\s+(capex|capital\s+expenditures?|revenues?|sales)\b",
    re.IGNORECASE,
)


def _what_they_filed(text: str) -> str:
    text = _WHAT_THEY_FILED_AS.sub(lambda m: f"{m[1]} {m[2]}'s filed {m[3]}", text)
    m = _WHAT_THEY_FILED.search(text)
    kind = _KIND_NAMED.search(text, 0, m.start()) if m else None
    if m is None or kind is None:
        return text
    who = "" if m[2].lower() in ("they", "it") else f"{m[2]}'s "
    return f"{text[: m.start()]}{m[1]} {who}filed {kind[1]}{text[m.end() :]}"


#: "off the 2025 base", "on a 2024 base", "using 2025 as the base": the year a change starts from
_OFF_THE_BASE = re.compile(
    r"(?<=\S\s)(?:off|on|over)\s+(?:the\s+|a\s+)?((?:19|20)\d\d)\s+(?:base|baseline|starting\s+point)\b"
    r"|(?<=\S\s)using\s+((?:19|20)\d\d)\s+as\s+(?:the\s+)?(?:base|baseline|starting\s+point)\b",
    re.IGNORECASE,
)


#: "put into AI", "pour into data centres", "plough into": money spent on it
_PUT_INTO = re.compile(
    r"\b(?:put|pour|poured|plough|ploughed|plow|plowed|sink|sank|sunk)\s+into\b"
    # (not "put into AI capex": the measure named is the spending itself)
    r"(?=\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s*(?:in|for|during|over|vs|versus|than|,|\?|$))"
    r"(?![^?,]*\b(?:capex|capital|spend\w*|expenditures?|investments?)\b)",
    re.IGNORECASE,
)


#: twelve months to a quarter: "TTM", "LTM", "trailing twelve months"
_TRAILING = re.compile(r"\b(?:ttm|ltm|trailing[\s-]+(?:twelve|12)[\s-]+months?|last[\s-]+twelve[\s-]+months)\b", re.I)
#: "as of its most recent quarter", "through the latest 10-Q": the newest, which a trailing figure is by default
_TO_THE_LATEST_QUARTER = re.compile(
    r"\s*,?\s*\b(?:as\s+of|through|thru|to|ending\s+(?:with|in)|at)\s+(?:its|the|their)\s+(?:most\s+recent|latest|last)\s+"
    r"(?:(?:fiscal\s+)?quarter|reported\s+quarter|10-?q|filing|quarterly\s+filing)\b",
    re.I,
)


#: "this year vs last", "this quarter over prior": the period before, of the same kind
_VS_LAST = re.compile(
    r"\b(this|current)\s+(year|quarter|half)\s+(vs\.?|versus|over|compared\s+(?:to|with)|against)\s+"
    r"(last|prior|previous)\b(?!\s+(?:year|quarter|half|fiscal|fy|q\d))",
    re.IGNORECASE,
)


#: "the last three months of the year", "the final quarter of the year": the fourth calendar quarter
_END_OF_THE_YEAR = re.compile(
    r"\b(?:the\s+)?(?:last|final|closing)\s+(?:three|3)\s+months\s+of\s+(?:the|that)\s+year\b"
    r"|\b(?:the\s+)?(?:final|closing)\s+quarter\s+of\s+(?:the|that)\s+year\b",
    re.IGNORECASE,
)


#: "60%+": that share or more (amounts with "+" are read where they stand: "the $200B+ ad uplift")
_OR_MORE = re.compile(r"(\d(?:[\d.,]*\d)?\s*(?:%|percent))\+(?![\w$+])", re.IGNORECASE)


#: "cite for ...", "quote for ...": leading, a request for the source
_CITE_FOR = re.compile(r"^\s*(?:cite|citation|quote|ref)\s+for\b", re.IGNORECASE)


#: a question, then the asker's own musing about it: "I heard ...", "I'm guessing ...", "The article keeps
#: using that word.", "Is that what people call CAGR?"
_ASIDE_AFTER = re.compile(
    r"^(?P<q>\s*(?:what|what's|how|which|who|where|when|why)\b[^?]{5,300}\?)\s+"
    r"(?:i\b|i['’]m\b|im\b|i['’]ve\b|i['’]d\b|the\s+article\s+(?:keeps|mentions|says|uses|talks)|sorry\b|not\s+sure\b"
    r"|is\s+that\s+what\s+(?:people|analysts|they|you)\s+call\b|my\s+guess\b)[^?]{0,200}[?.!]?\s*$",
    re.IGNORECASE,
)
_WHAT_EXACTLY = re.compile(r"^(\s*what)\s+exactly\s+(is|are|does|do)\b", re.IGNORECASE)
_MEASURE_WANTED = re.compile(
    r"\b(?:as\s+an?\s+(?:multiple|percentage|%|share|ratio|fraction)|in\s+(?:%|percent|percentage|dollars|usd|pp"
    r"|points|bn|billions))(?!\w)|\bin\s+\$",
    re.IGNORECASE,
)
#: "— tiny vs the hyperscalers I assume, what's the number?": a guess between the figure and the ask
_GUESS_BETWEEN = re.compile(
    r"\s[—–-]\s*[^—–?]{3,80}?\b(?:i\s+(?:assume|guess|think|suppose|imagine|bet|reckon)|presumably)\s*[,;]?\s*"
    r"(?=(?:what|how|which)\b)",
    re.IGNORECASE,
)


def plain_question(text: str) -> str:
    """``text`` without a request wrapped around its question."""
    text = _BEFORE_WE_GET_TO.sub("", text)
    text = _OR_MORE.sub(r"\1 or more", text)  # "inference at 60%+ of AI spend": at least 60%
    text = _CITE_FOR.sub("source for", text)  # "cite for training dropping to 14%": where it is said
    # "How much capex did Nvidia have in FY26? I'm guessing it's way less ...": the question, not the musing
    aside = _ASIDE_AFTER.match(text)
    if aside and not _MEASURE_WANTED.search(text, aside.end("q")):  # ("I'd like it as a multiple.": the ask)
        text = aside.group("q")
    text = _GUESS_BETWEEN.sub(" — ", text)  # "Nvidia's FY26 capex — tiny vs the hyperscalers I assume, what's ..."
    text = _WHAT_EXACTLY.sub(r"\1 \2", text)  # "What exactly is a hyperscaler?"
    text = _WHAT_ELSE.sub(lambda m: "." if "?" in text[: m.start()] else "?", text)
    text = _SO_FAR.sub("year to date", text)  # "how much has Alphabet spent so far this year?"
    if _TRAILING.search(text):  # "Apple's TTM capex as of its December 2025 quarter": to that month
        text = _AS_OF_QUARTER.sub(r"to \1 \2", text)
    # "its financial year that ended on 30 June 2025": the (fiscal) year ending that day
    text = re.sub(
        r"\b(?:fiscal|financial)\s+year\s+(?:that|which)\s+(?:ended|ends|closed|finished)\s+on\s+",
        "fiscal year ending ",
        text,
        flags=re.IGNORECASE,
    )
    if not _WHAT_COUNTS_AS.search(text):  # ("what exactly is counted as capex?" asks what the term covers)
        text = _NAMED_AS.sub("as", text)
    text = _CAN_YOU_WORK_OUT.sub("", text)
    text = _TIMES_TO_A_YEAR.sub(lambda m: f"{m.group(1) or m.group(2)} run-rate", text)
    text = _ADDED_TO.sub(r"\1 to \3 \2", text)
    text = _HOW_MUCH_OF_A_CHANGE.sub(r"how big a\1", text)  # "how much of a jump is that vs 24": its size
    text = _MADE_THE_REMARK.sub("said", text)  # "who made the comment about the shift to inference?"
    text = _what_they_filed(text)  # "... than what meta actually filed for H1 25?": its filed figure of that kind
    text = _OFF_THE_BASE.sub(
        lambda m: f"from {m[1] or m[2]}", text
    )  # "cagr off the 2025 base?": 2025 is where it starts
    text = _PUT_INTO.sub("spend on", text)  # "how much extra did Meta put into AI": its spending on AI
    if _TRAILING.search(text):
        text = _TO_THE_LATEST_QUARTER.sub("", text)  # "TTM capex as of its most recent quarter": the latest TTM
    # "i've seen two diff numbers": different ones, not a difference asked
    text = re.sub(
        r"\bdiff\.?\s+(?=(?:numbers?|figures?|values?|versions?|sources?|amounts?|totals?|filings?)\b)",
        "different ",
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(r"\bPP\s*&\s*E\b", "P&E", text, flags=re.IGNORECASE)  # ("2023 PP&E": no 2,023 points)
    if not re.search(r"\b(?:[qh][1-4]|quarter|half|1h|2h|ytd|month)", text, re.IGNORECASE):
        text = _VS_LAST.sub(r"\1 \2 \3 \4 \2", text)  # "this year vs last": last year (not a quarter's)
    text = _END_OF_THE_YEAR.sub("Q4", text)  # "just the last three months of the year": its fourth quarter
    text = _ASKERS_PLAN.sub(".", text)  # "Dollars please, I'll round on the slide myself.": what the asker will do
    if not re.search(r"\b(?:19|20)\d\d\b|'\d\d\b|\b(?:fy|cy|q[1-4]|h[12]|[1-4][qh])\s*'?\d", text, re.IGNORECASE):
        text = _BARE_SHORT_YEAR.sub(r"\1'\2", text)  # "25 hyperscaler capx above 400bn?": 2025
        # "meta capex 24 vs 25": the second of two years set side by side
        text = re.sub(
            r"('\d\d\s+(?:vs\.?|versus|and|to|or)\s+)(1[5-9]|2\d|3[0-2])\b(?![%.,]\d|\s*(?:%|bn|b\b|billion|x\b))",
            r"\1'\2",
            text,
            flags=re.IGNORECASE,
        )
    text = _ADD_AMOUNT_IN.sub(r"\1 to \3 \2", text)  # "add at least 150B in digital ad spending"
    # "10-K just dropped", "the Q3 print is out": a filing released, no fall; "the tag change": a new tag, no change
    text = re.sub(
        r"\b(10-?[kq]|filings?|report|results|numbers|print|earnings)\s+(?:just\s+|finally\s+)?(?:dropped|landed|hit)\b",
        r"\1 was filed",
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(r"\b(?:xbrl\s+)?(?:tag|concept)\s+change\b", "new tag", text, flags=re.IGNORECASE)
    # "meta's H1 number (30.7B)": the figure named by its amount, in brackets after the word for it
    text = re.sub(
        r"\b(number|figure|fig|#|print|estimate|forecast|projection|total)\s*\(\s*(~?\$?\d[\d.,]*\s*(?:bn|b|billion|tn|t|trillion|m|mn|million|%))\s*\)",
        r"\1 of \2",
        text,
        flags=re.IGNORECASE,
    )
    text = _CALENDARISED.sub(" ", text)  # "(msft on calendar basis)": how one figure is aligned, not a quantity
    text = _CALENDAR_NOTE.sub("", text)  # "MSFT = their FQ4'25 obviously": the months already say it
    text = _ASKERS_ASIDE.sub(" ", text)  # "(yes i know it's half a year vs full year)"
    text = _HOW_DESCRIBED.sub("how does the article define", text)
    text = _SOURCE_OPTIONS.sub(r"\1", text)  # "where's the 30.7B from? 10-Q or the article?": the first
    text = _EQUALS_WHAT.sub(r"what is \1?", text)  # "hbm = ? they keep saying it": what the term means
    text = _ASKERS_NEED.sub(" ", text)  # "I need the absolute number not %": the asker's need
    text = _CLEARED_TO_RUN.sub(" right?", text)  # "'...' good to go?": whether the claim is right
    text = _MAKING_MORE.sub(lambda m: f"{m[1]} {m[2]}'s revenue {m[3]} than {m[4]}'s", text)
    text = _HOW_MUCH_OF_IT_MADE.sub(lambda m: f"how much {m[1]} {m[2]} {m[3]} have", text)
    text = _HOW_MUCH_MADE.sub(lambda m: f"how much revenue {m[1]} {m[2]} have", text)
    text = _IMPLIED_FROM_RATE.sub("", text)
    text = _FROM_THE_DOUBLING.sub("", text)  # "meta h1 24 ai capex implied from the doubling": how, not what
    text = re.sub(r"\bat(least|most)\b", r"at \1", text, flags=re.IGNORECASE)  # "atleast $150bn"
    text = _SHARE_WORD_RESTATED.sub(r"\1", text)
    text = _MOST_OF.sub(
        "more than half of ", _MINORITY.sub("less than half of", _MAJORITY.sub("more than half of", text))
    )
    text = _LISTED_AGAIN.sub(r"\1", text)
    text = re.sub(
        r"(?<![\w/])w/o(?=\s)", "without", re.sub(r"(?<![\w/])w/(?=\s|[a-z])", "with ", text, flags=re.I), flags=re.I
    )
    text = _AS_IT_STANDS.sub(" as filed", text)
    text = _MONTH_Q.sub(r"\1 quarter", text)  # "meta jun-q 2025 capex", "aapl dec-q rev"
    text = _DASH_BETWEEN_MONTHS.sub(" – ", text)  # "Jul-24–Jun-25": from one month to the other
    # "over Microsoft's FY25 window (Jul 24–Jun 25)": one company's year as a window for all, by its months
    text = re.sub(
        r"\b[A-Za-z]+['’]s\s+(?:fiscal\s+|FY\s*'?\d{2,4}\s+)(?:year\s+|\d{2,4}\s+)?(?:window|period|timeframe|time\s*frame"
        r"|basis|span)\s*\(([^()]{5,40})\)",
        r"\1",
        text,
        flags=re.IGNORECASE,
    )
    text = _MONTHS_RUN_TOGETHER.sub(r"\1 20\2 to \3 20\4", text)  # "the Jul24-Jun25 year"
    # "Jul-24 to Jun-25:": a span from one month to another, each with the year's last two digits
    text = re.sub(
        r"\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*-(\d{2})\s+(?:to|through|thru|until)\s+"
        r"(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*-(\d{2})\b(?![-/]\d)",
        r"\1 20\2 to \3 20\4",
        text,
        flags=re.IGNORECASE,
    )
    text = _CHECKED_ASIDE.sub(r"(\1)", text)  # "(their Q1 FY26 right?)": an aside the asker checks in passing
    text = _ONES_FISCAL_NAME.sub("", text)  # "Jan–Mar 2025 quarter (MSFT's fiscal Q3)": the months say it
    text = _corrected_word(text)  # "facebook's profit in 2025 — sorry i mean revenue": revenue is asked
    text = _NOW_THAT.sub("", text)  # "Now that the 10-K is out, what did ...": a reason, not the present
    text = _WHICH_ONE.sub("", text)  # "aapl capex for FY25 (the sept yr end one)": which FY25, said again
    text = _LATEST_FILING.sub(" as filed", text)  # "so far this year, through the latest 10-Q": its source
    text = _UNIT_IN_BRACKETS.sub(lambda m: f", in {m.group(1)},", text)
    text = _ASIDE_ON_DATA.sub(" ", _ENDED_IN_MONTH.sub("", text))

    def calendarised(m: re.Match[str]) -> str:
        # ("(calendarise MSFT)": an aside, whose name is no subject; "Calendarise MSFT: add up ..." names it)
        inside = text[: m.start()].count("(") > text[: m.start()].count(")")
        return "calendarised" if inside else m.group(0)

    text = _CALENDARISE.sub(calendarised, text)
    available = _AVAILABLE.search(text)
    if available:
        text = text[: available.start()].rstrip(" .") + "?"
    opening = _OPENING.match(text)
    if opening and opening.end() < len(text):
        text = text[opening.end() :]
    inside = _INSIDE.search(text)
    if inside and inside.end() < len(text):
        text = text[: inside.start()] + " " + text[inside.end() :]
    return text
