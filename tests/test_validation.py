"""SHACL shapes (ontology/shapes.ttl) and kg.validation, on the real shipped files."""

from __future__ import annotations

import pytest
import rdflib

from kg.resources import ontology_dir, ontology_files, shapes_file
from kg.validation import Violation, is_valid, shapes_graph, validate

PREFIXES = """\
@prefix kg:      <https://kgbot.dev/ns#> .
@prefix e:       <https://kgbot.dev/id/org/> .
@prefix m:       <https://kgbot.dev/id/metric/> .
@prefix p:       <https://kgbot.dev/id/period/> .
@prefix src:     <https://kgbot.dev/id/source/> .
@prefix t:       <https://kgbot.dev/id/test/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix qb:      <http://purl.org/linked-data/cube#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix sdmx-code:      <http://purl.org/linked-data/sdmx/2009/code#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix schema:  <https://schema.org/> .
"""

T = "https://kgbot.dev/id/test/"

# One line per property, so that a case can drop exactly one of them.
OBSERVATION = """\
t:obs a qb:Observation ;
    kg:subject e:microsoft ;
    kg:metric m:capex ;
    kg:period p:2025 ;
    kg:value 80000000000.0 ;
    sdmx-attribute:unitMeasure kg:USD ;
    kg:qualifier kg:Approximately ;
    schema:maxValue 80000000000.0 ;
    sdmx-attribute:obsStatus sdmx-code:obsStatus-F ;
    prov:wasDerivedFrom src:ai-inference-shift-2025 ;
    kg:quote "Microsoft plans to spend about $80 billion on AI data centres in 2025." .
"""


def observation(*, without: str = "", replace: tuple[str, str] = ("", "")) -> str:
    """The valid observation above, with the line starting ``without`` dropped."""
    lines = OBSERVATION.splitlines()
    if without:
        lines = [ln for ln in lines if not ln.strip().startswith(without)]
    text = "\n".join(lines)
    return text.replace(*replace) if replace[0] else text


CASES = {
    "observation without unit": (
        observation(without="sdmx-attribute:unitMeasure"),
        T + "obs",
        "sdmx-attribute:unitMeasure",
    ),
    "observation without period": (observation(without="kg:period"), T + "obs", "kg:period"),
    "observation without value": (observation(without="kg:value"), T + "obs", "kg:value"),
    "observation without source": (observation(without="prov:wasDerivedFrom"), T + "obs", "prov:wasDerivedFrom"),
    "observation with a non-numeric value": (
        observation(replace=("kg:value 80000000000.0", 'kg:value "371 billion"')),
        T + "obs",
        "kg:value",
    ),
    "dated period without end date": (
        't:2026-Q1 a kg:Quarter ; rdfs:label "Q1 2026" ; kg:startDate "2026-01-01"^^xsd:date .',
        T + "2026-Q1",
        "kg:endDate",
    ),
    "change relation without kg:to": (
        """t:rel a kg:ChangeRelation ;
            kg:from [ a kg:QuantityRef ; kg:subject e:meta ; kg:metric m:ai-capex ;
                      kg:period p:2024-H1 ] ;
            kg:multiple 2.0 ;
            prov:wasDerivedFrom src:ai-inference-shift-2025 ;
            kg:quote "Meta doubled its AI capex." .""",
        T + "rel",
        "kg:to",
    ),
    "claim without quote": (
        """t:claim a kg:Claim ;
            kg:claimSubject e:openai ; kg:claimPredicate kg:builds ;
            kg:statement "OpenAI builds reasoning models." ;
            prov:wasDerivedFrom src:ai-inference-shift-2025 .""",
        T + "claim",
        "kg:quote",
    ),
}


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    """The union of every shipped vocabulary and seed file, parsed once."""
    graph = rdflib.Graph()
    for path in ontology_files():
        graph.parse(path, format="turtle")
    return graph


def with_data(ontology: rdflib.Graph, turtle: str) -> rdflib.Graph:
    """A fresh graph: the ontology as background plus ``turtle``."""
    graph = rdflib.Graph()
    graph += ontology
    graph.parse(data=PREFIXES + turtle, format="turtle")
    return graph


