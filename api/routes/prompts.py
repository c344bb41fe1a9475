"""``GET /v1/prompts``: search and filter the prompt library."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ServicesDep, StaffKey
from api.errors import error_responses
from api.schemas import PromptList, PromptOut
from assistant.prompt_library import search_prompts

router = APIRouter(prefix="/v1", tags=["prompts"])


@router.get(
    "/prompts",
    summary="Search the prompt library",
    description="Entries of `corpus/prompts/` (front matter `id`, `titre`, `categorie`, `metier`, `tags` "
    "and the sections Objectif, Formulation, Cas d'usage, Précautions). `q` keeps the entries holding "
    "every content word of it (accents and case ignored), best title/tag matches first.",
    responses=error_responses(401, 403, 422, 429),
)
def prompts(
    _key: StaffKey,
    services: ServicesDep,
    q: Annotated[str | None, Query(max_length=200, examples=["retard de livraison"])] = None,
    category: Annotated[str | None, Query(max_length=60, examples=["relation-client"])] = None,
    tag: Annotated[str | None, Query(max_length=60, examples=["livraison"])] = None,
) -> PromptList:
    found = search_prompts(services.prompts, q, category, tag)
    items = [
        PromptOut(
            id=e.id, titre=e.titre, categorie=e.categorie, metier=e.metier, tags=list(e.tags),
            source=e.source, sections=e.sections,
        )
        for e in found
    ]  # fmt: skip
    return PromptList(count=len(items), items=items)
