"""The store: an Oxigraph dataset that only ever holds valid data.

Stated facts live in the default graph (or the named graphs a TriG/N-Quads file
names); derived facts live in their own named graph, rewritten after every change.
Every load parses and validates all of its files before one atomic commit: a file
that fails leaves the store exactly as it was.

A large load into an on-disk store (more than ``_BULK_STATED`` quads: an import, not
an edit) is written with Oxigraph's bulk loader, several times faster than one
transaction but not atomic by itself. So the store is first checkpointed beside itself
(``STORE.loading``: hard links to its files, made at once), and the checkpoint is
dropped once the load is on disk; a store opened for writing with a checkpoint beside
it (the load was interrupted) is put back as the checkpoint has it. While such a load
runs, other readers of the store may see it in part.
"""

from __future__ import annotations

import functools
import gc
import itertools
import logging
import shutil
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox
import rdflib

from . import incremental, knowledge_cache
from .errors import KGError, LoadError, StoreBusy, ValidationFailed, VocabularyRequired
from .knowledge import Knowledge, read_knowledge
from .namespaces import DERIVED_GRAPH, KG, ONTOLOGY_GRAPH, PREFIXES, RDF, VOCABULARY_GRAPHS
from .rdfio import format_for, parse_bytes, parse_file, serialize
from .reasoning import Derivations, derive, derived_quads
from .removals import left_behind
from .resources import ontology_files
from .vocabulary import digest_quad, in_shipped_graph, lost_terms, shipped_digest, stored_digest

__all__ = ["KnowledgeStore", "LoadReport"]

log = logging.getLogger(__name__)

_DERIVED = ox.NamedNode(DERIVED_GRAPH)
#: the content, knowledge and derivations of a freshly seeded store, by what it was seeded from
_SEEDED: dict[tuple[object, ...], tuple[list[ox.Quad], Knowledge, Derivations, frozenset[ox.Quad]]] = {}
#: loads of more stated quads than this are written with the bulk loader, behind a checkpoint
_BULK_STATED = 100_000
#: more derived quads than this are written with the bulk loader
_BULK_DERIVED = 50_000
#: more derived quads than this are not kept in memory between refreshes
_KEEP_DERIVED = 200_000
#: stores up to this many observations are compacted before their knowledge is cached (quick there)
_COMPACT_UP_TO = 20_000
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_CONTEXT_PREDICATES = {str(RDF.type), str(KG.startDate), str(KG.endDate), str(KG.unit), str(KG.additive)}

_F = TypeVar("_F", bound=Callable[..., Any])


def no_collection(method: _F) -> _F:
    """Run ``method`` with the cyclic garbage collector off. A load, a validation or a refresh
    makes millions of objects that stay alive; each full collection they set off rescans all
    of them, which at 10^5 observations made reading and reasoning 20-40 % slower. What they
    leave as garbage is reference-counted away or collected once they are done."""

    @functools.wraps(method)
    def run(*args: object, **kwargs: object) -> object:
        if not gc.isenabled():
            return method(*args, **kwargs)
        gc.disable()
        try:
            return method(*args, **kwargs)
        finally:
            gc.enable()

    return run  # type: ignore[return-value]


@dataclass
class LoadReport:
    files: list[str]
    quads: int
    added: int
    derived: int
    conflicts: int
    violations: list[object] = field(default_factory=list)


