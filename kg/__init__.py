"""The knowledge layer: store, validation, periods, reasoning and analytics.

Knows nothing of questions, language or Slack; ``bot`` depends on it, never the reverse.

- :mod:`kg.store` — :class:`~kg.store.KnowledgeStore`, an Oxigraph dataset that only holds valid data
- :mod:`kg.knowledge` — the stated facts as Python objects
- :mod:`kg.reasoning` — equations over quantities, derived values, conflicts, explanations
- :mod:`kg.analytics` — changes, CAGR, shares and the like, with their formulas
- :mod:`kg.periods`, :mod:`kg.values`, :mod:`kg.format` — periods, qualified values, numbers as text
- :mod:`kg.validation`, :mod:`kg.rdfio`, :mod:`kg.sparql`, :mod:`kg.sec` — shapes, parsing, safe queries, SEC import
- :mod:`kg.vocabulary`, :mod:`kg.removals` — the shipped vocabulary's graphs and what a removal leaves behind
"""
