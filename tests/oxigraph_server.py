"""Oxigraph servers for the tests: ``oxigraph serve`` (the ``oxigraph`` package's binary)
on a free local port, over a store directory of its own."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def binary() -> str | None:
    """The ``oxigraph`` command beside this Python, or on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class OxigraphServer:
    """``oxigraph serve --location DIR`` on 127.0.0.1; ``query`` and ``update`` are its endpoints."""

    def __init__(self, location: Path) -> None:
        exe = binary()
        if exe is None:
            raise RuntimeError("the oxigraph server is not installed (pip install oxigraph)")
        self.location = location
        for _ in range(5):
            self.port = free_port()
            self.process = subprocess.Popen(
                # with a query timeout of its own: a query /sparql gives up on (503) must not go on
                # holding a core of the server for the rest of the session
                [exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}", "--timeout-s", "20"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            if self._wait():
                return
            self.stop()
        raise RuntimeError(f"the oxigraph server did not start over {location}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query(self) -> str:
        return self.url + "/query"

    @property
    def update(self) -> str:
        return self.url + "/update"

    def _wait(self) -> bool:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                httpx.get(self.query, params={"query": "ASK {}"}, timeout=1)
                return True
            except httpx.HTTPError:
                time.sleep(0.02)
        return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process.stderr is not None:
            self.process.stderr.close()
