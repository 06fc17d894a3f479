"""The console's Jinja2 templates and the filters they use.

Figures are written the way the rest of kgbot writes them (:mod:`kg.format`); derivations
read as arithmetic (:mod:`bot.arithmetic`); SEC filings' accession numbers link to EDGAR.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from starlette.templating import Jinja2Templates

from ..arithmetic import arithmetic, figure, node_label, node_sources, sub_derivation
from . import TEMPLATES

__all__ = ["accession", "edgar_url", "facts_link", "templates"]

_ACCESSION = re.compile(r"\b(\d{10}-\d{2}-\d{6})\b")
_CIK_IN_URL = re.compile(r"sec\.gov/Archives/edgar/data/(\d+)/")

_STATUS_WORDS = {"reported": "reported", "forecast": "forecast", "derived": "derived", "estimate": "estimate"}
_QUALIFIER_WORDS = {"exact": "exact", "approximately": "approximately", "at_least": "at least", "at_most": "up to"}


def accession(source: Mapping[str, Any]) -> str | None:
    """The accession number a filing source names ('0001326801-25-000017'), if any."""
    for key in ("title", "quote", "url"):
        m = _ACCESSION.search(str(source.get(key) or ""))
        if m:
            return m.group(1)
    return None


def edgar_url(source: Mapping[str, Any]) -> str | None:
    """The EDGAR index page of a filing source: the filing's folder plus '<accession>-index.htm'."""
    number = accession(source)
    if number is None:
        return None
    url = str(source.get("url") or "")
    m = _CIK_IN_URL.search(url)
    if m:
        return f"https://www.sec.gov/Archives/edgar/data/{m.group(1)}/{number.replace('-', '')}/{number}-index.htm"
    return f"https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&{urlencode({'filenum': number})}"


def _web_url(url: object) -> str | None:
    text = str(url or "")
    return text if text.startswith(("https://", "http://")) else None


def _answer_figure(answer: Mapping[str, Any]) -> str:
    change = "->" in str(answer.get("period") or "") or answer.get("measure") == "pp_change"
    return figure(answer.get("value"), answer.get("unit"), answer.get("qualifier"), change=change)


def facts_link(node: Mapping[str, Any]) -> str | None:
    """The facts page of a figure: by its subject, metric and period (or its label's three
    parts, 'Meta · capital expenditure · H1 2025'); None when it names no single fact."""
    parts = [node.get("subject"), node.get("metric"), node.get("period")]
    if not all(isinstance(p, str) and p for p in parts):
        label = node_label(node).split(" · ")
        if len(label) != 3 or str(node.get("label") or "").startswith("stated relation"):
            return None
        parts = list(label)
    if any("," in str(p) or "->" in str(p) for p in parts):
        return None
    return "/browse/facts?" + urlencode(dict(zip(("subject", "metric", "period"), parts, strict=True)))


def _query(**params: Any) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


templates = Jinja2Templates(directory=str(TEMPLATES))
_env = templates.env
_env.trim_blocks = True
_env.lstrip_blocks = True
_env.globals.update(
    arithmetic=arithmetic,
    figure=figure,
    node_label=node_label,
    node_sources=node_sources,
    sub_derivation=sub_derivation,
    accession=accession,
    edgar_url=edgar_url,
    web_url=_web_url,
    answer_figure=_answer_figure,
    query=_query,
    facts_link=facts_link,
    status_words=_STATUS_WORDS,
    qualifier_words=_QUALIFIER_WORDS,
)
