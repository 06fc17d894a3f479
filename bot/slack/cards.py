"""Answers as Block Kit cards.

An answer card reads top to bottom::

    section    the answer in one line
    section    fields: value / period / status / qualifier       (answers with a figure)
    section    the items, one bullet each                         (lists, comparisons)
    context    ":triangular_ruler: derived — computed as ..."     (derived answers)
    rich_text  each source's quoted sentence, then its title (linked when it has a URL)
    actions    "How was this computed?"                           (answered figures)
               or the suggestions as buttons                      (refusals, help)

Every function returns plain dicts and stays inside Block Kit's limits: at most 50 blocks,
3000 characters of section text, 2000 per field, 75 per button label, 2000 per button
value; longer text is cut with "…".
"""

from __future__ import annotations

import math
from typing import Any

from kg.format import format_value
from kg.values import QUALIFIERS, Value

from ..answer import Answer
from ..arithmetic import arithmetic, derivation_lines

__all__ = [
    "EXPLAIN_ACTION",
    "MAX_BLOCKS",
    "SUGGEST_ACTION_PREFIX",
    "answer_blocks",
    "derivation_blocks",
    "escape",
    "fallback_text",
    "notice_blocks",
    "truncate",
]

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_FIELD = 2000
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_BLOCK_ID = 255
MAX_CONTEXT_TEXT = 2000
MAX_SOURCES = 3
MAX_SUGGESTIONS = 5

EXPLAIN_ACTION = "explain"
SUGGEST_ACTION_PREFIX = "suggest_"

_STATUS_WORDS = {"reported": "reported", "forecast": "forecast", "derived": "derived (computed)"}
_QUALIFIER_WORDS = {"exact": "exact", "approximately": "approximately", "at_least": "at least", "at_most": "up to"}

Block = dict[str, Any]


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in "…" when it was cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "…"


def escape(text: str) -> str:
    """Text made safe for mrkdwn: Slack's three control characters escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, MAX_SECTION)}}


def _sections(lines: list[str]) -> list[Block]:
    """Lines packed into as few sections as the 3000-character limit allows."""
    blocks: list[Block] = []
    chunk = ""
    for line in lines:
        line = truncate(line, MAX_SECTION)
        if chunk and len(chunk) + 1 + len(line) > MAX_SECTION:
            blocks.append(_section(chunk))
            chunk = ""
        chunk = f"{chunk}\n{line}" if chunk else line
    if chunk:
        blocks.append(_section(chunk))
    return blocks


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": truncate(text, MAX_CONTEXT_TEXT)}]}


def _button(text: str, action_id: str, value: str, *, primary: bool = False) -> Block:
    button: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": truncate(text, MAX_BUTTON_TEXT), "emoji": True},
        "action_id": action_id,
        "value": truncate(value, MAX_BUTTON_VALUE),
    }
    if primary:
        button["style"] = "primary"
    return button


def _block_id(prefix: str, conversation_id: str | None) -> str:
    return truncate(f"{prefix}@{conversation_id or ''}", MAX_BLOCK_ID)


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def format_figure(value: float | None, unit: str | None, qualifier: str | None, period: str | None = None) -> str:
    """'approximately $40B', '44%', or '—' when there is no figure."""
    if not _is_number(value):
        return "—"
    assert value is not None
    q = qualifier if qualifier in QUALIFIERS else "exact"
    change = bool(period and "->" in period)
    return format_value(Value(float(value), unit, q), qualified=True, difference=change)


# ---------------------------------------------------------------- answer cards


def fallback_text(answer: Answer) -> str:
    """The plain text that goes with a card (notifications, screen readers)."""
    return truncate(answer.text.replace("\n", " ").strip() or "(no answer)", MAX_SECTION)


def _headline(answer: Answer) -> Block:
    text = answer.text.strip()
    text = text.split("\n", 1)[0] if answer.kind == "explanation" else " ".join(text.split())
    return _section(escape(text) or "_(no answer)_")


def _fields(answer: Answer) -> Block | None:
    if not _is_number(answer.value):
        return None
    fields = [
        ("Value", format_figure(answer.value, answer.unit, answer.qualifier, answer.period)),
        ("Period", answer.period or "—"),
        ("Status", _STATUS_WORDS.get(answer.status or "", answer.status or "—")),
        ("Qualifier", _QUALIFIER_WORDS.get(answer.qualifier or "", answer.qualifier or "—")),
    ]
    return {
        "type": "section",
        "fields": [
            {"type": "mrkdwn", "text": truncate(f"*{name}*\n{escape(str(shown))}", MAX_FIELD)} for name, shown in fields
        ],
    }


def _item_line(item: dict[str, Any]) -> str:
    label = escape(str(item.get("label") or ""))
    shown = item.get("text")
    if not shown and _is_number(item.get("value")):
        shown = format_figure(item.get("value"), item.get("unit"), item.get("qualifier"), item.get("period"))
    status = item.get("status")
    tail = f" _({escape(str(status))})_" if status in ("forecast", "derived") else ""
    return f"• {label}" + (f": {escape(str(shown))}" if shown and shown != label else "") + tail


def _items(answer: Answer) -> list[Block]:
    if answer.kind not in ("list", "comparison", "explanation") or not answer.items:
        return []
    if answer.kind == "explanation" and answer.text.count("\n"):
        return []  # the steps are the text itself
    lines = [_item_line(item) for item in answer.items[:40]]
    if len(answer.items) > 40:
        lines.append(f"_…and {len(answer.items) - 40} more_")
    return _sections(lines)


def _steps(answer: Answer) -> list[Block]:
    """An explanation's lines after the first, indentation kept visible."""
    if answer.kind != "explanation":
        return []
    if answer.derivation:  # the numbers, not the formula's variables
        return _sections(_arithmetic_lines(answer.derivation, answer.unit))
    lines = answer.text.strip().split("\n")[1:]
    shown = []
    for line in lines:
        stripped = line.lstrip(" ")
        depth = (len(line) - len(stripped)) // 2
        shown.append("\u2003" * depth + escape(stripped))
    return _sections(shown)


