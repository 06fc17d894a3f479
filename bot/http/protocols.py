"""uvicorn's HTTP protocols, refusing what their parsers cannot read in the one error shape.

uvicorn answers a request its HTTP parser refuses with a plain-text 400 before any app
sees it: a malformed request line, bad header bytes, or (under httptools, whose URL
parser counts in 16 bits) a URL over 64 KiB. These subclasses write the app's JSON error
instead, and 414 ``uri_too_long`` for the over-long URL. ``kgbot serve`` runs with
:func:`http_protocol`; so do the tests' servers.
"""

from __future__ import annotations

import asyncio
from http import HTTPStatus

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .errors import error_body

__all__ = ["MAX_URL", "JsonErrorH11Protocol", "http_protocol"]

#: The longest request target (path and query) httptools can parse.
MAX_URL = 0xFFFF


def _refusal(url_length: int) -> tuple[int, bytes]:
    if url_length > MAX_URL:
        return 414, error_body("uri_too_long", f"the URL is longer than {MAX_URL} bytes; send long queries by POST")
    return 400, error_body("bad_request", "the request is not valid HTTP/1.1")


class JsonErrorH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with JSON refusals."""

    def send_400_response(self, msg: str) -> None:
        status, body = _refusal(0)
        headers = [(b"content-type", b"application/json"), (b"connection", b"close")]
        self.transport.write(
            self.conn.send(h11.Response(status_code=status, headers=headers, reason=HTTPStatus(status).phrase)) or b""
        )
        self.transport.write(self.conn.send(h11.Data(data=body)) or b"")
        self.transport.write(self.conn.send(h11.EndOfMessage()) or b"")
        self.transport.close()


def http_protocol() -> type[asyncio.Protocol]:
    """The protocol class to serve with: httptools' when it is installed, else h11's."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:
        return JsonErrorH11Protocol

    class JsonErrorHttpToolsProtocol(HttpToolsProtocol):
        """uvicorn's httptools protocol with JSON refusals (414 for a URL past 64 KiB)."""

        def send_400_response(self, msg: str) -> None:
            status, body = _refusal(len(getattr(self, "url", b"")))
            head = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n".encode()]
            for name, value in self.server_state.default_headers:
                head.append(name + b": " + value + b"\r\n")
            head.append(b"content-type: application/json\r\n")
            head.append(b"content-length: " + str(len(body)).encode() + b"\r\nconnection: close\r\n\r\n")
            self.transport.write(b"".join(head) + body)
            self.transport.close()

    return JsonErrorHttpToolsProtocol
