"""The prompt library (``corpus/prompts/*.md``): entries from front matter and sections, searchable."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assistant.french_text import fold, terms
from ingest.documents import BlockKind
from ingest.loaders import LoaderError, load_document

PROMPTS_FOLDER = "prompts"
_FENCE = re.compile(r"\A```[^\n]*\n|\n?```\s*\Z")


@dataclass(frozen=True)
class PromptEntry:
    id: str
    titre: str
    categorie: str
    metier: str
    tags: tuple[str, ...]
    source: str  # path inside the corpus folder
    sections: dict[str, str]  # Objectif, Formulation, Cas d'usage, Précautions → text

    def search_text(self) -> str:
        return " ".join(
            [self.id, self.titre, self.categorie, self.metier, *self.tags, *self.sections.values()]
        )


def load_prompt_library(corpus_dir: Path) -> list[PromptEntry]:
    """Every readable entry of ``corpus_dir/prompts``, sorted by id; unreadable files are left out."""
    entries = []
    for path in sorted((corpus_dir / PROMPTS_FOLDER).glob("*.md")):
        try:
            doc = load_document(path)
        except LoaderError:
            continue
        meta = doc.metadata
        if not meta.get("id"):
            continue
        sections: dict[str, str] = {}
        heading = ""
        for block in doc.blocks:
            if block.kind is BlockKind.HEADING:
                heading = block.heading_text if block.level >= 2 else ""
            elif heading:
                text = _FENCE.sub("", doc.text[block.start : block.end]).strip()
                sections[heading] = f"{sections[heading]}\n{text}" if heading in sections else text
        entries.append(
            PromptEntry(
                id=str(meta["id"]),
                titre=str(meta.get("titre") or doc.title),
                categorie=str(meta.get("categorie", "")),
                metier=str(meta.get("metier", "")),
                tags=tuple(str(t) for t in meta.get("tags") or ()),
                source=path.relative_to(corpus_dir).as_posix(),
                sections=sections,
            )
        )
    return sorted(entries, key=lambda e: e.id)


def search_prompts(
    entries: list[PromptEntry], q: str | None = None, category: str | None = None, tag: str | None = None
) -> list[PromptEntry]:
    """Entries of ``category`` carrying ``tag`` (accent- and case-insensitive) whose text holds every
    content word of ``q``; ranked by how many of those words are in the title, tags or job."""
    wanted = set(terms(q)) if q else set()
    found: list[tuple[int, PromptEntry]] = []
    for entry in entries:
        if category and fold(entry.categorie) != fold(category):
            continue
        if tag and fold(tag) not in {fold(t) for t in entry.tags}:
            continue
        if wanted and not wanted <= set(terms(entry.search_text())):
            continue
        headline = set(terms(" ".join([entry.titre, entry.metier, *entry.tags])))
        found.append((len(wanted & headline), entry))
    return [entry for _, entry in sorted(found, key=lambda pair: -pair[0])]
