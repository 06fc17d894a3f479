"""What a seeded store holds, counted from the shipped files themselves."""

from __future__ import annotations

from functools import cache

from kg.filings import shipped_documents
from kg.sec import CONCEPTS

#: the article's stated figures (ontology/data)
ARTICLE_OBSERVATIONS = 12


@cache
def filed_observations() -> int:
    """One observation per company, metric and period the shipped filings report."""
    keys = set()
    for _, doc in shipped_documents():
        for concept, body in doc["facts"]["us-gaap"].items():
            for row in body["units"].get("USD", []):
                if "start" in row:
                    keys.add((int(doc["cik"]), CONCEPTS[concept], row["start"], row["end"]))
    return len(keys)


def seeded_observations() -> int:
    return ARTICLE_OBSERVATIONS + filed_observations()
