"""A new embedded store answers questions about the shipped filings on first start."""

from __future__ import annotations

import json

import pytest

from bot.cli import main
from kg.filings import shipped_documents


def _filed(cik: int, concept: str, start: str, end: str) -> float:
    doc = next(d for _, d in shipped_documents() if int(d["cik"]) == cik)
    rows = [r for r in doc["facts"]["us-gaap"][concept]["units"]["USD"] if (r["start"], r["end"]) == (start, end)]
    return max(rows, key=lambda r: r["filed"])["val"]


@pytest.mark.parametrize(
    "question, cik, concept, start, end",
    [
        ("Alphabet capex 2024", 1652044, "PaymentsToAcquirePropertyPlantAndEquipment", "2024-01-01", "2024-12-31"),
        ("Microsoft capex FY2025", 789019, "PaymentsToAcquirePropertyPlantAndEquipment", "2024-07-01", "2025-06-30"),
        ("Amazon capex 2024", 1018724, "PaymentsToAcquireProductiveAssets", "2024-01-01", "2024-12-31"),
    ],
)
def test_the_embedded_store_answers_from_the_filings(tmp_path, capsys, question, cik, concept, start, end):
    assert main(["--store", str(tmp_path / "store"), "ask", "--json", question]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["answered"] is True
    assert answer["value"] == _filed(cik, concept, start, end)
    assert any(
        "accession" in s["quote"] and "Securities and Exchange" in (s["publisher"] or "") for s in answer["sources"]
    )
