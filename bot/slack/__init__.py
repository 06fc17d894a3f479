"""kgbot in Slack: mentions, DMs, ``/kg``, answer cards, charts and an App Home.

``build_slack_app(settings, answerer)`` builds the bolt app. The adapters import the app,
never the reverse: ``bot.slack.http.slack_router(app)`` mounts it on FastAPI at
``/slack/events``; ``bot.slack.socket.run_socket_mode(app, token)`` runs it over Socket Mode.
"""

from .app import Place, SlackBot, build_slack_app

__all__ = ["Place", "SlackBot", "build_slack_app"]
