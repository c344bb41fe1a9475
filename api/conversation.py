"""Conversation plumbing shared by ``/v1/ask`` and ``/v1/chat/completions``: masked history, source lists."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.models import Citation
from assistant.service import Assistant, Turn
from guardrails.pii import Pseudonyms
from guardrails.text import clean_text

SOURCES_HEADER = "\n\nSources :\n"


def masked_history(
    assistant: Assistant, pairs: Iterable[tuple[str, str]], pseudonyms: Pseudonyms
) -> list[Turn]:
    """Previous (question, answer) pairs as ``Turn``s, masked with the conversation's pseudonyms."""
    mask = assistant.guardrails.masker.mask
    return [
        Turn(mask(clean_text(q), pseudonyms).text, mask(clean_text(strip_sources(a)), pseudonyms).text)
        for q, a in pairs
    ]


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
