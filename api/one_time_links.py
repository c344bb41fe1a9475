"""Short-lived single-use tokens: a page can frame a keyed document without putting the key in a URL."""

from __future__ import annotations

import secrets
import threading
import time


class OneTimeLinks:
    """Tokens valid once, for ``ttl_s`` seconds; at most ``capacity`` outstanding (the oldest go first)."""

    def __init__(self, ttl_s: float = 60.0, capacity: int = 256) -> None:
        self.ttl_s = ttl_s
        self._capacity = capacity
        self._expiry: dict[str, float] = {}
        self._lock = threading.Lock()

    def issue(self) -> str:
        token = secrets.token_urlsafe(24)
        now = time.monotonic()
        with self._lock:
            self._expiry = {t: e for t, e in self._expiry.items() if e > now}
            while len(self._expiry) >= self._capacity:
                del self._expiry[next(iter(self._expiry))]
            self._expiry[token] = now + self.ttl_s
        return token

    def redeem(self, token: str) -> bool:
        """True once for a live token, then never again."""
        with self._lock:
            expiry = self._expiry.pop(token, None)
        return expiry is not None and expiry > time.monotonic()
