"""The written shapes :func:`bot.reading.understand.understand` looks for besides names and
cue words: premises and asides, brackets that restate, signs and formulas, the words of a
difference or a change, and the kinds of names that describe a document."""

from __future__ import annotations

import re

__all__ = [
    "ADDED_UP",
    "ALL_FILERS",
    "AMPERSAND_TERM",
    "ASIDE_ON_METHOD",
    "BEFORE_THE_CHANGE",
    "BY_HOW_MUCH",
    "CALENDAR_NOTE",
    "CHANGE_MEASURES",
    "CHANGE_NOUNS",
    "CONTEXT_AFTER",
    "CONTRAST",
    "DESCRIBED",
    "DIFFERENCE_WORDS",
    "FIGURE_FOR_PERIOD",
    "FILED_WHEN",
    "FISCAL_CONVENTION",
    "FORMULA_IN_BRACKETS",
    "HOW_DERIVED",
    "HOW_MUCH_MORE_THAN",
    "IMPLIED_BY_THAT",
    "IMPLIED_LEVEL",
    "KG_NOTED",
    "KIND_OF_FIGURES",
    "KIND_WORDS",
    "MEANING_ASKED",
    "MEASURE_ONLY",
    "MONTHS_IN_BRACKETS",
    "ORGANISATION_KINDS",
    "PART_FELL_IN",
    "PER_YEAR",
    "PURPOSE_OF_ASKING",
    "RANK_VERBS",
    "REPORTED_NOW",
    "RESTATING",
    "RHETORICAL_TAIL",
    "RULED_OUT_BEFORE",
    "SEGMENT_AFTER",
    "SPENT_ON",
    "STARTING_POINT",
    "STRAIGHT_LINE",
    "WORKING_SHOWN",
    "sign_comparator",
]


#: "as currently reported", "now stated": the latest filing's figure, not today's period
REPORTED_NOW = re.compile(
    r"\b(?:currently|now|presently|today)\s+(?:reported|stated|filed|restated|shown|listed|given|recorded|reads?)\b"
    # "what figure does Alphabet currently report for 2015?": the figure as filed now
    r"|\b(?:currently|now|presently|today)\s+(?:reports?|states?|shows?|lists?|gives?|carr(?:y|ies)|records?)\b"
    # "which number stands now?", "what stands today": the figure as it is now filed
    r"|\b(?:stands?|holds?|is\s+current)\s+(?:now|today|currently)\b|\b(?:now|currently)\s+stands?\b"
    # "the number currently on file": the figure as filed now
    r"|\b(?:currently|now|presently)\s+on\s+(?:file|record)\b|\bon\s+(?:file|record)\s+(?:now|today|currently)\b"
    r"|\b(?:filings?|sources?|sec|10-?ks?)\s+(?:state|show|report|give|have|list)s?\s+it\s+(?:now|today|currently)\b"
    # "Meta 2023 PP&E purchases — what does the filing show now?"
    r"|\b(?:filings?|sources?|sec|10-?[kq]s?|edgar)\s+(?:state|show|report|give|have|list|say)s?\s+(?:now|today|currently)\b",
    re.IGNORECASE,
)

#: "the June year-end", "a September fiscal year": how a company's calendar runs
FISCAL_CONVENTION = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?[\s-]+(?:fiscal[\s-]+)?"
    r"(?:year[\s-]?end(?:ing|er)?|fye|fiscal year|fy)\b",
    re.IGNORECASE,
)

#: "and in $ terms?", "in pp?", "as a multiple?": a follow-up that only names another measure
MEASURE_ONLY = re.compile(
    # ("how much in dollars?", "in $ terms how much?": the same, with the words of the ask around it)
    r"^\s*(?:and|so|ok|okay|what about|how about|now)?[,\s]*(?:how\s+much(?:\s+(?:is|was)\s+(?:that|it))?\s*,?\s*)?"
    r"(?:in\s+(?:\$|usd|dollars?|dollar terms|\$\s*terms"
    r"|%|percent(?:age)?(?:\s+terms)?|pp|points|percentage points|relative terms|absolute terms)"
    r"|as an? (?:multiple|%|percentage)|per (?:year|annum)|annuali[sz]ed|cagr)"
    r"(?:\s*,?\s*how\s+much(?:\s+(?:is|was)\s+(?:that|it))?)?\s*\??\s*$",
    re.IGNORECASE,
)

