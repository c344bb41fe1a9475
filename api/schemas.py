"""Request and response bodies of the API (the answer itself is ``assistant.models.AskResult``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.audit_store import Outcome
from api.keys import Role
from assistant.models import ASK_RESULT_EXAMPLE, Citation

_QUESTION = "Qui valide la charte éthique ?"


class HistoryTurn(BaseModel):
    question: str = Field(max_length=20000)
    answer: str = Field(max_length=20000)


class AskRequest(BaseModel):
    """A question, with optional retrieval filters and the previous turns of the conversation."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"question": _QUESTION},
                {"question": "Combien de personnes dans un Lab IA ?", "k": 3, "fiche": 13},
                {
                    "question": "Et qui est consulté ?",
                    "history": [{"question": _QUESTION, "answer": "Le comité IA valide la charte [1]."}],
                },
            ]
        }
    )

    question: str = Field(description="The question (PII is masked before anything else sees it).")
    k: int | None = Field(None, ge=1, le=20, description="Passages to retrieve (default GOUVERNAIL_TOP_K).")
    fiche: int | None = Field(None, ge=1, le=99, description="Only passages of this fiche.")
    phase: str | None = Field(None, max_length=40, description="Only this phase, e.g. `Phase II`.")
    doc_type: str | None = Field(
        None, max_length=40, description="Only this document type (catalogue, raci…)."
    )
    history: list[HistoryTurn] = Field(default_factory=list, max_length=20)


class ContentPart(BaseModel):
    type: str = "text"
    text: str | None = None


class ChatMessage(BaseModel):
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(part.text or "" for part in self.content if part.type == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    """OpenAI chat-completions request; the last user message is the question, earlier turns the history.

    Sampling parameters (temperature, …) are accepted and ignored; `k`, `fiche`, `phase`, `doc_type` are
    Gouvernail extensions (the openai client sends them with `extra_body`).
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"model": "gouvernail", "messages": [{"role": "user", "content": _QUESTION}]},
                {
                    "model": "gouvernail",
                    "stream": True,
                    "messages": [
                        {"role": "user", "content": _QUESTION},
                        {"role": "assistant", "content": "Le comité IA valide la charte [1]."},
                        {"role": "user", "content": "Et qui la rédige ?"},
                    ],
                },
            ]
        }
    )

    model: str = "gouvernail"
    messages: list[ChatMessage] = Field(min_length=1, max_length=41)
    stream: bool = False
    k: int | None = Field(None, ge=1, le=20)
    fiche: int | None = Field(None, ge=1, le=99)
    phase: str | None = Field(None, max_length=40)
    doc_type: str | None = Field(None, max_length=40)


class ChatAnswer(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class ChatChoice(BaseModel):
    index: int = 0
    message: ChatAnswer
    finish_reason: Literal["stop"] = "stop"
    logprobs: None = None


class Usage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


_SOURCES_EXAMPLE = (
    "\n\nSources :\n[1] fiche 1 — Développement d'une charte éthique d'usage de l'IA générative › "
    "Responsables de l'action"
)


class ChatCompletion(BaseModel):
    """OpenAI ``chat.completion`` plus ``citations`` and ``answer_id`` (for ``POST /v1/feedback``)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": ASK_RESULT_EXAMPLE["id"],
                    "object": "chat.completion",
                    "created": 1795000000,
                    "model": "gouvernail",
                    "choices": [
                        {
                            "index": 0,
                            "finish_reason": "stop",
                            "logprobs": None,
                            "message": {
                                "role": "assistant",
                                "content": ASK_RESULT_EXAMPLE["answer"] + _SOURCES_EXAMPLE,
                            },
                        }
                    ],
                    "usage": {"prompt_tokens": 9, "completion_tokens": 31, "total_tokens": 40},
                    "citations": ASK_RESULT_EXAMPLE["citations"],
                    "answer_id": ASK_RESULT_EXAMPLE["id"],
                    "mode": "extractive",
                    "abstained": False,
                }
            ]
        }
    )

    id: str = Field(description="The answer id (also `answer_id`).")
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[ChatChoice]
    usage: Usage
    citations: list[Citation]
    answer_id: str
    mode: str
    abstained: bool


class PromptOut(BaseModel):
    id: str
    titre: str
    categorie: str
    metier: str
    tags: list[str]
    source: str
    sections: dict[str, str] = Field(description="Objectif, Formulation, Cas d'usage, Précautions.")


class PromptList(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "count": 1,
                    "items": [
                        {
                            "id": "P19",
                            "titre": "Rédiger un e-mail de retard de livraison",
                            "categorie": "relation-client",
                            "metier": "Service client",
                            "tags": ["retard", "livraison", "e-mail client"],
                            "source": "prompts/p19-rediger-un-e-mail-de-retard-de-livraison.md",
                            "sections": {"Objectif": "…", "Formulation": "…"},
                        }
                    ],
                }
            ]
        }
    )

    count: int
    items: list[PromptOut]


class Highlight(BaseModel):
    start: int = Field(description="Offset of the passage in `section.text`.")
    end: int


class SectionOut(BaseModel):
    heading: str
    text: str
    start: int = Field(description="Offset of the section in the source file.")
    end: int


