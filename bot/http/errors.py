"""One JSON error shape for every error; HTTP status codes are chosen here and nowhere else.

::

    {"status": 404, "error": "not_found", "message": "no entity is called 'Foo'", "details": []}

Handlers raise :class:`ApiError` with a short code (or let a :class:`kg.errors.KGError`
through); :func:`install_error_handlers` turns every exception, expected or not, into
that shape. A stack trace never reaches the client.

Which exception becomes which status::

    ApiError(code)               the status of `code` in STATUS
    HTTPException                its own status (unknown route 404, wrong method 405, ...)
    RequestValidationError       422 invalid_request, one detail per field
    ValidationFailed             422 validation_failed, one detail per SHACL violation
    VocabularyRequired           409 vocabulary_required, one detail per term it would remove
    DocumentTooLarge             413 payload_too_large
    LoadError                    400 invalid_data
    UpdateRejected               403 read_only
    QueryTimeout                 503 query_timeout
    QueryOutOfMemory             503 query_out_of_memory
    QueryRejected                400 invalid_query
    UnknownEntity                404 not_found
    StoreBusy, StoreConflict     503 store_busy
    StoreUnavailable             503 store_unavailable (the SPARQL server cannot be used)
    any other exception          500 internal_error (logged)
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.routing import Match

from kg.errors import (
    DocumentTooLarge,
    KGError,
    LoadError,
    QueryOutOfMemory,
    QueryRejected,
    QueryTimeout,
    StoreBusy,
    StoreUnavailable,
    UnknownEntity,
    ValidationFailed,
    VocabularyRequired,
)
from kg.sparql import UpdateRejected

__all__ = ["STATUS", "ApiError", "ErrorBody", "error_body", "error_response", "install_error_handlers"]

log = logging.getLogger("kgbot.http")

#: Error code -> HTTP status.
STATUS: dict[str, int] = {
    "bad_request": 400,
    "invalid_query": 400,
    "invalid_data": 400,
    "reserved_graph": 400,
    "ambiguous": 400,
    "unauthorized": 401,
    "writes_disabled": 403,
    "read_only": 403,
    "forbidden": 403,
    "protected_graph": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "not_acceptable": 406,
    "vocabulary_required": 409,
    "payload_too_large": 413,
    "uri_too_long": 414,
    "unsupported_media_type": 415,
    "invalid_request": 422,
    "validation_failed": 422,
    "internal_error": 500,
    "query_timeout": 503,
    "query_out_of_memory": 503,
    "store_busy": 503,
    "store_unavailable": 503,
    "not_ready": 503,
}

_CODE_OF_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    503: "query_timeout",
}


class ApiError(Exception):
    """An error a handler reports; ``code`` is a key of :data:`STATUS`."""

    def __init__(
        self, code: str, message: str, details: Sequence[Any] = (), headers: Mapping[str, str] | None = None
    ) -> None:
        if code not in STATUS:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = list(details)
        self.headers = dict(headers or {})


class ErrorBody(BaseModel):
    """The body of every error response."""

    status: int = Field(description="The HTTP status code, repeated.")
    error: str = Field(description="A short, stable code, e.g. `not_found`, `invalid_query`.")
    message: str = Field(description="What went wrong, in plain words.")
    details: list[Any] = Field(description="Per-field or per-violation details; may be empty.")


def error_response(
    code: str,
    message: str,
    details: Sequence[Any] = (),
    headers: Mapping[str, str] | None = None,
    status: int | None = None,
) -> JSONResponse:
    """The JSON response for an error code (``status`` only for codes borrowed from HTTP)."""
    status = status or STATUS[code]
    body = {"status": status, "error": code, "message": message, "details": list(details)}
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


def error_body(code: str, message: str) -> bytes:
    """The JSON body of an error, for code that writes responses below the app (see ``protocols``)."""
    doc = {"status": STATUS[code], "error": code, "message": message, "details": []}
    return json.dumps(doc, separators=(",", ":")).encode()


def _violation(v: Any) -> dict[str, Any]:
    return {
        "focus": getattr(v, "focus", None),
        "path": getattr(v, "path", None),
        "message": getattr(v, "message", None) or str(v),
    }


def _kg_error(exc: KGError) -> JSONResponse:
    message = str(exc)
    if isinstance(exc, ValidationFailed):
        return error_response(
            "validation_failed",
            f"{exc.source}: {len(exc.violations)} SHACL violation(s); nothing was stored",
            [_violation(v) for v in exc.violations],
        )
    if isinstance(exc, VocabularyRequired):
        return error_response("vocabulary_required", message, [{"term": t} for t in exc.terms])
    if isinstance(exc, DocumentTooLarge):
        return error_response("payload_too_large", f"{message}; nothing was stored")
    if isinstance(exc, LoadError):
        return error_response("invalid_data", f"{message}; nothing was stored")
    if isinstance(exc, UpdateRejected):
        return error_response("read_only", message)
    if isinstance(exc, QueryTimeout):
        return error_response("query_timeout", message, headers={"Retry-After": "1"})
    if isinstance(exc, QueryOutOfMemory):
        return error_response("query_out_of_memory", message)
    if isinstance(exc, QueryRejected):
        return error_response("invalid_query", message)
    if isinstance(exc, UnknownEntity):
        return error_response("not_found", message)
    if isinstance(exc, StoreBusy):
        return error_response("store_busy", message, headers={"Retry-After": "1"})
    if isinstance(exc, StoreUnavailable):
        return error_response("store_unavailable", message, headers={"Retry-After": "5"})
    return error_response("bad_request", message)


def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
    status = exc.status_code
    code = _CODE_OF_STATUS.get(status, "bad_request" if status < 500 else "internal_error")
    detail = exc.detail if isinstance(exc.detail, str) else None
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    if status == 404 and detail in (None, phrase):
        message = f"there is nothing at {request.url.path}; see /docs for what there is"
    elif status == 405 and detail in (None, phrase):
        allowed = _allowed_methods(request)
        message = f"{request.method} is not allowed on {request.url.path}" + (
            f"; use {', '.join(allowed)}" if allowed else ""
        )
        if allowed:
            return error_response(code, message, headers={"Allow": ", ".join(allowed)}, status=status)
    else:
        message = detail or phrase or "the request failed"
    return error_response(code, message, headers=exc.headers, status=status)


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route accepts at this path (Starlette reports only the first)."""
    allowed = []
    for method in ("GET", "POST", "PUT", "DELETE", "PATCH"):
        probe = {**request.scope, "method": method}
        if any(route.matches(probe)[0] == Match.FULL for route in request.app.routes):
            allowed.append(method)
    return allowed


def _location(loc: Sequence[Any]) -> str:
    return ".".join(str(part) for part in loc)


def _request_error(exc: RequestValidationError) -> JSONResponse:
    details = [
        {"location": _location(e.get("loc", ())), "message": e.get("msg", ""), "type": e.get("type", "")}
        for e in exc.errors()
    ]
    first = details[0] if details else None
    message = f"{first['location']}: {first['message']}" if first else "the request is not valid"
    return error_response("invalid_request", message, details)


def install_error_handlers(app: FastAPI) -> None:
    """Install the one exception handler set on ``app``."""

    async def api_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc.code, exc.message, exc.details, exc.headers)

    async def kg_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, KGError)
        return _kg_error(exc)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        return _http_error(request, exc)

    async def request_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return _request_error(exc)

    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response("internal_error", "an unexpected error occurred; it has been logged")

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(KGError, kg_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, request_error)
    app.add_exception_handler(Exception, unexpected)
