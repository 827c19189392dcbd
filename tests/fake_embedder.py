"""A local HTTP server that speaks OpenAI's /v1/embeddings and Ollama's /api/embed, with scripted faults."""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ingest.index.embed import FakeEmbeddings


@dataclass
class Script:
    """What the fake server does next."""

    failures: int = 0  # answer this many requests with `status` first
    status: int = 503
    delay: float = 0.0
    gate: threading.Event | None = None  # when set to a cleared event, requests wait until it is set
    batches: list[int] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Handler(BaseHTTPRequestHandler):
    server: "FakeEmbeddingServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output clean
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        script = self.server.script
        with script.lock:
            failing = script.failures > 0
            script.failures -= failing
            script.in_flight += 1
            script.most_in_flight = max(script.most_in_flight, script.in_flight)
        try:
            if script.gate is not None:
                script.gate.wait(120)
            time.sleep(script.delay)
            if failing:
                return self.reply(script.status, {"error": "busy"}, {"Retry-After": "0"})
            texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
            script.batches.append(len(texts))
            vectors = self.server.model.embed_documents(texts)
            if self.path == "/v1/embeddings":
                data = [{"object": "embedding", "index": i, "embedding": v} for i, v in enumerate(vectors)]
                return self.reply(200, {"object": "list", "data": data[::-1], "model": body["model"]})  # any order: index counts
            if self.path == "/api/embed":
                return self.reply(200, {"model": body["model"], "embeddings": vectors})
            return self.reply(404, {"error": "not found"})
        finally:
            with script.lock:
                script.in_flight -= 1

    def reply(self, status: int, payload: dict, headers: dict | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        for k, v in {"Content-Type": "application/json", "Content-Length": str(len(data)), **(headers or {})}.items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(data)
        except BrokenPipeError:
            pass  # the client gave up waiting (the time-out test): nothing to tell it


class FakeEmbeddingServer(ThreadingHTTPServer):
    """Serve on a free port in a thread; `with FakeEmbeddingServer() as s: s.url`."""

    daemon_threads = True

    def __init__(self, script: Script | None = None):
        super().__init__(("127.0.0.1", 0), Handler)
        self.script = script or Script()
        self.model = FakeEmbeddings()
        self.url = f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