def _is_derived(answer: Answer) -> bool:
    if answer.status == "derived" or answer.derivation is not None:
        return True
    return any(isinstance(i, dict) and i.get("status") == "derived" for i in answer.items)


def _derived_marker(answer: Answer) -> Block | None:
    if not _is_derived(answer) or answer.kind == "explanation":
        return None
    shown = arithmetic(answer.derivation, unit=answer.unit) if answer.derivation else None
    text = ":triangular_ruler: *derived* — not stated by a source; computed from facts that are"
    if shown:
        text += f": {escape(shown)}"
    return _context(text)


def _source_block(source: Any) -> Block:
    title = str(getattr(source, "title", "") or "source")
    quote = str(getattr(source, "quote", "") or "")
    url = getattr(source, "url", None)
    credit = [p for p in (getattr(source, "publisher", None), getattr(source, "date", None)) if p]
    attribution: list[Block] = [{"type": "text", "text": "— "}]
    if url and str(url).startswith(("https://", "http://")):
        attribution.append({"type": "link", "url": truncate(str(url), 3000), "text": truncate(title, 500)})
    else:
        attribution.append({"type": "text", "text": truncate(title, 500), "style": {"italic": True}})
    if credit:
        attribution.append({"type": "text", "text": truncate(" (" + ", ".join(map(str, credit)) + ")", 300)})
    elements: list[Block] = []
    if quote:
        elements.append(
            {"type": "rich_text_quote", "elements": [{"type": "text", "text": truncate(f"“{quote}”", 1500)}]}
        )
    elements.append({"type": "rich_text_section", "elements": attribution})
    return {"type": "rich_text", "elements": elements}


def _sources(answer: Answer) -> list[Block]:
    if answer.kind == "explanation" and answer.sources and all(s.quote in answer.text for s in answer.sources):
        return []  # the steps quote them already
    seen: set[tuple[str, str]] = set()
    blocks: list[Block] = []
    for s in answer.sources:
        key = (s.title, s.quote)
        if key in seen:
            continue
        seen.add(key)
        blocks.append(_source_block(s))
        if len(blocks) == MAX_SOURCES:
            break
    more = len({(s.title, s.quote) for s in answer.sources}) - len(blocks)
    if more > 0:
        blocks.append(_context(f"…and {more} more source(s)"))
    return blocks


def _has_figure(answer: Answer) -> bool:
    return _is_number(answer.value) or any(isinstance(i, dict) and _is_number(i.get("value")) for i in answer.items)


def _explain_actions(answer: Answer, conversation_id: str | None, answer_key: str | None) -> Block | None:
    if not answer.answered or answer.kind == "explanation" or not _has_figure(answer):
        return None
    return {
        "type": "actions",
        "block_id": _block_id("explain", conversation_id),
        "elements": [_button("How was this computed?", EXPLAIN_ACTION, answer_key or answer.question)],
    }


