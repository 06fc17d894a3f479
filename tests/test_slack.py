"""kgbot in Slack, end to end: signed requests in Slack's real payload shapes go to the real
FastAPI app served by uvicorn; the bot talks to a local stand-in of Slack's Web API that
records every call. Nothing here reaches slack.com."""

from __future__ import annotations

import itertools
import json
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode

import httpx
import pytest
import uvicorn
from slack_sdk.signature import SignatureVerifier

from bot.answer import Answer, SourceRef
from bot.charts import chart_png, is_chart_request
from bot.http import create_app
from bot.settings import Settings
from bot.slack.app import Place, strip_mentions
from bot.slack.cards import MAX_BLOCKS, answer_blocks, derivation_blocks
from kg.store import KnowledgeStore

SECRET = "secret"
TEAM = "T0TEAM"
BOT_USER = "U0BOT"
BOT_ID = "B0BOT"
USER = "U0ANA"
APP_ID = "A0KGBOT"

META_H1 = "what did Meta spend on AI capex in the first half of 2025?"
PNG_MAGIC = b"\x89PNG"


# ---------------------------------------------------------------- the Slack stand-in


@dataclass
class Call:
    method: str  # "chat.postMessage", "upload", "response_url", ...
    path: str
    body: Any
    raw: bytes = b""