#: ", or is that just ...?", ", or was it only ...?": a doubt after a yes/no question
RHETORICAL_TAIL = re.compile(
    r",?\s+or\s+(?:is|was|are|were|did|does)\s+(?:that|it|this|they)\s+(?:just|only|simply|merely|really)\b[^?]*\?*\s*$"
    # "is inference supposed to overtake training by 2025, or am I misreading?": the asker's doubt
    r"|,?\s+or\s+(?:am\s+i|have\s+i|did\s+i|do\s+i)\s+(?:misreading|misread|wrong|mistaken|missing|confused|got\s+it\s+wrong)"
    r"[^?]*\?*\s*$"
    # "Meta capex as a % of revenue for 2025 — is this getting out of hand?": a judgement no figure settles
    r"|\s*(?:[-–—,;]\s*|\?\s+)(?:is|isn'?t|are|aren'?t)\s+(?:this|that|it|they)\s+(?:getting|becoming|going|a\s+(?:problem"
    r"|worry|concern|bubble)|too\s+(?:much|high|big)|sustainable|excessive|crazy|insane|nuts|out\s+of\s+hand)\b[^?]*\?*\s*$",
    re.IGNORECASE,
)

#: "spend on R&D", "spending for marketing": what the spending is on
SPENT_ON = re.compile(
    r"\b(?:spend|spent|spending|expenses?|outlays?)\s+(?:on|for)\s+(?:(?:the|a|an|its|their)\s+)?"
    r"(?!(?:same|that|this|it|them|those|these|what|which|each|both|all|the|a|an|its|their)\b)([A-Za-z][\w&/-]*)",
    re.I,
)

#: "how much was that up vs 2024?", "how much is Meta's capex down?": a change, said as a figure is up or down
HOW_MUCH_UP = re.compile(
    r"\bhow\s+much\s+(?:is|was|were|are|has|have)\s+(?:(?!more|less|higher|lower)\w+['’]?s?\s+){0,6}(?:up|down)\b",
    re.IGNORECASE,
)

#: "what % of hyperscaler capex ends up with nvidia": the one a spending is paid to, just before its name
RECEIVED_BY = re.compile(
    r"\b(?:ends?\s+up\s+(?:with|at|in)|goes\s+to|go\s+to|flows?\s+to|(?:is\s+|gets\s+)?paid\s+to"
    r"|lands?\s+(?:with|at)|accrues?\s+to|captured\s+by|pocketed\s+by)\s+(?:the\s+)?$",
    re.I,
)

#: "(H1 − Q1)", "= 1H26 − Q1'26 →": the working written beside the period asked, one period less another
WORKING_SHOWN = re.compile(
    r"\(([^()?]{1,30}?\s*[−–-]\s*[^()?]{1,30})\)|=\s*([^=?→]{1,40}?\s[−–-]\s[^=?→]{1,30})"
    # "GOOGL 2Q26 capex — H1 less Q1", "Meta 4Q25 capex — full year less the nine-month YTD"
    r"|\s[—–-]\s+([^?,;]{1,30}?\s(?:less|minus)\s[^?,;]{1,30})",
    re.I,
)

