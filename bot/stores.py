"""Opening the store the settings name: the embedded Oxigraph store, or a SPARQL server."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .settings import Settings

if TYPE_CHECKING:
    from kg.store import KnowledgeStore

__all__ = ["open_store"]


def open_store(settings: Settings, *, read_only: bool = False) -> KnowledgeStore:
    """The store of ``settings``: a SPARQL server when ``KGBOT_STORE`` is an http(s) URL
    (seeded if it holds nothing), else the embedded store (``read_only``: opened read-only)."""
    if settings.remote:
        from kg.remote import RemoteStore, parse_auth
        from kg.remote_store import RemoteKnowledgeStore

        try:
            auth = parse_auth(settings.store_auth)
        except ValueError as exc:
            raise SystemExit(f"kgbot: bad value for KGBOT_STORE_AUTH: {exc}") from None
        remote = RemoteStore(str(settings.store), settings.store_update, graphs_url=settings.store_graphs, auth=auth)
        return RemoteKnowledgeStore(remote, read_only=read_only)
    from kg.store import KnowledgeStore

    return KnowledgeStore(settings.store_path, read_only=read_only)
