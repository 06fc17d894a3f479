"""The HTTP service: one FastAPI app for /ask, SPARQL, REST resources and the graph store."""

from .app import create_app

__all__ = ["create_app"]