#: ", taking into account the later filing", ", derived as full year less the nine-month figure": how it is
#: worked out or what it reflects, said beside the question
ASIDE_ON_METHOD = re.compile(
    r"(?:,|;|\s[-–—]|\()\s*\b(?:taking\s+into\s+account|accounting\s+for|allowing\s+for|reflecting"
    r"|(?:derived|computed|calculated|worked\s+out)\s+(?:as|by\s+taking)"
    r"|back(?:ing|ed)?\s+(?:it|that|this|them)?\s*out\s+(?:from|of)"
    # "..., going by the article's statement that H1 2025 doubled it?": which claim the figure rests on
    r"|(?:going\s+by|judging\s+by|based\s+on|given|per)\s+the\s+(?:article|piece|report|source)['’]s\s+"
    r"(?:statement|claim|line|remark|assertion)\s+that)\b[^?;]*"
    # "how many times the 2024 level? (use the 44% to get 2024)": how to work it out, in brackets
    r"|\(\s*(?:use|using|via|go\s+by|going\s+by)\s+(?:the\s+)?[^()]{2,80}?\b(?:to\s+(?:get|derive|back|work|find)"
    r"|for)\b[^()]*\)",
    re.IGNORECASE,
)

#: "... to line it up with the other hyperscalers", "so I can compare it with Amazon": why a figure is
#: asked, not a second thing asked about
PURPOSE_OF_ASKING = re.compile(
    r"\s*,?\s*\b(?:to|so\s+(?:i|we)\s+can|so\s+that\s+(?:i|we)\s+can)\s+(?:line\s+(?:it|them|this|that)\s+up"
    r"|put\s+(?:it|them|this)\s+(?:alongside|next\s+to|beside)|compare\s+(?:it|them|this)|match\s+(?:it|them)"
    r"|stack\s+(?:it|them)\s+up)\b[^.?!;]*",
    re.IGNORECASE,
)

#: "(... quarters added up)", "(the four quarters summed)": how a figure is put together from parts
ADDED_UP = re.compile(r"\b(?:added\s+up|add(?:ed)?\s+together|summed|sum\s+of|combined|plus|totall?ed)\b|\+", re.I)

#: "year-to-date numbers", "quarterly figures", "year-to-date cash flow numbers": a plural after a period
#: says what kind of figures, not when
KIND_OF_FIGURES = re.compile(
    r"\s*(?:[a-z][a-z-]*\s+){0,2}?(?:numbers|figures|values|totals|amounts|data|cumulative figures)\b", re.I
)

#: "R&D", "SG&A", "D&A": a term written with an ampersand
AMPERSAND_TERM = re.compile(r"\b[A-Za-z]{1,4}\s?&\s?[A-Za-z]{1,4}\b")

#: "the companies in the filings", "all the filers", "every company in the SEC data": every company that filed
ALL_FILERS = re.compile(
    r"\b(?:companies|firms|filers|names)\s+(?:in|from|covered\s+by|with)\s+(?:the\s+|your\s+|our\s+)?"
    r"(?:sec\s+)?(?:filings|filing\s+data|sec\s+data|data(?:\s*set)?|10-?ks)\b"
    r"|\ball\s+(?:the\s+|six\s+|of\s+the\s+)?(?:filers|filing\s+companies)\b"
    # "across the six filers", "for the 6 SEC filers"
    r"|\b(?:the|these|those)\s+(?:six|6)\s+(?:sec\s+)?(?:filers|filing\s+companies|companies\s+(?:that|which)\s+file)\b"
    # "rank all 6 by revenue", "which of the 6 spent >$100B": the six companies whose filings are held
    r"|\b(?:all|of\s+the|all\s+the)\s+(?:six|6)\b(?!\s*(?:months?|mos?|quarters?|qtrs?|years?|yrs?|%|percent|x\b|bn|b\b))",
    re.IGNORECASE,
)

#: "Amazon Web Services", "Microsoft Azure": capitalised words run on after a company's name
SEGMENT_AFTER = re.compile(
    # ("Microsoft's Azure cloud business": a unit written after the company's possessive too)
    r"(?:['’]s)?\s+(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Q[1-4]|H[12]|FY|CY|Fiscal|Calendar)[\w-]*\b)"
    r"((?:[A-Z][\w&-]+)(?:\s+[A-Z][\w&-]+){0,3})"
)

