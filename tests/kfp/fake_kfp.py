"""A stand-in KFP API server (v2beta1) on loopback: answers the few calls `kfp.Client` makes
to start and watch a run, and keeps what it was sent. No KFP backend can run here."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeKfp:
    """What the fake endpoint received, and the state its runs end in."""

    def __init__(self, final_state: str) -> None:
        self.final_state = final_state
        self.runs: list[dict[str, Any]] = []
        self.experiments: list[dict[str, Any]] = []
        self.authorization: list[str | None] = []


def _handler(fake: FakeKfp) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            return None

        def _send(self, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> dict[str, Any]:
            length = int(self.headers.get("Content-Length") or 0)
            return json.loads(self.rfile.read(length) or b"{}")

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            fake.authorization.append(self.headers.get("Authorization"))
            path = self.path.split("?")[0]
            if path.endswith("/healthz"):
                self._send({"multi_user": False})
            elif path.endswith("/experiments"):
                self._send({"experiments": fake.experiments, "total_size": len(fake.experiments)})
            elif "/runs/" in path:
                run = dict(fake.runs[-1])
                self._send(
                    {**run, "state": fake.final_state, "finished_at": "2026-01-01T00:00:00Z"}
                )
            else:
                self.send_error(404)

        def do_POST(self) -> None:  # noqa: N802
            fake.authorization.append(self.headers.get("Authorization"))
            body, path = self._body(), self.path.split("?")[0]
            if path.endswith("/experiments"):
                experiment = {**body, "experiment_id": f"e{len(fake.experiments) + 1}"}
                fake.experiments.append(experiment)
                self._send(experiment)
            elif path.endswith("/runs"):
                run = {**body, "run_id": f"r{len(fake.runs) + 1}", "state": "PENDING"}
                fake.runs.append(run)
                self._send(run)
            else:
                self.send_error(404)

    return Handler


@contextmanager
def fake_kfp(final_state: str = "SUCCEEDED") -> Iterator[tuple[str, FakeKfp]]:
    """Serve a FakeKfp on 127.0.0.1; yield its URL and the record."""
    fake = FakeKfp(final_state)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", fake
    finally:
        server.shutdown()
        server.server_close()
