"""What a removal leaves behind, so that it can be validated like an addition.

Emptying a graph can break nodes it does not hold whole: an observation whose value is in
one graph and whose type is in another, or a fact whose source loses its type. The nodes
to judge again are those the graph says something about, and those that point to them;
what they are judged on is what the other graphs still say.
"""

from __future__ import annotations

import pyoxigraph as ox

from .namespaces import DERIVED_GRAPH

__all__ = ["left_behind"]

_DERIVED = ox.NamedNode(DERIVED_GRAPH)


def left_behind(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
    """The statements of other graphs (the derived one aside) about the nodes that emptying
    ``graph`` touches: the subjects of its statements and whatever points to them."""
    removed = {q.subject for q in store.quads_for_pattern(None, None, None, graph)}
    touched: set[ox.NamedNode | ox.BlankNode | ox.Triple] = set()
    for node in removed:
        touched.add(node)
        if isinstance(node, ox.Triple):
            continue
        for q in store.quads_for_pattern(None, None, node):
            if q.graph_name != graph and q.graph_name != _DERIVED:
                touched.add(q.subject)
    return [
        q
        for node in touched
        for q in store.quads_for_pattern(node, None, None)
        if q.graph_name != graph and q.graph_name != _DERIVED
    ]
