"""Filing vintages: which filed figures may be added or subtracted together.

Filings restate: a later filing may give a period a new value, or report it under another
XBRL tag that counts differently. Reasoning adds and subtracts filed figures (a quarter is
the year less nine months), so it asks two questions of an equation first:

- :func:`same_basis` — were its filed figures reported under a common tag? If not, it is
  not built at all (Amazon's 2016 capex under the broader tag against its quarters under
  the old one);
- :func:`restatement_gap` — does it mix a restated figure with figures last filed before
  that restatement? Then it is used only when nothing else gives the value, and what it
  gives is approximate by the size of the restatement.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .knowledge import Knowledge, Observation, Quantity

if TYPE_CHECKING:
    from .reasoning import Equation

__all__ = ["restatement_gap", "same_basis"]


def same_basis(k: Knowledge, quantities: Iterable[Quantity]) -> bool:
    """False when filed figures among ``quantities`` were reported under different XBRL tags.

    A company that changes tags may change what it counts (Amazon's 2016 capex is 6.737B
    as purchases of property and equipment, 7.804B as purchases of productive assets), so
    adding or subtracting figures of the two tags would mix definitions.
    """
    common: set[str] | None = None
    for q in quantities:
        for obs in k.by_quantity.get(q, ())[:1]:
            if obs.concepts:
                common = set(obs.concepts) if common is None else common & set(obs.concepts)
    return common is None or bool(common)


def restatement_gap(k: Knowledge, eq: Equation) -> float | None:
    """How far a restatement may throw ``eq`` off, when it mixes filing vintages; else None.

    An equation mixes vintages when one of its filed figures was restated and another was
    last filed before that restatement (Alphabet's 2014 capex was restated in 2017; its
    nine months to September 2014 never were): Q4 = FY - 9M would combine two bases.
    """
    filed = [obs[0] for q in eq.quantities if (obs := k.by_quantity.get(q)) and obs[0].from_filing]
    restated = [o for o in filed if o.restated_from]
    if not restated:
        return None

    def dates(o: Observation) -> list[str]:
        return [s.date for i in o.sources if (s := k.sources.get(i)) is not None and s.date]

    since = max(min(dates(o), default="") for o in restated)
    if not any(not o.restated_from and max(dates(o), default="") < since for o in filed):
        return None
    return max(abs(o.value.value - r.value.value) for o in restated for r in o.restated_from)