def test_ontology_files_are_found() -> None:
    names = [p.name for p in ontology_files()]
    assert names[:3] == ["entities.ttl", "kgbot.ttl", "vocabulary.ttl"]
    assert "seed-ai-inference-shift.ttl" in names
    assert "shapes.ttl" not in names
    assert shapes_file().is_file()
    assert shapes_file().parent == ontology_dir()


def test_shapes_graph_is_parsed_once() -> None:
    assert shapes_graph() is shapes_graph()
    assert len(shapes_graph()) > 0


def test_shipped_ontology_and_seed_are_valid(ontology: rdflib.Graph) -> None:
    violations = validate(ontology)
    assert violations == [], "\n".join(map(str, violations))


def test_a_valid_new_observation_passes(ontology: rdflib.Graph) -> None:
    violations = validate(with_data(ontology, observation()))
    assert violations == [], "\n".join(map(str, violations))
    assert is_valid(violations)


@pytest.mark.parametrize(("turtle", "focus", "path"), list(CASES.values()), ids=list(CASES))
def test_invalid_data_is_rejected_naming_node_and_property(
    ontology: rdflib.Graph, turtle: str, focus: str, path: str
) -> None:
    violations = validate(with_data(ontology, turtle))
    assert not is_valid(violations)
    matching = [v for v in violations if v.focus == focus and v.path == path and v.severity == "Violation"]
    assert matching, f"no violation on {focus} {path}; got:\n" + "\n".join(map(str, violations))
    # The message names the property it is about.
    assert any(path in v.message for v in matching)


def test_non_numeric_value_reports_the_value(ontology: rdflib.Graph) -> None:
    turtle, focus, _path = CASES["observation with a non-numeric value"]
    violations = validate(with_data(ontology, turtle))
    values = [v.value for v in violations if v.focus == focus and v.path == "kg:value" and v.severity == "Violation"]
    assert values == ["371 billion"]


def test_violation_str_is_one_line_with_focus_and_message(ontology: rdflib.Graph) -> None:
    violations = validate(with_data(ontology, observation(without="sdmx-attribute:unitMeasure")))
    assert violations
    for v in violations:
        text = str(v)
        assert "\n" not in text
        assert v.focus in text
        assert v.message in text
    v = Violation(
        focus="urn:x", path="kg:quote", message="needs a\nquote", severity="Violation", shape=None, value=None
    )
    assert str(v) == "urn:x: kg:quote: needs a quote"


def test_warnings_do_not_make_data_invalid(ontology: rdflib.Graph) -> None:
    # A value above its own upper bound is suspicious, not invalid.
    turtle = observation(replace=("schema:maxValue 80000000000.0", "schema:maxValue 1.0"))
    violations = validate(with_data(ontology, turtle))
    assert [v.severity for v in violations] == ["Warning"]
    assert violations[0].path == "kg:value"
    assert is_valid(violations)


def test_blank_nodes_are_named_as_blank_nodes(ontology: rdflib.Graph) -> None:
    turtle = """t:rel a kg:ChangeRelation ;
        kg:from [ a kg:QuantityRef ; kg:subject e:meta ; kg:metric m:ai-capex ] ;
        kg:to [ a kg:QuantityRef ; kg:subject e:meta ; kg:metric m:ai-capex ;
                kg:period p:2025-H1 ] ;
        prov:wasDerivedFrom src:ai-inference-shift-2025 ;
        kg:quote "q" ."""
    violations = validate(with_data(ontology, turtle))
    assert any(v.focus.startswith("_:") and v.path == "kg:period" for v in violations)
    assert any(v.focus == T + "rel" and v.path == "kg:from" for v in violations)


def test_complex_paths_are_written_compactly() -> None:
    shapes = rdflib.Graph().parse(
        data=PREFIXES
        + """
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        t:Shape a sh:NodeShape ; sh:targetClass kg:Claim ;
            sh:property [ sh:path ( kg:claimSubject [ sh:inversePath kg:member ] ) ;
                          sh:minCount 1 ] .
        """,
        format="turtle",
    )
    data = rdflib.Graph().parse(data=PREFIXES + "t:c a kg:Claim .", format="turtle")
    [v] = validate(data, shapes=shapes)
    assert v.path == "kg:claimSubject/^kg:member"
    assert v.focus == T + "c"
    assert v.message  # pyshacl's own message when the shape gives none
    assert v.shape == T + "Shape"
