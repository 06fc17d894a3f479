"""``kgbot slack-check``: are the Slack settings right, before Slack sends anything?

:func:`check_slack` asks Slack's Web API (``SLACK_API_URL``) who the bot token belongs to
(``auth.test``), reads the scopes it was granted from the ``X-OAuth-Scopes`` response
header, and lists each missing scope with the reason kgbot needs it. With an app-level
token it opens (and drops) a Socket Mode connection URL (``apps.connections.open``) to
prove the token has ``connections:write``. The signing secret cannot be checked against
the API; its shape is.

>>> sorted(BOT_SCOPES)[:2]
['app_mentions:read', 'chat:write']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from ..settings import Settings

__all__ = ["BOT_SCOPES", "Finding", "SlackCheck", "check_slack"]

#: Every bot scope kgbot needs, and why (the manifest in slack/ asks for these).
BOT_SCOPES: dict[str, str] = {
    "app_mentions:read": "receive @kgbot mentions in channels (the app_mention event)",
    "chat:write": "post answers, derivations and notices in threads and DMs",
    "im:history": "receive direct messages sent to kgbot (the message.im event)",
    "im:read": "see the direct-message conversations kgbot is part of",
    "im:write": "reply in direct messages and the App Home's Messages tab",
    "commands": "receive the /kg slash command",
    "files:write": "upload charts (PNG) into threads",
}

#: The app-level token's scope, for Socket Mode.
APP_SCOPE = "connections:write"

_SIGNING_SECRET = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class Finding:
    """One line of the report: ``ok`` is False for what must be fixed."""

    ok: bool
    what: str
    detail: str = ""

    def __str__(self) -> str:
        mark = "ok     " if self.ok else "MISSING"
        return f"{mark} {self.what}" + (f": {self.detail}" if self.detail else "")


@dataclass
class SlackCheck:
    """What :func:`check_slack` found. ``ok`` when nothing must be fixed."""

    findings: list[Finding] = field(default_factory=list)
    granted: frozenset[str] = frozenset()
    team: str | None = None
    bot_user: str | None = None

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings)

    @property
    def missing_scopes(self) -> list[str]:
        return [s for s in BOT_SCOPES if s not in self.granted]

    def add(self, ok: bool, what: str, detail: str = "") -> None:
        self.findings.append(Finding(ok, what, detail))

    def report(self) -> str:
        lines = [str(f) for f in self.findings]
        lines.append(
            "Slack settings are complete." if self.ok else "Fix the lines marked MISSING (see slack/README.md)."
        )
        return "\n".join(lines)


def _scopes(header: object) -> frozenset[str]:
    return frozenset(s.strip() for s in str(header or "").split(",") if s.strip())


def _header(headers: object, name: str) -> object:
    if isinstance(headers, dict):
        for key, value in headers.items():
            if str(key).lower() == name:
                return value[0] if isinstance(value, list) and value else value
    return None


def _check_bot_token(result: SlackCheck, settings: Settings, timeout: int) -> None:
    token = settings.slack_bot_token
    if not token:
        result.add(
            False, "SLACK_BOT_TOKEN", "not set: copy the Bot User OAuth Token (xoxb-...) from OAuth & Permissions"
        )
        return
    if not token.startswith("xoxb-"):
        result.add(False, "SLACK_BOT_TOKEN", "a bot token starts with xoxb- (is this the app-level or a user token?)")
        return
    client = WebClient(token=token, base_url=settings.slack_api_url, timeout=timeout)
    try:
        response = client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error") if exc.response is not None else str(exc)
        result.add(False, "SLACK_BOT_TOKEN", f"Slack refused it ({error}); reinstall the app and copy the token again")
        return
    except (SlackClientError, OSError) as exc:
        result.add(False, "Slack's Web API", f"cannot reach {settings.slack_api_url} ({exc})")
        return
    result.team = str(response.get("team") or "") or None
    result.bot_user = str(response.get("user") or "") or None
    result.add(True, "SLACK_BOT_TOKEN", f"bot @{result.bot_user} in workspace {result.team!r} (auth.test)")
    result.granted = _scopes(_header(response.headers, "x-oauth-scopes"))
    if not result.granted:
        result.add(False, "scopes", "Slack sent no X-OAuth-Scopes header; cannot tell which scopes were granted")
        return
    for scope, why in BOT_SCOPES.items():
        if scope in result.granted:
            result.add(True, f"scope {scope}", why)
        else:
            result.add(False, f"scope {scope}", f"needed to {why}; add it under OAuth & Permissions and reinstall")


def _check_signing_secret(result: SlackCheck, settings: Settings) -> None:
    secret = settings.slack_signing_secret
    if not secret:
        result.add(False, "SLACK_SIGNING_SECRET", "not set: copy the Signing Secret from Basic Information")
    elif not _SIGNING_SECRET.match(secret):
        result.add(False, "SLACK_SIGNING_SECRET", "a signing secret is 32 hexadecimal characters; copy it again")
    else:
        result.add(True, "SLACK_SIGNING_SECRET", "set (Slack's requests will be verified with it)")


def _check_app_token(result: SlackCheck, settings: Settings, timeout: int) -> None:
    token = settings.slack_app_token or ""
    if not token.startswith("xapp-"):
        result.add(
            False, "SLACK_APP_TOKEN", "an app-level token starts with xapp- (Basic Information → App-Level Tokens)"
        )
        return
    client = WebClient(token=token, base_url=settings.slack_api_url, timeout=timeout)
    try:
        client.apps_connections_open(app_token=token)
    except SlackApiError as exc:
        error = exc.response.get("error") if exc.response is not None else str(exc)
        result.add(False, "SLACK_APP_TOKEN", f"Slack refused it ({error}); it needs the {APP_SCOPE} scope")
        return
    except (SlackClientError, OSError) as exc:
        result.add(False, "Slack's Web API", f"cannot reach {settings.slack_api_url} ({exc})")
        return
    result.add(True, "SLACK_APP_TOKEN", f"opens a Socket Mode connection ({APP_SCOPE})")


def check_slack(settings: Settings, *, socket_mode: bool | None = None, timeout: int = 10) -> SlackCheck:
    """Check the Slack settings against the Web API.

    HTTP mode needs the bot token (with every scope in :data:`BOT_SCOPES`) and the signing
    secret; Socket Mode (``socket_mode``, default: when ``SLACK_APP_TOKEN`` is set) needs
    the bot token and a working app-level token instead of the signing secret.
    """
    result = SlackCheck()
    if socket_mode is None:
        socket_mode = bool(settings.slack_app_token)
    _check_bot_token(result, settings, timeout)
    if socket_mode:
        if settings.slack_app_token:
            _check_app_token(result, settings, timeout)
        else:
            result.add(False, "SLACK_APP_TOKEN", "not set: Socket Mode needs an app-level token (xapp-...)")
    else:
        _check_signing_secret(result, settings)
    return result
