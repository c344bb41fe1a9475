"""The JSON contract of an answer (``gouvernail ask --json`` and the API)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Mode = Literal["extractive", "llm", "llm_fallback"]


class Citation(BaseModel):
    n: int = Field(description="Marker number used in the answer: [n].")
    chunk_id: str
    source: str = Field(description="Path of the document inside corpus/.")
    title: str
    fiche: int | None = None
    heading_path: str
    quote: str = Field(description="Exact substring of the source file (UI highlight).")
    start: int = Field(description="Character offset of the quote in the source file.")
    end: int
    score: float


class PiiFound(BaseModel):
    type: str
    start: int
    end: int


class GuardrailsReport(BaseModel):
    pii: list[PiiFound] = Field(default_factory=list)
    injection: bool = False
    blocked: bool = False
    reason: str | None = None


class AskResult(BaseModel):
    id: str | None = None
    question_masked: str
    answer: str
    abstained: bool
    citations: list[Citation] = Field(default_factory=list)
    guardrails: GuardrailsReport
    mode: Mode = "extractive"
    flags: list[str] = Field(default_factory=list, description="Why an LLM answer was replaced, if it was.")
    timings_ms: dict[str, float] = Field(default_factory=dict)