#: "? Trying to size last year's server wallet.", "? Asking for a power-demand estimate.", "? That's the number
#: our roadmap hinges on.": a sentence after the question that says why it is asked
CONTEXT_AFTER = re.compile(
    r"(?<=\?)\s+(?:trying|asking|tracking|sizing|working|building|putting|preparing|checking"
    r"|need(?:ed)?\s+(?:it|this|them|(?:the|these|those)\s+\w+\s+for)"
    r"|for\s+(?:a|an|my|our|the)\b|it'?s\s+for|this\s+is\s+for|that'?s\s+(?:the|what|for)|context|fyi|background"
    # "meta ai capex h1 2024 then? article says 30.7B in h1 25 was a doubling": what the asker goes by
    r"|(?:the\s+)?(?:article|piece|source|report)\s+(?:says|said|states|claims|puts|has|shows|reports|notes)\b"
    # "... as it now stands in the filings? I'm aware the tagging changed at some point.": what the asker knows
    r"|i'?m\s+aware|i\s+am\s+aware|i\s+(?:know|realise|realize|understand|recall|gather|hear|heard)\b"
    # "How far apart are A and B? i.e. how much higher is the article figure": the question said again
    r"|i\.?\s?e\.?,?|in\s+other\s+words|that\s+is\s+to\s+say"
    # "... capex in FY25? they're never in these AI convos": a remark about them, not a question
    r"|they'?re\s+(?:never|always|rarely|usually|not)\b|they\s+(?:are\s+)?(?:never|always|rarely|usually)\b"
    # "what was Meta's capex in 2023? somebody said the number got changed later": hearsay, not a question
    r"|(?:some(?:one|body)|a\s+colleague|my\s+(?:boss|colleague|pm|manager)|people)\s+(?:said|says|told|mentioned|claims?)\b"
    # "meta free cash flow 2025? capex is eating it i assume": the asker's guess, not a second question
    r"|[^?]*?\b(?:i\s+(?:assume|guess|suspect|think|bet|reckon|imagine)|presumably|probably)\b"
    # "... by end of 2025? my inference accelerators pitch depends on this haha": why it matters to the asker
    r"|[^?]*?\b(?:depends\s+on|hinges\s+on|haha|lol|thanks|thank\s+you|thx|cheers)\b"
    r"|careful|be\s+careful|note|nb|n\.b\.|watch\s+out|mind|remember|keep\s+in\s+mind|bear\s+in\s+mind|caveat"
    r"|there'?s\s+no|there\s+is\s+no|the\s+(?:filing|10-?[qk])\s+(?:only|doesn'?t|does\s+not)"
    # "... full year 2025 capex? the 10-K should be out now": when it was filed, not what is asked
    r"|(?:the|its|their)\s+(?:10-?[qk]|filing|annual\s+report)\s+(?:should|must|would|will|has|is|was)\b"
    r"|(?:i\s+)?want(?:ed)?\s+(?:the|it|this|to)\b"
    # "... above $50bn in calendar 2024? Draft says only Amazon and Alphabet.": what the answer will check
    r"|(?:(?:our|the|my)\s+)?draft\s+(?:says|has|reads|claims|states|puts|uses|lists|mentions|names)\b"
    r"|[\w\s'-]{3,60}\bis\s+what\s+i'?m\s+after)[^?]*$",
    re.IGNORECASE,
)

#: "... — want to see how much lands with the chip vendor", "..., please — need it for a slide": why it is
#: asked, after a dash at the end
CONTEXT_AFTER_DASH = re.compile(
    r"\s+(?:[—–]|-{1,2})\s+(?:(?:i|we)\s+)?(?:want(?:ed)?|need(?:ed)?|trying|checking|to\s+see|so\s+(?:i|we)\s+can"
    r"|for\s+(?:a|an|my|our|the)\b|it'?s\s+for|this\s+is\s+for"
    # "... per the 10-Q — the actual, not the 'nearly 40' from the press": which of two figures, said again
    r"|(?:the\s+)?(?:actual|real|filed|reported|exact)(?:\s+(?:one|number|figure))?\s*,?\s+not\b)[^?]*$",
    re.IGNORECASE,
)

