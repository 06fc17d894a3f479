"""The answering service: question text in, :class:`~bot.answer.Answer` out.

One :class:`Answerer` serves the CLI, HTTP and Slack. It keeps conversation context
per conversation id, and rebuilds its lexicon whenever the store's data changes.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import date

from kg.knowledge import Claim
from kg.store import KnowledgeStore

from .answer import Answer
from .reading.answering import facts_of, respond, sources
from .reading.answering.common import examples
from .reading.arithmetic_words import fractions_of_amounts
from .reading.claim_parts import combined, parts, quoted_line
from .reading.context import other_source, prior_to_last, with_context
from .reading.facts import Fact, Responder
from .reading.follow_ups import when_asked
from .reading.lexicon import Lexicon
from .reading.requests import plain_question
from .reading.spelling import corrected
from .reading.understand import Query, understand
from .state import State

__all__ = ["MAX_QUESTION_CHARS", "Answerer"]

#: Longer questions are refused rather than parsed.
MAX_QUESTION_CHARS = 2000

log = logging.getLogger(__name__)

#: How many answered questions a conversation remembers ("add all three up")
_RECENT = 6


@dataclass
class Context:
    """What a conversation has talked about so far."""

    query: Query | None = None
    facts: list[Fact] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    answer: Answer | None = None  # the last answer given, for "how did you get that?"
    earlier: Query | None = None  # the question before the last one
    recent: tuple[Query, ...] = ()  # the questions answered so far, newest last (a few)


class Answerer:
    def __init__(
        self,
        store: KnowledgeStore,
        *,
        today: date | None = None,
        max_conversations: int = 10000,
        shared: State | None = None,
        strict: bool | None = None,
    ) -> None:
        self.store = store
        # a question the reading cannot cope with is logged and answered with an apology; ``strict``
        # (tests; KGBOT_STRICT=1) lets the error through instead, so it is seen and fixed
        self.strict = os.environ.get("KGBOT_STRICT") == "1" if strict is None else strict
        self.shared = shared  # contexts kept where every serving process finds them
        self.fixed_today = today
        self.max_conversations = max_conversations
        self._contexts: OrderedDict[str, Context] = OrderedDict()
        self._lock = threading.Lock()
        self._generation = -1
        self._lexicon: Lexicon | None = None
        self._responder: Responder | None = None

    @property
    def today(self) -> date:
        return self.fixed_today or date.today()

    def _current(self) -> tuple[Lexicon, Responder]:
        with self._lock:
            if self._generation != self.store.generation or self._lexicon is None or self._responder is None:
                k, d = self.store.knowledge, self.store.derivations
                self._lexicon = Lexicon(k)
                self._responder = Responder(k, d)
                self._generation = self.store.generation
            return self._lexicon, self._responder

    def _context(self, conversation_id: str | None) -> Context:
        if conversation_id is None:
            return Context()
        if self.shared is not None:
            saved = self.shared.load(conversation_id)
            return saved if isinstance(saved, Context) else Context()
        with self._lock:
            ctx = self._contexts.get(conversation_id)
            if ctx is None:
                ctx = self._contexts[conversation_id] = Context()
                while len(self._contexts) > self.max_conversations:
                    self._contexts.popitem(last=False)
            else:
                self._contexts.move_to_end(conversation_id)
            return ctx

    def _offer_other_reading(self, lexicon: Lexicon, r: Responder, text: str, q: Query, answer: Answer) -> None:
        """Two readings with data, tied: say which one was taken and offer the other as a question."""
        alt = _runner_up(q)
        if alt is not None:
            other = respond(r, text, replace(q, intent=alt), [], [], None)
            taken, (offered, words) = _READINGS[q.intent][0], _READINGS[alt]
            check = "intent"
        elif q.measure is None and answer.measure in _OTHER_MEASURE:
            # "how much did X grow": percent or dollars (points or relative, for a share) is a tie of measures
            alt, taken, offered, words = _OTHER_MEASURE[answer.measure]
            other = respond(r, text, replace(q, measure=alt), [], [], None)
            check = "measure"
        else:
            return
        if not other.answered or (other.kind, other.value) == (answer.kind, answer.value):
            return
        suggestion = f"{text.rstrip(' ?.')} {words}?"
        if getattr(understand(suggestion, lexicon, today=self.today), check) != alt:
            return  # only offer a question that really reads the other way
        answer.text += f" (I read this as asking for {taken}; for {offered}, ask “{suggestion}”.)"
        answer.suggestions.insert(0, suggestion)

    def ask(self, question: str, conversation_id: str | None = None) -> Answer:
        """Answer one question; ``conversation_id`` carries follow-up context."""
        try:
            return self._ask(question, conversation_id)
        except Exception:
            if self.strict:
                raise
            log.exception("could not answer %r", str(question)[:200])
            return Answer(
                question=str(question)[:MAX_QUESTION_CHARS],
                answered=False,
                kind="not_understood",
                text="I could not read that question (the error has been logged). Try asking it another way, "
                "for example “what was Meta's capex in 2024?”.",
            )

    def _ask(self, question: str, conversation_id: str | None) -> Answer:
        text = question if isinstance(question, str) else str(question)
        if not text.strip():
            return Answer(
                question=text,
                answered=False,
                kind="not_understood",
                text="Ask me a question, for example “what was Meta's AI capex in H1 2025?”.",
            )
        if len(text) > MAX_QUESTION_CHARS:
            return Answer(
                question=text[:200],
                answered=False,
                kind="not_understood",
                text=f"That question is too long ({len(text)} characters; the limit is {MAX_QUESTION_CHARS}).",
            )
        lexicon, responder = self._current()
        responder.today = self.today
        ctx = self._context(conversation_id)
        # "capex as a mulitple of": the word meant; "I'd like to understand whether ...": the question itself
        # "... exceed a quarter of the article's $371bn?": the amount that comes to
        text = fractions_of_amounts(plain_question(corrected(text)))
        if ctx.answer is not None and when_asked(text):
            # "By when?", "when was that filed?": the period or the sources' dates of the last answer
            answer = sources.answer_when(responder, text, ctx.facts, ctx.claims)
            answer.question = question
            return answer
        line = quoted_line(responder, text)
        if line is not None:
            line.question = question
            return line
        claim = parts(text)
        if claim is not None:
            # "'by 2032 half goes to inference, while training falls to 14%' — accurate?": each part checked
            both = combined(question, [self._ask(f"“{part}” — accurate?", None) for part in claim])
            if both is not None:
                return both
        q = understand(text, lexicon, today=self.today)
        follows = ctx.query is not None and ((ctx.query.periods and prior_to_last(text)) or other_source(text))
        if q.understood or follows:
            q = with_context(q, ctx.query, lexicon.knowledge, ctx.earlier, ctx.recent)
        else:
            answer = Answer(
                question=text,
                answered=False,
                kind="not_understood",
                text="I did not understand that. I answer questions about AI-infrastructure spending: "
                "companies' capex, forecasts, shares of AI spending, hardware and investor metrics.",
                suggestions=responder.suggestions(q) or [],
            )
            if not answer.suggestions:
                answer.suggestions = examples(responder)
            return answer
        answer = respond(responder, text, q, ctx.facts, ctx.claims, ctx.answer)
        answer.question = question if isinstance(question, str) else text  # as asked, before it was tidied
        if answer.answered and not q.inherited:
            self._offer_other_reading(lexicon, responder, text, q, answer)
        # ("how did you get that?", "source?" keep the topic; "who put out the $1.8T forecast?" names its own)
        own_topic = bool(q.subjects) and not q.inherited and q.intent != "help"
        if conversation_id is not None and (q.intent not in ("explain", "source", "help") or own_topic):
            held = {(f.quantity.subject, f.quantity.metric) for f in answer.basis}
            if answer.answered and not q.subjects and len(held) == 1:
                # "the $371B for 2025 — up how much vs 2024?": whose figure the amount named, for what follows
                subject, metric = held.pop()
                q = replace(q, subjects=[subject], metric=q.metric or metric)
            elif answer.answered and answer.kind == "value" and answer.measure == "level" and len(held) == 1:
                # "how much of global server revenue is AI right now?" gave AI's share: the share is what
                # follows on ("and where could that go in a few years?"), not the whole it was asked of
                subject, metric = held.pop()
                if metric != q.metric and q.subjects in ([], [subject]) and q.measure == "ratio":
                    q = replace(q, subjects=[subject], metric=metric, measure=None, whole=None)
            new = Context(
                query=q,
                facts=facts_of(responder, answer, q) if answer.answered else [],
                claims=_claims_of(responder, answer) if answer.answered else [],
                answer=answer if answer.answered else None,
                # the last question answered before this one: a refusal in between is no topic
                earlier=ctx.query if ctx.answer is not None else ctx.earlier,
                recent=(*ctx.recent, q)[-_RECENT:] if answer.answered else ctx.recent,
            )
            if self.shared is not None:
                self.shared.save(conversation_id, new)
                return answer
            with self._lock:  # one conversation's context is replaced whole, never half-written
                if conversation_id in self._contexts:
                    self._contexts[conversation_id] = new
        return answer


#: How each reading is named to the user, and the words that ask for it.
_READINGS = {
    "value": ("the figure itself", "— the figure"),
    "change": ("the change", "— change"),
    "compare": ("a comparison", "— compare"),
    "sum": ("a total", "in total"),
    "rank": ("a ranking", "— ranking"),
    "average": ("an average", "on average"),
    "cagr": ("a compound yearly growth rate", "— CAGR"),
    "list": ("a list", "— list"),
}
#: For a change asked without a measure word: the measure taken -> the other one, how each is named, and
#: the words that ask for the other.
_OTHER_MEASURE = {
    "percent_change": ("difference", "the percentage change", "the change in dollars", "in dollars"),
    "pp_change": ("percent_change", "the change in percentage points", "the relative change", "in relative terms"),
}
#: Readings closer than this in score are a tie the user should hear about.
_TIE = 0.25


def _runner_up(q: Query) -> str | None:
    if q.measure or q.yes_no or q.intent not in _READINGS:
        return None  # the words pinned the measure, or the question is not a figure
    ranked = sorted((s, i) for i, s in q.scores.items() if i in _READINGS and i != q.intent)
    if not ranked:
        return None
    score, intent = ranked[-1]
    return intent if score >= q.scores.get(q.intent, 0.0) - _TIE else None


def _claims_of(r: Responder, answer: Answer) -> list[Claim]:
    quotes = {s.quote for s in answer.sources}
    return [c for c in r.k.claims if set(c.quotes) & quotes]
