"""Numbers as analysts write them: "$371B", "$1.8T", "$30.7B", "44%", "26 pp", "2x".

>>> format_money(371e9), format_money(1.8e12), format_money(30.7e9), format_money(257_638_888_888.9)
('$371B', '$1.8T', '$30.7B', '$257.6B')
>>> format_percent(0.44), format_percent(0.165), format_pp(-0.26), format_multiple(2.0)
('44%', '16.5%', '-26 pp', '2x')
>>> format_value(Value(4e10, "USD", "approximately"), qualified=True)
'approximately $40B'
"""

from __future__ import annotations

from .values import Value

__all__ = ["format_money", "format_multiple", "format_percent", "format_pp", "format_value", "qualifier_word"]

_QUALIFIER_WORDS = {
    "exact": "",
    "approximately": "approximately",
    "nearly": "nearly",
    "at_least": "at least",
    "at_most": "up to",
}


def _trim(x: float, digits: int = 1) -> str:
    x = x * (1 + 1e-12)  # 15.35 is stored as 15.3499..., and should print as 15.35
    text = f"{x:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_money(amount: float, currency: str = "$") -> str:
    sign = "-" if amount < 0 else ""
    a = abs(amount)
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if a >= scale:
            digits = 2 if suffix == "T" else 1
            return f"{sign}{currency}{_trim(a / scale, digits)}{suffix}"
    return f"{sign}{currency}{_trim(a, 2)}"


def format_percent(ratio: float) -> str:
    return f"{_trim(ratio * 100, 1)}%"


def format_pp(ratio_difference: float) -> str:
    return f"{_trim(ratio_difference * 100, 1)} pp"


def format_multiple(x: float) -> str:
    return f"{_trim(x, 2)}x"


def qualifier_word(qualifier: str) -> str:
    """'approximately', 'at least', 'up to', or '' for exact values."""
    return _QUALIFIER_WORDS.get(qualifier, "")


def format_value(v: Value, *, qualified: bool = False, difference: bool = False) -> str:
    """Format a value by its unit; ``difference`` renders ratios as percentage points."""
    if v.unit == "USD":
        text = format_money(v.value)
    elif v.unit == "ratio":
        text = format_pp(v.value) if difference else format_percent(v.value)
    elif v.unit == "multiple":
        text = format_multiple(v.value)
    elif v.unit is None and abs(v.value) < 10:
        text = _trim(v.value, 3)
    else:
        text = _trim(v.value, 2) + (f" {v.unit}" if v.unit else "")
    word = qualifier_word(v.qualifier) if qualified else ""
    return f"{word} {text}" if word else text
