"""IRIs of the vocabularies the knowledge graph uses, in one place."""

from __future__ import annotations

from rdflib import Namespace as _RdflibNamespace
from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD


class Namespace(_RdflibNamespace):
    """rdflib's Namespace, whose terms are made once: ``KG.value`` in a loop over a
    million statements would otherwise build and check a new IRI each time."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        if not name.startswith("__"):
            self.__dict__[name] = term  # found by normal attribute look-up from now on
        return term


__all__ = [
    "DCTERMS",
    "DERIVED_GRAPH",
    "ENTITIES_GRAPH",
    "KG",
    "ONTOLOGY_GRAPH",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "QB",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SDMX_ATTR",
    "SDMX_CODE",
    "SEED_GRAPH",
    "SKOS",
    "STATUS_CODES",
    "VOCABULARY_GRAPHS",
    "XSD",
    "C",
    "E",
    "M",
    "P",
]

KG = Namespace("https://kgbot.dev/ns#")
ID = Namespace("https://kgbot.dev/id/")
E = Namespace("https://kgbot.dev/id/org/")
M = Namespace("https://kgbot.dev/id/metric/")
C = Namespace("https://kgbot.dev/id/concept/")
P = Namespace("https://kgbot.dev/id/period/")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_ATTR = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
SDMX_CODE = Namespace("http://purl.org/linked-data/sdmx/2009/code#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")

#: The named graph that holds derived facts; never written by users.
DERIVED_GRAPH = "https://kgbot.dev/graph/derived"

#: The shipped vocabulary, in graphs of its own that the write API leaves alone unless told
#: otherwise: the ontology (classes, properties, concept schemes), the organisations, and
#: the seed facts. SPARQL queries see them as part of the default graph.
ONTOLOGY_GRAPH = "https://kgbot.dev/graph/ontology"
ENTITIES_GRAPH = "https://kgbot.dev/graph/entities"
SEED_GRAPH = "https://kgbot.dev/graph/seed"
VOCABULARY_GRAPHS = (ONTOLOGY_GRAPH, ENTITIES_GRAPH, SEED_GRAPH)

#: obsStatus code -> status word of the Answer contract.
STATUS_CODES = {
    str(SDMX_CODE["obsStatus-A"]): "reported",
    str(SDMX_CODE["obsStatus-E"]): "estimate",
    str(SDMX_CODE["obsStatus-F"]): "forecast",
    str(KG.Derived): "derived",
}

QUALIFIER_CODES = {
    str(KG.Exact): "exact",
    str(KG.Approximately): "approximately",
    str(KG.Nearly): "nearly",
    str(KG.AtLeast): "at_least",
    str(KG.AtMost): "at_most",
}

UNIT_CODES = {str(KG.USD): "USD", str(KG.Ratio): "ratio", str(KG.Multiple): "multiple"}

PREFIXES = {
    "kg": str(KG),
    "e": str(E),
    "m": str(M),
    "c": str(C),
    "p": str(P),
    "qb": str(QB),
    "sdmx-attribute": str(SDMX_ATTR),
    "sdmx-code": str(SDMX_CODE),
    "prov": str(PROV),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
}
