"""A local HTTP server that speaks the OpenAI chat-completions and Ollama /api/chat protocols, with scripted faults."""
from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Script:
    """What the fake model does next."""

    reply: str = "Dat staat in de bronnen [1]."
    mode: str = "answer"  # answer | slow | status | broken | obey
    status: int = 200
    failures: int = 0  # with mode 'status': fail this many times, then answer
    retry_after: str | None = None  # the Retry-After header of an error answer, as rate-limited servers send it
    delay: float = 0.0
    requests: list[dict] = field(default_factory=list)

    def text_for(self, body: dict) -> str:
        """The reply; in 'obey' mode the model follows any instruction it finds, as a weak model might."""
        if self.mode != "obey":
            return self.reply
        prompt = "\n".join(m.get("content", "") if isinstance(m.get("content"), str) else "" for m in body.get("messages", []))
        m = re.search(r"antwoord alleen met ([A-Z][A-Z-]+)", prompt, re.I)
        if m:
            return m.group(1)
        if re.search(r"systeemprompt|system prompt", prompt, re.I):
            return "Mijn instructies: " + next((x["content"] for x in body["messages"] if x.get("role") == "system"), "")
        return self.reply


def split_tokens(text: str) -> list[str]:
    return re.findall(r"\S+\s*|\s+", text) or [""]


class Handler(BaseHTTPRequestHandler):
    server: "FakeLLMServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        """Model listings, which the app uses to tell whether the server is up."""
        payload = json.dumps({"data": [{"id": "fake"}]} if self.path.endswith("/models") else {"models": [{"name": "fake"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        script = self.server.script
        script.requests.append({"path": self.path, "body": body, "headers": dict(self.headers)})
        if script.mode == "slow":
            time.sleep(script.delay)
        if script.mode == "status" and (script.failures == 0 or len(script.requests) <= script.failures):
            return self.error(script.status)
        text = script.text_for(body)
        if self.path.endswith("/chat/completions"):
            return self.openai(body, text, broken=script.mode == "broken")
        if self.path == "/api/chat":
            return self.ollama(body, text, broken=script.mode == "broken")
        self.error(404)

    def error(self, status: int):
        payload = json.dumps({"error": {"message": f"fake error {status}", "type": "fake", "code": status}} if "chat/completions" in self.path else {"error": f"fake error {status}"}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        if self.server.script.retry_after is not None:
            self.send_header("Retry-After", self.server.script.retry_after)
        self.end_headers()
        self.wfile.write(payload)

    def stream(self, content_type: str, events: list[bytes], broken: bool):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        total = sum(len(e) for e in events)
        # A broken stream promises more than it sends, then hangs up: the client sees a truncated body.
        self.send_header("Content-Length", str(total * 10 if broken else total))
        self.end_headers()
        for i, event in enumerate(events):
            if broken and i == max(1, len(events) // 2):
                self.wfile.flush()
                self.connection.shutdown(2)
                return
            self.wfile.write(event)
            self.wfile.flush()

    def openai(self, body: dict, text: str, broken: bool):
        base = {"id": "chatcmpl-fake", "created": 0, "model": body.get("model", "fake")}
        if not body.get("stream"):
            payload = json.dumps({**base, "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                                  "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        events = []
        for token in split_tokens(text):
            chunk = {**base, "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"role": "assistant", "content": token}, "finish_reason": None}]}
            events.append(f"data: {json.dumps(chunk)}\n\n".encode())
        end = {**base, "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
        events.append(f"data: {json.dumps(end)}\n\n".encode())
        events.append(b"data: [DONE]\n\n")
        self.stream("text/event-stream", events, broken)

    def ollama(self, body: dict, text: str, broken: bool):
        stamp = "2026-01-01T00:00:00Z"
        model = body.get("model", "fake")
        events = [json.dumps({"model": model, "created_at": stamp, "message": {"role": "assistant", "content": t}, "done": False}).encode() + b"\n" for t in split_tokens(text)]
        events.append(json.dumps({"model": model, "created_at": stamp, "message": {"role": "assistant", "content": ""}, "done": True, "done_reason": "stop",
                                  "total_duration": 1, "load_duration": 1, "prompt_eval_count": 1, "prompt_eval_duration": 1, "eval_count": 1, "eval_duration": 1}).encode() + b"\n")
        if not body.get("stream", True):
            payload = json.dumps({"model": model, "created_at": stamp, "message": {"role": "assistant", "content": text}, "done": True, "done_reason": "stop"}).encode()
            events = [payload]
        self.stream("application/x-ndjson", events, broken)


class FakeLLMServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.script = Script()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
