"""kg.validation's screened validation gives exactly pyshacl's results.

Every case is a small document of each kind of node the shapes know, broken one line at
a time (a line dropped) or one value at a time (a value replaced), validated together
with the shipped vocabulary and seed both ways: screened (kg.validation.validate) and by
pyshacl over the whole graph. The two lists must be equal, messages, paths, values and
severities included.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from kg.resources import ontology_files
from kg.screening import Index, Lit, compile_shapes, from_oxigraph, suspects
from kg.validation import _pyshacl, shapes_graph, validate, validate_terms, vocabulary_terms

PREFIXES = """\
@prefix kg:      <https://kgbot.dev/ns#> .
@prefix e:       <https://kgbot.dev/id/org/> .
@prefix m:       <https://kgbot.dev/id/metric/> .
@prefix p:       <https://kgbot.dev/id/period/> .
@prefix src:     <https://kgbot.dev/id/source/> .
@prefix t:       <https://kgbot.dev/id/test/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix qb:      <http://purl.org/linked-data/cube#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix sdmx-code:      <http://purl.org/linked-data/sdmx/2009/code#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix schema:  <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix time:    <http://www.w3.org/2006/time#> .
"""

# One statement per line, so that a case can drop exactly one of them.
DOCUMENT = """\
t:obs a qb:Observation .
t:obs kg:subject e:microsoft .
t:obs kg:metric m:capex .
t:obs kg:period t:q1 .
t:obs kg:value 80000000000.0 .
t:obs sdmx-attribute:unitMeasure kg:USD .
t:obs kg:qualifier kg:Approximately .
t:obs schema:minValue 70000000000.0 .
t:obs schema:maxValue 80000000000.0 .
t:obs sdmx-attribute:obsStatus sdmx-code:obsStatus-F .
t:obs prov:wasDerivedFrom t:source .
t:obs kg:quote "Microsoft plans to spend about $80 billion." .
t:q1 a kg:Quarter .
t:q1 rdfs:label "Q1 2026" .
t:q1 kg:startDate "2026-01-01"^^xsd:date .
t:q1 kg:endDate "2026-03-31"^^xsd:date .
t:soon a kg:VaguePeriod .
t:soon rdfs:label "within a few years" .
t:soon kg:earliestYear 2027 .
t:source a kg:Source .
t:source dcterms:title "A test source" .
t:rel a kg:ChangeRelation .
t:rel kg:from _:from .
_:from a kg:QuantityRef .
_:from kg:subject e:meta .
_:from kg:metric m:ai-capex .
_:from kg:period p:2024-H1 .
t:rel kg:to _:to .
_:to a kg:QuantityRef .
_:to kg:subject e:meta .
_:to kg:metric m:ai-capex .
_:to kg:period p:2025-H1 .
t:rel kg:multiple 2.0 .
t:rel kg:qualifier kg:Exact .
t:rel sdmx-attribute:obsStatus sdmx-code:obsStatus-A .
t:rel prov:wasDerivedFrom t:source .
t:rel kg:quote "Meta doubled its AI capex." .
t:share a kg:ShareRelation .
t:share kg:part _:part .
_:part kg:subject e:meta .
_:part kg:metric m:ai-capex .
_:part kg:period t:q1 .
t:share kg:whole _:whole .
_:whole a kg:QuantityRef .
_:whole kg:subject e:meta .
_:whole kg:metric m:capex .
_:whole kg:period t:q1 .
t:share kg:share _:share .
_:share a kg:QuantityRef .
_:share kg:subject e:meta .
_:share kg:metric m:share .
_:share kg:period t:q1 .
t:share prov:wasDerivedFrom t:source .
t:share kg:quote "AI is most of Meta's capex." .
t:claim a kg:Claim .
t:claim kg:claimSubject e:openai .
t:claim kg:claimPredicate kg:builds .
t:claim kg:statement "OpenAI builds reasoning models." .
t:claim prov:wasDerivedFrom t:source .
t:claim kg:quote "OpenAI builds reasoning models." .
t:acme a kg:Company .
t:acme skos:prefLabel "Acme"@en .
t:acme kg:ticker "ACME" .
t:acme kg:fiscalYearEndMonth 9 .
t:acme kg:fiscalYearEndWeekday time:Saturday .
t:acme kg:fiscalExtraWeekQuarter 1 .
t:club a kg:PeerGroup .
t:club skos:prefLabel "The club"@en .
t:club kg:membershipComplete true .
"""

REPLACEMENTS = [
    ("kg:value 80000000000.0", 'kg:value "80 billion"'),
    ("kg:value 80000000000.0", 'kg:value "8e10"^^xsd:decimal'),
    ("kg:value 80000000000.0", 'kg:value "1.2.3"^^xsd:double'),
    ("kg:value 80000000000.0", "kg:value t:eighty"),
    ("kg:value 80000000000.0", "kg:value 8.0e10"),
    ("kg:value 80000000000.0", 'kg:value "80"^^xsd:float'),
    ("kg:value 80000000000.0", "kg:value 10"),
    ("schema:minValue 70000000000.0", "schema:minValue 90000000000.0"),
    ("schema:maxValue 80000000000.0", "schema:maxValue 1.0"),
    ("schema:maxValue 80000000000.0", 'schema:maxValue "lots"'),
    ("kg:metric m:capex", "kg:metric e:meta"),
    ("kg:metric m:capex", 'kg:metric "capex"'),
    ("kg:subject e:microsoft", 'kg:subject "Microsoft"'),
    ("kg:subject e:microsoft", "kg:subject _:someone"),
    ("kg:period t:q1", "kg:period t:nowhen"),
    ("kg:period t:q1", "kg:period m:capex"),
    ("unitMeasure kg:USD", "unitMeasure kg:Exact"),
    ("obsStatus sdmx-code:obsStatus-F", "obsStatus kg:Exact"),
    ("kg:qualifier kg:Approximately", "kg:qualifier kg:Roughly"),
    ("kg:qualifier kg:Exact", "kg:qualifier kg:Roughly"),
    ("prov:wasDerivedFrom t:source", 'prov:wasDerivedFrom "the web"'),
    ('kg:quote "Microsoft plans to spend about $80 billion."', 'kg:quote ""'),
    ('kg:quote "Microsoft plans to spend about $80 billion."', 'kg:quote "Microsoft plans ..."@en'),
    ('kg:quote "Microsoft plans to spend about $80 billion."', "kg:quote 42"),
    ('"2026-03-31"^^xsd:date', '"2025-12-31"^^xsd:date'),
    ('"2026-03-31"^^xsd:date', '"2026-02-30"^^xsd:date'),
    ('"2026-03-31"^^xsd:date', '"31 March 2026"'),
    ('"2026-01-01"^^xsd:date', '"2026-01-01T00:00:00"^^xsd:dateTime'),
    ("t:q1 a kg:Quarter", "t:q1 a kg:Period"),
    ("t:q1 a kg:Quarter", "t:q1 a kg:Thing"),
    ('t:soon rdfs:label "within a few years"', 't:soon rdfs:label ""'),
    ("kg:earliestYear 2027", 'kg:earliestYear "2027"'),
    ('dcterms:title "A test source"', 'dcterms:title ""'),
    ('dcterms:title "A test source"', "dcterms:title t:title"),
    ("kg:multiple 2.0", 'kg:multiple "double"'),
    ("_:from kg:period p:2024-H1", '_:from kg:period "H1 2024"'),
    ("_:to kg:metric m:ai-capex", "_:to kg:metric e:meta"),
    ("t:rel kg:to _:to", "t:rel kg:to t:elsewhere"),
    ("t:share kg:part _:part", "t:share kg:part t:q1"),
    ("kg:claimPredicate kg:builds", 'kg:claimPredicate "builds"'),
    ('kg:statement "OpenAI builds reasoning models."', 'kg:statement ""'),
    ('t:acme skos:prefLabel "Acme"@en', "t:acme skos:prefLabel t:acme-name"),
    ('kg:ticker "ACME"', 'kg:ticker ""'),
    ('kg:ticker "ACME"', 'kg:ticker "ACME"@en'),
    ("kg:fiscalYearEndMonth 9", "kg:fiscalYearEndMonth 13"),
    ("kg:fiscalYearEndMonth 9", "kg:fiscalYearEndMonth 0"),
    ("kg:fiscalYearEndMonth 9", 'kg:fiscalYearEndMonth "9"'),
    ("kg:fiscalYearEndWeekday time:Saturday", "kg:fiscalYearEndWeekday time:Caturday"),
    ("kg:fiscalExtraWeekQuarter 1", "kg:fiscalExtraWeekQuarter 5"),
    ("kg:membershipComplete true", 'kg:membershipComplete "yes"'),
]

ADDITIONS = [
    "t:obs kg:subject e:meta .",
    "t:obs kg:value 1.0 .",
    "t:obs schema:minValue 1.0 .",
    't:q1 kg:endDate "2026-06-30"^^xsd:date .',
    "t:soon kg:earliestYear 2028 .",
    't:acme skos:prefLabel "Acme Inc."@en .',
    't:acme skos:prefLabel "Acme Corp"@EN .',
    't:acme skos:prefLabel "Acme"@de .',
    "t:acme kg:fiscalYearEndMonth 10 .",
    "t:acme kg:fiscalYearEndWeekday time:Sunday .",
    "t:club kg:membershipComplete false .",
    "t:rel kg:rate 0.5 .",
    't:rel kg:difference "a lot" .',
    "t:rel kg:from _:to .",
    "t:share kg:whole _:part .",
    "t:claim kg:claimPredicate kg:leads .",
    "t:nowhere kg:period t:undated .",
    "t:undated rdfs:label 'someday' .",
    "t:MyQuarter rdfs:subClassOf kg:Quarter .\nt:q9 a t:MyQuarter .",
    'e:meta kg:ticker "" .',
    "t:orphan a kg:QuantityRef .",
    "t:thing a qb:Observation .",
]


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in ontology_files():
        graph.parse(path, format="turtle")
    return graph


def documents() -> dict[str, str]:
    lines = DOCUMENT.splitlines()
    docs = {"valid": DOCUMENT}
    for i, line in enumerate(lines):
        docs[f"without {line}"] = "\n".join(lines[:i] + lines[i + 1 :])
    for old, new in REPLACEMENTS:
        assert old in DOCUMENT, old
        docs[f"{old} -> {new}"] = DOCUMENT.replace(old, new, 1)
    for extra in ADDITIONS:
        docs[f"with {extra}"] = DOCUMENT + extra + "\n"
    return docs


DOCUMENTS = documents()


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_screened_validation_is_pyshacl(ontology: rdflib.Graph, name: str) -> None:
    graph = rdflib.Graph()
    graph += ontology
    graph.parse(data=PREFIXES + DOCUMENTS[name], format="turtle")
    expected = _pyshacl(graph, shapes_graph())
    assert validate(graph) == expected
    if name == "valid":
        assert expected == []


def test_the_screen_finds_no_suspects_in_the_shipped_data(ontology: rdflib.Graph) -> None:
    compiled = compile_shapes(shapes_graph())
    index = Index.of(((_t(s), str(p), _t(o)) for s, p, o in ontology), compiled)  # type: ignore[misc]
    assert suspects(index, compiled) == set()
    assert (
        len(
            suspects(
                Index.of(
                    [
                        (
                            "urn:o",
                            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                            "http://purl.org/linked-data/cube#Observation",
                        )
                    ],
                    compiled,
                ),
                compiled,
            )
        )
        == 1
    )


def test_validate_terms_judges_only_the_nodes_asked_about() -> None:
    obs = "http://purl.org/linked-data/cube#Observation"
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    triples = [("urn:a", rdf_type, obs), ("urn:b", rdf_type, obs)]
    assert {v.focus for v in validate_terms(triples)} == {"urn:a", "urn:b"}
    assert {v.focus for v in validate_terms(triples, among={"urn:b"})} == {"urn:b"}


def _t(node: rdflib.term.Node) -> str | Lit:
    if isinstance(node, rdflib.Literal):
        return Lit(str(node), str(node.datatype) if node.datatype else None, node.language)
    if isinstance(node, rdflib.BNode):
        return "_:" + str(node)
    return str(node)


def test_oxigraph_terms_validate_like_rdflib_ones() -> None:
    """The store's path: terms made from Oxigraph quads, judged like the parsed graph."""
    store = ox.Store()
    store.load(
        (PREFIXES + DOCUMENTS['kg:value 80000000000.0 -> kg:value "80 billion"']).encode(),
        format=ox.RdfFormat.TURTLE,
    )
    triples = [*vocabulary_terms(), *from_oxigraph(store.quads_for_pattern(None, None, None))]
    found = validate_terms(triples, among={"https://kgbot.dev/id/test/obs"})
    assert [(v.focus, v.path, v.value) for v in found if v.severity == "Violation"] == [
        ("https://kgbot.dev/id/test/obs", "kg:value", "80 billion")
    ]
    assert validate_terms(triples, among={"https://kgbot.dev/id/test/q1"}) == []
