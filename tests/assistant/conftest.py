"""Fixtures for the assistant tests: a local OpenAI-compatible stub endpoint."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from openai_stub import OpenAIStub, openai_stub


@pytest.fixture
def openai_stub_server() -> Iterator[OpenAIStub]:
    """A fresh stub on a free loopback port, stopped after the test."""
    with openai_stub() as stub:
        yield stub
