"""Bearer-token authentication of writes.

No token configured: writes are disabled (403). A missing or wrong token: 401. Tokens are
compared in constant time.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .errors import ApiError
from .service import Svc

__all__ = ["require_writer"]

_bearer = HTTPBearer(auto_error=False, description="The server's API token (KGBOT_API_TOKEN).")
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="kgbot"'}


def require_writer(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    svc: Svc,
) -> None:
    """A dependency that lets a request through only with the configured bearer token."""
    expected = svc.settings.api_token
    if not expected:
        raise ApiError("writes_disabled", "writes are disabled: the server has no API token (set KGBOT_API_TOKEN)")
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiError("unauthorized", "this request needs 'Authorization: Bearer <token>'", headers=_CHALLENGE)
    given = credentials.credentials.strip().encode("utf-8", "surrogateescape")
    if not hmac.compare_digest(given, expected.encode("utf-8")):
        raise ApiError("unauthorized", "the bearer token is not valid", headers=_CHALLENGE)
