"""Conversation plumbing shared by ``/v1/ask`` and ``/v1/chat/completions``: earlier turns, source lists."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fastapi import HTTPException

from assistant.models import Citation
from assistant.service import Turn
from ingest.settings import Settings

SOURCES_HEADER = "\n\nSources :\n"


def earlier_turns(pairs: Iterable[tuple[str, str]], settings: Settings) -> list[Turn]:
    """Previous (question, answer) pairs as ``Turn``s for the assistant, which screens them like questions;
    422 when one message is longer than ``max_history_message_chars``."""
    limit = settings.max_history_message_chars
    for n, (question, answer) in enumerate(pairs, start=1):
        longest = max(len(question), len(answer))
        if longest > limit:
            raise HTTPException(422, f"history: message {n} too long ({longest} characters, at most {limit})")
    return [Turn(question, strip_sources(answer)) for question, answer in pairs]


def strip_sources(answer: str) -> str:
    """An answer without the source list this API appended to it."""
    return answer.split(SOURCES_HEADER, 1)[0]


def source_line(citation: Citation) -> str:
    """``[1] fiche 1 — Titre › section`` (the document's own top heading is left out)."""
    label = (
        f"fiche {citation.fiche} — {citation.title}" if citation.fiche else citation.title or citation.source
    )
    sections = citation.heading_path.split(" > ")[1:]
    return " › ".join([f"[{citation.n}] {label}", *sections])


def sources_block(citations: Sequence[Citation]) -> str:
    """The numbered source list appended to a chat answer ('' without citations)."""
    if not citations:
        return ""
    return SOURCES_HEADER + "\n".join(source_line(c) for c in citations)
