"""The Slack events route refuses requests it cannot verify with 401 in the error shape.

No token is needed to reach ``/slack/events``: whatever its headers hold, a request that
cannot be verified gets 401, never a 500 (probing found a non-numeric timestamp did).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from slack_sdk.signature import SignatureVerifier

pytestmark = pytest.mark.backends

SECRET = "slack-signing-secret-for-tests"
SHAPE = {"status", "error", "message", "details"}


@pytest.fixture(scope="module")
def server(http_launch: Any, http_app: Any) -> Any:
    # the Web API address is closed: nothing here may get as far as calling Slack
    return http_launch(
        http_app(slack_bot_token="xoxb-test", slack_signing_secret=SECRET, slack_api_url="http://127.0.0.1:9/api/")
    )


@pytest.fixture
def client(server: Any) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


BODY = json.dumps({"type": "url_verification", "challenge": "c", "token": "t"})


def _signature(timestamp: str, body: str = BODY) -> str:
    return SignatureVerifier(SECRET).generate_signature(timestamp=timestamp, body=body) or ""


@pytest.mark.parametrize(
    "timestamp",
    ["abc", "", "12.5", "1e9", "0x10", "-", "9" * 5000, "\u0661\u0662\u0663", "NaN"],
    ids=["letters", "empty", "decimal", "exponent", "hex", "dash", "huge", "arabic-digits", "nan"],
)
def test_a_timestamp_that_is_not_a_recent_number_gets_401(client: httpx.Client, timestamp: str) -> None:
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp.encode(),  # as bytes: the client sends what it is given
        "X-Slack-Signature": _signature(timestamp),
    }
    response = client.post("/slack/events", content=BODY, headers=headers)
    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == SHAPE and body["error"] == "unauthorized"


def test_a_missing_timestamp_gets_401(client: httpx.Client) -> None:
    response = client.post("/slack/events", content=BODY, headers={"Content-Type": "application/json"})
    assert response.status_code == 401 and response.json()["error"] == "unauthorized"


def test_a_signed_recent_request_is_answered(client: httpx.Client) -> None:
    ts = str(int(time.time()))
    headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": _signature(ts)}
    response = client.post("/slack/events", content=BODY, headers=headers)
    assert response.status_code == 200 and "c" in response.text
