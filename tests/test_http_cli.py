"""`kgbot serve`: runs uvicorn with the app factory on the embedded store."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from bot import cli


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import uvicorn

    calls: dict[str, Any] = {}

    def fake_run(app: Any, **kwargs: Any) -> None:
        calls["app"], calls["kwargs"] = app, kwargs

    monkeypatch.setattr(uvicorn, "run", fake_run)
    for name in ("KGBOT_HOST", "KGBOT_PORT", "KGBOT_STORE"):
        monkeypatch.delenv(name, raising=False)
    return calls


def test_serve_uses_settings_defaults(served: dict[str, Any]) -> None:
    assert cli.main(["--store", ":memory:", "serve"]) == 0
    assert isinstance(served["app"], FastAPI)
    assert served["kwargs"]["host"] == "127.0.0.1" and served["kwargs"]["port"] == 8000
    served["app"].state.kgbot.close()


def test_serve_host_and_port(served: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KGBOT_PORT", "9001")
    assert cli.main(["--store", ":memory:", "serve", "--host", "0.0.0.0"]) == 0
    assert served["kwargs"]["host"] == "0.0.0.0" and served["kwargs"]["port"] == 9001
    served["app"].state.kgbot.close()
    assert cli.main(["--store", ":memory:", "serve", "--port", "8123"]) == 0
    assert served["kwargs"]["port"] == 8123
    served["app"].state.kgbot.close()
