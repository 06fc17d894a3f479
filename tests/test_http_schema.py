"""Property-based tests from the app's own OpenAPI schema: no input yields a 5xx.

The schema comes from an app built at collection time; the generated requests go over
HTTP to a running server of its own (with the token, so writes reach validation).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error


def _openapi() -> dict[str, Any]:
    from bot.http import create_app
    from bot.settings import Settings
    from kg.store import KnowledgeStore

    app = create_app(Settings(store=":memory:"), store=KnowledgeStore(seed=False, validate=False))
    return app.openapi()


@schemathesis.serializer("application/sparql-query", "application/n-triples", "application/n-quads", "application/trig")
def _text(ctx: Any, value: Any) -> bytes:
    """Bodies of these types are plain text (queries, RDF documents)."""
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else str(value).encode()


schema = schemathesis.openapi.from_dict(_openapi())


@pytest.fixture(scope="module")
def api_server(http_launch: Any, http_app: Any) -> Any:
    return http_launch(http_app(query_timeout=2.0))


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)
def test_no_input_yields_a_server_error(case: Any, api_server: Any, http_auth: dict[str, str]) -> None:
    case.call_and_validate(base_url=api_server.url, headers=http_auth, checks=[not_a_server_error])
