"""The lexicon: every name the graph gives a thing, matched in question text.

Built from the graph's labels only (prefLabel, altLabel, hiddenLabel, tickers, predicate
labels), with light normalisation (case, punctuation, possessives, plurals) and
conservative fuzzy matching for typos: a misspelt known name is found, an unknown
name is never turned into a known one.

>>> from kg.knowledge import Entity, Knowledge
>>> k = Knowledge(entities={"e:meta": Entity("e:meta", "Meta", "company", tickers=("META",))})
>>> [(m.iri, m.text) for m in Lexicon(k).find("What did Meta's capex look like?")]
[('e:meta', "Meta's")]
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from kg.knowledge import Knowledge

from .grammar_words import GRAMMAR_WORDS

__all__ = ["Lexicon", "Mention", "Token", "normalise", "tokenize"]

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.&'’-][A-Za-z0-9]+)*")


_KG_NS = "https://kgbot.dev/ns#"

_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b", re.IGNORECASE)


def normalise(text: str) -> str:
    """Lower-case, fold accents and quotes, drop possessives and punctuation."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _POSSESSIVE.sub("", text).replace("’", "'")
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(text.split())


#: Forms of one word that labels and questions use interchangeably ("datacenter spend" / "... spending",
#: "server rev" / "server revenue").
_SAME_WORD = {
    "spending": "spend", "spent": "spend", "spendings": "spend",
    # analysts' abbreviations of a word inside longer names ("global server rev", "AI infra spend")
    "rev": "revenue", "revs": "revenue", "mkt": "market", "mkts": "market", "infra": "infrastructure",
}  # fmt: skip


#: Everyday words one slip from a name or label ("caveats apply" is no Apple, "meat" no Meta): never
#: read as the name
_NEVER_FUZZY = frozenset({
    "apply", "applies", "applied", "ample", "meat", "meats", "mesa", "beta", "metal", "media", "sever", "serve",
    "served", "serves", "caper", "capes", "revenge", "goggle", "goggles", "oracles", "notes", "noted", "amazing",
    "deep", "open", "opens", "model", "models", "modest", "train", "trains", "infer", "infers", "shares", "chips",
    "abs", "absolute", "add", "adds", "added", "uplift", "scale", "scales", "scaled", "stake", "stakes", "cells",
    "draw", "draws", "drawn", "drama", "dream", "dreams", "piece", "pieces",
    # English words one slip from a label ("good" / GOOG, "slide" / slice, "send" / spend, "form" / firm)
    "good", "goods", "slide", "slides", "send", "sends", "form", "forms", "derive", "derives", "measured",
    "indicate", "indicates", "invested", "analysis", "accelerated", "accelerate", "accelerating", "intensive",
    "trailling", "trailng", "mega", "mega-caps", "megacaps",
})  # fmt: skip


def _word_by_word(words: list[str], key: tuple[str, ...]) -> bool:
    """A misspelt name is misspelt word by word: each unknown word is a near twin of its own word,
    and long enough to be one ('capx' for 'capex'; never 'aws' for 'ai')."""
    for w, k in zip(words, key, strict=True):
        if w == k:
            continue
        if len(w) < 4 or OSA.distance(w, k) > (1 if len(k) <= 7 else 2):
            return False
    return True


def _singular(word: str) -> str:
    word = _SAME_WORD.get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _key(tokens: list[str]) -> tuple[str, ...]:
    return tuple(_singular(t) for t in tokens)


@dataclass(frozen=True)
class Token:
    text: str
    norm: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        core = _POSSESSIVE.sub("", raw)
        end = m.start() + len(core)
        norm = normalise(core)
        if not norm:
            continue
        pieces = norm.split()
        if len(pieces) == 1:
            out.append(Token(core, pieces[0], m.start(), end))
        else:  # "data-centre" -> data, centre; keep spans approximate but inside the token
            pos = m.start()
            for piece in pieces:
                idx = text.lower().find(piece, pos, end)
                idx = pos if idx < 0 else idx
                out.append(Token(text[idx : idx + len(piece)], piece, idx, idx + len(piece)))
                pos = idx + len(piece)
    return out


