"""``GET /``: ask, follow up, and read answer cards.

The page is server-rendered; a little JavaScript (``static/console.js``) sends each
question to ``/console/answer`` and appends the card it gets back, keeping the
conversation id in the page. Without JavaScript the form still works: it reloads ``/``
with the question and the same conversation id, and the page shows that answer.

Answers come from the app's :class:`~bot.engine.Answerer`, as ``/ask`` gives them; the
console only renders them. Charts are drawn by :func:`bot.charts.chart_png` from the
answer the card shows (kept for a while under a random key), so a follow-up's chart is
the follow-up's.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections import OrderedDict
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..answer import Answer
from ..charts import can_chart, chart_png
from ..http.errors import ApiError
from ..http.service import Svc
from .render import templates

__all__ = ["EXAMPLES", "AnswerShelf", "card_context", "router"]

router = APIRouter(include_in_schema=False)

MAX_QUESTION = 1000
Question = Annotated[str | None, Query(max_length=MAX_QUESTION)]
ConversationId = Annotated[str | None, Query(max_length=200)]


class AnswerShelf:
    """The most recent answers shown, by a random key, so their charts can be drawn later."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._items: OrderedDict[str, Answer] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, answer: Answer) -> str:
        key = secrets.token_urlsafe(12)
        with self._lock:
            self._items[key] = answer
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> Answer | None:
        with self._lock:
            return self._items.get(key)


def _shelf(request: Request) -> AnswerShelf:
    shelf: AnswerShelf = request.app.state.console_answers  # made by install_console
    return shelf


def _new_conversation() -> str:
    return "console-" + secrets.token_hex(8)


def card_context(request: Request, answer: Answer, number: int) -> dict[str, Any]:
    """What ``_card.html`` needs to show one answer."""
    data = answer.to_dict()
    chart = None
    if can_chart(answer):
        chart = f"/console/chart/{_shelf(request).put(answer)}.png"
    return {
        "a": data,
        "number": number,
        "chart": chart,
        "answer_json": json.dumps(data, ensure_ascii=False, indent=2),
    }


@router.get("/", response_class=HTMLResponse)
def console(request: Request, svc: Svc, q: Question = None, conversation_id: ConversationId = None) -> Response:
    """The console: an ask box, and the answer to ``q`` when the form was sent without JavaScript."""
    conversation = conversation_id or _new_conversation()
    cards = []
    if q and q.strip():
        cards.append(card_context(request, svc.answerer.ask(q, conversation), 1))
    k = svc.store.knowledge
    return templates.TemplateResponse(
        request,
        "console.html",
        {
            "conversation_id": conversation,
            "cards": cards,
            "examples": EXAMPLES,
            "counts": {"facts": len(k.observations), "derived": len(svc.store.derivations.derived)},
        },
    )


#: Questions offered on an empty console.
EXAMPLES = (
    "what did Meta spend on AI capex in the first half of 2025?",
    "what was hyperscaler capex in 2024?",
    "compare Alphabet and Meta capex H1 2025",
    "chart hyperscaler capex 2024 to 2032",
    "which hardware categories drive AI server demand?",
)


@router.get("/console/answer", response_class=HTMLResponse)
async def answer_card(
    request: Request,
    svc: Svc,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUESTION)],
    conversation_id: ConversationId = None,
    number: Annotated[int, Query(ge=1, le=100000)] = 1,
) -> Response:
    """One answer card (an HTML fragment) for the console's script."""
    if not q.strip():
        raise ApiError("invalid_request", "the question is blank")
    answer = svc.answerer.ask(q, conversation_id)
    return templates.TemplateResponse(request, "_card.html", card_context(request, answer, number))


@router.get("/console/chart/{key}.png")
async def answer_chart(request: Request, key: str) -> Response:
    """The chart of an answer the console showed."""
    answer = _shelf(request).get(key)
    if answer is None:
        raise ApiError("not_found", "that chart has expired; ask the question again")
    png = await anyio.to_thread.run_sync(chart_png, answer)
    if png is None:
        raise ApiError("not_found", "that answer has nothing to plot")
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})