class KnowledgeStore:
    """An Oxigraph store with validation on write and reasoning after every change.

    ``KnowledgeStore()`` is in memory; ``KnowledgeStore(path)`` is persistent and is
    seeded from the shipped ontology, seed facts and filings the first time it is opened
    (``filings=False``: without the filings).
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        seed: bool = True,
        validate: bool = True,
        read_only: bool = False,
        filings: bool = True,
        backend: ox.Store | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        before = knowledge_cache.fingerprint(self.path) if self.path is not None and backend is None else None
        if backend is not None:  # e.g. a SPARQL server (kg.remote)
            self.store = backend
        elif self.path is not None:
            self.store = _open(self.path, read_only)
        else:
            self.store = ox.Store()
        self.validate_on_load = validate
        self._lock = threading.RLock()
        self.generation = 0
        self._knowledge: Knowledge | None = None
        self._derivations: Derivations | None = None
        self._derived: set[ox.Quad] | None = None
        self._saving: threading.Thread | None = None
        if seed and self.is_empty() and not read_only:
            self._seed(filings)
        elif seed and not read_only and stored_digest(self.store) != shipped_digest():
            self._upgrade_vocabulary()
        elif not self._from_cache(before):
            self.refresh()

    # ------------------------------------------------------------ state
    def is_empty(self) -> bool:
        return next(iter(self.store.quads_for_pattern(None, None, None)), None) is None

    @property
    def knowledge(self) -> Knowledge:
        assert self._knowledge is not None
        return self._knowledge

    @property
    def derivations(self) -> Derivations:
        assert self._derivations is not None
        return self._derivations

    def __len__(self) -> int:
        return len(self.store)

    def close(self) -> None:
        if self._saving is not None:
            self._saving.join()
        self.store.flush()
        del self.store

    def _from_cache(self, before: knowledge_cache.Fingerprint | None) -> bool:
        """Take the knowledge and derivations kept beside the store the last time, if its
        files show that nothing changed since (:mod:`kg.knowledge_cache`)."""
        if before is None or self.path is None:
            return False
        after = knowledge_cache.fingerprint(self.path)
        if after is None or (after != before if self.read_only else after.tables != before.tables):
            return False
        cached = knowledge_cache.load(self.path, before, read_only=self.read_only)
        if cached is None:
            if self.read_only:  # the files did not change while this process read them
                self.refresh()
                knowledge_cache.save(self.path, before, self.knowledge, self.derivations)
                return True
            return False
        self._knowledge, self._derivations = cached
        settle()
        self.generation = self._knowledge.generation = 1
        return True

    def _keep(self) -> None:
        """After a writer's refresh: flush, and keep what it computed for the next open.

        The flush and the fingerprint happen here, under the writers' lock, so that the
        files show exactly the data the knowledge was computed from; the pickling happens
        in a thread, which holds neither the store nor its lock (a process that drops the
        store releases it at once)."""
        if self.path is None or self.read_only:
            return
        self.store.flush()
        # the table files are the fingerprint: compact now, or a compaction the flush sets off
        # renames them a moment later and the next open finds the cache stale. Only for stores of
        # a size where compacting is quick: at 10^5 observations it would add seconds to every commit
        optimize = getattr(self.store, "optimize", None)
        if optimize is not None and len(self.knowledge.observations) <= _COMPACT_UP_TO:
            optimize()
        found = knowledge_cache.fingerprint(self.path)
        if found is None:
            return
        path, k, d = self.path, self.knowledge, self.derivations
        previous = self._saving

        def save() -> None:
            if previous is not None:
                previous.join()
            knowledge_cache.save(path, found, k, d)

        # not a daemon: the interpreter waits for it, so a short-lived process keeps it too
        self._saving = threading.Thread(target=save, name="kgbot-knowledge-cache")
        self._saving.start()

    def _seed(self, filings: bool) -> None:
        """The shipped ontology and seed facts (validated), then the shipped filings.

        The filings are the importer's output for the shipped companyfacts documents; they
        are validated by the test suite rather than on every start (it would take seconds).
        """
        from .filings import shipped_filings_quads

        files = ontology_files()
        key = (filings, self.validate_on_load, tuple((str(p), p.stat().st_mtime_ns) for p in files))
        cached = _SEEDED.get(key)
        if cached is not None:  # the same seed, read and reasoned over once per process
            quads, self._knowledge, self._derivations, derived = cached
            self.store.extend(quads)
            self._derived, self.generation = set(derived), self._knowledge.generation
            self._keep()
            return
        quads = self.parse(files)
        if self.validate_on_load:
            violations = self.check(quads)
            if violations:
                raise ValidationFailed(violations, "the shipped ontology")
        self.store.extend([*quads, digest_quad(shipped_digest())])
        if filings:
            self.store.extend(shipped_filings_quads(read_knowledge(self.store)))
        self.refresh()
        assert self._derived is not None
        _SEEDED[key] = (list(self.store), self.knowledge, self.derivations, frozenset(self._derived))

    def _upgrade_vocabulary(self) -> None:
        """Bring a store seeded by another release up to the vocabulary this one ships.

        The shipped graphs (ontology, organisations, seed facts) are replaced whole, in one
        validated transaction; every other graph, the filings and what users loaded, is
        kept. When the data no longer validates against the new vocabulary the store keeps
        the one it has, and says so."""
        graphs: dict[str, list[ox.Quad]] = {g: [] for g in VOCABULARY_GRAPHS}
        for q in self.parse(ontology_files()):
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in graphs:
                graphs[q.graph_name.value].append(q)
        graphs[ONTOLOGY_GRAPH].append(digest_quad(shipped_digest()))
        where = self.path or "the store"
        try:
            self.replace_graphs(graphs, source="the shipped ontology")
        except ValidationFailed as e:
            log.warning("%s keeps the vocabulary it was seeded with: the new one does not validate (%s)", where, e)
            self.refresh()
        else:
            log.warning("%s: the shipped ontology, organisations and seed facts were brought up to date", where)

    # ------------------------------------------------------------ loading
    @no_collection
    def parse(self, paths: Sequence[str | Path], fmt: str | None = None) -> list[ox.Quad]:
        quads: list[ox.Quad] = []
        for p in paths:
            parsed = parse_file(p, format_for(fmt, path=p) if fmt else None)
            quads.extend(in_shipped_graph(p, _check_graph_names(parsed, str(p))))
        return quads

    def load_files(self, paths: Sequence[str | Path], fmt: str | None = None) -> LoadReport:
        """Parse, validate and commit files together, or raise and change nothing."""
        names = [str(p) for p in paths]
        quads = self.parse(paths, fmt)
        return self.commit(quads, source=", ".join(names) or "nothing", files=names)

    @no_collection
    def load_data(
        self,
        data: bytes | str,
        fmt: str | None = None,
        *,
        media_type: str | None = None,
        source: str = "data",
        graph: str | None = None,
    ) -> LoadReport:
        """Parse and commit one document given as bytes (HTTP uploads)."""
        quads = _check_graph_names(
            parse_bytes(
                data, format_for(fmt, media_type=media_type, path=None if fmt or media_type else source), source
            ),
            source,
        )
        if graph is not None:
            g = ox.NamedNode(graph)
            quads = [ox.Quad(q.subject, q.predicate, q.object, g) for q in quads]
        return self.commit(quads, source=source, files=[source])

    @no_collection
    def commit(self, quads: list[ox.Quad], *, source: str = "data", files: list[str] | None = None) -> LoadReport:
        self._writable()
        with self._lock:
            if self.validate_on_load:
                violations = self.check(quads)
                if violations:
                    raise ValidationFailed(violations, source)
            new = incremental.new_observation_nodes(self.store, quads) if self._knowledge is not None else None
            if new is not None:  # a few new observations: counted, stored, and reasoned over in part
                added = sum(1 for q in dict.fromkeys(quads) if q not in self.store)
                self.store.extend(quads)
                if not self._add_observations(new):
                    self.refresh()
            else:
                before = len(self.store)
                self.add_stated(quads)
                added = len(self.store) - before
                self.refresh()
            return LoadReport(
                files or [source], len(quads), added, len(self.derivations.derived), len(self.derivations.conflicts)
            )

    def add_stated(self, quads: Sequence[ox.Quad]) -> None:
        """Write validated quads: in one transaction, or, when they are many and the store is
        on disk, with the bulk loader behind a checkpoint that a crash rolls back to."""
        if self.path is None or len(quads) <= _BULK_STATED or not isinstance(self.store, ox.Store):
            self.store.extend(quads)
            return
        before = _checkpoint(self.path)
        taking = before.with_name(before.name + ".tmp")
        shutil.rmtree(taking, ignore_errors=True)
        self.store.backup(str(taking))
        taking.rename(before)  # from here on, an interrupted load is undone at the next open
        try:
            self._bulk_extend(self.store, quads)
            self.store.flush()
        except BaseException as exc:
            traceback.clear_frames(exc.__traceback__)  # they hold the store too
            old = self.store
            self.store = ox.Store()  # let go of the store, then open it as it was
            del old
            self.store = _open(self.path, False)
            raise
        done = before.with_name(before.name + ".done")
        before.rename(done)
        shutil.rmtree(done, ignore_errors=True)

    @staticmethod
    def _bulk_extend(store: ox.Store, quads: Sequence[ox.Quad]) -> None:
        store.bulk_extend(quads)

    @no_collection
    def check(
        self, quads: Sequence[ox.Quad], *, replacing: ox.NamedNode | ox.DefaultGraph | None = None
    ) -> list[object]:
        """SHACL violations the new quads would bring.

        The new statements are judged together with the vocabulary, what the store already
        says about the nodes they describe (so a second quote for a stored observation is
        an addition, not a broken observation), and the types and dates of the nodes they
        point to. Statements in ``replacing`` (the graph a PUT replaces) do not count.
        Only the nodes the new data describes are judged; stored ones were judged already.
        """
        from .screening import from_oxigraph
        from .validation import validate_terms, vocabulary_terms

        named, blank, literal = ox.NamedNode, ox.BlankNode, ox.Literal
        described: set[ox.NamedNode] = set()
        mentioned: set[ox.NamedNode] = set()
        new_blanks: set[ox.BlankNode] = set()
        verbatim: list[ox.Quad] = []
        typed: list[ox.Quad] = []
        for q in quads:
            subject, o = q.subject, q.object
            if type(subject) is named:
                described.add(subject)
            elif type(subject) is blank:
                new_blanks.add(subject)
            if type(o) is named:
                mentioned.add(o)
                verbatim.append(q)
            elif type(o) is literal and o.language is None and o.datatype.value != _XSD_STRING:
                typed.append(q)
            else:
                verbatim.append(q)
        # Oxigraph's canonical literal forms, so "80000000000.0" and "80000000000" are one value
        # (only typed literals have other forms: strings and IRIs go as they are)
        canon = ox.Store()
        canon.extend(ox.Quad(q.subject, q.predicate, q.object) for q in typed)
        del typed
        new_triples = dict.fromkeys(from_oxigraph(verbatim))  # once each, whatever graphs say them
        del verbatim
        new_triples.update(dict.fromkeys(from_oxigraph(canon.quads_for_pattern(None, None, None))))
        del canon
        context: list[ox.Quad] = []
        # (node, everything it says?) — described and blank nodes fully, the rest by type and dates
        stack: list[tuple[ox.NamedNode | ox.BlankNode, bool]] = [(n, True) for n in described]
        stack += [(n, False) for n in mentioned]
        seen: set[tuple[ox.NamedNode | ox.BlankNode, bool]] = set()
        while stack:
            node, full = stack.pop()
            if (node, full) in seen:
                continue
            seen.add((node, full))
            for q in self.store.quads_for_pattern(node, None, None):
                if q.graph_name == _DERIVED or (replacing is not None and q.graph_name == replacing):
                    continue
                if full or q.predicate.value in _CONTEXT_PREDICATES:
                    context.append(q)
                    if full and isinstance(q.object, ox.BlankNode):
                        stack.append((q.object, True))  # a stored relation's quantity references
                    elif full and isinstance(q.object, ox.NamedNode):
                        stack.append((q.object, False))
        # a statement may come twice (the data and the store say it): the screen counts
        # distinct values, and pyshacl reads the suspects' statements into a graph
        triples = itertools.chain(vocabulary_terms(), new_triples, from_oxigraph(context))
        judged = [n.value for n in described] + ["_:" + b.value for b in new_blanks]
        return [v for v in validate_terms(triples, among=judged) if v.severity == "Violation"]

    # ------------------------------------------------------------ graphs
    @no_collection
    def remove_graph(self, graph: str | None) -> None:
        """Remove a named graph (or clear the default graph when ``graph`` is None), if what
        it leaves is valid and still holds the vocabulary."""
        self._writable()
        with self._lock:
            self._check_removal(graph, [])
            if graph is None:
                self.store.clear_graph(ox.DefaultGraph())
            else:
                self.store.remove_graph(ox.NamedNode(graph))
            self.refresh()

    @no_collection
    def replace_graph(self, graph: str | None, quads: list[ox.Quad]) -> LoadReport:
        """Replace a graph's content with ``quads`` after validating them (Graph Store PUT)."""
        self._writable()
        with self._lock:
            target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
            quads = [ox.Quad(q.subject, q.predicate, q.object, target) for q in quads]
            digest = stored_digest(self.store)
            if graph == ONTOLOGY_GRAPH and digest is not None:  # still the release's vocabulary, as overridden
                quads.append(digest_quad(digest))
            self._check_removal(graph, quads)
            before = len(self.store)
            self._write_replacements({graph: quads})
            self.refresh()
            return LoadReport(
                [graph or "default"],
                len(quads),
                len(self.store) - before,
                len(self.derivations.derived),
                len(self.derivations.conflicts),
            )

    @no_collection
    def replace_graphs(self, graphs: dict[str, list[ox.Quad]], *, source: str = "data") -> LoadReport:
        """Replace several named graphs at once, each validated first: all or nothing."""
        self._writable()
        with self._lock:
            if self.validate_on_load:
                violations = [v for g, qs in graphs.items() for v in self.check(qs, replacing=ox.NamedNode(g))]
                if violations:
                    raise ValidationFailed(violations, source)
            before = len(self.store)
            self._write_replacements(dict(sorted(graphs.items())))
            self.refresh()
            n = sum(len(qs) for qs in graphs.values())
            return LoadReport(
                [source], n, len(self.store) - before, len(self.derivations.derived), len(self.derivations.conflicts)
            )

    def _write_replacements(self, graphs: dict[str | None, list[ox.Quad]]) -> None:
        """Empty each graph (None: the default graph) and fill it with its quads, in one
        SPARQL update: one transaction, so the old content is never lost alone."""
        steps = []
        for graph, quads in graphs.items():
            steps.append("CLEAR SILENT DEFAULT" if graph is None else f"CLEAR SILENT GRAPH <{graph}>")
            if quads:
                body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
                steps.append(
                    f"INSERT DATA {{ {body} }}" if graph is None else f"INSERT DATA {{ GRAPH <{graph}> {{ {body} }} }}"
                )
        if steps:
            self.store.update(" ;\n".join(steps))

    def _check_removal(self, graph: str | None, quads: list[ox.Quad]) -> None:
        """Raise unless emptying ``graph`` and adding ``quads`` leaves valid data and the vocabulary."""
        target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        lost = lost_terms(self.store, target, quads)
        if lost:
            raise VocabularyRequired(lost, graph or "default graph")
        if self.validate_on_load:
            violations = self.check([*quads, *left_behind(self.store, target)], replacing=target)
            if violations:
                raise ValidationFailed(violations, graph or "default graph")

    def _writable(self) -> None:
        if self.read_only:
            raise KGError(f"the store at {self.path} is open read-only (another process holds it); nothing was changed")

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    # ------------------------------------------------------------ reasoning
    @no_collection
    def refresh(self) -> None:
        """Re-read the stated facts, re-derive, and bring the derived graph up to date.

        The generation number changes last, so whoever sees a new generation also sees
        its derived graph.
        """
        with self._lock:
            gc.unfreeze()  # what the last snapshots left behind may be collected again
            knowledge = read_knowledge(self.store, self.generation + 1)
            derivations = derive(knowledge)
            if not self.read_only:
                self._materialise(knowledge, derivations)
            self._knowledge, self._derivations = knowledge, derivations
            self.generation += 1
            self._keep()
            settle()

    def _add_observations(self, iris: frozenset[str]) -> bool:
        """Bring knowledge, derivations and the derived graph up to date after new
        observations were stored, re-deriving only what they touch (:mod:`kg.incremental`);
        False when that needs a full :meth:`refresh`."""
        with self._lock:
            k, d = self.knowledge, self.derivations
            step = incremental.add_observations(self.store, k, d, iris, self.generation + 1)
            if step is None:
                return False
            if not self.read_only:
                part = step.redone
                now = step.derivations.derived
                old = Derivations(d.stated, {q: d.derived[q] for q in part if q in d.derived}, [], [])
                new = Derivations(step.derivations.stated, {q: now[q] for q in part if q in now}, [], [])
                before = set(derived_quads(k, old, DERIVED_GRAPH))
                after = set(derived_quads(step.knowledge, new, DERIVED_GRAPH))
                removed, added = before - after, after - before
                if removed:  # a node that derived quads outside the part still point to stays
                    graph = ox.NamedNode(DERIVED_GRAPH)
                    still = set()
                    for node in {q.subject for q in removed}:
                        if isinstance(node, ox.NamedNode) and any(
                            q not in removed for q in self.store.quads_for_pattern(None, None, node, graph)
                        ):
                            still.add(node)
                    removed = {q for q in removed if q.subject not in still}
                for q in removed:
                    self.store.remove(q)
                if added:
                    self.store.extend(added)
                if self._derived is not None:
                    self._derived -= removed
                    self._derived |= added
            self._knowledge, self._derivations = step.knowledge, step.derivations
            self.generation += 1
            self._keep()
            settle()
            return True

    def _materialise(self, knowledge: Knowledge, derivations: Derivations) -> None:
        """Bring the derived graph in line with ``derivations``."""
        # every derivation gives more than ten quads: a graph of this many is not kept in memory
        large = len(derivations.derived) * 10 > _KEEP_DERIVED
        self._write_derived(derived_quads(knowledge, derivations, DERIVED_GRAPH), large=large)

    def _write_derived(self, new: Iterable[ox.Quad], *, large: bool = False) -> None:
        """Write only what changed: one new fact rewrites a handful of quads, not the graph.

        ``large``: ``new`` is too large to keep in memory; when the graph it replaces is
        small (the first derivations after a large load), it is streamed into the bulk loader."""
        if self._derived is None:
            self._derived = set(self.store.quads_for_pattern(None, None, None, _DERIVED))
        bulk = getattr(self.store, "bulk_extend", None)  # an Oxigraph store has it
        if large and bulk is not None and len(self._derived) <= _BULK_DERIVED:
            if len(self._derived) > _BULK_DERIVED // 10:
                self.store.remove_graph(_DERIVED)
            else:
                for q in self._derived:
                    self.store.remove(q)
            self._derived = None  # read back when needed
            bulk(new)  # not atomic: see below
            return
        new = new if isinstance(new, set) else set(new)
        old = self._derived
        removed, added = (old - new, new - old) if old else (set(), new)
        if removed and len(removed) > len(old) // 2:
            self.store.remove_graph(_DERIVED)
            added = new
        else:
            for q in removed:
                self.store.remove(q)
        if added:
            if bulk is not None and len(added) > _BULK_DERIVED:
                # Many derived quads at once (after a large load): Oxigraph's bulk loader writes
                # them several times faster than one transaction. It is not atomic, which the
                # derived graph can afford: it is recomputed from the stated facts, and one left
                # half-written by a crash is completed by the next open's refresh (the store's
                # files changed, so no cached knowledge stands in for that refresh).
                bulk(added)
            else:
                self.store.extend(added)
        # kept to diff the next refresh against; a large one is read back when needed instead
        # (a quad costs about half a kilobyte here, and new observations do not need it)
        self._derived = new if len(new) <= _KEEP_DERIVED else None

    # ------------------------------------------------------------ export, stats
    def export(self, fmt: str = "turtle") -> bytes:
        rdf_format = format_for(fmt)
        if rdf_format.supports_datasets:
            return serialize(self.store.quads_for_pattern(None, None, None), rdf_format, PREFIXES)
        # one triple once, though several graphs state it (a period two companies report)
        triples = dict.fromkeys(
            q.triple for q in self.store.quads_for_pattern(None, None, None) if q.graph_name != _DERIVED
        )
        return serialize(iter(triples), rdf_format, PREFIXES)

    def stats(self) -> dict[str, int]:
        k = self.knowledge
        kinds: dict[str, int] = {}
        for e in k.entities.values():
            kinds[e.kind] = kinds.get(e.kind, 0) + 1
        return {
            "quads": len(self.store),
            "named_graphs": len(self.graph_names()),
            "observations": len(k.observations),
            "relations": len(k.relations),
            "claims": len(k.claims),
            "sources": len(k.sources),
            "entities": len(k.entities),
            "companies": kinds.get("company", 0),
            "groups": kinds.get("group", 0),
            "metrics": kinds.get("metric", 0),
            "derived": len(self.derivations.derived),
            "conflicts": len(self.derivations.conflicts),
        }


