"""The answer slots: at most N answers computed at once (CPU-bound), and how long none has been free."""

from __future__ import annotations

import threading
import time


class AnswerSlots:
    """A counting semaphore that also knows since when every slot has been taken."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._free = threading.Semaphore(size)
        self._lock = threading.Lock()
        self._taken = 0
        self._full_since: float | None = None

    def acquire(self, timeout: float) -> bool:
        """Take a slot, waiting at most ``timeout`` seconds; False when none came free."""
        if not self._free.acquire(timeout=timeout):
            return False
        with self._lock:
            self._taken += 1
            if self._taken == self.size:
                self._full_since = time.monotonic()
        return True

    def release(self) -> None:
        with self._lock:
            self._taken -= 1
            self._full_since = None
        self._free.release()

    def full_for(self) -> float:
        """Seconds since the last free slot was taken (0 while one is free)."""
        with self._lock:
            return 0.0 if self._full_since is None else time.monotonic() - self._full_since
