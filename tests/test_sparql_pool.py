"""kg.sparql: the query checker and the pool of killable query workers."""

from __future__ import annotations

import json
import os
import time

import pytest

from kg.errors import QueryOutOfMemory, QueryRejected, QueryTimeout
from kg.sparql import QueryPool, UpdateRejected, check_query
from kg.store import KnowledgeStore

CROSS_JOIN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: Sorting every row of a three-way cross join: memory grows until something stops it.
SORTED_CROSS_JOIN = "SELECT * {?a ?b ?c . ?d ?e ?f . ?g ?h ?i} ORDER BY ?a ?d ?g LIMIT 1"


# ---------------------------------------------------------------- check_query


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("ask {}", "ASK"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://example.org/x>", "DESCRIBE"),
    ],
)
def test_forms(query: str, form: str) -> None:
    info = check_query(query)
    assert info.form == form
    assert not info.has_service


def test_dataset_clauses_are_resolved_against_prefixes_and_base() -> None:
    info = check_query(
        "PREFIX g: <http://example.org/g/> SELECT * FROM g:one FROM NAMED <two> WHERE { ?s ?p ?o }",
        base_iri="http://example.org/base/",
    )
    assert info.from_graphs == ("http://example.org/g/one",)
    assert info.from_named == ("http://example.org/base/two",)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { sErViCe   <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?x ?y ?z OPTIONAL { SERVICE SILENT ?endpoint { ?s ?p ?o } } }",
        "SELECT * {\n # a comment\n SERVICE\n # SERVICE in a comment\n <http://x/> { ?s ?p ?o }\n}",
        "ASK { { SELECT ?s WHERE { SERVICE <http://x/> { ?s ?p ?o } } } }",
        "CONSTRUCT { ?s ?p ?o } WHERE { FILTER EXISTS { SERVICE <http://x/> { ?s ?p ?o } } }",
        r"SELECT * WHERE { \u0053ERVICE <http://x/> { ?s ?p ?o } }",
    ],
)
def test_service_is_found_however_it_is_written(query: str) -> None:
    assert check_query(query).has_service


def test_service_in_a_string_or_a_name_is_not_a_service() -> None:
    info = check_query(
        'PREFIX ex: <http://ex/> SELECT ?service WHERE { ?service ex:SERVICE "SERVICE <http://x/> { }" }'
    )
    assert not info.has_service


def test_escapes_cannot_hide_a_service_from_one_parser() -> None:
    # Oxigraph reads \u0022 as a quote inside the string; SPARQL (and rdflib) expand it
    # first, ending the string. The checker expands once and runs the expanded text.
    sneaky = r'SELECT * WHERE { ?s ?p "\u0022 . SERVICE <http://x/> { ?a ?b ?c } #" }'
    try:
        info = check_query(sneaky)
    except QueryRejected:
        return
    assert "\\u" not in info.text
    assert info.has_service or "SERVICE" not in info.text


def test_updates_are_told_apart() -> None:
    for update in (
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "CLEAR ALL",
        "DROP GRAPH <http://x/>",
    ):
        with pytest.raises(UpdateRejected, match="read-only"):
            check_query(update)


def test_syntax_errors_carry_the_parsers_message() -> None:
    with pytest.raises(QueryRejected, match="syntax error") as exc:
        check_query("SELECT * WHERE { ?s ?p ")
    assert "line:1" in str(exc.value)
    with pytest.raises(QueryRejected, match="empty"):
        check_query("  ")


def test_oversized_and_overnested_queries_are_refused_cleanly() -> None:
    with pytest.raises(QueryRejected, match="longer than"):
        check_query("ASK {}" + " " * 100_000)
    nested = "SELECT * WHERE { FILTER(" + "(" * 200 + "1" + ")" * 200 + ") }"
    with pytest.raises(QueryRejected, match="nested too deeply"):
        check_query(nested)


# ---------------------------------------------------------------- the pool


@pytest.fixture(scope="module")
def pool_store() -> KnowledgeStore:
    return KnowledgeStore()


@pytest.fixture
def pool(pool_store: KnowledgeStore):  # type: ignore[no-untyped-def]
    with QueryPool(pool_store, workers=2, timeout=2.0, max_rows=50) as p:
        yield p


def test_select_ask_construct(pool: QueryPool) -> None:
    r = pool.run("SELECT ?s WHERE { ?s a <https://kgbot.dev/ns#Company> }")
    doc = json.loads(r.body)
    assert r.media_type == "application/sparql-results+json"
    assert {b["s"]["value"] for b in doc["results"]["bindings"]} >= {
        "https://kgbot.dev/id/org/meta",
        "https://kgbot.dev/id/org/alphabet",
    }
    r = pool.run("ASK { <https://kgbot.dev/id/org/meta> ?p ?o }", media_type="application/sparql-results+xml")
    assert b"<boolean>true</boolean>" in r.body
    r = pool.run("CONSTRUCT WHERE { <https://kgbot.dev/id/org/meta> ?p ?o }", media_type="application/n-triples")
    assert r.body.count(b"\n") == r.count and r.count > 3


