"""The App Home tab: what the graph holds, and how to ask about it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kg.explanation import describe_quantity
from kg.format import format_value
from kg.knowledge import Knowledge
from kg.reasoning import Derivations

from .cards import escape, truncate

__all__ = ["home_view"]

_LIST_LIMIT = 2900


def _joined(names: Sequence[str], limit: int = _LIST_LIMIT) -> str:
    text = ", ".join(escape(n) for n in names)
    return truncate(text, limit) or "_none yet_"


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, 3000)}}


def home_view(k: Knowledge, d: Derivations, examples: Sequence[str] = ()) -> dict[str, Any]:
    """The ``home`` view for ``views.publish``."""
    subjects = sorted({k.label(o.quantity.subject) for o in k.observations}, key=str.lower)
    metrics = sorted({k.label(o.quantity.metric) for o in k.observations}, key=str.lower)
    sources = sorted(k.sources.values(), key=lambda s: (s.date or "", s.title), reverse=True)

    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "kgbot: AI-infrastructure spending", "emoji": True}},
        _section(
            "Ask me in a channel (mention me), in a direct message, or with `/kg <question>`. "
            "Every answer carries its figure, period, status and the sentence it comes from; "
            "derived figures come with the steps that computed them."
        ),
        {
            "type": "section",
            "fields": [
                {"type": "mrkdwn", "text": f"*Stated facts*\n{len(k.observations)}"},
                {"type": "mrkdwn", "text": f"*Derived values*\n{len(d.derived)}"},
                {"type": "mrkdwn", "text": f"*Sources*\n{len(k.sources)}"},
                {"type": "mrkdwn", "text": f"*Conflicts*\n{len(d.conflicts)}"},
            ],
        },
        {"type": "divider"},
        _section(f"*Subjects*\n{_joined(subjects)}"),
        _section(f"*Metrics*\n{_joined(metrics)}"),
    ]
    if sources:
        lines = []
        for s in sources[:5]:
            title = escape(truncate(s.title, 200))
            shown = f"<{s.url}|{title}>" if s.url and s.url.startswith(("https://", "http://")) else title
            credit = ", ".join(p for p in (s.publisher, s.date) if p)
            lines.append(f"• {shown}" + (f" ({escape(credit)})" if credit else ""))
        blocks.append(_section("*Latest sources*\n" + "\n".join(lines)))
    if d.conflicts:
        lines = []
        for c in d.conflicts[:5]:
            lines.append(
                f"• {escape(describe_quantity(k, c.quantity))}: {c.known_origin} "
                f"{escape(format_value(c.known, qualified=True))} vs computed "
                f"{escape(format_value(c.computed, qualified=True))}"
            )
        if len(d.conflicts) > 5:
            lines.append(f"…and {len(d.conflicts) - 5} more")
        blocks.append(_section(":warning: *Conflicts between sources*\n" + "\n".join(lines)))
    if examples:
        blocks.append({"type": "divider"})
        blocks.append(_section("*Try asking*\n" + "\n".join(f"• {escape(e)}" for e in examples[:8])))
    return {"type": "home", "blocks": blocks[:100]}