def _suggestions(answer: Answer, conversation_id: str | None) -> list[Block]:
    if not answer.suggestions or (answer.answered and answer.kind != "help"):
        return []
    heading = "*Nearby facts I do hold:*" if answer.kind == "not_found" else "*Try:*"
    shown = answer.suggestions[:MAX_SUGGESTIONS]
    buttons = [_button(s, f"{SUGGEST_ACTION_PREFIX}{n}", s) for n, s in enumerate(shown)]
    blocks: list[Block] = [_section(heading + "\n" + "\n".join(f"• {escape(s)}" for s in shown))]
    blocks.append({"type": "actions", "block_id": _block_id("suggest", conversation_id), "elements": buttons})
    return blocks


def _limit(blocks: list[Block | None]) -> list[Block]:
    kept = [b for b in blocks if b is not None]
    if len(kept) > MAX_BLOCKS:
        tail = [b for b in kept[-2:] if b["type"] == "actions"]
        kept = [*kept[: MAX_BLOCKS - 1 - len(tail)], _context("…(shortened to fit Slack's limits)"), *tail]
    return kept


def answer_blocks(answer: Answer, *, conversation_id: str | None = None, answer_key: str | None = None) -> list[Block]:
    """The Block Kit card of an answer.

    ``conversation_id`` goes into the ``block_id`` of the action blocks, so that a click
    continues the same conversation; ``answer_key`` is the "How was this computed?"
    button's value (default: the question).
    """
    blocks: list[Block | None] = [_headline(answer)]
    blocks.extend(_steps(answer))
    blocks.append(_fields(answer) if answer.kind != "explanation" else None)
    blocks.extend(_items(answer))
    blocks.append(_derived_marker(answer))
    blocks.extend(_sources(answer))
    blocks.append(_explain_actions(answer, conversation_id, answer_key))
    blocks.extend(_suggestions(answer, conversation_id))
    return _limit(blocks)


# ---------------------------------------------------------------- derivations

_HOW = "How it was computed:"


def _arithmetic_lines(derivation: dict[str, Any], unit: str | None) -> list[str]:
    """The derivation as mrkdwn lines: each step's arithmetic, inputs indented below it,
    stated figures with their quotes."""
    shown = []
    for n, line in enumerate(derivation_lines(derivation, unit=unit, indent="\u2003")):
        body = line.lstrip("\u2003")
        pad = line[: len(line) - len(body)]
        if n == 0:
            shown.append(f"*{escape(body)}*")
        elif body.startswith("“"):
            shown.append(f"{pad}_{escape(truncate(body, 700))}_")
        else:
            shown.append(f"{pad}• {escape(body)}")
    return shown


def derivation_blocks(answer: Answer) -> list[Block]:
    """How ``answer`` was computed, as arithmetic ("$371B ÷ 1.44 = $257.6B") from its
    ``derivation`` or its items', down to the quoted sources.

    For an answer a source states, the card says so and quotes the source.
    """
    text = " ".join(answer.text.split())
    if text.startswith(_HOW):
        text = text[len(_HOW) :].strip()
    what = " · ".join(escape(p) for p in (answer.subject, answer.metric, answer.period) if p)
    head = _section(f"*{_HOW}* {what or escape(text.split(' — ')[0])}".strip())
    lines: list[str] = []
    if answer.derivation:
        top = {**answer.derivation, "qualifier": answer.derivation.get("qualifier") or answer.qualifier}
        lines.extend(_arithmetic_lines(top, answer.unit))
    else:
        for item in answer.items:
            d = item.get("derivation") if isinstance(item, dict) else None
            if isinstance(d, dict):
                lines.append(f"*{escape(str(item.get('label') or ''))}*")
                lines.extend(_arithmetic_lines(d, item.get("unit")))
    if lines:
        return _limit([head, *_sections(lines)])
    if _is_derived(answer):
        return [
            head,
            _section(
                "I no longer hold the steps of this answer; ask “how did you get that?” right after asking it again."
            ),
        ]
    stated = _section("Stated by the source, not computed.")
    return _limit([_section(escape(text) or "_(no answer)_"), stated, *_sources(answer)])


# ---------------------------------------------------------------- notices


def notice_blocks(text: str, *, emoji: str = ":warning:") -> list[Block]:
    """A one-line notice (errors, "nothing to plot")."""
    return [_section(f"{emoji} {escape(text)}" if emoji else escape(text))]
