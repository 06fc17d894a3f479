"""The store: seeding, persistence, all-or-nothing loads, formats and export."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from seeded import ARTICLE_OBSERVATIONS, seeded_observations

import kg.store as store_module
from kg.errors import KGError, LoadError, ValidationFailed
from kg.namespaces import DERIVED_GRAPH, VOCABULARY_GRAPHS
from kg.store import KnowledgeStore

pytestmark = pytest.mark.backends

TEST = "https://kgbot.dev/id/test/"
DERIVED = f"<{DERIVED_GRAPH}>".encode()

ACME = """
t:acme a kg:Company ; skos:prefLabel "Acme Test Corp"@en ; kg:ticker "ACMETEST" .
"""


def _snapshot(ks: KnowledgeStore) -> bytes:
    """The whole dataset as sorted N-Quads lines: equal snapshots, equal stores."""
    return b"\n".join(sorted(ks.export("nquads").splitlines()))


def _acme_capex(core_obs: Callable[..., str], value: str = "12000000000.0") -> str:
    return ACME + core_obs("acme-capex-2025", "t:acme", "m:capex", "p:2025", value)


def _values_of(ks: KnowledgeStore, subject: str) -> list[float]:
    return sorted(o.value.value for o in ks.knowledge.observations if o.quantity.subject == subject)


# ---------------------------------------------------------------- seeding and persistence


def test_in_memory_store_seeds_itself() -> None:
    ks = KnowledgeStore()
    stats = ks.stats()
    assert stats["observations"] == seeded_observations()
    assert len([o for o in ks.knowledge.observations if not o.from_filing]) == ARTICLE_OBSERVATIONS
    assert stats["relations"] == 7
    assert stats["claims"] == 16
    filings = [s for s in ks.knowledge.sources.values() if s.form]
    assert stats["sources"] == 1 + len(filings) and filings
    assert stats["conflicts"] == 0
    assert stats["derived"] > 0
    assert stats["quads"] == len(ks) > 0
    sec = [g for g in ks.graph_names() if g.startswith("https://kgbot.dev/graph/sec/")]
    # the shipped files live in graphs of their own (one per company's filings); the default graph is the users'
    assert ks.graph_names() == sorted([DERIVED_GRAPH, *VOCABULARY_GRAPHS, *sec]) and len(sec) == 6
    assert next(iter(ks.store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None


def test_a_store_without_the_filings() -> None:
    ks = KnowledgeStore(filings=False)
    assert ks.stats()["observations"] == ARTICLE_OBSERVATIONS
    assert ks.graph_names() == sorted([DERIVED_GRAPH, *VOCABULARY_GRAPHS])


def test_unseeded_store_is_empty() -> None:
    ks = KnowledgeStore(seed=False)
    assert ks.is_empty()
    assert ks.stats()["observations"] == 0


def test_persistent_store_is_seeded_once(tmp_path: Path) -> None:
    path = tmp_path / "store"
    ks = KnowledgeStore(path)
    count, snapshot = len(ks), _snapshot(ks)
    assert ks.stats()["observations"] == seeded_observations()
    ks.close()
    del ks

    again = KnowledgeStore(path)
    assert len(again) == count, "reopening must not seed a second time"
    assert _snapshot(again) == snapshot
    assert again.stats()["observations"] == seeded_observations()
    again.close()


def test_a_store_seeded_by_an_earlier_release_gets_the_new_vocabulary_and_keeps_its_data(
    tmp_path: Path, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    from kg.namespaces import ONTOLOGY_GRAPH, SKOS
    from kg.vocabulary import shipped_digest, stored_digest

    path = tmp_path / "store"
    ks = KnowledgeStore(path)
    assert stored_digest(ks.store) == shipped_digest()
    ks.load_files([make_ttl("acme.ttl", _acme_capex(core_obs))])
    onto = ox.NamedNode(ONTOLOGY_GRAPH)
    alt = ox.NamedNode(str(SKOS.altLabel))
    kept = next(q for q in ks.store.quads_for_pattern(None, alt, None, onto))
    stale = ox.Quad(kept.subject, alt, ox.Literal("a label the old release had"), onto)
    # what an earlier release left: another vocabulary, and no digest or another one
    for q in list(ks.store.quads_for_pattern(onto, None, None, onto)):
        ks.store.remove(q)
    ks.store.remove(kept)
    ks.store.add(stale)
    observations = ks.stats()["observations"]
    ks.close()
    del ks

    again = KnowledgeStore(path)
    assert stored_digest(again.store) == shipped_digest()
    assert kept in again.store and stale not in again.store
    assert again.stats()["observations"] == observations
    assert _values_of(again, TEST + "acme") == [12e9]
    count = len(again)
    again.close()
    del again
    third = KnowledgeStore(path)
    assert len(third) == count, "a store that is up to date is left as it is"
    third.close()


def test_an_operators_rewrite_of_the_ontology_is_not_undone_at_the_next_open(tmp_path: Path) -> None:
    from kg.namespaces import ONTOLOGY_GRAPH, SKOS
    from kg.vocabulary import shipped_digest, stored_digest

    path = tmp_path / "store"
    ks = KnowledgeStore(path)
    onto = ox.NamedNode(ONTOLOGY_GRAPH)
    alt = ox.NamedNode(str(SKOS.altLabel))
    dropped = next(q for q in ks.store.quads_for_pattern(None, alt, None, onto))
    # the graph as an operator PUTs it: without the label, and knowing nothing of the digest
    rewritten = [q for q in ks.store.quads_for_pattern(None, None, None, onto) if q != dropped and q.subject != onto]
    ks.replace_graph(ONTOLOGY_GRAPH, rewritten)
    assert stored_digest(ks.store) == shipped_digest()
    ks.close()
    del ks
    again = KnowledgeStore(path)
    assert dropped not in again.store
    again.close()


def test_loaded_file_persists_across_reopen(
    tmp_path: Path, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    path = tmp_path / "store"
    ks = KnowledgeStore(path)
    report = ks.load_files([make_ttl("acme.ttl", _acme_capex(core_obs))])
    assert report.added > 0
    count = len(ks)
    ks.close()
    del ks

    again = KnowledgeStore(path)
    assert len(again) == count
    assert _values_of(again, TEST + "acme") == [12e9]
    assert again.knowledge.entities[TEST + "acme"].tickers == ("ACMETEST",)
    again.close()


def test_a_large_load_goes_through_the_bulk_loader_and_leaves_no_checkpoint(
    tmp_path: Path, make_ttl: Callable[..., Path], core_obs: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "_BULK_STATED", 5)
    path = tmp_path / "store"
    ks = KnowledgeStore(path, filings=False)
    report = ks.load_files([make_ttl("acme.ttl", _acme_capex(core_obs))])
    assert report.added > 5
    assert _values_of(ks, TEST + "acme") == [12e9]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("store")) == ["store"]
    ks.close()


def test_a_large_load_interrupted_is_undone_at_the_next_open(
    tmp_path: Path, make_ttl: Callable[..., Path], core_obs: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store"
    ks = KnowledgeStore(path, filings=False)
    count, snapshot = len(ks), _snapshot(ks)
    quads = ks.parse([make_ttl("acme.ttl", _acme_capex(core_obs))])
    monkeypatch.setattr(store_module, "_BULK_STATED", 5)

    class Crash(BaseException):
        pass

    rmtree = store_module.shutil.rmtree

    def crash(p: Path, *args: object, **kwargs: object) -> None:  # the process dies after the load wrote
        if str(p).endswith(".done"):
            raise Crash
        rmtree(p, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module.shutil, "rmtree", crash)
    with pytest.raises(Crash):
        ks.add_stated(quads)
    assert len(ks) == count + len(quads), "the bulk loader wrote"
    monkeypatch.undo()
    ks.close()
    del ks
    (path.with_name("store.loading.done")).rename(path.with_name("store.loading"))  # not yet marked done

    again = KnowledgeStore(path, filings=False)
    assert len(again) == count
    assert _snapshot(again) == snapshot
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("store")) == ["store"]
    again.close()


def test_a_bulk_load_that_fails_puts_the_store_back(
    tmp_path: Path, make_ttl: Callable[..., Path], core_obs: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store"
    ks = KnowledgeStore(path, filings=False)
    snapshot = _snapshot(ks)
    quads = ks.parse([make_ttl("acme.ttl", _acme_capex(core_obs))])
    monkeypatch.setattr(store_module, "_BULK_STATED", 5)

    def half(store: ox.Store, qs: list[ox.Quad]) -> None:
        store.extend(qs[: len(qs) // 2])
        raise OSError("disk full")

    monkeypatch.setattr(KnowledgeStore, "_bulk_extend", staticmethod(half))
    with pytest.raises(OSError, match="disk full"):
        ks.add_stated(quads)
    assert _snapshot(ks) == snapshot
    ks.close()


def test_a_large_derived_graph_is_streamed_into_the_bulk_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ks = KnowledgeStore(tmp_path / "store")
    snapshot = _snapshot(ks)
    assert DERIVED in snapshot
    ks.store.remove_graph(ox.NamedNode(DERIVED_GRAPH))
    ks._derived = set()
    monkeypatch.setattr(store_module, "_KEEP_DERIVED", 10)  # any derived graph counts as large
    ks.refresh()
    assert ks._derived is None, "a large one is not kept"
    assert _snapshot(ks) == snapshot
    ks.refresh()  # read back, and diffed
    assert _snapshot(ks) == snapshot
    ks.close()


# ---------------------------------------------------------------- failed loads change nothing


def test_bad_turtle_syntax_names_file_and_line(core_store: KnowledgeStore, tmp_path: Path) -> None:
    before = _snapshot(core_store)
    bad = tmp_path / "broken.ttl"
    bad.write_text('@prefix kg: <https://kgbot.dev/ns#> .\n\nkg:a kg:b kg:c .\nkg:a kg:b "unterminated .\n')
    with pytest.raises(LoadError) as info:
        core_store.load_files([bad])
    assert info.value.source == str(bad)
    assert info.value.line == 4
    assert str(info.value).startswith(f"{bad}:4:")
    assert _snapshot(core_store) == before


def test_unknown_prefix_is_a_load_error(core_store: KnowledgeStore, tmp_path: Path) -> None:
    before = _snapshot(core_store)
    bad = tmp_path / "prefix.ttl"
    bad.write_text("@prefix kg: <https://kgbot.dev/ns#> .\n\nkg:a kg:b nope:c .\n")
    with pytest.raises(LoadError) as info:
        core_store.load_files([bad])
    assert info.value.line == 3
    assert "nope" in str(info.value)
    assert str(bad) in str(info.value)
    assert _snapshot(core_store) == before


def test_observation_without_unit_is_rejected_naming_the_node(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path]
) -> None:
    before = _snapshot(core_store)
    path = make_ttl(
        "no-unit.ttl",
        """
