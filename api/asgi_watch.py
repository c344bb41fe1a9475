"""What happened to one HTTP exchange, seen from its ASGI ``receive`` and ``send``."""

from __future__ import annotations

from starlette.types import Message, Receive, Send


class WatchedExchange:
    """``receive`` and ``send`` that note the status sent, whether the client hung up, and whether the
    whole response went out before it did."""

    def __init__(self, receive: Receive, send: Send) -> None:
        self._receive = receive
        self._send = send
        self.status: int | None = None
        self.client_left = False
        self.delivered = False

    async def receive(self) -> Message:
        message = await self._receive()
        self.client_left = self.client_left or message["type"] == "http.disconnect"
        return message

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = int(message["status"])
        await self._send(message)
        if message["type"] == "http.response.body" and not message.get("more_body", False):
            self.delivered = not self.client_left
