"""The Slack app: which messages kgbot answers, and where it replies.

- ``app_mention`` in a channel: the answer goes into the mention's thread.
- ``message`` in a DM: into the thread when the message is threaded, else into the DM.
- ``/kg <question>`` (and ``/kg help``): the answer goes back through ``response_url``.
- "How was this computed?" and the suggestion buttons continue the same conversation.
- ``app_home_opened``: publishes the App Home tab.

A thread (or a DM without threads) is one conversation, so follow-ups such as "and in
2024?" work. Events are acknowledged at once and answered on bolt's listener threads; an
event id already seen (Slack's retries carry the same one) is never answered twice. Bot
messages, edits and the bot's own messages are ignored. Any failure reaches the asker as
an ephemeral message.

The app knows nothing of HTTP frameworks: ``bot.slack.http`` mounts it on FastAPI and
``bot.slack.socket`` runs it over Socket Mode.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from ..answer import Answer
from ..charts import chart_png, is_chart_request
from ..engine import Answerer
from ..settings import Settings
from .cards import EXPLAIN_ACTION, SUGGEST_ACTION_PREFIX, answer_blocks, derivation_blocks, fallback_text, notice_blocks
from .home import home_view
from .memory import GivenAnswers, SeenEvents

__all__ = ["Place", "SlackBot", "build_slack_app", "strip_mentions"]

log = logging.getLogger("kgbot.slack")

_MENTION = re.compile(r"<@[UWB][A-Z0-9]+(?:\|[^>]*)?>")
_HANDLED_MESSAGE_SUBTYPES = (None, "file_share", "thread_broadcast")
_EXPLAIN_QUESTION = "how did you get that?"
_HELP_WORDS = ("", "help", "?", "-h", "--help")
_NOT_CONTEXT = ("explanation", "help", "not_understood")


def strip_mentions(text: str) -> str:
    """The question without ``<@U...>`` mentions, with Slack's escapes undone.

    >>> strip_mentions("<@U0BOT> what was Meta's AI capex in H1 2025?")
    "what was Meta's AI capex in H1 2025?"
    >>> strip_mentions("capex &gt; $10B &amp; growing")
    'capex > $10B & growing'
    """
    text = _MENTION.sub(" ", text or "")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


@dataclass(frozen=True)
class Place:
    """Where a conversation happens in Slack, and the conversation id that names it.

    ``thread_ts`` is the thread's first message (None for a DM answered without threads);
    ``slash`` marks the private conversation of one user's ``/kg`` commands in a channel.
    """

    team: str
    channel: str
    thread_ts: str | None = None
    user: str | None = None
    slash: bool = False

    @property
    def conversation_id(self) -> str:
        if self.slash:
            return f"{self.team}:{self.channel}:/kg:{self.user}"
        if self.thread_ts:
            return f"{self.team}:{self.channel}:{self.thread_ts}"
        return f"{self.team}:{self.channel}"

    @classmethod
    def from_conversation_id(cls, conversation_id: str, user: str | None = None) -> Place | None:
        parts = conversation_id.split(":")
        if len(parts) == 4 and parts[2] == "/kg":
            return cls(parts[0], parts[1], None, parts[3], slash=True)
        if len(parts) == 3:
            return cls(parts[0], parts[1], parts[2], user)
        if len(parts) == 2:
            return cls(parts[0], parts[1], None, user)
        return None


Respond = Callable[..., Any]


class SlackBot:
    """Listeners of the Slack app, around one :class:`~bot.engine.Answerer`."""

    def __init__(self, answerer: Answerer, *, seen_events: int = 10000, given_answers: int = 5000) -> None:
        self.answerer = answerer
        self.seen = SeenEvents(seen_events)
        self.given = GivenAnswers(given_answers)

    # ------------------------------------------------------------ wiring
    def register(self, app: App) -> None:
        app.use(self.drop_repeated_events)
        app.event("app_mention")(self.on_mention)
        app.event("message")(self.on_message)
        app.event("app_home_opened")(self.on_home_opened)
        app.command("/kg")(self.on_command)
        app.action(EXPLAIN_ACTION)(self.on_explain)
        app.action(re.compile(rf"^{SUGGEST_ACTION_PREFIX}\d+$"))(self.on_suggestion)
        app.error(self.on_error)

    def drop_repeated_events(
        self, body: dict[str, Any], req: BoltRequest, next: Callable[[], None]
    ) -> BoltResponse | None:
        """Acknowledge and drop an event whose id was seen before (Slack's retries)."""
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if event_id and body.get("type") == "event_callback" and not self.seen.first_time(str(event_id)):
            retry = ",".join(req.headers.get("x-slack-retry-num") or []) or "no retry header"
            log.info("dropping repeated event %s (retry %s)", event_id, retry)
            return BoltResponse(status=200, body="", headers={"x-slack-no-retry": "1"})
        next()
        return None

    def on_error(self, error: Exception, body: dict[str, Any]) -> None:
        log.error(
            "unhandled error in a Slack listener (%s)",
            body.get("type") if isinstance(body, dict) else "?",
            exc_info=error,
        )

    # ------------------------------------------------------------ events
    def on_mention(self, body: dict[str, Any], event: dict[str, Any], context: Any, client: WebClient) -> None:
        if _from_a_bot(event, context):
            return
        place = Place(_team(body, event), event["channel"], event.get("thread_ts") or event["ts"], event.get("user"))
        self.answer(client, place, strip_mentions(event.get("text", "")))

    def on_message(self, body: dict[str, Any], event: dict[str, Any], context: Any, client: WebClient) -> None:
        if event.get("channel_type") != "im" or event.get("subtype") not in _HANDLED_MESSAGE_SUBTYPES:
            return
        if _from_a_bot(event, context):
            return
        place = Place(_team(body, event), event["channel"], event.get("thread_ts"), event.get("user"))
        self.answer(client, place, strip_mentions(event.get("text", "")))

    def on_home_opened(self, event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        store = self.answerer.store
        examples = [s for s in self.answerer.ask("help").suggestions if s]
        view = home_view(store.knowledge, store.derivations, examples)
        client.views_publish(user_id=event["user"], view=view)

    # ------------------------------------------------------------ slash command
    def on_command(
        self, ack: Callable[..., None], command: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        ack()
        question = strip_mentions(command.get("text", ""))
        place = Place(
            command.get("team_id", ""), command.get("channel_id", ""), None, command.get("user_id"), slash=True
        )
        self.answer(client, place, "help" if question.lower() in _HELP_WORDS else question, respond=respond)

    # ------------------------------------------------------------ buttons
    def on_explain(
        self,
        ack: Callable[..., None],
        body: dict[str, Any],
        action: dict[str, Any],
        respond: Respond,
        client: WebClient,
    ) -> None:
        ack()
        place = _place_of_action(body, action)
        if place is None:
            respond(
                text="I could not tell which conversation this button belongs to; ask “how did you get that?”.",
                response_type="ephemeral",
                replace_original=False,
            )
            return
        key = str(action.get("value") or "")
        with self._reporting(client, place, respond):
            given = self.given.get(key)
            if given is not None and not self.given.is_latest(key, place.conversation_id):
                # an older answer in the thread: explain that one, not the latest
                self._post(
                    client, place, respond, text=fallback_text(given.answer), blocks=derivation_blocks(given.answer)
                )
                return
            self._ask_and_post(client, place, _EXPLAIN_QUESTION, respond)

    def on_suggestion(
        self,
        ack: Callable[..., None],
        body: dict[str, Any],
        action: dict[str, Any],
        respond: Respond,
        client: WebClient,
    ) -> None:
        ack()
        place = _place_of_action(body, action)
        question = str(action.get("value") or "")
        if place is None or not question:
            return
        self.answer(client, place, question, respond=respond if place.slash else None)

    # ------------------------------------------------------------ answering
    def answer(self, client: WebClient, place: Place, question: str, *, respond: Respond | None = None) -> None:
        """Answer ``question`` in ``place`` (and upload a chart when one is asked for)."""
        with self._reporting(client, place, respond):
            self._ask_and_post(client, place, question, respond)

    def _ask_and_post(self, client: WebClient, place: Place, question: str, respond: Respond | None) -> Answer:
        answer = self.answerer.ask(question, place.conversation_id)
        # what "how did you get that?" refers to changes only with answers to new questions
        key = None if answer.kind in _NOT_CONTEXT else self.given.remember(answer, place.conversation_id)
        blocks = answer_blocks(answer, conversation_id=place.conversation_id, answer_key=key)
        self._post(client, place, respond, text=fallback_text(answer), blocks=blocks)
        if is_chart_request(question):
            self._upload_chart(client, place, respond, answer)
        return answer

    def _post(
        self, client: WebClient, place: Place, respond: Respond | None, *, text: str, blocks: list[dict[str, Any]]
    ) -> None:
        if place.slash and respond is not None:
            respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)
            return
        client.chat_postMessage(
            channel=place.channel,
            thread_ts=place.thread_ts,
            text=text,
            blocks=blocks,
            unfurl_links=False,
            unfurl_media=False,
        )

    def _upload_chart(self, client: WebClient, place: Place, respond: Respond | None, answer: Answer) -> None:
        png = chart_png(answer)
        if png is None:
            self._post(
                client,
                place,
                respond,
                text="Nothing to plot",
                blocks=notice_blocks(
                    "Nothing to plot: that answer has fewer than two figures of one unit. "
                    "Try “chart hyperscaler capex 2024-2032”.",
                    emoji=":bar_chart:",
                ),
            )
            return
        try:
            client.files_upload_v2(
                channel=place.channel,
                thread_ts=place.thread_ts,
                file=png,
                filename="kgbot-chart.png",
                title=answer.question[:200],
                alt_txt=fallback_text(answer)[:1000],
            )
        except SlackApiError as exc:
            if not place.slash:
                raise
            # /kg works in channels the bot is not in; files cannot be posted there
            reason = exc.response.get("error", "error") if exc.response is not None else "error"
            if respond is not None:
                respond(
                    text=f"I could not post the chart here ({reason}); mention me in a channel I am in, "
                    "or ask me in a direct message.",
                    response_type="ephemeral",
                    replace_original=False,
                )

    @contextlib.contextmanager
    def _reporting(self, client: WebClient, place: Place, respond: Respond | None) -> Iterator[None]:
        """Tell the asker (ephemerally) when answering fails; never fail silently."""
        try:
            yield
        except Exception as exc:
            log.exception("could not answer in %s", place.conversation_id)
            reason = exc.response.get("error") if isinstance(exc, SlackApiError) and exc.response is not None else None
            why = f"Slack said “{reason}”." if reason else "something went wrong on my side (it has been logged)."
            text = f"Sorry, I could not answer that: {why}"
            try:
                if respond is not None:
                    respond(text=text, response_type="ephemeral", replace_original=False)
                elif place.user:
                    client.chat_postEphemeral(
                        channel=place.channel, user=place.user, text=text, thread_ts=place.thread_ts
                    )
            except Exception:
                log.exception("could not report the failure in %s", place.conversation_id)


# ---------------------------------------------------------------- helpers


def _team(body: dict[str, Any], event: dict[str, Any]) -> str:
    return str(body.get("team_id") or event.get("team") or "")


def _from_a_bot(event: dict[str, Any], context: Any) -> bool:
    """Messages from bots (this one included) are never answered."""
    if event.get("bot_id") or event.get("subtype") == "bot_message" or event.get("bot_profile"):
        return True
    bot_user = getattr(context, "bot_user_id", None) if context is not None else None
    return bool(bot_user and event.get("user") == bot_user)


def _place_of_action(body: dict[str, Any], action: dict[str, Any]) -> Place | None:
    """The conversation a button belongs to: its block id names it."""
    block_id = str(action.get("block_id") or "")
    _, _, conversation_id = block_id.partition("@")
    user = (body.get("user") or {}).get("id")
    place = Place.from_conversation_id(conversation_id, user) if conversation_id else None
    if place is not None:
        return place
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    team = (body.get("team") or {}).get("id") or ""
    if not channel:
        return None
    message = body.get("message") or {}
    if (body.get("container") or {}).get("is_ephemeral"):
        return Place(team, channel, None, user, slash=True)
    return Place(team, channel, message.get("thread_ts") or message.get("ts"), user)


def _api_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def build_slack_app(
    settings: Settings, answerer: Answerer, *, client: WebClient | None = None, socket_mode: bool = False
) -> App:
    """The bolt app answering in Slack with ``answerer``.

    ``client`` defaults to a WebClient on ``settings.slack_api_url`` with the bot token,
    so tests can point the app at a local stand-in of Slack's Web API. Over HTTP every
    request must be signed with ``settings.slack_signing_secret``; ``socket_mode=True``
    builds the app for Socket Mode, where Slack's WebSocket needs no signatures.
    """
    if not settings.slack_signing_secret and not socket_mode:
        raise ValueError("SLACK_SIGNING_SECRET is not set")
    if client is None:
        if not settings.slack_bot_token:
            raise ValueError("SLACK_BOT_TOKEN is not set")
        client = WebClient(token=settings.slack_bot_token, base_url=_api_url(settings.slack_api_url))
    app = App(
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        request_verification_enabled=not socket_mode,
        # ack at once; listeners answer on these threads (Slack wants an ack within 3 s)
        process_before_response=False,
        listener_executor=ThreadPoolExecutor(max_workers=8, thread_name_prefix="kgbot-slack"),
        # auth.test runs on the first request, not while the service starts
        token_verification_enabled=False,
        logger=logging.getLogger("kgbot.slack.bolt"),
    )
    bot = SlackBot(answerer)
    if answerer.shared is not None:  # event ids seen by any serving process
        bot.seen = answerer.shared  # type: ignore[assignment]
    bot.register(app)
    return app
