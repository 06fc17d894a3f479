"""Answers as plain text for the terminal."""

from __future__ import annotations

from .answer import Answer

__all__ = ["render_text"]


def render_text(answer: Answer) -> str:
    """The answer, then its sources and suggestions, one item per line."""
    lines = [answer.text]
    if answer.kind in ("list", "comparison") and answer.items and not answer.text.count(";"):
        for item in answer.items[:20]:
            shown = item.get("text") or ""
            lines.append(f"  - {item['label']}" + (f": {shown}" if shown else ""))
    for s in answer.sources[:3]:
        lines.append(f"  Source: “{s.quote}” — {s.title}" + (f" ({s.url})" if s.url else ""))
    if answer.suggestions:
        lines.append("  Nearby facts:" if answer.kind == "not_found" else "  Try:")
        lines.extend(f"    • {s}" for s in answer.suggestions)
    return "\n".join(lines)
