"""The app as served by `python -m ui`: Streamlit's ASGI app with the headers and closed routes a school network wants."""
from __future__ import annotations

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

CLOSED = ("/_stcore/metrics",)  # Streamlit's internal counters: nothing for the public address
FRAME_ANCESTORS = (b"content-security-policy", b"frame-ancestors 'self'")


class Guard:
    """ASGI middleware: no framing by other sites (clickjacking), closed internal routes."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope["path"].rstrip("/").endswith(CLOSED):
            await send({"type": "http.response.start", "status": 404, "headers": [FRAME_ANCESTORS]})
            await send({"type": "http.response.body", "body": b""})
            return

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), FRAME_ANCESTORS]}
            await send(message)

        await self.app(scope, receive, with_headers)


app = st.App(Path(__file__).with_name("app.py"), middleware=[Middleware(Guard)])
