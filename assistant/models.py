"""The JSON contract of an answer (``gouvernail ask --json`` and the API)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Mode = Literal["extractive", "llm", "llm_fallback"]


_CITATION_EXAMPLE: dict[str, Any] = {
    "n": 1,
    "chunk_id": "335e33ff9b6f8e60c0397766",
    "source": "catalogue/fiche-01-charte-ethique.md",
    "title": "Développement d'une charte éthique d'usage de l'IA générative",
    "fiche": 1,
    "heading_path": "Fiche 1 — Développement d'une charte éthique d'usage de l'IA générative > "
    "Responsables de l'action",
    "quote": "Comité IA (si existant au sein de la structure) ou RHs | Validation de la charte et "
    "actualisation "
    "régulière en fonction des évolutions technologiques",
    "start": 1392,
    "end": 1530,
    "score": 0.2133,
}
ASK_RESULT_EXAMPLE: dict[str, Any] = {
    "id": "3f2a9c0e5b7d4e1f8a6b2c4d9e0f1a2b",
    "question_masked": "Je suis <PERSON_1>, qui valide la charte éthique ?",
    "answer": "Comité IA (si existant au sein de la structure) ou RHs : Validation de la charte et "
    "actualisation "
    "régulière en fonction des évolutions technologiques [1]",
    "abstained": False,
    "citations": [_CITATION_EXAMPLE],
    "guardrails": {
        "pii": [{"type": "PERSON", "start": 10, "end": 22}],
        "injection": False,
        "blocked": False,
        "reason": None,
    },
    "mode": "extractive",
    "flags": [],
    "timings_ms": {"guardrails_ms": 17.3, "retrieval_ms": 21.0, "answer_ms": 3.3, "output_checks_ms": 13.3,
                   "total_ms": 54.9},
}  # fmt: skip


class Citation(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_CITATION_EXAMPLE]})

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
    model_config = ConfigDict(json_schema_extra={"examples": [ASK_RESULT_EXAMPLE]})

    id: str | None = None
    question_masked: str
    answer: str
    abstained: bool
    citations: list[Citation] = Field(default_factory=list)
    guardrails: GuardrailsReport
    mode: Mode = "extractive"
    flags: list[str] = Field(default_factory=list, description="Why an LLM answer was replaced, if it was.")
    timings_ms: dict[str, float] = Field(default_factory=dict)
