"""Derivations as arithmetic with the numbers in: "$371B ÷ 1.44 = $257.6B".

The reasoning records each derived value's formula over roles ("from = to / (1 + 44%)");
analytics record theirs with numbers already ("$371B / $257.6B - 1 = 44%"). A reader
wants the numbers. :func:`arithmetic` writes one step of a derivation that way, and
:func:`derivation_lines` the whole derivation, step by step down to the quoted sources.

Both read the derivation dicts of the Answer contract (``{"formula", "value", "inputs"}``,
inputs being stated facts with ``sources`` or derived values with their own ``formula``
or ``derivation``) and the trees of ``GET /derivations/{id}`` (nodes with ``quantity``,
``fact`` and ``relation``). The formula itself stays in the JSON.

>>> arithmetic({"formula": "from = to / (1 + 44%)", "value": 257.6e9,
...             "inputs": [{"label": "2025", "value": 371e9, "unit": "USD"},
...                        {"label": "stated relation: a 44% increase", "value": 0.44, "unit": "ratio"}]})
'$371B ÷ 1.44 = $257.6B'
>>> arithmetic({"formula": "$40B - $30.7B = $9.3B", "value": 9.3e9, "inputs": []})
'$40B − $30.7B = $9.3B'
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from kg.format import _trim, format_value
from kg.values import Value

__all__ = ["arithmetic", "derivation_lines", "figure", "node_label", "node_sources", "sub_derivation"]

Node = Mapping[str, Any]

#: Roles of the reasoning's equations, in the order their quantities are listed.
_ROLE_ORDERS = (("from", "to", "change"), ("part", "share", "whole"))
_OPERATORS = re.compile(r" (?:[-+/x]) |\^")
_QUALIFIER_MARKS = {"approximately": "~", "nearly": "~", "at_least": "≥", "at_most": "≤"}
_PRETTY = ((" x ", " × "), (" / ", " ÷ "), (" - ", " − "))


def _number(x: object) -> float | None:
    if isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x):
        return float(x)
    return None


def figure(value: object, unit: str | None = None, qualifier: str | None = None, *, change: bool = False) -> str:
    """A number as analysts write it, with a mark for its qualifier: '~$40B', '≥16%', '$371B'.

    ``change`` writes a ratio as percentage points (a change of a share).
    """
    v = _number(value)
    if v is None:
        return "?"
    if unit in ("USD", "ratio", "multiple"):
        text = format_value(Value(v, unit), difference=change)
    else:
        text = _trim(v, 2) + (f" {unit}" if unit else "")
    return _QUALIFIER_MARKS.get(qualifier or "", "") + text


def _pretty(expr: str) -> str:
    for plain, sign in _PRETTY:
        expr = expr.replace(plain, sign)
    return re.sub(r"([×÷] )([\d.]+)x\b", r"\1\2", expr)  # "÷ 2x" reads "÷ 2"


def _is_relation(node: Node) -> bool:
    return node.get("relation") is not None or str(node.get("label") or "").startswith("stated relation")


def _quantities(node: Node) -> list[Node]:
    """The inputs of a step that are quantities (not the stated relation it used)."""
    return [i for i in node.get("inputs") or [] if isinstance(i, Mapping) and not _is_relation(i)]


def _result_unit(kind_roles: Sequence[str], lhs: str, bound: Mapping[str, Node], fallback: str | None) -> str | None:
    if lhs == "share":
        return "ratio"
    if lhs in ("part", "whole"):
        other = bound.get("whole" if lhs == "part" else "part")
        return other.get("unit") if other else fallback
    units = [n.get("unit") for n in bound.values() if n.get("unit")]
    return units[0] if units else fallback


def _constant(expr: str, node: Node) -> str:
    """'(1 + 44%)' -> '1.44': the growth factor as one number."""

    def factor(m: re.Match[str]) -> str:
        text = m.group(1).strip()
        rate: float | None = None
        for i in node.get("inputs") or []:
            if isinstance(i, Mapping) and _is_relation(i) and _number(i.get("value")) is not None:
                rate = float(i["value"])
        if rate is None:
            pct = re.fullmatch(r"(-?[\d.,]+)%", text)
            if pct is None:
                return m.group(0)
            rate = float(pct.group(1).replace(",", "")) / 100
        return _trim(1 + rate, 4)

    return re.sub(r"\(1 \+ ([^()]+)\)", factor, expr)


def _symbolic(lhs: str, rhs: str, node: Node, unit: str | None) -> str | None:
    quantities = _quantities(node)
    words = set(re.findall(r"[a-z]+", rhs))
    order = next((o for o in _ROLE_ORDERS if lhs in o and words & set(o) and words <= set(o) | {"x"}), None)
    change = False
    if order is not None:
        roles = [r for r in order if r != lhs]
        bound = dict(zip(roles, quantities, strict=False))
        if not all(w in bound for w in words & set(order)):
            return None
        change = lhs == "change"

        def shown(m: re.Match[str]) -> str:
            q = bound[m.group(1)]
            return figure(q.get("value"), q.get("unit"), q.get("qualifier"), change=m.group(1) == "change")

        expr = re.sub(r"\b(" + "|".join(bound) + r")\b", shown, rhs)
        unit = _result_unit(order, lhs, bound, unit)
    else:  # a sum: "total = a + b", "a = total - b - c"; terms in the order of the inputs
        terms = re.split(r" ([-+]) ", rhs)
        names, signs = terms[::2], terms[1::2]
        if len(names) != len(quantities):
            return None
        figures = [figure(q.get("value"), q.get("unit"), q.get("qualifier")) for q in quantities]
        expr = figures[0] + "".join(f" {s} {t}" for s, t in zip(signs, figures[1:], strict=True))
        unit = unit or next((q.get("unit") for q in quantities if q.get("unit")), None)
    expr = _constant(expr, node)
    result = figure(node.get("value"), unit, _result_qualifier(node), change=change)
    return _pretty(f"{expr} = {result}")


def _result_qualifier(node: Node) -> str | None:
    if node.get("qualifier"):
        return str(node["qualifier"])
    marks = {i.get("qualifier") for i in node.get("inputs") or [] if isinstance(i, Mapping)}
    return "approximately" if marks - {None, "exact"} else None


def _mark_qualifiers(lhs: str, rhs: str, node: Node) -> str:
    """Numbers written in an analytic's formula, marked with their inputs' qualifiers:
    "$40B - $30.7B = $9.3B" -> "~$40B - $30.7B = ~$9.3B" when the $40B was approximate."""
    marks: dict[str, str] = {}
    for q in _quantities(node):
        mark = _QUALIFIER_MARKS.get(q.get("qualifier") or "", "")
        if mark:
            marks[figure(q.get("value"), q.get("unit"))] = mark
    if not marks:
        return f"{lhs} = {rhs}"
    number = r"(?<![\w.~≥≤])(-?\$?[\d.,]+[TBMK%x]?)(?![\w.])"
    lhs = re.sub(number, lambda m: marks.get(m.group(1), "") + m.group(1), lhs)
    rhs = rhs if rhs[:1] in _QUALIFIER_MARKS.values() else "~" + rhs
    return f"{lhs} = {rhs}"


def arithmetic(node: Node, *, unit: str | None = None) -> str | None:
    """One derivation step with its numbers: '$371B ÷ 1.44 = $257.6B'.

    ``node`` holds ``formula``, ``value`` and ``inputs``; ``unit`` is the result's unit when
    the node does not say (the Answer's top-level derivation does not). None when there is
    no formula; the formula as written when its terms cannot be matched to the inputs.
    """
    formula = node.get("formula")
    if not formula:
        return None
    formula = str(formula)
    lhs, sep, rhs = formula.partition(" = ")
    if not sep:
        return formula
    if _OPERATORS.search(lhs):  # numbers already: "$371B / $257.6B - 1 = 44%"
        return _pretty(_mark_qualifiers(lhs, rhs, node))
    return _symbolic(lhs.strip(), rhs.strip(), node, node.get("unit") or unit) or formula


# ---------------------------------------------------------------- the whole tree


def node_label(node: Node) -> str:
    """What a node is: 'Meta · AI capital expenditure · H1 2025', 'stated relation: ...'."""
    if node.get("label"):
        return str(node["label"])
    relation = node.get("relation")
    if isinstance(relation, Mapping):
        return f"stated relation: {relation.get('qualifier_text') or relation.get('kind') or ''}".strip()
    quantity = node.get("quantity")
    q: Node = quantity if isinstance(quantity, Mapping) else node
    parts = [q.get(k) for k in ("subject", "metric", "period")]
    names = [str(p.get("label")) if isinstance(p, Mapping) else str(p) for p in parts if p]
    return " · ".join(names)


def node_sources(node: Node) -> list[Mapping[str, Any]]:
    """The sources a node quotes (a stated fact's or a stated relation's)."""
    for holder in (node, node.get("fact"), node.get("relation")):
        if isinstance(holder, Mapping) and holder.get("sources"):
            return [s for s in holder["sources"] if isinstance(s, Mapping)]
    return []


def sub_derivation(node: Node) -> Node | None:
    """The derivation of an input that was itself derived, or None for a stated one."""
    inner = node.get("derivation")
    if isinstance(inner, Mapping) and inner.get("formula"):
        return {"unit": node.get("unit"), "qualifier": node.get("qualifier"), **inner}
    return node if node.get("formula") else None


def _lines(node: Node, depth: int, indent: str, out: list[str]) -> None:
    pad = indent * depth
    label = node_label(node)
    inner = sub_derivation(node)
    if inner is not None:
        out.append(f"{pad}{label}: {arithmetic(inner, unit=node.get('unit'))} (derived)")
        for child in inner.get("inputs") or []:
            if isinstance(child, Mapping):
                _lines(child, depth + 1, indent, out)
        return
    shown = figure(node.get("value"), node.get("unit"), node.get("qualifier"))
    out.append(f"{pad}{label}: {shown} ({node.get('status') or 'stated'})")
    for s in node_sources(node):
        quote, title = s.get("quote") or "", s.get("title") or "source"
        if quote:
            out.append(f"{pad}{indent}“{quote}” — {title}")


def derivation_lines(derivation: Node, *, unit: str | None = None, indent: str = "  ") -> list[str]:
    """A derivation as lines of arithmetic, each input below the step that used it,
    down to the stated facts and the sentences that state them.

    >>> for line in derivation_lines({"formula": "change = to - from", "value": 2e9, "inputs": [
    ...         {"label": "2024", "value": 1e9, "unit": "USD", "status": "reported",
    ...          "sources": [{"title": "10-K", "quote": "We spent $1 billion."}]},
    ...         {"label": "2025", "value": 3e9, "unit": "USD", "status": "reported"}]}):
    ...     print(line)
    $3B − $1B = $2B
      2024: $1B (reported)
        “We spent $1 billion.” — 10-K
      2025: $3B (reported)
    """
    out = [arithmetic(derivation, unit=unit) or figure(derivation.get("value"), unit)]
    for child in derivation.get("inputs") or []:
        if isinstance(child, Mapping):
            _lines(child, 1, indent, out)
    return out
