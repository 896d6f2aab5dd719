"""A real HTTP server on 127.0.0.1 for download tests, with scripted answers per path."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """One scripted answer: status, headers, body; ``declared_length`` may lie to truncate."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    declared_length: int | None = None
    delay: float = 0.0
    """Seconds to wait after the headers, before the body (a slow server)."""


Route = Callable[[dict[str, str]], Reply]
"""Given the request headers, the reply to send."""


@dataclass
class ServedSite:
    base_url: str
    routes: dict[str, Route]
    hits: dict[str, int]

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[ServedSite]:
    """Run a threaded HTTP server on an ephemeral 127.0.0.1 port for the ``with`` block."""
    hits: dict[str, int] = {}
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits[self.path] = hits.get(self.path, 0) + 1
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            reply = route(dict(self.headers.items()))
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            length = reply.declared_length if reply.declared_length is not None else len(reply.body)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            if reply.delay and stop.wait(reply.delay):
                return
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(reply.body)
            self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield ServedSite(f"http://{host}:{port}", routes, hits)
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