t:no-unit a qb:Observation ;
    kg:subject e:meta ; kg:metric m:capex ; kg:period p:2025 ; kg:value 1.0 ;
    sdmx-attribute:obsStatus sdmx-code:obsStatus-A ; prov:wasDerivedFrom t:source ;
    kg:quote "Meta spent one dollar." .
""",
    )
    with pytest.raises(ValidationFailed) as info:
        core_store.load_files([path])
    violations = info.value.violations
    assert violations
    assert any(v.focus == TEST + "no-unit" and "unitMeasure" in (v.path or "") for v in violations)
    assert TEST + "no-unit" in str(info.value)
    assert str(path) in info.value.source
    assert _snapshot(core_store) == before


def test_wrong_datatype_is_rejected(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    before = _snapshot(core_store)
    path = make_ttl("abc.ttl", _acme_capex(core_obs, value='"abc"'))
    with pytest.raises(ValidationFailed) as info:
        core_store.load_files([path])
    assert any(v.focus == TEST + "acme-capex-2025" and "kg:value" in (v.path or "") for v in info.value.violations)
    assert _snapshot(core_store) == before


@pytest.mark.parametrize("failure", ["shacl", "syntax", "missing"])
def test_one_bad_file_among_good_ones_stores_nothing(
    failure: str,
    core_store: KnowledgeStore,
    make_ttl: Callable[..., Path],
    core_obs: Callable[..., str],
    tmp_path: Path,
) -> None:
    before = _snapshot(core_store)
    good1 = make_ttl("good1.ttl", _acme_capex(core_obs))
    good2 = make_ttl("good2.ttl", core_obs("acme-capex-2024", "t:acme", "m:capex", "p:2024", "9000000000.0"))
    if failure == "shacl":
        bad = make_ttl("bad.ttl", "t:bad a qb:Observation ; kg:subject t:acme .\n")
        expected: type[KGError] = ValidationFailed
    elif failure == "syntax":
        bad = make_ttl("bad.ttl", 't:bad a qb:Observation ; kg:value "unterminated .\n')
        expected = LoadError
    else:
        bad = tmp_path / "does-not-exist.ttl"
        expected = LoadError
    with pytest.raises(expected):
        core_store.load_files([good1, bad, good2])
    assert _snapshot(core_store) == before
    assert _values_of(core_store, TEST + "acme") == []
    # and the good files alone load fine
    core_store.load_files([good1, good2])
    assert _values_of(core_store, TEST + "acme") == [9e9, 12e9]


def test_missing_file(core_store: KnowledgeStore, tmp_path: Path) -> None:
    before = _snapshot(core_store)
    missing = tmp_path / "nowhere.ttl"
    with pytest.raises(LoadError) as info:
        core_store.load_files([missing])
    assert str(missing) in str(info.value)
    assert "no such file" in str(info.value)
    assert _snapshot(core_store) == before


def test_directory_is_not_a_file(core_store: KnowledgeStore, tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="not a regular file"):
        core_store.load_files([tmp_path])


def test_unsupported_suffix_and_format(core_store: KnowledgeStore, tmp_path: Path) -> None:
    before = _snapshot(core_store)
    csv = tmp_path / "figures.csv"
    csv.write_text("company,value\nacme,1\n")
    with pytest.raises(LoadError, match="suffix"):
        core_store.load_files([csv])
    with pytest.raises(LoadError, match="unsupported format"):
        core_store.load_files([csv], fmt="yaml")
    with pytest.raises(LoadError, match="unsupported media type"):
        core_store.load_data(b"a,b\n", media_type="text/csv")
    assert _snapshot(core_store) == before


def test_file_naming_the_derived_graph_is_refused(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    before = _snapshot(core_store)
    # TriG: prefixes and the source in the default graph, the figure in the reserved graph
    trig = make_ttl("sneaky.trig", f"GRAPH <{DERIVED_GRAPH}> {{\n{_acme_capex(core_obs)}}}\n")
    with pytest.raises(LoadError, match="reserved"):
        core_store.load_files([trig])
    with pytest.raises(LoadError, match="reserved"):
        core_store.load_data(trig.read_bytes(), "trig", source="upload.trig")
    assert _snapshot(core_store) == before


def test_failed_validation_through_load_data_changes_nothing(core_store: KnowledgeStore) -> None:
    before = _snapshot(core_store)
    data = "@prefix qb: <http://purl.org/linked-data/cube#> .\n<https://kgbot.dev/id/test/x> a qb:Observation .\n"
    with pytest.raises(ValidationFailed):
        core_store.load_data(data, "turtle", source="upload")
    assert _snapshot(core_store) == before


# ---------------------------------------------------------------- additions to stored nodes

SEED_OBS = "https://kgbot.dev/id/obs/seed/hyperscalers-dc-2025"
SEED_REL = "https://kgbot.dev/id/rel/seed/hyperscalers-dc-growth-2024-2025"


def test_a_second_quote_for_a_stored_observation_is_accepted(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path]
) -> None:
    path = make_ttl(
        "more-quotes.ttl",
        f"""
