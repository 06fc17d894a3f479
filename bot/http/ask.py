"""``/ask``: a question in, an :class:`~bot.answer.Answer` (DESIGN §6) out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..answer import Answer
from .errors import ApiError, ErrorBody
from .service import Service, Svc

__all__ = ["MAX_QUESTION", "router"]

#: Longest question accepted, in characters.
MAX_QUESTION = 1000

router = APIRouter(tags=["answers"])


class AskRequest(BaseModel):
    """A question, with the id of the conversation it belongs to for follow-ups."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"question": "what did Meta spend on AI capex in the first half of 2025?", "conversation_id": "c1"}
            ]
        }
    )

    question: str = Field(min_length=1, max_length=MAX_QUESTION)
    conversation_id: str | None = Field(None, max_length=200)

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the question is blank")
        return value


_RESPONSES: dict[int | str, dict[str, Any]] = {422: {"model": ErrorBody}}


@router.post("/ask", summary="Ask a question", response_model=None, responses={200: {"model": Answer}, **_RESPONSES})
async def ask_post(body: AskRequest, svc: Svc) -> Response:
    """Answer a question; ``conversation_id`` carries the context of follow-ups.

    Answering takes well under a millisecond, so it runs on the event loop rather than
    paying for a thread hop.
    """
    if body.conversation_id is None:
        return _cached(svc, body.question)
    return _json(svc, svc.answerer.ask(body.question, body.conversation_id))


@router.get(
    "/ask", summary="Ask a question (GET)", response_model=None, responses={200: {"model": Answer}, **_RESPONSES}
)
async def ask_get(
    svc: Svc,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUESTION, description="The question.")],
    conversation_id: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """The same as ``POST /ask``, for links and quick tests."""
    if not q.strip():
        raise ApiError(
            "invalid_request",
            "query.q: the question is blank",
            [{"location": "query.q", "message": "the question is blank", "type": "value_error"}],
        )
    if conversation_id is None:
        return _cached(svc, q)
    return _json(svc, svc.answerer.ask(q, conversation_id))


def _cached(svc: Service, question: str) -> Response:
    """The answer to a question outside any conversation, from the cache when this
    generation already answered it (``KGBOT_ANSWER_CACHE``)."""
    generation, today = svc.store.generation, svc.answerer.today
    hit = svc.answer_cache.get(generation, today, question)
    if hit is None:
        answer = svc.answerer.ask(question)
        response = _json(svc, answer)
        svc.answer_cache.put(generation, today, question, answer.kind, bytes(response.body))
        return response
    kind, body = hit
    svc.metrics.answers.labels(kind).inc()
    return Response(body, media_type="application/json")


def _json(svc: Service, answer: Answer) -> Response:
    svc.metrics.answers.labels(answer.kind).inc()
    # the answer is plain JSON data already: skip FastAPI's generic encoder on the hot path
    return JSONResponse(answer.to_dict())
