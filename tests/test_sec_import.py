"""Importing a real SEC companyfacts file: dedupe, provenance, and quarters from year-to-date values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import LoadError
from kg.knowledge import Quantity
from kg.namespaces import E, M
from kg.periods import Period
from kg.sec import companyfacts_quads, read_companyfacts
from kg.store import KnowledgeStore

SEC = Path(__file__).resolve().parents[2] / "shared" / "data" / "sec" / "CIK0001326801.json"
pytestmark = pytest.mark.skipif(not SEC.exists(), reason="shared/data/sec is not beside the checkout")

CAPEX = str(M["capex"])
META = str(E["meta"])


@pytest.fixture(scope="module")
def store() -> KnowledgeStore:
    ks = KnowledgeStore()
    quads, _ = companyfacts_quads(read_companyfacts(SEC), ks.knowledge, source=str(SEC))
    ks.commit(quads, source=str(SEC))
    return ks


def _entries() -> list[dict]:
    doc = json.loads(SEC.read_text())
    return doc["facts"]["us-gaap"]["PaymentsToAcquirePropertyPlantAndEquipment"]["units"]["USD"]


def test_one_observation_per_period_with_every_filing_as_source(store):
    entries = _entries()
    periods = {(e["start"], e["end"]) for e in entries}
    sec_obs = [o for o in store.knowledge.observations if "/obs/sec/" in o.iri]
    assert len(sec_obs) == len(periods)  # 81 entries, repeated by later filings, deduplicated
    fy2019 = store.knowledge.by_quantity[Quantity(META, CAPEX, Period.year(2019))][0]
    filings = {e["accn"] for e in entries if (e["start"], e["end"]) == ("2019-01-01", "2019-12-31")}
    assert len(filings) > 1
    assert {s.rsplit("/", 1)[-1] for s in fy2019.sources} == filings


def test_filer_is_matched_by_cik_not_by_name(store):
    # the file says "Facebook, Inc."; the graph knows the company as Meta with the same CIK
    subjects = {o.quantity.subject for o in store.knowledge.observations if "/obs/sec/" in o.iri}
    assert subjects == {META}


def test_single_quarters_follow_from_year_to_date_values(store):
    d = store.derivations
    q2 = d.derived[Quantity(META, CAPEX, Period.quarter(2020, 2))]
    h1 = d.stated[Quantity(META, CAPEX, Period.half(2020, 1))][0].value.value
    q1 = d.stated[Quantity(META, CAPEX, Period.quarter(2020, 1))][0].value.value
    assert q2.value.value == pytest.approx(h1 - q1)
    q4 = d.derived[Quantity(META, CAPEX, Period.quarter(2019, 4))]
    assert q4.value.value == pytest.approx(15_102_000_000 - 11_002_000_000)
    assert not [c for c in d.conflicts if c.quantity.subject == META and c.quantity.metric == CAPEX]


def test_sources_carry_filing_date_and_url(store):
    src = next(s for s in store.knowledge.sources.values() if s.iri.endswith("0001326801-21-000014"))
    assert src.date == "2021-01-28"
    assert src.url == "https://www.sec.gov/Archives/edgar/data/1326801/000132680121000014/"


def test_a_restated_value_becomes_a_conflict():
    doc = json.loads(SEC.read_text())
    rows = doc["facts"]["us-gaap"]["PaymentsToAcquirePropertyPlantAndEquipment"]["units"]["USD"]
    restated = dict(next(r for r in rows if r["start"] == "2019-01-01" and r["end"] == "2019-12-31"))
    restated.update(val=20_000_000_000, accn="0000000000-99-000001", filed="2022-01-01")
    rows.append(restated)
    ks = KnowledgeStore()
    quads, _ = companyfacts_quads(doc, ks.knowledge)
    ks.commit(quads)
    assert any(c.quantity == Quantity(META, CAPEX, Period.year(2019)) for c in ks.derivations.conflicts)


def test_unknown_company_is_created_with_its_name(tmp_path):
    doc = {
        "cik": 1234,
        "entityName": "Example Corp",
        "facts": {
            "us-gaap": {
                "Revenues": {
                    "units": {
                        "USD": [
                            {
                                "start": "2024-01-01",
                                "end": "2024-12-31",
                                "val": 10,
                                "accn": "0000001234-25-000001",
                                "fp": "FY",
                                "form": "10-K",
                                "filed": "2025-02-01",
                            }
                        ]
                    }
                }
            }
        },
    }
    ks = KnowledgeStore()
    quads, report = companyfacts_quads(doc, ks.knowledge)
    ks.commit(quads)
    assert report.observations == 1
    company = next(e for e in ks.knowledge.entities.values() if e.label == "Example Corp")
    assert company.identifiers == ("0000001234",)


@pytest.mark.parametrize("content, message", [("{not json", "not JSON"), ('{"a": 1}', "companyfacts")])
def test_bad_files_are_named(tmp_path, content, message):
    p = tmp_path / "bad.json"
    p.write_text(content)
    with pytest.raises(LoadError, match=message) as exc:
        read_companyfacts(p)
    assert "bad.json" in str(exc.value)
