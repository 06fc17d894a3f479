"""The web console at ``/`` and the offline API docs at ``/docs`` and ``/redoc``.

Everything a page needs is served from this package's ``static/`` folder: the console's
own CSS and JavaScript, and vendored copies of Swagger UI, ReDoc and CodeMirror (see
``static/vendor/README.md``). No page loads anything from another host.

:func:`install_console` adds the routes to an app built by :func:`bot.http.create_app`.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

__all__ = ["STATIC", "TEMPLATES", "install_console"]

STATIC = Path(__file__).with_name("static")
TEMPLATES = Path(__file__).with_name("templates")


def install_console(app: FastAPI) -> None:
    """Mount ``/static``, the API docs and the console pages on ``app``."""
    from . import browse, docs, pages, sparql_page

    app.state.console_answers = pages.AnswerShelf()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(docs.router)
    app.include_router(pages.router)
    app.include_router(browse.router)
    app.include_router(sparql_page.router)
