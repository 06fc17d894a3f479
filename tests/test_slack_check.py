"""``kgbot slack-check`` against a local stand-in of Slack's Web API (auth.test with the
X-OAuth-Scopes header Slack sends, apps.connections.open for app-level tokens)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest

from bot.cli import main
from bot.settings import Settings
from bot.slack.check import BOT_SCOPES, check_slack

ALL = ",".join(BOT_SCOPES)
TOKENS = {
    "xoxb-complete": ALL,
    "xoxb-no-files": ",".join(s for s in BOT_SCOPES if s != "files:write"),
    "xoxb-bare": "chat:write",
}
APP_TOKENS = {"xapp-good"}
SECRET = "0123456789abcdef0123456789abcdef"


class _StandIn(ThreadingHTTPServer):
    daemon_threads = True
    calls: list[tuple[str, str]]


class _Handler(BaseHTTPRequestHandler):
    server: _StandIn

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
        token = token or parse_qs(raw).get("token", [""])[0]
        method = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
        self.server.calls.append((method, token))
        headers: dict[str, str] = {}
        if method == "auth.test" and token in TOKENS:
            body: dict[str, Any] = {"ok": True, "team": "kg test", "user": "kgbot", "user_id": "U1", "bot_id": "B1"}
            headers["X-OAuth-Scopes"] = TOKENS[token]
        elif method == "apps.connections.open" and token in APP_TOKENS:
            body = {"ok": True, "url": "wss://127.0.0.1/never-opened"}
        else:
            body = {"ok": False, "error": "invalid_auth"}
        payload = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture(scope="module")
def web_api() -> Iterator[_StandIn]:
    server = _StandIn(("127.0.0.1", 0), _Handler)
    server.calls = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _settings(server: _StandIn, **slack: str) -> Settings:
    return Settings(store=":memory:", slack_api_url=f"http://127.0.0.1:{server.server_address[1]}/api/", **slack)


def test_complete_http_mode_settings_pass(web_api: _StandIn) -> None:
    result = check_slack(_settings(web_api, slack_bot_token="xoxb-complete", slack_signing_secret=SECRET))
    assert result.ok, result.report()
    assert result.granted == frozenset(BOT_SCOPES) and result.team == "kg test" and result.bot_user == "kgbot"
    assert ("auth.test", "xoxb-complete") in web_api.calls


def test_a_missing_scope_is_named_with_its_reason(web_api: _StandIn) -> None:
    result = check_slack(_settings(web_api, slack_bot_token="xoxb-no-files", slack_signing_secret=SECRET))
    assert not result.ok and result.missing_scopes == ["files:write"]
    assert "MISSING scope files:write: needed to upload charts (PNG) into threads" in result.report()


def test_a_refused_token_and_a_bad_secret(web_api: _StandIn) -> None:
    result = check_slack(_settings(web_api, slack_bot_token="xoxb-revoked", slack_signing_secret="not-a-secret"))
    report = result.report()
    assert "Slack refused it (invalid_auth)" in report and "32 hexadecimal characters" in report


def test_a_user_or_app_token_in_the_bot_token_setting(web_api: _StandIn) -> None:
    report = check_slack(_settings(web_api, slack_bot_token="xapp-good", slack_signing_secret=SECRET)).report()
    assert "a bot token starts with xoxb-" in report


def test_socket_mode_checks_the_app_token(web_api: _StandIn) -> None:
    good = check_slack(_settings(web_api, slack_bot_token="xoxb-complete", slack_app_token="xapp-good"))
    assert good.ok and "opens a Socket Mode connection" in good.report()
    bad = check_slack(_settings(web_api, slack_bot_token="xoxb-complete", slack_app_token="xapp-revoked"))
    assert not bad.ok and "connections:write" in bad.report()
    missing = check_slack(_settings(web_api, slack_bot_token="xoxb-complete"), socket_mode=True)
    assert "SLACK_APP_TOKEN: not set" in missing.report()


def test_unreachable_api_is_reported() -> None:
    settings = Settings(store=":memory:", slack_api_url="http://127.0.0.1:9/api/", slack_bot_token="xoxb-x")
    assert "cannot reach http://127.0.0.1:9/api/" in check_slack(settings, timeout=2).report()


def test_the_command(web_api: _StandIn, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SLACK_API_URL", f"http://127.0.0.1:{web_api.server_address[1]}/api/")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-bare")
    assert main(["slack-check"]) == 1
    out = capsys.readouterr().out
    assert out.count("MISSING scope") == len(BOT_SCOPES) - 1 and "ok      scope chat:write" in out
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-complete")
    assert main(["slack-check", "--mode", "http"]) == 0
    assert "Slack settings are complete." in capsys.readouterr().out


def test_the_manifest_asks_for_every_scope() -> None:
    from pathlib import Path

    manifest = (Path(__file__).resolve().parents[1] / "slack" / "manifest.yml").read_text()
    for scope in BOT_SCOPES:
        assert f"- {scope}\n" in manifest