def settle() -> None:
    """A new snapshot lives long: take it, with all else alive now, out of the cyclic garbage
    collector's generations (``gc.freeze``). At 10^5 observations a snapshot is millions of
    objects, and a full collection scanning them cost about a second each time the
    allocations of a load or a question happened to set one off. What a snapshot replaces
    is freed by reference counting; a full refresh unfreezes first, so that cycles left
    behind can still be collected."""
    gc.freeze()


def _open(path: Path, read_only: bool) -> ox.Store:
    try:
        if read_only:
            return _open_read_only(path)
        path.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(path))
        # holding the store's lock shows that no load is under way: what one left is undone
        before = _checkpoint(path)
        if before.is_dir():
            del store
            _roll_back(path)
            store = ox.Store(str(path))
        for leftover in (before.with_name(before.name + ".tmp"), before.with_name(before.name + ".done")):
            if leftover.exists():
                shutil.rmtree(leftover, ignore_errors=True)
        return store
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise StoreBusy(f"the store at {path} is in use by another process") from None
        raise KGError(f"cannot open the store at {path}: {exc}") from None


def _checkpoint(path: Path) -> Path:
    """Where a large load keeps the store as it was before it (:meth:`KnowledgeStore.add_stated`)."""
    return path.with_name(path.name + ".loading")


