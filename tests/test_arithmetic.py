"""Derivations written as arithmetic with the numbers in, from real answers and trees."""

from __future__ import annotations

import doctest
from typing import Any

import pytest

from bot import arithmetic as arith
from bot.arithmetic import arithmetic, derivation_lines
from bot.engine import Answerer


def test_doc_examples() -> None:
    assert doctest.testmod(arith).failed == 0


def _leaf(label: str, value: float, unit: str = "USD", qualifier: str = "exact", **extra: Any) -> dict[str, Any]:
    return {"label": label, "value": value, "unit": unit, "qualifier": qualifier, "status": "reported", **extra}


@pytest.mark.parametrize(
    ("formula", "value", "inputs", "expected"),
    [
        (
            "to = from x (1 + 44%)",
            371e9,
            [_leaf("2024", 257.6e9), _leaf("rel", 0.44, "ratio")],
            "$257.6B × 1.44 = $371B",
        ),
        ("from = to / 2x", 15.35e9, [_leaf("H1 2025", 30.7e9)], "$30.7B ÷ 2 = $15.4B"),
        ("to = from x 2x", 61.4e9, [_leaf("H1 2024", 30.7e9)], "$30.7B × 2 = $61.4B"),
        ("change = to - from", -0.26, [_leaf("a", 0.40, "ratio"), _leaf("b", 0.14, "ratio")], "14% − 40% = -26 pp"),
        ("from = to - change", 0.40, [_leaf("b", 0.14, "ratio"), _leaf("c", -0.26, "ratio")], "14% − -26 pp = 40%"),
        ("whole = part / share", 100e9, [_leaf("p", 16e9), _leaf("s", 0.16, "ratio")], "$16B ÷ 16% = $100B"),
        ("part = share x whole", 16e9, [_leaf("s", 0.16, "ratio"), _leaf("w", 100e9)], "16% × $100B = $16B"),
        ("share = part / whole", 0.16, [_leaf("p", 16e9), _leaf("w", 100e9)], "$16B ÷ $100B = 16%"),
        ("2024 = H1 2024 + H2 2024", 3e9, [_leaf("H1", 1e9), _leaf("H2", 2e9)], "$1B + $2B = $3B"),
        ("Q2 2025 = H1 2025 - Q1 2025", 2e9, [_leaf("H1", 3e9), _leaf("Q1", 1e9)], "$3B − $1B = $2B"),
        (
            "$40B - $30.7B = $9.3B",
            9.3e9,
            [_leaf("A", 40e9, qualifier="approximately"), _leaf("M", 30.7e9)],
            "~$40B − $30.7B = ~$9.3B",
        ),
        ("stated by two sources", 1.0, [], "stated by two sources"),
    ],
)
def test_one_step(formula: str, value: float, inputs: list[dict[str, Any]], expected: str) -> None:
    assert arithmetic({"formula": formula, "value": value, "inputs": inputs}) == expected


def test_no_formula_is_no_arithmetic() -> None:
    assert arithmetic({"value": 1.0}) is None


def test_an_answer_reads_as_arithmetic_down_to_the_quotes(core_seed: Any) -> None:
    answer = Answerer(core_seed).ask("what was hyperscaler capex in 2024?")
    assert answer.derivation is not None
    assert answer.derivation["formula"] == "from = to / (1 + 44%)"  # the formula stays in the JSON
    lines = derivation_lines(answer.derivation, unit=answer.unit)
    assert lines[0] == "$371B ÷ 1.44 = $257.6B"
    assert any("$371 billion" in line for line in lines)
    assert not any("from =" in line or "to /" in line for line in lines)


def test_nested_derivations_show_each_step(core_seed: Any) -> None:
    answer = Answerer(core_seed).ask("how much did hyperscaler capex grow from 2024 to 2025?")
    assert answer.derivation is not None
    lines = derivation_lines(answer.derivation, unit=answer.unit)
    assert lines[0] == "$371B ÷ $257.6B − 1 = 44%"
    assert any(line.strip().endswith("$371B ÷ 1.44 = $257.6B (derived)") for line in lines)
    # inputs are indented below the step that used them
    nested = next(n for n, line in enumerate(lines) if "(derived)" in line)
    assert lines[nested + 1].startswith("    ")


def test_rest_derivation_trees_read_as_arithmetic(http_client: Any) -> None:
    items = http_client.get("/derivations", params={"limit": 1000}).json()["items"]
    for item in items:
        tree = http_client.get(f"/derivations/{item['id']}").json()["tree"]
        lines = derivation_lines(tree)
        assert "=" in lines[0], (item["formula"], lines[0])
        assert " to " not in lines[0] and "from" not in lines[0], (item["formula"], lines[0])


def test_filing_sums_read_as_arithmetic(sec_store: Any) -> None:
    from bot.http.views import tree_json
    from kg.reasoning import explain

    k, d = sec_store.knowledge, sec_store.derivations
    sums = [der for der in d.derived.values() if der.equation.kind == "sum"]
    assert sums
    for der in sums[:200]:
        lines = derivation_lines(tree_json(k, explain(k, d, der.quantity)))
        assert "$" in lines[0] and ("+" in lines[0] or "−" in lines[0]), (der.formula, lines[0])
        assert lines[0].endswith(arith.figure(der.value.value, "USD", der.value.qualifier)), (der.formula, lines[0])


def test_cli_text_shows_the_arithmetic(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    assert main(["--store", ":memory:", "ask", "what was hyperscaler capex in 2024?", "how did you get that?"]) == 0
    out = capsys.readouterr().out
    assert "Computed: $371B ÷ 1.44 = $257.6B" in out.split("> how did you get that?")[0]
    explanation = out.split("> how did you get that?")[1]
    assert "$371B ÷ 1.44 = $257.6B" in explanation and "“These tech giants" in explanation
