"""Socket Mode: the same Slack app over a WebSocket Slack opens, no public URL needed."""

from __future__ import annotations

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk import WebClient

__all__ = ["run_socket_mode"]


def run_socket_mode(slack_app: App, app_token: str) -> None:
    """Connect with the app-level token (``xapp-...``) and serve until interrupted.

    The connection is opened through the app's own Web API base URL (``SLACK_API_URL``).
    """
    web_client = WebClient(base_url=slack_app.client.base_url)
    SocketModeHandler(slack_app, app_token, web_client=web_client).start()
