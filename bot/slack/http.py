"""``POST /slack/events``: the Slack app mounted on FastAPI (HTTP mode).

The route hands the request to bolt's FastAPI adapter; bolt verifies the signature and
the timestamp window, answers ``url_verification``, and acknowledges at once. bolt's
dispatch is synchronous (it may call ``auth.test`` on the first request), so it runs on a
worker thread instead of the event loop. A request bolt refuses for its signature gets
401 in the service's error shape, and so does one whose ``X-Slack-Request-Timestamp`` is
not a plain number of seconds (bolt would fail on it with a 500).
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from slack_bolt import App
from slack_bolt.adapter.fastapi import SlackRequestHandler
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool

__all__ = ["EVENTS_PATH", "OffLoopSlackRequestHandler", "slack_router"]

EVENTS_PATH = "/slack/events"


class OffLoopSlackRequestHandler(SlackRequestHandler):
    """bolt's FastAPI handler, with ``App.dispatch`` run on a worker thread."""

    async def handle(self, req: Request, addition_context_properties: dict[str, object] | None = None) -> Response:
        if req.method != "POST":
            return await super().handle(req, addition_context_properties)
        body = await req.body()
        bolt_request = to_bolt_request(req, body, addition_context_properties)
        bolt_response = await run_in_threadpool(self.app.dispatch, bolt_request)
        return to_starlette_response(bolt_response)


_REFUSED = "the request's Slack signature or timestamp is not valid"


def _plain_seconds(value: str | None) -> bool:
    """A Unix time in ASCII digits, as Slack sends it (no sign, no fraction, no exponent)."""
    return value is not None and 0 < len(value) <= 12 and value.isascii() and value.isdigit()


def slack_router(slack_app: App) -> APIRouter:
    """A router with ``POST /slack/events`` for ``slack_app``."""
    handler = OffLoopSlackRequestHandler(slack_app)
    router = APIRouter(tags=["slack"])

    @router.post(
        EVENTS_PATH,
        summary="Slack events, commands and interactions",
        response_class=Response,
        responses={
            200: {"description": "Acknowledged (or the url_verification challenge)."},
            401: {"description": "The Slack signature or timestamp is not valid."},
        },
    )
    async def slack_events(request: Request) -> Response:
        """Where Slack sends events (Event Subscriptions), ``/kg`` and button clicks (Interactivity).
        Requests must carry a valid ``X-Slack-Signature``."""
        if not _plain_seconds(request.headers.get("x-slack-request-timestamp")):
            raise HTTPException(401, _REFUSED)
        response = await handler.handle(request)
        if response.status_code == 401:
            raise HTTPException(401, _REFUSED)
        return response

    return router