<{SEED_OBS}> kg:quote "Hyperscalers are expected to spend $371 billion in 2025." .
<{SEED_REL}> kg:quote "Spending rises 44% from 2024 to 2025." .
""",
        source=False,
    )
    core_store.load_files([path])
    [obs] = [o for o in core_store.knowledge.observations if o.iri == SEED_OBS]
    assert "Hyperscalers are expected to spend $371 billion in 2025." in obs.quotes
    [rel] = [r for r in core_store.knowledge.relations if r.iri == SEED_REL]
    assert len(rel.quotes) == 2


def test_a_second_value_for_a_stored_observation_is_rejected(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path]
) -> None:
    before = _snapshot(core_store)
    path = make_ttl("second-value.ttl", f"<{SEED_OBS}> kg:value 5.0 .\n", source=False)
    with pytest.raises(ValidationFailed) as info:
        core_store.load_files([path])
    assert SEED_OBS in {v.focus for v in info.value.violations}
    assert _snapshot(core_store) == before


def test_loading_the_same_file_twice_changes_nothing(
    core_store: KnowledgeStore, make_ttl: Callable[..., Path], core_obs: Callable[..., str]
) -> None:
    path = make_ttl("acme.ttl", _acme_capex(core_obs))
    core_store.load_files([path])
    snapshot = _snapshot(core_store)
    report = core_store.load_files([path])
    assert report.added == 0
    assert _snapshot(core_store) == snapshot


# ---------------------------------------------------------------- no network


def test_jsonld_with_remote_context_is_refused_without_connecting(core_store: KnowledgeStore, tmp_path: Path) -> None:
    before = _snapshot(core_store)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        doc = tmp_path / "remote.jsonld"
        doc.write_text(
            f'{{"@context": "http://127.0.0.1:{port}/context.jsonld",'
            ' "@id": "https://kgbot.dev/id/test/x", "name": "x"}'
        )
        with pytest.raises(LoadError) as info:
            core_store.load_files([doc])
        assert str(doc) in str(info.value)
        assert "context" in str(info.value).lower()
        with pytest.raises(LoadError):
            core_store.load_data(doc.read_bytes(), media_type="application/ld+json")
        with pytest.raises(TimeoutError):
            conn, _ = listener.accept()
            conn.close()
    assert _snapshot(core_store) == before


# ---------------------------------------------------------------- formats


@pytest.fixture
def acme_files(tmp_path: Path, make_ttl: Callable[..., Path], core_obs: Callable[..., str]) -> dict[str, Path]:
    """The same new observation as Turtle, N-Triples, N-Quads, TriG and JSON-LD."""
    turtle = make_ttl("acme.ttl", _acme_capex(core_obs))
    quads = list(ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE))
    named = ox.NamedNode(TEST + "graph/acme")
    in_graph = [ox.Quad(q.subject, q.predicate, q.object, named) for q in quads]
    out = {"turtle": turtle}
    for name, fmt, data in (
        ("ntriples", ox.RdfFormat.N_TRIPLES, [q.triple for q in quads]),
        ("nquads", ox.RdfFormat.N_QUADS, in_graph),
        ("trig", ox.RdfFormat.TRIG, in_graph),
        ("jsonld", ox.RdfFormat.JSON_LD, quads),
    ):
        path = tmp_path / f"acme.{fmt.file_extension}"
        path.write_bytes(ox.serialize(data, format=fmt))  # type: ignore[arg-type]
        out[name] = path
    return out


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "nquads", "trig", "jsonld"])
def test_every_format_loads_the_same_observation(fmt: str, acme_files: dict[str, Path]) -> None:
    ks = KnowledgeStore()
    report = ks.load_files([acme_files[fmt]])
    assert report.added > 0
    [obs] = [o for o in ks.knowledge.observations if o.quantity.subject == TEST + "acme"]
    assert obs.value.value == 12e9
    assert (obs.value.unit, obs.value.qualifier, obs.status) == ("USD", "exact", "reported")
    assert obs.quotes == ("The test company reported the figure.",)
    assert ks.knowledge.entities[TEST + "acme"].label == "Acme Test Corp"
    if fmt in ("nquads", "trig"):
        assert TEST + "graph/acme" in ks.graph_names()


def test_format_can_be_forced(acme_files: dict[str, Path], tmp_path: Path) -> None:
    odd = tmp_path / "acme.data"
    odd.write_bytes(acme_files["turtle"].read_bytes())
    ks = KnowledgeStore()
    ks.load_files([odd], "turtle")
    assert _values_of(ks, TEST + "acme") == [12e9]


def test_load_data_with_a_graph(acme_files: dict[str, Path]) -> None:
    ks = KnowledgeStore()
    ks.load_data(acme_files["turtle"].read_bytes(), "turtle", source="upload", graph=TEST + "graph/upload")
    assert TEST + "graph/upload" in ks.graph_names()
    assert _values_of(ks, TEST + "acme") == [12e9]
    ks.remove_graph(TEST + "graph/upload")
    assert _values_of(ks, TEST + "acme") == []


# ---------------------------------------------------------------- export


@pytest.mark.parametrize(
    ("fmt", "oxfmt", "has_derived"),
    [
        ("turtle", ox.RdfFormat.TURTLE, False),
        ("nquads", ox.RdfFormat.N_QUADS, True),
        ("trig", ox.RdfFormat.TRIG, True),
        ("jsonld", ox.RdfFormat.JSON_LD, True),
        ("ntriples", ox.RdfFormat.N_TRIPLES, False),
    ],
)
def test_export_round_trips(fmt: str, oxfmt: ox.RdfFormat, has_derived: bool, core_seed: KnowledgeStore) -> None:
    data = core_seed.export(fmt)
    reparsed = list(ox.parse(data, format=oxfmt))
    derived = ox.NamedNode(DERIVED_GRAPH)
    if has_derived:
        assert len(reparsed) == len(core_seed)
        assert any(q.graph_name == derived for q in reparsed)
        again = ox.Store()
        again.extend(reparsed)
        assert set(again.named_graphs()) == set(core_seed.store.named_graphs())
    else:
        stated = {q.triple for q in core_seed.store.quads_for_pattern(None, None, None) if q.graph_name != derived}
        assert len(reparsed) == len(stated)
        assert DERIVED not in data


def test_nquads_and_trig_name_the_derived_graph_turtle_does_not(core_seed: KnowledgeStore) -> None:
    assert DERIVED in core_seed.export("nquads")
    assert DERIVED in core_seed.export("trig")
    turtle = core_seed.export("turtle")
    assert DERIVED not in turtle
    assert b"kgbot.dev/id/derived/" not in turtle, "derived facts stay out of graph formats"


def test_exported_nquads_reload_into_an_equal_store(core_seed: KnowledgeStore, tmp_path: Path) -> None:
    stated = [
        q
        for q in ox.parse(core_seed.export("nquads"), format=ox.RdfFormat.N_QUADS)
        if q.graph_name != ox.NamedNode(DERIVED_GRAPH)
    ]
    path = tmp_path / "stated.nq"
    path.write_bytes(ox.serialize(stated, format=ox.RdfFormat.N_QUADS))
    ks = KnowledgeStore(seed=False)
    ks.load_files([path])
    assert len(ks) == len(core_seed)
    assert ks.stats() == core_seed.stats()


def test_export_of_an_unknown_format_fails(core_seed: KnowledgeStore) -> None:
    with pytest.raises(LoadError):
        core_seed.export("yaml")
