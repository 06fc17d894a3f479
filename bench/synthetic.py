"""A synthetic knowledge graph in the kgbot schema, for benchmarks.

Companies x metrics x quarters of two years (2024, 2025): one ``qb:Observation`` per
(company, metric, quarter), each with a unit, a dated period, a value in base units, a
status, a source and a quoted sentence. For every third series a ``kg:ChangeRelation``
states the growth from the 2024 total to the 2025 total (consistent with the quarters,
rounded to 0.1 percentage point, so reasoning checks it without conflicts). The data
passes the shipped SHACL shapes when validated with the shipped vocabulary.

Deterministic for a given N and seed::

    python bench/synthetic.py 10000 /tmp/synthetic.nt      # N-Triples
    python bench/synthetic.py 10000 /tmp/synthetic.ttl     # Turtle
"""

from __future__ import annotations

import argparse
import math
import random
from collections.abc import Iterator
from pathlib import Path

__all__ = ["METRICS", "QUARTERS", "generate", "write"]

KG = "https://kgbot.dev/ns#"
SYN = "https://kgbot.dev/id/synthetic/"
METRIC = "https://kgbot.dev/id/metric/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
XSD = "http://www.w3.org/2001/XMLSchema#"
QB_OBS = "http://purl.org/linked-data/cube#Observation"
UNIT = "http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure"
STATUS = "http://purl.org/linked-data/sdmx/2009/attribute#obsStatus"
REPORTED = "http://purl.org/linked-data/sdmx/2009/code#obsStatus-A"
FORECAST = "http://purl.org/linked-data/sdmx/2009/code#obsStatus-F"
DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
TITLE = "http://purl.org/dc/terms/title"

#: Additive USD metrics of the shipped vocabulary (so sh:class kg:Metric holds).
METRICS = ("capex", "ai-capex", "dc-compute-spending", "revenue")
#: (label, slug, start, end) of the eight quarters.
QUARTERS = tuple(
    (f"Q{q} {y}", f"{y}-Q{q}", f"{y}-{3 * q - 2:02d}-01", f"{y}-{3 * q:02d}-{(31 if q in (1, 4) else 30):02d}")
    for y in (2024, 2025)
    for q in (1, 2, 3, 4)
)
_NAMES = (
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Vandelay",
    "Stark",
    "Wayne",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Wonka",
    "Gringotts",
    "Oscorp",
    "Massive",
)


def _iri(x: str) -> str:
    return f"<{x}>"