#: "i.e.", "that is", "aka": the words after restate what came before
RESTATING = re.compile(r"(?:\bi\.?e\.?|\bthat is|\ba\.?k\.?a\.?|\botherwise known as)(?=[\s,:])", re.IGNORECASE)

#: "not YTD", "rather than the full year": what comes next is ruled out
RULED_OUT_BEFORE = re.compile(
    # ("AWS capex specifically, not all of amazon": the whole ruled out, the part asked)
    r"\b(?:not|rather than|instead of|excluding|ex)\s+"
    r"(?:all\s+of\s+|the\s+whole\s+(?:of\s+)?|the\s+total\s+(?:for|of)\s+)?(?:the\s+|a\s+)?$",
    re.IGNORECASE,
)

#: words that ask for a difference, beside "in dollars"
DIFFERENCE_WORDS = re.compile(
    r"\b(?:how far|extra|compared|more|less|fewer|higher|lower|bigger|smaller|larger|gap|differ\w*|diff|delta"
    r"|increase\w*|decrease\w*|uplift|absolute|exceed\w*|outspen\w*|surpass\w*"
    r"|change\w*|grow\w*|grew|rise|rose|fell|fall|drop\w*|up|down|vs\.?|versus|than|step|added|add|minus|less)\b|−"
    r"|\bhow\s+(?:much|far)\s+(?:(?:is|was)\s+(?:that|it)\s+)?(?:above|below)\b",
    re.IGNORECASE,
)

#: "how much higher is the article's $30.7bn than the 10-Q's figure?"
HOW_MUCH_MORE_THAN = re.compile(
    r"\bhow (?:much|many (?:dollars|\$|bn|billions?))\s+(?:higher|lower|more|less|bigger|smaller|larger|greater)\b"
    r"[^?]{3,160}?\bthan\b",
    re.IGNORECASE,
)

#: "percent change", "pct chg", "percentage growth": a percentage word before these is the measure
CHANGE_NOUNS = frozenset({
    "change", "chg", "chng", "increase", "decrease", "growth", "decline", "drop", "rise", "gain", "move", "jump",
    "uplift",
})  # fmt: skip

#: names that may well be what a document's description is about ("the Meta 10-Q report")
ORGANISATION_KINDS = {"company", "group", "ai_lab", "analyst_firm", "publisher", "person"}


#: the relation of a person's remarks ("Zuckerberg noted ..."), not a source's speaking
KG_NOTED = "https://kgbot.dev/ns#noted"

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
MONTHS_IN_BRACKETS = re.compile(
    rf"\s*\(\s*{_MONTH}\s*'?\d{{0,4}}\s*(?:to|through|thru|-|–|—)\s*{_MONTH}\s*'?\d{{0,4}}[^)]*\)"
    # "fiscal 2025 (ending late September 2025)", "FY26 (ended Jan 2026)": the month it ends in
    rf"|\s*\(\s*(?:which\s+)?(?:(?:fiscal\s+)?(?:year|fy)[- ]?(?:end|ending|ended)|fye|ending|ended|ends|to|through)\s+"
    rf"(?:in\s+)?(?:late|early|mid[- ]?)?\s*{_MONTH}[^)]*\)",
    re.IGNORECASE,
)

#: two terms set against each other, as a definition does
# "capital intensity (capex divided by revenue)", "capex int. (capex/rev)": the formula of the metric
# just named, in brackets, says how it is made; its parts are not further metrics asked about
FORMULA_IN_BRACKETS = re.compile(r"\s*\.?\s*\(([^()]{1,60}?(?:/|÷|\bdivided by\b|\bover\b|\bas a % of\b)[^()]{0,40})\)")

#: "A > B?", "A < B": the signs of a comparison, with spaces around them (never inside an arrow)
_SIGN = re.compile(r"(?<=\s)([<>])=?(?=\s)")


def sign_comparator(text: str) -> str | None:
    sign = _SIGN.search(text)
    return sign.group(1) if sign else None


