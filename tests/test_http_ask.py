"""/ask over HTTP: the Answer contract (DESIGN §6) in, out and on bad input."""

from __future__ import annotations

import httpx
import pytest
from qa_expect import CONTRACT

pytestmark = pytest.mark.backends

QUESTION = "what did Meta spend on AI capex in the first half of 2025?"


def test_post_returns_the_answer_contract(http_client: httpx.Client) -> None:
    response = http_client.post("/ask", json={"question": QUESTION, "conversation_id": "t1"})
    assert response.status_code == 200
    body = response.json()
    assert list(body) == CONTRACT
    assert body["question"] == QUESTION
    assert isinstance(body["answered"], bool) and isinstance(body["text"], str)
    for source in body["sources"]:
        assert {"title", "quote"} <= set(source)


def test_get_is_the_same_as_post(http_client: httpx.Client) -> None:
    via_get = http_client.get("/ask", params={"q": QUESTION}).json()
    via_post = http_client.post("/ask", json={"question": QUESTION}).json()
    assert via_get == via_post


def test_follow_ups_share_a_conversation(http_client: httpx.Client) -> None:
    first = http_client.post("/ask", json={"question": QUESTION, "conversation_id": "c-42"})
    follow = http_client.get("/ask", params={"q": "and in 2024?", "conversation_id": "c-42"})
    assert first.status_code == follow.status_code == 200
    assert list(follow.json()) == CONTRACT


@pytest.mark.parametrize(
    "body",
    [
        {"question": ""},
        {"question": "   \n\t"},
        {"question": "x" * 1001},
        {"question": 42},
        {"question": ["what", "is", "capex"]},
        {"question": None},
        {},
        {"question": "ok", "conversation_id": "c" * 201},
    ],
)
def test_bad_questions_are_422(http_client: httpx.Client, body: dict) -> None:  # type: ignore[type-arg]
    response = http_client.post("/ask", json=body)
    assert response.status_code == 422, response.text
    error = response.json()
    assert error["error"] == "invalid_request" and error["details"]


@pytest.mark.parametrize("params", [{"q": ""}, {"q": "  "}, {"q": "x" * 1001}, {}])
def test_bad_get_questions_are_422(http_client: httpx.Client, params: dict) -> None:  # type: ignore[type-arg]
    response = http_client.get("/ask", params=params)
    assert response.status_code == 422 and response.json()["error"] == "invalid_request"


def test_a_body_that_is_not_json_is_422(http_client: httpx.Client) -> None:
    response = http_client.post("/ask", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert set(response.json()) == {"status", "error", "message", "details"}
