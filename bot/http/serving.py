"""What each worker process of ``kgbot serve --workers N`` runs: the app built from the
environment the parent process set up (uvicorn imports :func:`app_from_env` in each worker).

An embedded store is opened as a :class:`~kg.shared_store.SharedDiskStore` (a read-only
view in each worker, one writer at a time); a SPARQL server is used as by one process.
"""

from __future__ import annotations

import gc

from fastapi import FastAPI

from ..settings import Settings
from .protocols import http_protocol

__all__ = ["HTTP_PROTOCOL", "app_from_env"]

#: The protocol class workers serve with, by import path (workers are started afresh).
HTTP_PROTOCOL = http_protocol()


def app_from_env() -> FastAPI:
    """The app of one worker, from the ``KGBOT_*`` environment."""
    from ..stores import open_store
    from . import create_app

    settings = Settings.from_env()
    if settings.remote:
        store = open_store(settings)
    else:
        from kg.shared_store import SharedDiskStore

        if settings.store_path is None:
            raise SystemExit("kgbot: several workers need an on-disk store or a SPARQL server, not ':memory:'")
        store = SharedDiskStore(settings.store_path)
    app = create_app(settings, store=store)
    app.state.kgbot.owns_store = True
    gc.collect()
    gc.freeze()
    return app
