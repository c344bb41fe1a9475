"""``GET /v1/passages/{chunk_id}``: a cited passage within its section, with offsets to highlight it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.deps import AssistantDep, ServicesDep, StaffKey
from api.errors import error_responses
from api.passage_html import section_html
from api.schemas import Highlight, PassageOut, SectionOut
from ingest.sections import section_around

router = APIRouter(prefix="/v1", tags=["passages"])


@router.get(
    "/passages/{chunk_id}",
    summary="A cited passage and its section",
    description="`chunk_id` comes from a citation. Returns the passage text, its source and heading path, "
    "the whole section around it, `highlight`, the passage's offsets inside `section.text`, and `html`, the "
    "section rendered from Markdown and sanitised, with the quote (`start`/`end`, a citation's offsets in "
    "the source file) or else the passage inside `<mark>`.",
    responses=error_responses(401, 403, 404, 429, 503),
)
def passage(
    chunk_id: str,
    _key: StaffKey,
    services: ServicesDep,
    assistant: AssistantDep,
    start: Annotated[int | None, Query(ge=0, description="A citation's `start`.")] = None,
    end: Annotated[int | None, Query(ge=0, description="A citation's `end`.")] = None,
) -> PassageOut:
    chunk = assistant.retriever.chunk(chunk_id)
    if chunk is None:
        raise HTTPException(404, f"no passage {chunk_id} in the served index")
    meta = chunk.metadata
    chunk_start, chunk_end = int(meta.get("start", 0)), int(meta.get("end", len(chunk.text)))
    source = str(meta.get("source", ""))
    section = section_around(services.settings.corpus_dir, source, chunk.text, chunk_start, chunk_end)
    mark = (section.passage_start, section.passage_end)
    if start is not None and end is not None and section.start <= start < end <= section.end:
        mark = (start - section.start, end - section.start)
    fiche, page = meta.get("fiche"), meta.get("page")
    return PassageOut(
        chunk_id=chunk.id,
        source=source,
        title=str(meta.get("doc_title", "")),
        heading_path=str(meta.get("heading_path", "")),
        fiche=fiche if isinstance(fiche, int) else None,
        page=page if isinstance(page, int) else None,
        text=chunk.text,
        start=section.start + section.passage_start,
        end=section.start + section.passage_end,
        section=SectionOut(heading=section.heading, text=section.text, start=section.start, end=section.end),
        highlight=Highlight(start=section.passage_start, end=section.passage_end),
        html=section_html(section.text, *mark),
    )