class PassageOut(BaseModel):
    """A cited passage, its section, and where the passage sits in the section (for highlighting)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "chunk_id": "335e33ff9b6f8e60c0397766",
                    "source": "catalogue/fiche-01-charte-ethique.md",
                    "title": "Développement d'une charte éthique d'usage de l'IA générative",
                    "heading_path": ASK_RESULT_EXAMPLE["citations"][0]["heading_path"],
                    "fiche": 1,
                    "page": None,
                    "text": "| Comité IA (si existant au sein de la structure) ou RHs | Validation …",
                    "start": 1390,
                    "end": 1532,
                    "section": {
                        "heading": "Responsables de l'action",
                        "text": "## Responsables de l'action\n\n| …",
                        "start": 1180,
                        "end": 1640,
                    },
                    "highlight": {"start": 210, "end": 352},
                    "html": "<h2>Responsables de l'action</h2>\n<table>…<td><mark>Comité IA …</mark></td>…",
                }
            ]
        }
    )

    chunk_id: str
    source: str
    title: str
    heading_path: str
    fiche: int | None
    page: int | None
    text: str
    start: int = Field(description="Offset of the passage in the source file.")
    end: int
    section: SectionOut
    highlight: Highlight
    html: str = Field(description="`section.text` rendered to sanitised HTML, the quote inside `<mark>`.")


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"answer_id": "3f2a9c0e5b7d4e1f8a6b2c4d9e0f1a2b", "rating": "up"},
                {
                    "answer_id": "3f2a9c0e5b7d4e1f8a6b2c4d9e0f1a2b",
                    "rating": 2,
                    "comment": "Source incomplète.",
                },
            ]
        }
    )

    answer_id: str = Field(max_length=64, description="`id` of an AskResult or `answer_id` of a completion.")
    rating: Literal["up", "down"] | Annotated[int, Field(ge=1, le=5)] = Field(
        description="`up`/`down`, or 1 to 5."
    )
    comment: str = Field("", max_length=4000, description="Free text; PII is masked before storage.")


class FeedbackOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 12,
                    "answer_id": "3f2a9c0e5b7d4e1f8a6b2c4d9e0f1a2b",
                    "rating": "down",
                    "comment_masked": "Mauvaise fiche, voir avec <PERSON_1>.",
                }
            ]
        }
    )

    id: int
    answer_id: str
    rating: str
    comment_masked: str


class ReindexOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "added": 0, "updated": 1, "removed": 0, "unchanged": 4, "renamed": 0, "skipped": 0,
                    "chunks_total": 63, "chunks_embedded": 2, "chunks_reused": 0,
                    "full_rebuild": None, "seconds": 1.4,
                }
            ]
        }
    )  # fmt: skip

    added: int
    updated: int
    removed: int
    unchanged: int
    renamed: int
    skipped: int
    chunks_total: int
    chunks_embedded: int
    chunks_reused: int
    full_rebuild: str | None
    seconds: float


class KeyOut(BaseModel):
    id: str
    role: Role
    name: str
    created_at: datetime
    revoked_at: datetime | None


class KeyCreate(BaseModel):
    role: Role
    name: str = Field("", max_length=200)


class KeyCreated(KeyOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "key_5c1e0b7a",
                    "role": "staff",
                    "name": "Teams bot",
                    "created_at": "2026-11-22T13:00:00Z",
                    "revoked_at": None,
                    "key": "gv_3q0V…(shown once)",
                }
            ]
        }
    )

    key: str = Field(description="The secret: shown once, send it as `Authorization: Bearer <key>`.")


class FeedbackItem(BaseModel):
    id: int
    answer_id: str
    time: datetime
    key_id: str
    rating: str
    comment_masked: str


class FeedbackPageItem(FeedbackItem):
    question_masked: str = Field(description="The masked question of the rated exchange.")


class FeedbackPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[FeedbackPageItem]


class DailyOutcomes(BaseModel):
    day: str = Field(description="UTC day, `YYYY-MM-DD`.", examples=["2026-11-22"])
    answered: int
    abstained: int
    blocked: int
    fallback: int
    aborted: int


class Me(BaseModel):
    id: str
    name: str
    role: Role


class ReportLink(BaseModel):
    url: str = Field(description="Opens the latest report once, without a key, within `expires_in` seconds.")
    expires_in: int


class AuditItem(BaseModel):
    id: str
    time: datetime
    key_id: str
    route: str
    question_masked: str
    answer: str
    citations: list[dict[str, Any]]
    guardrails: dict[str, Any]
    mode: str
    abstained: bool
    outcome: Outcome
    latency_ms: float
    feedback: list[FeedbackItem] = Field(default_factory=list, description="Ratings of this answer.")


class AuditPage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "total": 1,
                    "limit": 50,
                    "offset": 0,
                    "items": [
                        {
                            "id": ASK_RESULT_EXAMPLE["id"],
                            "time": "2026-11-22T13:24:09Z",
                            "key_id": "key_5c1e0b7a",
                            "route": "/v1/ask",
                            "question_masked": ASK_RESULT_EXAMPLE["question_masked"],
                            "answer": ASK_RESULT_EXAMPLE["answer"],
                            "citations": ASK_RESULT_EXAMPLE["citations"],
                            "guardrails": ASK_RESULT_EXAMPLE["guardrails"],
                            "mode": "extractive",
                            "abstained": False,
                            "outcome": "answered",
                            "latency_ms": 61.2,
                        }
                    ],
                }
            ]
        }
    )

    total: int
    limit: int
    offset: int
    items: list[AuditItem]


class Health(BaseModel):
    status: str
    version: str


class Readiness(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"status": "ready", "reason": None, "index_revision": 7},
                {
                    "status": "not_ready",
                    "reason": "no index: run `gouvernail reindex`",
                    "index_revision": None,
                },
            ]
        }
    )

    status: Literal["ready", "not_ready"]
    reason: str | None = None
    index_revision: int | None = Field(
        None,
        description="The committed index revision this process serves (replicas converge on the newest).",
    )