FILED_WHEN = re.compile(
    r"\b(?:filed|published|dated|released|issued|submitted)\s+(?:in|on|around)\s+(?:early|mid|late)?\s*$"
    r"|\(\s*(?:filed|published|dated|released)\s+(?:early|mid|late)?\s*$",  # "(filed February 2024)"
    re.I,
)

BEFORE_THE_CHANGE = re.compile(
    r"\b(?:before|ahead of|prior to)\s+(?:the|any|its|that|this|their)\s+"
    r"(?:projected\s+|expected\s+|forecast\s+|predicted\s+)?"
    r"(?:drop|decline|fall|shift|rise|increase|change|move|rebalancing|slide|jump)\b"
    r"(?:\s+(?:to|towards?|in|of)\s+[\w-]+(?:\s+[\w-]+)?)?"
    # "training's share before it falls to 14%": where it starts, before the change written
    r"|\bbefore\s+(?:it|they|that|the\s+share)\s+(?:falls?|drops?|declines?|shrinks?|rises?|climbs?|grows?|goes)\b"
    r"(?:\s+(?:down|up))?(?:\s+(?:to|towards?)\s+~?\$?\d[\d.,]*\s*%?)?",
    re.IGNORECASE,
)

#: "straight-line", "linearly", "in equal yearly steps": a path the question assumes
STRAIGHT_LINE = re.compile(
    r"\bstraight[- ]line(?:d)?\b|\blinear(?:ly)?\b|\bequal (?:annual |yearly |\$ |dollar |\$-)?(?:steps|increments)\b",
    re.I,
)

STARTING_POINT = re.compile(
    r"\bas (?:the|a|our|your) (?:starting point|start(?:ing)? (?:year|level|value)|base(?:line)?(?: year)?)\b"
    r"|\b(?:starting|beginning) (?:from|at|with)\b",
    re.IGNORECASE,
)

CONTRAST = re.compile(r"\b(?:as opposed to|as distinct from|as against|as contrasted with|in contrast to)\b", re.I)


CHANGE_MEASURES = frozenset({"multiple", "percent_change", "pp_change", "difference", "cagr", "per_year_step"})

RANK_VERBS = frozenset({"rank", "ranked", "ranking", "order", "ordered", "sort", "sorted"})

#: "what kind of hardware": words that ask for members of a class
KIND_WORDS = frozenset({"kind", "kinds", "type", "types", "sort", "sorts", "category", "categories"})

#: nouns a status word may describe ("the implied level") rather than ask about
DESCRIBED = frozenset({"level", "levels", "figure", "figures", "number", "numbers", "value", "amount", "base"})


#: "what does the growth rate imply the 2024 figure was?": a level implied, not the rate
IMPLIED_LEVEL = re.compile(
    r"\bimpl(?:y|ies)\s+(?:that\s+)?(?:the|its|their)\s+(?:(?:19|20)\d\d\s+)?(?:figure|level|base|baseline|number|value"
    r"|amount)\b"
    # "what does the 44% growth imply they spent the year before?"
    r"|\bimpl(?:y|ies|ied)\s+(?:that\s+)?(?:they|it|he|she|[A-Za-z]+)\s+(?:spent|spend|had|made|earned|invested|was|were)\b"
    # "what does that imply 2024 spending was?"
    r"|\bimpl(?:y|ies|ied)\s+(?:that\s+)?(?:the\s+)?(?:(?:19|20)\d\d\s+)?\w+\s+(?:was|were|is|would\s+be)\b"
    # "what does that imply for 2024 spending?"
    r"|\bimpl(?:y|ies)\s+for\s+(?:the\s+)?(?:19|20)\d\d\b",
    re.IGNORECASE,
)