@dataclass(frozen=True)
class Mention:
    iri: str
    kind: str
    start: int  # token index
    end: int  # token index, exclusive
    text: str
    score: float  # 1.0 exact, lower for fuzzy
    via: str  # label | alt | ticker | hidden | fuzzy


class Lexicon:
    """Names of the graph's entities and predicates, indexed for matching."""

    def __init__(self, k: Knowledge) -> None:
        self.knowledge = k
        self.index: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
        self.case_sensitive: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.kinds: dict[str, str] = {}
        for e in k.entities.values():
            self.kinds[e.iri] = e.kind
            for name, via in [
                (e.label, "label"),
                *((a, "alt") for a in e.alt_labels),
                *((t, "ticker") for t in e.tickers),
                *((h, "hidden") for h in e.hidden_labels),
            ]:
                self._add(name, e.iri, via)
        for iri, names in k.class_names.items():
            if iri.startswith(_KG_NS):
                self.kinds[iri] = "class"
                for i, name in enumerate(names):
                    self._add(name, iri, "label" if i == 0 else "alt")
        used = {c.predicate for c in k.claims}
        for iri in used:
            self.kinds[iri] = "predicate"
            for i, name in enumerate(k.predicate_names.get(iri, ())):
                self._add(name, iri, "label" if i == 0 else "alt")
        self.max_len = max((len(key) for key in self.index), default=1)
        #: the dollar figures the article states in whole billions ("371" in "371 vs META FY25 capex")
        self.stated_billions = {
            o.value.value
            for o in k.observations
            if not o.from_filing and o.value.unit == "USD" and (o.value.value / 1e9).is_integer()
        }
        by_len: dict[int, list[tuple[str, ...]]] = defaultdict(list)
        for key, entries in self.index.items():
            # typos are forgiven in names, not in the short verbs of relations ("load" is no "lead")
            if any(self.kinds.get(iri) != "predicate" for iri, _ in entries):
                by_len[len(key)].append(key)
        self._by_len = dict(by_len)
        self._joined = {n: [" ".join(key) for key in keys] for n, keys in by_len.items()}
        #: every word of every label: a word outside it may be a misspelling of one
        self._words = frozenset(w for key in self.index for w in key)
        self.label_words = self._words | frozenset(k.lower() for k in self.case_sensitive)

    def _add(self, name: str, iri: str, via: str) -> None:
        tokens = normalise(name).split()
        if not tokens:
            return
        compact = re.sub(r"[^A-Za-z0-9]", "", name)
        # short all-caps names (MS, BI, FB) only match when written in capitals
        if len(compact) <= 3 and compact.isupper() and len(tokens) == 1 and via != "label":
            self.case_sensitive[compact].append((iri, via))
            return
        entry = (iri, via)
        key = _key(tokens)
        if entry not in self.index[key]:
            self.index[key].append(entry)

    # ------------------------------------------------------------ matching
    def weak_metric(self, tokens: list[Token]) -> str | None:
        """A metric named only by a common word ("spend", "spent"): used when nothing better is named."""
        for t in tokens:
            for iri, _via in self.index.get((_singular(t.norm),), ()):
                if self.kinds.get(iri) == "metric" and t.norm in GRAMMAR_WORDS:
                    return iri
        return None

    def find(self, text: str, tokens: list[Token] | None = None, *, fuzzy: bool = True) -> list[Mention]:
        """Non-overlapping mentions, longest first, exact before fuzzy."""
        toks = tokens if tokens is not None else tokenize(text)
        norms = [_singular(t.norm) for t in toks]
        taken = [False] * len(toks)
        found: list[Mention] = []
        for n in range(min(self.max_len, len(toks)), 0, -1):
            for i in range(0, len(toks) - n + 1):
                if any(taken[i : i + n]):
                    continue
                key = tuple(norms[i : i + n])
                entries = self.index.get(key)
                if not entries and n == 1 and toks[i].text in self.case_sensitive:
                    entries = self.case_sensitive[toks[i].text]
                if not entries and fuzzy and n in (2, 3) and not any(t.norm in GRAMMAR_WORDS for t in toks[i : i + n]):
                    # "AI capx": a misspelt word inside a longer name is matched as part of that name
                    # before any shorter exact name ("AI") takes its words
                    hit = self._fuzzy_span(norms[i : i + n])
                    if hit is not None:
                        found.extend(self._fuzzy_mentions(text, toks, i, n, hit))
                        for j in range(i, i + n):
                            taken[j] = True
                    continue
                if not entries:
                    continue
                if (
                    n == 1
                    and toks[i].norm in GRAMMAR_WORDS
                    and entries[0][1] in ("alt", "hidden")
                    and self.kinds.get(entries[0][0]) != "predicate"  # "need", "say": relation verbs
                ):
                    continue
                span_text = text[toks[i].start : toks[i + n - 1].end]
                for iri, via in self._dedupe(entries):
                    found.append(Mention(iri, self.kinds.get(iri, ""), i, i + n, span_text, 1.0, via))
                for j in range(i, i + n):
                    taken[j] = True
        if fuzzy:
            found.extend(self._fuzzy(text, toks, norms, taken))
        found.sort(key=lambda m: (m.start, -m.score))
        return found

    @staticmethod
    def _dedupe(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
        best: dict[str, str] = {}
        rank = {"label": 0, "ticker": 1, "alt": 2, "hidden": 3}
        for iri, via in entries:
            if iri not in best or rank[via] < rank[best[iri]]:
                best[iri] = via
        return list(best.items())

    def _fuzzy_mentions(
        self, text: str, toks: list[Token], i: int, n: int, hit: tuple[int, tuple[str, ...]]
    ) -> list[Mention]:
        span_text = text[toks[i].start : toks[i + n - 1].end]
        score = 0.9 - 0.1 * hit[0]
        return [
            Mention(iri, self.kinds.get(iri, ""), i, i + n, span_text, score, "fuzzy")
            for iri, _via in self._dedupe(self.index[hit[1]])
        ]

    def _fuzzy_span(self, words: list[str]) -> tuple[int, tuple[str, ...]] | None:
        """A multi-word name within edit distance of ``words``, when some word is no label's word."""
        if all(w in self._words for w in words) or any(w in GRAMMAR_WORDS or w.isdigit() for w in words):
            return None
        query = " ".join(words)
        if len(query) < 5:
            return None
        limit = 1 if len(query) <= 7 else 2
        best: tuple[int, tuple[str, ...]] | None = None
        for key, cand in zip(self._by_len.get(len(words), []), self._joined.get(len(words), []), strict=True):
            if cand[0] != query[0] or abs(len(cand) - len(query)) > limit:
                continue
            d = OSA.distance(query, cand, score_cutoff=limit)
            if d <= limit and (best is None or d < best[0]) and _word_by_word(words, key):
                best = (d, key)
        return best

    def _fuzzy(self, text: str, toks: list[Token], norms: list[str], taken: list[bool]) -> list[Mention]:
        out: list[Mention] = []
        for n in (2, 1):
            keys = self._by_len.get(n, [])
            joined = self._joined.get(n, [])
            for i in range(0, len(toks) - n + 1):
                if any(taken[i : i + n]):
                    continue
                words = norms[i : i + n]
                if any(w in GRAMMAR_WORDS or w.isdigit() or w in _NEVER_FUZZY for w in words):
                    continue
                query = " ".join(words)
                if len(query) < 4:
                    continue
                limit = 1 if len(query) <= 7 else 2
                best: tuple[int, tuple[str, ...]] | None = None
                for key, cand in zip(keys, joined, strict=True):
                    if cand[0] != query[0] or abs(len(cand) - len(query)) > limit:
                        continue
                    d = OSA.distance(query, cand, score_cutoff=limit)
                    if d <= limit and (best is None or d < best[0]):
                        best = (d, key)
                if best is None:
                    continue
                out.extend(self._fuzzy_mentions(text, toks, i, n, best))
                for j in range(i, i + n):
                    taken[j] = True
        return out