def _roll_back(path: Path) -> None:
    """Put back the store at ``path`` as its checkpoint has it (a load was interrupted)."""
    before = _checkpoint(path)
    failed = path.with_name(path.name + ".failed")
    shutil.rmtree(failed, ignore_errors=True)
    path.rename(failed)
    before.rename(path)
    shutil.rmtree(failed, ignore_errors=True)


def _open_read_only(path: Path) -> ox.Store:
    """A read-only open beside a writer: the writer's background compaction may remove a
    table file between the moment the reader reads the list of files and the moment it
    opens them; the next try reads the new list."""
    for attempt in range(10):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            if "No such file" not in str(exc) or attempt == 9 or not path.is_dir():
                raise
            time.sleep(0.05)
    raise AssertionError("unreachable")


def _check_graph_names(quads: list[ox.Quad], source: str) -> list[ox.Quad]:
    for q in quads:
        if q.graph_name == _DERIVED:
            raise LoadError(source, f"the graph <{DERIVED_GRAPH}> is reserved for derived facts")
    return quads


_VOCAB: rdflib.Graph | None = None


def _vocabulary_graph() -> rdflib.Graph:
    """The shipped vocabulary (classes, schemes, organisations), parsed once."""
    global _VOCAB
    if _VOCAB is None:
        g = rdflib.Graph()
        for path in ontology_files():
            if path.parent.name != "data":
                g.parse(path, format="turtle")
        _VOCAB = g
    return _VOCAB


def _to_rdflib(term: object) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")