#: "derived how?", "how was that computed?", "show the working": how the last figure was got
HOW_DERIVED = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:derived|computed|calculated|worked\s+out)\s+how\b"
    r"|\bhow\s+(?:was|is|were)\s+(?:that|this|it|they)\s+(?:derived|computed|calculated|worked\s+out)\b"
    r"|^\s*(?:show|give)\s+(?:me\s+)?(?:the|your)\s+(?:working|workings|math|maths)\b",
    re.IGNORECASE,
)

#: "what does 'inference' mean (in the context of ...)?", "what is meant by capex intensity?": a definition
MEANING_ASKED = re.compile(
    r"^\s*what\s+(?:does|do)\s+(?:the\s+term\s+)?['\"‘’“]?[\w\s-]{2,40}?['\"‘’”]?\s+(?:mean|stand\s+for)\b"
    r"|^\s*what\s+is\s+meant\s+by\b"
    # "quick def - inference vs training", "what's a 'reasoning AI model' as the piece uses it?"
    r"|^\s*(?:quick\s+|short\s+)?(?:def|defn|definition)s?\b(?:\s+(?:of|for))?\s*[-—–:,]?"
    r"|\bas\s+(?:the|this)\s+(?:article|piece|source|report|story)\s+uses\s+(?:it|them|the\s+terms?)\b"
    # "in the article's framing, what's the difference between inference and training spend?"
    r"|\b(?:framing|terminology|terms),\s+what(?:'s|\s+is)\s+the\s+difference\s+between\b"
    # "How does the article distinguish AI training from inference?"
    r"|\bhow\s+(?:does|do|did)\s+(?:the\s+)?(?:article|piece|source|report|story|it)\s+(?:distinguish|differentiate|tell)\b",
    re.IGNORECASE,
)

#: "what does that imply ...": the figure just given implies it
IMPLIED_BY_THAT = re.compile(r"\b(?:does|do|did|would)\s+(?:that|this|it)\s+impl", re.IGNORECASE)

#: "Microsoft (fiscal year to June 2024)": a bracket after a name noting whose calendar differs
CALENDAR_NOTE = re.compile(
    r"\((?:its\s+|their\s+)?(?:fiscal\s+year|fy)\s+(?:to|ended|ending|through|ends?)\s+[^()]{3,30}\)", re.I
)


#: "how much of that fell in the fourth quarter?": the part that landed in a period, not a fall
PART_FELL_IN = re.compile(
    r"\bof (?:that|it|this|those|the total)\s+(?:fell|falls|came|comes|landed|lands|went|was spent|were spent)\s+in\b",
    re.IGNORECASE,
)


#: "per year", "a year", "annually": a figure or a bound for each year
PER_YEAR = re.compile(r"\b(?:a|per|each|every)\s+year\b|\bannually\b|\byearly\b|\bper\s+annum\b", re.IGNORECASE)

#: "is the $1.8 trillion projection for the year 2030?", "was the $371B figure for 2024?": a figure's period checked
FIGURE_FOR_PERIOD = re.compile(
    r"^\s*(?:is|was|are|were)\s+(?:the|that|this)\b[^?]*\b(?:for|in|of)\s+(?:the\s+)?"
    r"(?:(?:fiscal\s+|calendar\s+)?year\s+|[hq][1-4]\s+|[1-4][hq]\s+)?\S+\s*\??\s*$"
    # "is the $1.8T genAI revenue number a 2025 figure?"
    r"|^\s*(?:is|was|are|were)\s+(?:the|that|this)\b[^?]*\ban?\s+\S+\s+(?:figure|number|estimate|forecast|value)\s*\??\s*$",
    re.IGNORECASE,
)

#: "by how much", "how much more", "how big is the gap", "and the difference?": the size of a gap asked
BY_HOW_MUCH = re.compile(
    r"\bby (?:roughly |about |approximately |around |just )?how much\b|\bhow much (?:more|bigger|larger|higher|less)\b"
    r"|\bhow\s+(?:big|large|wide)\s+(?:is|was)\s+the\s+(?:gap|difference)\b"
    r"|\band\s+(?:what(?:'s| is| was)\s+)?the\s+(?:gap|difference)\b",
    re.IGNORECASE,
)