@dataclass
class SlackStandIn:
    """A local Slack Web API: answers the methods kgbot calls and records every request."""

    url: str = ""
    calls: list[Call] = field(default_factory=list)
    failing_channels: set[str] = field(default_factory=set)
    _changed: threading.Condition = field(default_factory=threading.Condition)
    _ts: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def named(self, method: str) -> list[Call]:
        with self._changed:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, predicate: Callable[[Call], bool], *, count: int = 1, timeout: float = 15.0) -> list[Call]:
        """The calls matching ``predicate`` once there are ``count`` of them (bounded wait)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [c for c in self.calls if predicate(c)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, _short(c.body)) for c in self.calls[-8:]]
                    raise AssertionError(f"timed out waiting for {count} call(s); last calls: {seen}")
                self._changed.wait(left)

    def reply(self, method: str, body: Any) -> dict[str, Any]:
        channel = body.get("channel") or body.get("channel_id") if isinstance(body, dict) else None
        if channel in self.failing_channels and method == "chat.postMessage":
            return {"ok": False, "error": "channel_not_found"}
        ts = f"1800000000.{next(self._ts):06d}"
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://kg-test.slack.com/",
                "team": "kg test",
                "user": "kgbot",
                "team_id": TEAM,
                "user_id": BOT_USER,
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if method == "chat.postMessage":
            return {
                "ok": True,
                "channel": channel,
                "ts": ts,
                "message": {
                    "type": "message",
                    "user": BOT_USER,
                    "bot_id": BOT_ID,
                    "ts": ts,
                    "text": body.get("text"),
                    "thread_ts": body.get("thread_ts"),
                },
            }
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts):08d}"
            return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = json.loads(body.get("files", "[]"))
            return {
                "ok": True,
                "files": [{"id": f["id"], "title": f.get("title"), "mimetype": "image/png"} for f in files],
            }
        if method == "views.publish":
            return {
                "ok": True,
                "view": {"id": "V0HOME", **json.loads(body["view"])}
                if isinstance(body.get("view"), str)
                else {"id": "V0HOME", **body.get("view", {})},
            }
        return {"ok": False, "error": "unknown_method"}


def _short(body: Any) -> str:
    text = json.dumps(body, default=str) if not isinstance(body, str | bytes) else repr(body)
    return text[:200]


def _parse(raw: bytes, content_type: str) -> Any:
    if "json" in content_type:
        return json.loads(raw or b"{}")
    if "x-www-form-urlencoded" in content_type or not content_type:
        return {k: v[0] for k, v in parse_qs(raw.decode("utf-8"), keep_blank_values=True).items()}
    return raw


def _handler(stand_in: SlackStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return None

        def _send(self, status: int, payload: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            content_type = self.headers.get("Content-Type") or ""
            path = self.path.split("?", 1)[0]
            if path.startswith("/upload/"):
                stand_in.record(Call("upload", path, raw, raw))
                self._send(200, f"OK - {len(raw)}".encode(), "text/plain")
            elif path.startswith("/response/"):
                stand_in.record(Call("response_url", path, _parse(raw, content_type), raw))
                self._send(200, b"ok", "text/plain")
            elif path.startswith("/api/"):
                method = path[len("/api/") :]
                body = _parse(raw, content_type)
                stand_in.record(Call(method, path, body, raw))
                self._send(200, json.dumps(stand_in.reply(method, body)).encode(), "application/json")
            else:
                self._send(404, b"{}", "application/json")

    return Handler


class _StandInServer(ThreadingHTTPServer):
    request_queue_size = 128
    daemon_threads = True


@pytest.fixture(scope="module")
def slack_api() -> Iterator[SlackStandIn]:
    stand_in = SlackStandIn()
    server = _StandInServer(("127.0.0.1", 0), _handler(stand_in))
    stand_in.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="slack-stand-in", daemon=True)
    thread.start()
    yield stand_in
    server.shutdown()
    server.server_close()
    thread.join(5)


# ---------------------------------------------------------------- the app, served for real


@dataclass
class Served:
    url: str
    http: httpx.Client


def _serve(app: Any) -> tuple[uvicorn.Server, threading.Thread, str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on", ws="none", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="kgbot-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def kgbot(slack_api: SlackStandIn) -> Iterator[Served]:
    settings = Settings(
        store=":memory:",
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        slack_api_url=f"{slack_api.url}/api/",
        sparql_workers=1,
    )
    app = create_app(settings, store=KnowledgeStore())
    server, thread, url = _serve(app)
    with httpx.Client(base_url=url, timeout=30) as client:
        yield Served(url, client)
    server.should_exit = True
    thread.join(30)


# ---------------------------------------------------------------- signed requests

_ids = itertools.count(1)


def _signed(
    body: str, *, timestamp: int | None = None, secret: str = SECRET, content_type: str = "application/json"
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body) or ""
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature, "Content-Type": content_type}


def new_ts() -> str:
    return f"{int(time.time())}.{next(_ids):06d}"


def new_channel(prefix: str = "C") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10].upper()}"


def event_callback(event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM,
        "context_team_id": TEAM,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{uuid.uuid4().hex[:12].upper()}",
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": TEAM,
                "user_id": BOT_USER,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{uuid.uuid4().hex}",
    }


def mention(
    channel: str, text: str, *, ts: str | None = None, thread_ts: str | None = None, user: str = USER
) -> dict[str, Any]:
    ts = ts or new_ts()
    event: dict[str, Any] = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER}> {text}",
        "ts": ts,
        "event_ts": ts,
        "channel": channel,
        "team": TEAM,
        "client_msg_id": str(uuid.uuid4()),
        "blocks": [
            {
                "type": "rich_text",
                "block_id": "b1",
                "elements": [
                    {
                        "type": "rich_text_section",
                        "elements": [{"type": "user", "user_id": BOT_USER}, {"type": "text", "text": f" {text}"}],
                    }
                ],
            }
        ],
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def dm(
    channel: str, text: str, *, ts: str | None = None, thread_ts: str | None = None, user: str = USER, **extra: Any
) -> dict[str, Any]:
    ts = ts or new_ts()
    event: dict[str, Any] = {
        "type": "message",
        "channel": channel,
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "channel_type": "im",
        "team": TEAM,
        "client_msg_id": str(uuid.uuid4()),
        **extra,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def send_event(kgbot: Served, payload: dict[str, Any], **headers: str) -> httpx.Response:
    body = json.dumps(payload)
    return kgbot.http.post("/slack/events", content=body, headers={**_signed(body), **headers})


def send_form(kgbot: Served, form: dict[str, str]) -> httpx.Response:
    body = urlencode(form)
    return kgbot.http.post(
        "/slack/events", content=body, headers=_signed(body, content_type="application/x-www-form-urlencoded")
    )


def slash(
    kgbot: Served, slack_api: SlackStandIn, text: str, channel: str, user: str = USER
) -> tuple[httpx.Response, str]:
    response_path = f"/response/{uuid.uuid4().hex}"
    form = {
        "token": "legacy",
        "team_id": TEAM,
        "team_domain": "kg-test",
        "channel_id": channel,
        "channel_name": "analysts",
        "user_id": user,
        "user_name": "ana",
        "command": "/kg",
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": f"{slack_api.url}{response_path}",
        "trigger_id": f"1.2.{uuid.uuid4().hex}",
    }
    return send_form(kgbot, form), response_path


def click(
    kgbot: Served, message: Call, action_id: str, *, channel: str, user: str = USER, response_url: str | None = None
) -> httpx.Response:
    """Click the button ``action_id`` on a message the bot posted (a block_actions payload)."""
    button, block_id = _button(message.body["blocks"], action_id)
    ts = f"1800000000.{next(_ids):06d}"
    thread_ts = message.body.get("thread_ts")
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "username": "ana", "name": "ana", "team_id": TEAM},
        "api_app_id": APP_ID,
        "token": "legacy",
        "container": {
            "type": "message",
            "message_ts": ts,
            "channel_id": channel,
            "is_ephemeral": False,
            **({"thread_ts": thread_ts} if thread_ts else {}),
        },
        "trigger_id": f"1.2.{uuid.uuid4().hex}",
        "team": {"id": TEAM, "domain": "kg-test"},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": channel, "name": "analysts"},
        "message": {
            "type": "message",
            "user": BOT_USER,
            "bot_id": BOT_ID,
            "ts": ts,
            "text": message.body["text"],
            "blocks": message.body["blocks"],
            **({"thread_ts": thread_ts} if thread_ts else {}),
        },
        "state": {"values": {}},
        "response_url": response_url or f"{kgbot.url}/nowhere",
        "actions": [{**button, "block_id": block_id, "action_ts": f"{time.time():.6f}"}],
    }
    return send_form(kgbot, {"payload": json.dumps(payload)})


def _button(blocks: list[dict[str, Any]], action_id: str) -> tuple[dict[str, Any], str]:
    for block in blocks:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            if element.get("action_id") == action_id:
                return element, block["block_id"]
    raise AssertionError(f"no button {action_id!r} in {json.dumps(blocks)[:400]}")


def posted(slack_api: SlackStandIn, channel: str, *, count: int = 1, thread_ts: str | None = None) -> list[Call]:
    def matches(c: Call) -> bool:
        return (
            c.method == "chat.postMessage"
            and c.body.get("channel") == channel
            and (thread_ts is None or c.body.get("thread_ts") == thread_ts)
        )

    return slack_api.wait_for(matches, count=count)


def card_text(call: Call) -> str:
    """Everything a user reads in a posted card."""
    return json.dumps(call.body.get("blocks", []), ensure_ascii=False) + " " + str(call.body.get("text", ""))


def barrier(kgbot: Served, slack_api: SlackStandIn) -> None:
    """Returns once an event sent now has been answered: earlier events have been handled."""
    channel = new_channel()
    assert send_event(kgbot, event_callback(mention(channel, "help"))).status_code == 200
    posted(slack_api, channel)


# ---------------------------------------------------------------- conversations


def test_a_mention_is_answered_once_in_its_thread(kgbot: Served, slack_api: SlackStandIn) -> None:
    channel, ts = new_channel(), new_ts()
    response = send_event(kgbot, event_callback(mention(channel, META_H1, ts=ts)))
    assert response.status_code == 200
    [answer] = posted(slack_api, channel)
    assert answer.body["thread_ts"] == ts
    assert "$30.7B" in answer.body["text"]
    blocks = answer.body["blocks"]
    assert blocks[0]["type"] == "section" and "$30.7B" in blocks[0]["text"]["text"]
    fields = next(b for b in blocks if b.get("fields"))
    shown = " ".join(f["text"] for f in fields["fields"])
    assert "*Value*" in shown and "*Period*" in shown and "*Status*" in shown and "*Qualifier*" in shown
    assert any(b["type"] == "rich_text" for b in blocks), "the source quote is shown"
    _button(blocks, "explain")
    barrier(kgbot, slack_api)
    assert len([c for c in slack_api.named("chat.postMessage") if c.body.get("channel") == channel]) == 1


def test_a_direct_message_is_answered_in_the_dm(kgbot: Served, slack_api: SlackStandIn) -> None:
    channel = new_channel("D")
    assert send_event(kgbot, event_callback(dm(channel, META_H1))).status_code == 200
    [answer] = posted(slack_api, channel)
    assert answer.body.get("thread_ts") is None
    assert "$30.7B" in answer.body["text"]


def test_a_threaded_direct_message_is_answered_in_its_thread(kgbot: Served, slack_api: SlackStandIn) -> None:
    channel, root = new_channel("D"), new_ts()
    send_event(kgbot, event_callback(dm(channel, META_H1, thread_ts=root)))
    [answer] = posted(slack_api, channel)
    assert answer.body["thread_ts"] == root


def test_the_slash_command_answers_through_response_url(kgbot: Served, slack_api: SlackStandIn) -> None:
    channel = new_channel()
    started = time.monotonic()
    response, path = slash(kgbot, slack_api, META_H1, channel)
    assert response.status_code == 200
    assert time.monotonic() - started < 3, "acknowledged within Slack's 3 seconds"
    [reply] = slack_api.wait_for(lambda c: c.method == "response_url" and c.path == path)
    assert "$30.7B" in reply.body["text"]
    assert reply.body["response_type"] == "ephemeral"
    assert reply.body["blocks"][0]["type"] == "section"


def test_slash_help(kgbot: Served, slack_api: SlackStandIn) -> None:
    response, path = slash(kgbot, slack_api, "help", new_channel())
    assert response.status_code == 200
    [reply] = slack_api.wait_for(lambda c: c.method == "response_url" and c.path == path)
    assert reply.body["text"]
    assert any(b["type"] == "actions" for b in reply.body["blocks"]), "help offers questions to click"


def test_a_follow_up_in_the_thread_uses_its_context(kgbot: Served, slack_api: SlackStandIn) -> None:
    channel, root = new_channel(), new_ts()
    send_event(kgbot, event_callback(mention(channel, "what is hyperscaler capex in 2025?", ts=root)))
    assert "$371B" in posted(slack_api, channel)[0].body["text"]
    send_event(kgbot, event_callback(mention(channel, "and in 2024?", thread_ts=root)))
    follow_up = posted(slack_api, channel, count=2)[1]
    assert follow_up.body["thread_ts"] == root
    assert "$257.6B" in follow_up.body["text"], follow_up.body["text"]
    assert ":triangular_ruler:" in card_text(follow_up), "a derived value is marked as derived"
    send_event(kgbot, event_callback(mention(channel, "how did you get that?", thread_ts=root)))
    explanation = posted(slack_api, channel, count=3)[2]
    shown = card_text(explanation)
    assert "How it was computed" in shown and "44%" in shown and "$371B" in shown, shown[:600]
    # a different thread is a different conversation
    other = new_channel()
    send_event(kgbot, event_callback(mention(other, "and in 2024?")))
    [lonely] = posted(slack_api, other)
    assert "$257.6B" not in lonely.body["text"]


def test_a_follow_up_keeps_the_subject_and_metric(kgbot: Served, slack_api: SlackStandIn) -> None:
    channel, root = new_channel("D"), new_ts()
    send_event(kgbot, event_callback(dm(channel, META_H1, thread_ts=root)))
    posted(slack_api, channel)
    send_event(kgbot, event_callback(dm(channel, "and in 2024?", thread_ts=root)))
    text = posted(slack_api, channel, count=2)[1].body["text"]
    # the graph holds Meta's H1 2024 figure, not a full-year one: it says so rather than guess
    assert "Meta" in text and "2024" in text and "$30.7B" not in text, text


def test_the_explain_button_posts_the_derivation_in_the_thread(kgbot: Served, slack_api: SlackStandIn) -> None:
    channel, root = new_channel(), new_ts()
    send_event(kgbot, event_callback(mention(channel, "what was hyperscaler capex in 2024?", ts=root)))
    [answer] = posted(slack_api, channel)
    response = click(kgbot, answer, "explain", channel=channel)
    assert response.status_code == 200
    steps = posted(slack_api, channel, count=2)[1]
    assert steps.body["thread_ts"] == root
    shown = card_text(steps)
    assert "derived" in shown
    assert "stated" in shown, "the steps go down to stated facts"
    assert "—" in shown, "quoted sources are named"


def test_the_explain_button_on_an_older_answer_explains_that_answer(kgbot: Served, slack_api: SlackStandIn) -> None:
    channel, root = new_channel(), new_ts()
    send_event(kgbot, event_callback(mention(channel, "what was hyperscaler capex in 2024?", ts=root)))
    [older] = posted(slack_api, channel)
    send_event(kgbot, event_callback(mention(channel, META_H1, thread_ts=root)))
    posted(slack_api, channel, count=2)
    click(kgbot, older, "explain", channel=channel)
    steps = posted(slack_api, channel, count=3)[2]
    shown = card_text(steps)
    assert "yperscaler" in shown and "$30.7B" not in shown


def test_a_chart_request_uploads_a_png_into_the_thread(kgbot: Served, slack_api: SlackStandIn) -> None:
    channel, root = new_channel(), new_ts()
    send_event(kgbot, event_callback(mention(channel, "chart hyperscaler capex 2024-2032", ts=root)))
    [complete] = slack_api.wait_for(
        lambda c: c.method == "files.completeUploadExternal" and c.body.get("channel_id") == channel
    )
    assert complete.body["thread_ts"] == root
    [uploaded] = json.loads(complete.body["files"])
    assert uploaded["title"]
    [upload] = [c for c in slack_api.named("upload") if c.path == f"/upload/{uploaded['id']}"]
    assert upload.raw.startswith(PNG_MAGIC)
    asked = [c for c in slack_api.named("files.getUploadURLExternal") if c.body.get("filename") == "kgbot-chart.png"]
    assert any(int(c.body["length"]) == len(upload.raw) for c in asked)
    [card] = posted(slack_api, channel)
    assert card.body["thread_ts"] == root


def test_compare_chart_over_http(kgbot: Served) -> None:
    response = kgbot.http.get("/chart", params={"q": "compare Alphabet and Meta capex H1 2025"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(PNG_MAGIC)


def test_chart_over_http_404_when_nothing_to_plot(kgbot: Served) -> None:
    response = kgbot.http.get("/chart", params={"q": "what is Microsoft's own capex in 2025?"})
    assert response.status_code == 404
    body = response.json()
    assert body["status"] == 404 and body["error"] == "not_found" and body["message"]


def test_app_home_is_published(kgbot: Served, slack_api: SlackStandIn) -> None:
    user = f"U{uuid.uuid4().hex[:8].upper()}"
    event = {
        "type": "app_home_opened",
        "user": user,
        "channel": new_channel("D"),
        "tab": "home",
        "event_ts": new_ts(),
        "view": {"id": "V0OLD", "type": "home", "blocks": []},
    }
    assert send_event(kgbot, event_callback(event)).status_code == 200
    [publish] = slack_api.wait_for(lambda c: c.method == "views.publish" and c.body.get("user_id") == user)
    view = publish.body["view"] if isinstance(publish.body["view"], dict) else json.loads(publish.body["view"])
    assert view["type"] == "home"
    shown = json.dumps(view["blocks"], ensure_ascii=False)
    for part in ("Subjects", "Metrics", "Stated facts", "Derived values", "Latest sources", "Try asking", "Meta"):
        assert part in shown, part


# ---------------------------------------------------------------- refusals and errors


def test_a_question_the_graph_cannot_answer_gets_the_refusal_card(kgbot: Served, slack_api: SlackStandIn) -> None:
    channel, root = new_channel(), new_ts()
    send_event(kgbot, event_callback(mention(channel, "what is Microsoft's own capex in 2019?", ts=root)))
    [refusal] = posted(slack_api, channel)
    blocks = refusal.body["blocks"]
    assert not any(b.get("fields") for b in blocks), "no figure is shown for a refusal"
    button, _ = _button(blocks, "suggest_0")
    assert button["value"] and len(button["text"]["text"]) <= 75
    # clicking a suggestion asks it in the same thread
    click(kgbot, refusal, "suggest_0", channel=channel)
    answer = posted(slack_api, channel, count=2)[1]
    assert answer.body["thread_ts"] == root


def test_a_failed_post_reaches_the_user_as_an_ephemeral_message(kgbot: Served, slack_api: SlackStandIn) -> None:
    channel = new_channel()
    slack_api.failing_channels.add(channel)
    send_event(kgbot, event_callback(mention(channel, META_H1)))
    [notice] = slack_api.wait_for(lambda c: c.method == "chat.postEphemeral" and c.body.get("channel") == channel)
    assert notice.body["user"] == USER
    assert "channel_not_found" in notice.body["text"]


def test_the_bot_ignores_its_own_and_other_bots_messages(kgbot: Served, slack_api: SlackStandIn) -> None:
    own, own_user, other_bot, edited = (new_channel("D") for _ in range(4))
    send_event(kgbot, event_callback(dm(own, META_H1, user=BOT_USER, bot_id=BOT_ID)))
    send_event(kgbot, event_callback(dm(own_user, META_H1, user=BOT_USER)))
    send_event(kgbot, event_callback(dm(other_bot, META_H1, user="U0OTHER", bot_id="B0OTHER", subtype="bot_message")))
    send_event(
        kgbot,
        event_callback(
            {
                "type": "message",
                "subtype": "message_changed",
                "channel": edited,
                "channel_type": "im",
                "ts": new_ts(),
                "event_ts": new_ts(),
                "message": {"type": "message", "user": USER, "text": META_H1, "ts": new_ts()},
            }
        ),
    )
    barrier(kgbot, slack_api)
    answered = {c.body.get("channel") for c in slack_api.named("chat.postMessage")}
    assert not {own, own_user, other_bot, edited} & answered


def test_a_retried_event_is_not_answered_twice(kgbot: Served, slack_api: SlackStandIn) -> None:
    channel, event_id = new_channel(), f"Ev{uuid.uuid4().hex[:12].upper()}"
    payload = event_callback(mention(channel, META_H1), event_id=event_id)
    assert send_event(kgbot, payload).status_code == 200
    posted(slack_api, channel)
    retry = send_event(kgbot, payload, **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert retry.status_code == 200
    again = send_event(kgbot, payload)  # even without the retry header
    assert again.status_code == 200
    barrier(kgbot, slack_api)
    assert len([c for c in slack_api.named("chat.postMessage") if c.body.get("channel") == channel]) == 1


def test_url_verification_is_answered(kgbot: Served) -> None:
    body = json.dumps(
        {
            "token": "legacy",
            "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            "type": "url_verification",
        }
    )
    response = kgbot.http.post("/slack/events", content=body, headers=_signed(body))
    assert response.status_code == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in response.text


def test_a_bad_signature_is_refused(kgbot: Served, slack_api: SlackStandIn) -> None:
    channel = new_channel()
    body = json.dumps(event_callback(mention(channel, META_H1)))
    response = kgbot.http.post("/slack/events", content=body, headers=_signed(body, secret="not-the-secret"))
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"
    unsigned = kgbot.http.post("/slack/events", content=body, headers={"Content-Type": "application/json"})
    assert unsigned.status_code == 401


def test_a_stale_timestamp_is_refused(kgbot: Served, slack_api: SlackStandIn) -> None:
    channel = new_channel()
    body = json.dumps(event_callback(mention(channel, META_H1)))
    stale = int(time.time()) - 6 * 60
    response = kgbot.http.post("/slack/events", content=body, headers=_signed(body, timestamp=stale))
    assert response.status_code == 401
    barrier(kgbot, slack_api)
    assert channel not in {c.body.get("channel") for c in slack_api.named("chat.postMessage")}


# ---------------------------------------------------------------- mounting


def test_slack_is_mounted_only_with_credentials() -> None:
    import anyio

    async def probe() -> tuple[int, int]:
        app = create_app(Settings(store=":memory:"), store=KnowledgeStore())
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://kgbot") as client:
            events = await client.post("/slack/events", content="{}")
            chart = await client.get("/chart", params={"q": "what is Microsoft's own capex in 2025?"})
            return events.status_code, chart.status_code

    events_status, chart_status = anyio.run(probe)
    assert events_status == 404
    assert chart_status == 404  # mounted, but nothing to plot


# ---------------------------------------------------------------- cards, charts, text


def test_cards_stay_inside_block_kit_limits() -> None:
    source = SourceRef(title="T" * 400, quote="q" * 5000, publisher="P", date="2025-01-01", url="https://e.x/a")
    items = [
        {"label": f"item {n} " + "x" * 300, "value": float(n), "unit": "USD", "status": "reported", "text": f"${n}B"}
        for n in range(400)
    ]
    answer = Answer(
        question="q",
        answered=True,
        kind="list",
        text="y" * 10000,
        value=1.0,
        unit="USD",
        items=items,
        sources=[source] * 10,
        derivation={"formula": "a+b", "value": 1.0, "inputs": []},
    )
    blocks = answer_blocks(answer, conversation_id="T:C:1.2", answer_key="k")
    assert len(blocks) <= MAX_BLOCKS
    for block in blocks:
        if block["type"] == "section" and "text" in block:
            assert len(block["text"]["text"]) <= 3000
    refusal = Answer(
        question="q", answered=False, kind="not_found", text="no", suggestions=["s" * 300 for _ in range(12)]
    )
    buttons = [e for b in answer_blocks(refusal) if b["type"] == "actions" for e in b["elements"]]
    assert 0 < len(buttons) <= 25
    assert all(len(b["text"]["text"]) <= 75 and b["text"]["text"].endswith("…") for b in buttons)
    assert all(len(b["value"]) <= 2000 for b in buttons)


def test_derivation_cards() -> None:
    source = SourceRef(title="An article", quote="Meta spent $30.7 billion.")
    stated = Answer(
        question="q",
        answered=True,
        kind="value",
        text="Meta: $30.7B.",
        value=30.7e9,
        unit="USD",
        status="reported",
        sources=[source],
    )
    shown = json.dumps(derivation_blocks(stated), ensure_ascii=False)
    assert "Stated by the source" in shown and "Meta spent $30.7 billion." in shown
    leaf = {
        "label": "Meta · AI capex · H1 2025",
        "value": 30.7e9,
        "unit": "USD",
        "qualifier": "exact",
        "status": "reported",
        "sources": [{"title": "An article", "quote": "Meta spent $30.7 billion."}],
    }
    derived = Answer(
        question="q",
        answered=True,
        kind="value",
        text="H1 2024: $15.4B.",
        value=15.35e9,
        unit="USD",
        qualifier="approximately",
        status="derived",
        subject="Meta",
        metric="AI capex",
        period="H1 2024",
        derivation={"formula": "from = to / 2", "value": 15.35e9, "inputs": [leaf]},
    )
    shown = json.dumps(derivation_blocks(derived), ensure_ascii=False)
    assert "$30.7B ÷ 2 = ~$15.4B" in shown and "Meta spent $30.7 billion." in shown
    assert "from = to" not in shown  # the numbers, not the formula's variables
    assert shown.count("How it was computed") == 1


def test_derivation_card_says_how_it_was_computed_once() -> None:
    explained = Answer(
        question="how did you get that?",
        answered=True,
        kind="explanation",
        text="How it was computed:\nhyperscalers · capex · 2024 = $257.6B",
        value=257.6e9,
        unit="USD",
        status="derived",
        derivation={
            "formula": "from = to / (1 + 44%)",
            "value": 257.6e9,
            "inputs": [
                {"label": "hyperscalers · capex · 2025", "value": 371e9, "unit": "USD", "status": "forecast"},
                {"label": "stated relation: a 44% increase", "value": 0.44, "unit": "ratio", "status": "forecast"},
            ],
        },
    )
    for blocks in (derivation_blocks(explained), answer_blocks(explained)):
        shown = json.dumps(blocks, ensure_ascii=False)
        assert shown.count("How it was computed") == 1, shown
        assert "$371B ÷ 1.44 = $257.6B" in shown


def test_chart_png_marks_forecasts_and_needs_two_numbers() -> None:
    items = [
        {
            "label": f"hyperscalers · capex · {y}",
            "value": v,
            "unit": "USD",
            "status": s,
            "subject": "hyperscalers",
            "period": str(y),
            "text": f"${v / 1e9:.0f}B",
        }
        for y, v, s in ((2024, 2.5e11, "derived"), (2025, 3.7e11, "reported"), (2032, 9e11, "forecast"))
    ]
    series = Answer(
        question="chart hyperscaler capex",
        answered=True,
        kind="list",
        text="t",
        items=items,
        sources=[SourceRef(title="An article", quote="q")],
    )
    png = chart_png(series)
    assert png is not None and png.startswith(PNG_MAGIC)
    one = Answer(question="q", answered=True, kind="value", text="t", value=1.0, unit="USD", items=items[:1])
    assert chart_png(one) is None


def test_chart_words_and_mentions() -> None:
    assert is_chart_request("chart hyperscaler capex 2024-2032")
    assert is_chart_request("Plot Meta vs Alphabet capex")
    assert not is_chart_request("what did Meta spend?")
    assert not is_chart_request("what does the knowledge graph hold?")
    assert is_chart_request("graph hyperscaler capex") and is_chart_request("show me a graph of Meta capex")
    assert strip_mentions(f"<@{BOT_USER}> hi <@U0X|ana>") == "hi"
    assert Place(TEAM, "C1", "1.2").conversation_id == f"{TEAM}:C1:1.2"
    assert Place(TEAM, "D1").conversation_id == f"{TEAM}:D1"
    assert Place.from_conversation_id(f"{TEAM}:C1:/kg:{USER}") == Place(TEAM, "C1", None, USER, slash=True)


# ---------------------------------------------------------------- Socket Mode


def test_socket_mode_app_answers_without_signatures(slack_api: SlackStandIn) -> None:
    from slack_bolt import BoltRequest

    from bot.engine import Answerer
    from bot.slack import build_slack_app

    settings = Settings(
        store=":memory:",
        slack_bot_token="xoxb-test",
        slack_app_token="xapp-test",
        slack_api_url=f"{slack_api.url}/api/",
    )
    app = build_slack_app(settings, Answerer(KnowledgeStore()), socket_mode=True)
    channel, ts = new_channel(), new_ts()
    response = app.dispatch(BoltRequest(body=event_callback(mention(channel, META_H1, ts=ts)), mode="socket_mode"))
    assert response.status == 200
    [answer] = posted(slack_api, channel)
    assert answer.body["thread_ts"] == ts and "$30.7B" in answer.body["text"]
    with pytest.raises(ValueError, match="SLACK_SIGNING_SECRET"):
        build_slack_app(settings, Answerer(KnowledgeStore()))


def test_cli_slack_socket(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import bot.slack.socket
    from bot.cli import main

    for name in ("SLACK_APP_TOKEN", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    assert main(["--store", ":memory:", "slack-socket"]) == 2
    assert "SLACK_APP_TOKEN and SLACK_BOT_TOKEN must be set" in capsys.readouterr().err

    started: list[tuple[Any, str]] = []
    monkeypatch.setattr(bot.slack.socket, "run_socket_mode", lambda app, token: started.append((app, token)))
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1-test")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    assert main(["--store", ":memory:", "slack-socket"]) == 0
    [(app, token)] = started
    assert token == "xapp-1-test" and app.client.token == "xoxb-test"


def test_the_manifest_declares_what_the_app_handles() -> None:
    from pathlib import Path

    yaml = pytest.importorskip("yaml")
    manifest = yaml.safe_load((Path(__file__).resolve().parents[1] / "slack" / "manifest.yml").read_text())
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "app_mentions:read",
        "chat:write",
        "im:history",
        "im:read",
        "im:write",
        "commands",
        "files:write",
    }
    assert manifest["settings"]["event_subscriptions"]["bot_events"] == ["app_mention", "message.im", "app_home_opened"]
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == "/kg" and command["url"].endswith("/slack/events")