def _lit(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def _money(x: float) -> str:
    return f"${x / 1e9:,.2f} billion"


def generate(n: int, seed: int = 7) -> Iterator[tuple[str, str, str]]:
    """Triples (N-Triples terms) of a synthetic graph with ``n`` observations."""
    rng = random.Random(seed)
    per_company = len(METRICS) * len(QUARTERS)
    companies = max(1, math.ceil(n / per_company))
    t = _iri
    for label, slug, start, end in QUARTERS:
        p = t(f"{SYN}period/{slug}")
        yield p, t(RDF_TYPE), t(KG + "Quarter")
        yield p, t(RDFS_LABEL), _lit(label)
        yield p, t(KG + "startDate"), _lit(start, XSD + "date")
        yield p, t(KG + "endDate"), _lit(end, XSD + "date")
    made = 0
    relation = 0
    for c in range(companies):
        if made >= n:
            break
        name = f"{_NAMES[c % len(_NAMES)]} {c:06d}"
        company = t(f"{SYN}org/c{c:06d}")
        yield company, t(RDF_TYPE), t(KG + "Company")
        yield company, t(SKOS_PREF), _lit(name, lang="en")
        source = t(f"{SYN}source/c{c:06d}")
        yield source, t(RDF_TYPE), t(KG + "Source")
        yield source, t(TITLE), _lit(f"{name} annual report")
        for metric in METRICS:
            if made >= n:
                break
            base = rng.uniform(0.5e9, 20e9)
            growth = rng.uniform(-0.2, 0.8)
            totals = {2024: 0.0, 2025: 0.0}
            stated = {2024: 0, 2025: 0}
            for label, slug, _start, _end in QUARTERS:
                if made >= n:
                    break
                year = int(slug[:4])
                value = round(base * (1 + growth) ** (year - 2024) * rng.uniform(0.85, 1.15), -6)
                totals[year] += value
                stated[year] += 1
                obs = t(f"{SYN}obs/c{c:06d}-{metric}-{slug}")
                status = REPORTED if year == 2024 else FORECAST
                quote = f"{name} reported {metric.replace('-', ' ')} of {_money(value)} in {label}."
                yield obs, t(RDF_TYPE), t(QB_OBS)
                yield obs, t(KG + "subject"), company
                yield obs, t(KG + "metric"), t(METRIC + metric)
                yield obs, t(KG + "period"), t(f"{SYN}period/{slug}")
                yield obs, t(KG + "value"), _lit(f"{value:.1f}", XSD + "decimal")
                yield obs, t(UNIT), t(KG + "USD")
                yield obs, t(KG + "qualifier"), t(KG + "Exact")
                yield obs, t(STATUS), t(status)
                yield obs, t(DERIVED_FROM), source
                yield obs, t(KG + "quote"), _lit(quote)
                made += 1
            if relation % 3 == 0 and stated[2024] == 4 and stated[2025] == 4:
                yield from _growth(c, metric, company, source, name, totals)
            relation += 1


def _growth(
    c: int, metric: str, company: str, source: str, name: str, totals: dict[int, float]
) -> Iterator[tuple[str, str, str]]:
    t = _iri
    rate = round(totals[2025] / totals[2024] - 1, 3)
    rel = t(f"{SYN}rel/c{c:06d}-{metric}-2024-2025")
    yield rel, t(RDF_TYPE), t(KG + "ChangeRelation")
    for role, year in (("from", 2024), ("to", 2025)):
        ref = f"_:r{c}x{metric.replace('-', '')}x{role}"
        yield rel, t(KG + role), ref
        yield ref, t(RDF_TYPE), t(KG + "QuantityRef")
        yield ref, t(KG + "subject"), company
        yield ref, t(KG + "metric"), t(METRIC + metric)
        yield ref, t(KG + "period"), t(f"{SYN}period/{year}")
    for year in (2024, 2025):
        p = t(f"{SYN}period/{year}")
        yield p, t(RDF_TYPE), t(KG + "CalendarYear")
        yield p, t(RDFS_LABEL), _lit(str(year))
        yield p, t(KG + "startDate"), _lit(f"{year}-01-01", XSD + "date")
        yield p, t(KG + "endDate"), _lit(f"{year}-12-31", XSD + "date")
    yield rel, t(KG + "rate"), _lit(f"{rate:.3f}", XSD + "decimal")
    yield rel, t(KG + "qualifier"), t(KG + "Exact")
    yield rel, t(STATUS), t(FORECAST)
    yield rel, t(DERIVED_FROM), source
    yield (
        rel,
        t(KG + "quote"),
        _lit(f"{name} expects {metric.replace('-', ' ')} to change by {rate * 100:.1f}% from 2024 to 2025."),
    )


def write(n: int, path: str | Path, seed: int = 7) -> int:
    """Write the graph to ``path`` (N-Triples for .nt, Turtle for .ttl); return the triple count."""
    path = Path(path)
    seen: set[tuple[str, str, str]] = set()
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for triple in generate(n, seed):
            if triple in seen:  # the year periods repeat once per relation
                continue
            if triple[0].startswith("<" + SYN + "period/"):
                seen.add(triple)
            out.write(f"{triple[0]} {triple[1]} {triple[2]} .\n")
            count += 1
    if path.suffix == ".ttl":
        _to_turtle(path)
    return count


def _to_turtle(path: Path) -> None:
    """Rewrite an N-Triples file in place as Turtle with prefixes (N-Triples is valid Turtle;
    this only makes it shorter)."""
    import pyoxigraph as ox

    triples = list(ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES))
    prefixes = {
        "kg": KG,
        "m": METRIC,
        "xsd": XSD,
        "period": SYN + "period/",
        "org": SYN + "org/",
        "src": SYN + "source/",
        "obs": SYN + "obs/",
        "rel": SYN + "rel/",
        "qb": "http://purl.org/linked-data/cube#",
        "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
        "sdmx-code": "http://purl.org/linked-data/sdmx/2009/code#",
        "prov": "http://www.w3.org/ns/prov#",
        "dcterms": "http://purl.org/dc/terms/",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    }
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    assert data is not None
    path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of observations")
    parser.add_argument("out", help="output file: .nt (N-Triples) or .ttl (Turtle)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if Path(args.out).suffix not in (".nt", ".ttl"):
        parser.error("the output file must end in .nt or .ttl")
    count = write(args.n, args.out, args.seed)
    print(f"{args.out}: {args.n} observations, {count} triples")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
