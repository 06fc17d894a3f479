"""`kgbot import-csv`: analysts' tables, names resolved like questions, all rows or none."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from kg.errors import RowsRejected
from kg.fiscal import company_period
from kg.knowledge import Quantity
from kg.namespaces import E, M
from kg.periods import Period
from kg.store import KnowledgeStore
from kg.tables import import_table, parse_period, parse_value

GOOD = """Company,KPI,Year,Amount,Unit,Status,Qualifier,Report,Quote
MSFT,capex,FY2026,120B,USD,forecast,approximately,Example Research note,We expect about $120B of capex in FY26.
Google,AI capex,2026,$95 billion,,forecast,,Example Research note,
nvidia,capex intensity,2026,3%,,estimate,at most,Example Research note,Capex stays under 3% of revenue.
"""
MAPPING = {"Company": "subject", "KPI": "metric", "Year": "period", "Amount": "value", "Report": "source"}


def _write(tmp_path: Path, text: str, name: str = "table.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_table_with_its_own_headers(tmp_path):
    ks = KnowledgeStore()
    report = import_table(ks, _write(tmp_path, GOOD), mapping=MAPPING)
    assert report.added > 0
    k = ks.knowledge
    fy26 = company_period(k, str(E["microsoft"]), 2026)
    msft = [o for o in k.by_quantity[Quantity(str(E["microsoft"]), str(M["capex"]), fy26)] if not o.from_filing]
    (o,) = msft
    assert (o.value.value, o.value.qualifier, o.status) == (120e9, "approximately", "forecast")
    assert o.quotes == ("We expect about $120B of capex in FY26.",)
    assert k.sources[o.sources[0]].title == "Example Research note"
    (g,) = k.by_quantity[Quantity(str(E["alphabet"]), str(M["ai-capex"]), Period.year(2026))]
    assert g.value.value == 95e9 and g.quotes[0].endswith(
        "line 3: Google,AI capex,2026,$95 billion,,forecast,,Example Research note,"
    )
    (n,) = k.by_quantity[Quantity(str(E["nvidia"]), str(M["capex-intensity"]), Period.year(2026))]
    assert (n.value.value, n.value.unit, n.value.qualifier) == (0.03, "ratio", "at_most")


def test_importing_the_same_table_twice_adds_nothing(tmp_path):
    ks = KnowledgeStore()
    path = _write(tmp_path, GOOD)
    import_table(ks, path, mapping=MAPPING)
    assert import_table(ks, path, mapping=MAPPING).added == 0


def test_bad_rows_are_reported_by_line_and_nothing_is_stored(tmp_path):
    ks = KnowledgeStore()
    before = ks.export("nquads")
    bad = GOOD + "Acme Widgets,capex,2025,1B,,,,Note,\nMeta,capex,sometime,1B,,,,Note,\nMeta,capex,2025,lots,,,,Note,\n"
    with pytest.raises(RowsRejected) as exc:
        import_table(ks, _write(tmp_path, bad), mapping=MAPPING)
    assert [line for line, _ in exc.value.rows] == [5, 6, 7]
    assert "unknown subject 'Acme Widgets'" in exc.value.rows[0][1]
    assert "not a period" in exc.value.rows[1][1] and "not a number" in exc.value.rows[2][1]
    assert ks.export("nquads") == before


def test_a_table_without_the_required_columns(tmp_path):
    with pytest.raises(RowsRejected, match="no subject, metric, period, value, source column"):
        import_table(KnowledgeStore(), _write(tmp_path, "a,b\n1,2\n"))


@pytest.mark.parametrize(
    "text, value", [("$40B", 40e9), ("1.8 trillion", 1.8e12), ("44%", 0.44), ("3,500", 3500.0), ("2.5e9", 2.5e9)]
)
def test_values(text, value):
    assert parse_value(text)[0] == pytest.approx(value)


@pytest.mark.parametrize(
    "text, period",
    [
        ("2025", Period.year(2025)),
        ("1H 2025", Period.half(2025, 1)),
        ("2024-Q3", Period.quarter(2024, 3)),
        ("Q3 2024", Period.quarter(2024, 3)),
        ("2025-06", Period.month(2025, 6)),
        ("2025-01-01/2025-06-30", Period.half(2025, 1)),
    ],
)
def test_periods(text, period):
    assert parse_period(text) == period


def test_fiscal_periods_follow_the_subject(core_seed):
    k = core_seed.knowledge
    assert parse_period("Q1 FY26", k, str(E["microsoft"])) == Period.quarter(2025, 3)
    assert parse_period("FY2025", k, str(E["apple"])) == company_period(k, str(E["apple"]), 2025)


def test_cli_import_csv(tmp_path, capsys):
    store = str(tmp_path / "store")
    path = _write(tmp_path, GOOD)
    maps = ["--map", "Company=subject,KPI=metric", "--map", "Year=period,Amount=value,Report=source"]
    assert main(["--store", store, "import-csv", str(path), *maps]) == 0
    assert "loaded " in capsys.readouterr().out
    bad = _write(tmp_path, GOOD + "Nobody,capex,2025,1B,,,,Note,\n", "bad.csv")
    assert main(["--store", store, "import-csv", str(bad), *maps]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:5: unknown subject 'Nobody'" in err and "nothing was stored" in err