def test_rows_are_cut_at_max_rows(pool: QueryPool) -> None:
    r = pool.run("SELECT * WHERE { ?s ?p ?o }", media_type="text/csv")
    assert r.truncated and r.count == 50
    assert r.body.count(b"\r\n") == 51  # the header and 50 rows
    r = pool.run("SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    assert not r.truncated and r.count == 5


def test_service_is_refused_and_unknown_graphs_are_empty(pool: QueryPool) -> None:
    with pytest.raises(QueryRejected, match="SERVICE"):
        pool.run("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    r = pool.run("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    assert json.loads(r.body)["results"]["bindings"] == [] and r.unknown_graphs == ("file:///etc/passwd",)
    r = pool.run("ASK { GRAPH ?g { ?s ?p ?o } }", named_graphs=["http://127.0.0.1:9/g"])
    assert b"false" in r.body and r.unknown_graphs == ("http://127.0.0.1:9/g",)
    r = pool.run("ASK { ?s ?p ?o }", default_graphs=["https://kgbot.dev/graph/derived"])
    assert b"true" in r.body and r.unknown_graphs == ()


def test_a_query_past_its_time_limit_is_killed(pool: QueryPool) -> None:
    before = set(pool.pids())
    start = time.monotonic()
    with pytest.raises(QueryTimeout, match="longer than 2 s"):
        pool.run(CROSS_JOIN_COUNT)
    assert time.monotonic() - start < 10
    after = set(pool.pids())
    killed = before - after
    assert len(killed) == 1 and len(after) == 2
    (pid,) = killed
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert b"true" in pool.run("ASK { ?s ?p ?o }").body  # the fresh worker answers


def test_a_query_past_its_memory_cap_is_stopped_and_its_worker_replaced(pool_store: KnowledgeStore) -> None:
    # a long time limit, so that only the memory cap can stop the query
    with QueryPool(pool_store, workers=2, timeout=60.0, memory_limit=256 << 20) as pool:
        assert b"true" in pool.run("ASK { ?s ?p ?o }").body
        before = set(pool.pids())
        start = time.monotonic()
        with pytest.raises(QueryOutOfMemory, match="256 MiB"):
            pool.run(SORTED_CROSS_JOIN)
        assert time.monotonic() - start < 30
        after = set(pool.pids())
        assert len(before - after) == 1 and len(after) == 2
        assert pool.out_of_memory == 1 and pool.timeouts == 0
        for _ in range(3):  # both workers answer, the fresh one included
            assert b"true" in pool.run("ASK { ?s ?p ?o }").body


def test_workers_reload_when_the_store_changes(pool_store: KnowledgeStore) -> None:
    with QueryPool(pool_store, workers=1, timeout=5.0) as pool:
        probe = "ASK { <http://example.org/new> ?p ?o }"
        assert b"false" in pool.run(probe).body
        pool_store.load_data(
            b'<http://example.org/new> <http://example.org/p> "x" .', "ntriples", graph="http://example.org/g"
        )
        try:
            assert (
                b"true"
                in pool.run(probe, named_graphs=["http://example.org/g"], default_graphs=["http://example.org/g"]).body
            )
        finally:
            pool_store.remove_graph("http://example.org/g")
        assert b"false" in pool.run(probe).body


def test_a_closed_pool_refuses(pool_store: KnowledgeStore) -> None:
    pool = QueryPool(pool_store, workers=1)
    pool.run("ASK {}")
    pool.close()
    assert pool.pids() == []
    with pytest.raises(QueryRejected, match="shutting down"):
        pool.run("ASK {}")


def test_snapshots_no_worker_uses_are_removed(pool_store: KnowledgeStore) -> None:
    graph = "http://example.org/snapshots"
    with QueryPool(pool_store, workers=1, timeout=5.0) as pool:
        try:
            for i in range(4):
                pool_store.load_data(
                    f'<http://example.org/s{i}> <http://example.org/p> "{i}" .', "ntriples", graph=graph
                )
                assert b"true" in pool.run(f"ASK {{ GRAPH ?g {{ <http://example.org/s{i}> ?p ?o }} }}").body
            root = pool._snapshots._root
            assert root is not None and len(list(root.iterdir())) == 1  # only the one the worker has open
        finally:
            pool_store.remove_graph(graph)
    assert not root.exists()


def test_a_small_snapshot_queried_in_memory_answers_as_the_store_on_disk(pool_store: KnowledgeStore, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Small snapshots are queried from a copy in memory: every query gives what the read-only
    store on disk gives, the default graph merged the same way."""
    import pyoxigraph as ox

    from kg._sparql_pool import stated_graphs
    from kg._sparql_worker import _execute, in_memory, store_is_large

    disk_path = tmp_path / "snapshot"
    disk = ox.Store(str(disk_path))
    disk.extend(list(pool_store.store))
    disk.flush()
    del disk
    disk = ox.Store.read_only(str(disk_path))
    assert not store_is_large(disk)
    copy = in_memory(disk)
    options = {
        "media_type": "application/sparql-results+json",
        "max_rows": 100000,
        "form": "SELECT",
        "default_union": stated_graphs(pool_store.graph_names()),
    }
    queries = [
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
        "SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY ?type",
        "SELECT ?o ?v WHERE { ?o <https://kgbot.dev/ns#value> ?v } ORDER BY ?o ?v",
    ]
    for query in queries:
        assert _execute(disk, query, options) == _execute(copy, query, options), query
    count = json.loads(_execute(copy, queries[0], options)[0])
    assert int(count["results"]["bindings"][0]["n"]["value"]) > 1000  # there is data to compare
