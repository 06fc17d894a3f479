"""Importing SEC companyfacts: one entity per company, one metric per quantity, dedupe,
provenance, restatements as history, quarters from year-to-date values, idempotence."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from kg.errors import LoadError
from kg.filings import import_companyfacts, shipped_documents, shipped_filings_quads
from kg.knowledge import Quantity
from kg.namespaces import E, M
from kg.periods import Period
from kg.sec import clean_label, companyfacts_quads, normalise_name, read_companyfacts
from kg.store import KnowledgeStore

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "sec"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="shared/data/sec is not beside the checkout")

CAPEX, REVENUE = str(M["capex"]), str(M["revenue"])
META, AMAZON, ALPHABET = str(E["meta"]), str(E["amazon"]), str(E["alphabet"])
COMPANIES = {str(E[n]) for n in ("amazon", "microsoft", "alphabet", "meta", "nvidia", "apple")}


def _docs() -> dict[str, dict]:
    return {name: doc for name, doc in shipped_documents()}


def _rows(doc: dict, concept: str) -> list[dict]:
    return doc["facts"]["us-gaap"][concept]["units"]["USD"]


def _filed(core_seed) -> list:
    return [o for o in core_seed.knowledge.observations if o.from_filing]


def test_the_seeded_store_holds_every_company_once(core_seed):
    k = core_seed.knowledge
    assert {o.quantity.subject for o in _filed(core_seed)} == COMPANIES
    assert {e.iri for e in k.of_kind("company")} == COMPANIES  # no "AMAZON COM INC" beside Amazon
    assert {e.label for e in k.of_kind("company")} == {"Amazon", "Microsoft", "Alphabet", "Meta", "Nvidia", "Apple"}
    assert "NVIDIA CORP" in k.entities[str(E["nvidia"])].alt_labels
    assert "AMAZON COM INC" in k.entities[AMAZON].alt_labels


def test_one_observation_per_period_with_every_filing_as_source(core_seed):
    rows = _rows(_docs()["CIK0001326801.json"], "PaymentsToAcquirePropertyPlantAndEquipment")
    fy2019 = core_seed.knowledge.by_quantity[Quantity(META, CAPEX, Period.year(2019))]
    assert len(fy2019) == 1
    filings = {r["accn"] for r in rows if (r["start"], r["end"]) == ("2019-01-01", "2019-12-31")}
    assert len(filings) > 1
    assert {s.rsplit("/", 1)[-1] for s in fy2019[0].sources} == filings
    assert fy2019[0].concepts == ("us-gaap:PaymentsToAcquirePropertyPlantAndEquipment",)


def test_both_capex_tags_are_one_metric_and_the_latest_filing_wins(core_seed):
    # Amazon changed tags: its 10-K of 2019 gives 2016 under the new tag, with a new value
    (obs,) = core_seed.knowledge.by_quantity[Quantity(AMAZON, CAPEX, Period.year(2016))]
    doc = _docs()["CIK0001018724.json"]
    rows = [
        r
        for c in ("PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets")
        for r in _rows(doc, c)
        if (r["start"], r["end"]) == ("2016-01-01", "2016-12-31")
    ]
    latest = max(rows, key=lambda r: r["filed"])
    assert obs.value.value == latest["val"]
    assert core_seed.knowledge.sources[obs.current_source].accession == latest["accn"]
    (old,) = obs.restated_from
    assert old.value.value != latest["val"] and old.form == "10-K" and old.accession
    assert len(old.concepts) == 1 and old.concepts != obs.concepts
    # the two values are history, not two stated values in conflict (the quarters Amazon
    # filed in 2016 still add up to the old figure: that check is reported, rightly)
    same = [c for c in core_seed.derivations.conflicts if c.quantity == obs.quantity and c.equation.kind == "same"]
    assert not same


def test_restatements_are_history_not_conflicts(core_seed):
    rows = _rows(_docs()["CIK0001326801-2023-2026.json"], "PaymentsToAcquirePropertyPlantAndEquipment")
    fy = [r for r in rows if (r["start"], r["end"]) == ("2023-01-01", "2023-12-31")]
    assert len({r["val"] for r in fy}) == 2
    first, last = min(fy, key=lambda r: r["filed"]), max(fy, key=lambda r: r["filed"])
    (obs,) = core_seed.knowledge.by_quantity[Quantity(META, CAPEX, Period.year(2023))]
    assert obs.value.value == last["val"]
    assert [(r.value.value, r.filed, r.accession) for r in obs.restated_from] == [
        (first["val"], first["filed"], first["accn"])
    ]
    assert core_seed.derivations.value(obs.quantity) == (obs.value, "reported")
    assert not [c for c in core_seed.derivations.conflicts if c.quantity == obs.quantity]


def test_single_quarters_follow_from_year_to_date_values(core_seed):
    d = core_seed.derivations
    q2 = d.derived[Quantity(META, CAPEX, Period.quarter(2020, 2))]
    h1 = d.stated[Quantity(META, CAPEX, Period.half(2020, 1))][0].value.value
    q1 = d.stated[Quantity(META, CAPEX, Period.quarter(2020, 1))][0].value.value
    assert q2.value.value == pytest.approx(h1 - q1)
    fy = d.stated[Quantity(META, CAPEX, Period.year(2019))][0].value.value
    nine = d.stated[Quantity(META, CAPEX, Period.from_dates(Period.year(2019).start, Period.quarter(2019, 3).end))]
    q4 = d.derived[Quantity(META, CAPEX, Period.quarter(2019, 4))]
    assert q4.value.value == pytest.approx(fy - nine[0].value.value)


def test_sources_carry_form_filing_date_accession_and_url(core_seed):
    src = next(s for s in core_seed.knowledge.sources.values() if s.iri.endswith("0001326801-21-000014"))
    assert (src.date, src.form, src.accession) == ("2021-01-28", "10-K", "0001326801-21-000014")
    assert src.url == "https://www.sec.gov/Archives/edgar/data/1326801/000132680121000014/"
    assert src.publisher and "Securities and Exchange Commission" in src.publisher


def test_the_shipped_filings_are_valid(core_seed):
    # seeding skips SHACL for the shipped filings; this is the check it relies on
    assert core_seed.check(shipped_filings_quads(core_seed.knowledge)) == []


@needs_shared
def test_the_shipped_snapshot_is_the_shared_files_entry_for_entry():
    for name, doc in shipped_documents():
        original = json.loads((SHARED / name).read_text())
        assert doc["cik"] == original["cik"] and doc["entityName"] == original["entityName"]
        for concept, body in original["facts"]["us-gaap"].items():
            assert doc["facts"]["us-gaap"][concept]["units"] == body["units"]


@needs_shared
def test_reimporting_the_shared_files_changes_nothing():
    ks = KnowledgeStore()
    before = ks.export("nquads")
    docs = [(str(p), read_companyfacts(p)) for p in sorted(SHARED.glob("*.json"))]
    result = import_companyfacts(ks, docs)
    assert result.changed == [] and result.load is None
    assert ks.export("nquads") == before


def test_a_newer_filing_restates_and_a_second_import_changes_nothing():
    ks = KnowledgeStore()
    doc = copy.deepcopy(_docs()["CIK0001326801.json"])
    rows = _rows(doc, "PaymentsToAcquirePropertyPlantAndEquipment")
    old = next(r for r in rows if (r["start"], r["end"]) == ("2019-01-01", "2019-12-31"))
    rows.append(dict(old, val=16_000_000_000, accn="0001326801-99-000001", filed="2099-01-31"))
    result = import_companyfacts(ks, [("newer.json", doc)])
    assert result.changed == ["https://kgbot.dev/graph/sec/0001326801"]
    (obs,) = ks.knowledge.by_quantity[Quantity(META, CAPEX, Period.year(2019))]
    assert obs.value.value == 16_000_000_000
    assert [r.value.value for r in obs.restated_from] == [old["val"]]
    assert ks.knowledge.sources[obs.current_source].date == "2099-01-31"
    # the 2023-2026 filings of Meta are still there: a document adds to what the graph holds
    assert ks.knowledge.by_quantity[Quantity(META, CAPEX, Period.year(2024))]
    after = ks.export("nquads")
    assert import_companyfacts(ks, [("newer.json", doc)]).changed == []
    assert ks.export("nquads") == after


def _example(cik: int, name: str) -> dict:
    row = {"start": "2024-01-01", "end": "2024-12-31", "val": 10, "accn": f"{cik:010d}-25-000001"}
    row |= {"fp": "FY", "form": "10-K", "filed": "2025-02-01"}
    return {"cik": cik, "entityName": name, "facts": {"us-gaap": {"Revenues": {"units": {"USD": [row]}}}}}


def test_a_company_first_met_in_a_filing_gets_a_clean_label():
    ks = KnowledgeStore()
    import_companyfacts(ks, [("x.json", _example(1234, "EXAMPLE WIDGETS CORP"))])
    company = next(e for e in ks.knowledge.of_kind("company") if "0000001234" in e.identifiers)
    assert company.label == "Example Widgets"
    assert company.alt_labels == ("EXAMPLE WIDGETS CORP",)
    assert company.identifiers == ("0000001234",)


def test_a_company_without_cik_is_matched_by_normalised_name(core_store, make_ttl):
    ttl = 't:oracle a kg:Company ; skos:prefLabel "Oracle"@en ; skos:altLabel "Oracle Corporation"@en .\n'
    core_store.load_files([make_ttl("oracle.ttl", ttl, source=False)])
    _, report = companyfacts_quads(_example(1341439, "ORACLE CORP"), core_store.knowledge)
    assert report.company == "https://kgbot.dev/id/test/oracle" and not report.new_company


@pytest.mark.parametrize(
    "name, normal, label",
    [
        ("AMAZON COM INC", "amazon", "Amazon"),
        ("Facebook, Inc.", "facebook", "Facebook"),
        ("NVIDIA CORP", "nvidia", "Nvidia"),
        ("MICROSOFT CORPORATION", "microsoft", "Microsoft"),
        ("Apple Inc.", "apple", "Apple"),
    ],
)
def test_filer_names(name, normal, label):
    assert normalise_name(name) == normal
    assert clean_label(name) == label


@pytest.mark.parametrize("content, message", [("{not json", "not JSON"), ('{"a": 1}', "companyfacts")])
def test_bad_files_are_named(tmp_path, content, message):
    p = tmp_path / "bad.json"
    p.write_text(content)
    with pytest.raises(LoadError, match=message) as exc:
        read_companyfacts(p)
    assert "bad.json" in str(exc.value)


@needs_shared
def test_cli_import_sec_is_idempotent(tmp_path, capsys):
    from bot.cli import main

    store = str(tmp_path / "store")
    files = [str(p) for p in sorted(SHARED.glob("*.json"))]
    assert main(["--store", store, "export", "--format", "nquads", "-o", str(tmp_path / "before.nq")]) == 0
    assert main(["--store", store, "import-sec", *files]) == 0
    out, err = capsys.readouterr()
    assert "nothing changed" in out and "Nvidia: " in err and "restated value(s)" in err
    assert main(["--store", store, "export", "--format", "nquads", "-o", str(tmp_path / "after.nq")]) == 0
    before, after = (sorted((tmp_path / n).read_bytes().splitlines()) for n in ("before.nq", "after.nq"))
    assert before == after
