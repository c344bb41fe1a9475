"""Whole sections (small-to-big): chunks of one heading read back as one passage of the source file."""

from __future__ import annotations

from pathlib import Path

from assistant.retrieval.hybrid import Hit, HybridRetriever
from assistant.retrieval.sections import whole_sections
from ingest.search import DenseSearcher, RetrievedChunk

CHARTER = Path(__file__).resolve().parents[2] / "corpus" / "catalogue" / "fiche-01-charte-ethique.md"


def cut(
    text: str, start: int, end: int, at: int, heading: str = "Fiche 1 > Objectifs"
) -> list[RetrievedChunk]:
    """``text[start:end]`` as two chunks cut at the blank line ``at`` (the newlines left out)."""
    meta = {"source": "catalogue/fiche-01-charte-ethique.md", "heading_path": heading}
    return [
        RetrievedChunk("a", text[start:at], meta | {"start": start, "end": at}, 0.9),
        RetrievedChunk("b", text[at + 2 : end], meta | {"start": at + 2, "end": end}, 0.8),
    ]


def test_a_section_cut_in_two_reads_back_as_the_source_text() -> None:
    text = CHARTER.read_text(encoding="utf-8")
    at = text.index("\n\n", 200)
    end = text.index("\n\n", at + 2)
    whole = whole_sections(cut(text, 0, end, at))
    assert whole["a"].text == whole["b"].text == text[0:end]
    assert (whole["b"].metadata["start"], whole["b"].metadata["end"]) == (0, end)


def test_chunks_of_different_headings_or_apart_stay_apart() -> None:
    text = CHARTER.read_text(encoding="utf-8")
    at = text.index("\n\n", 200)
    end = text.index("\n\n", at + 2)
    first, second = cut(text, 0, end, at)
    assert whole_sections([first, cut(text, 0, end, at, heading="Fiche 1 > Public")[1]]) == {}
    far = RetrievedChunk("c", second.text, second.metadata | {"start": at + 40, "end": end + 38}, 0.8)
    assert whole_sections([first, far]) == {}


def test_hits_are_read_as_their_sections_once_and_within_the_word_limit(indexed, embedder) -> None:
    retriever = HybridRetriever(DenseSearcher(indexed, embedder))
    hits = retriever.retrieve("Quelle est la méthode en trois temps de Flowpi, et où est-il basé ?", k=8)
    sections = retriever._lexical().sections
    assert any(h.chunk.id in sections for h in hits), "a hit whose section was cut into several chunks"
    read = retriever.in_sections(hits, max_words=10_000)
    places = [(h.chunk.metadata["source"], h.chunk.metadata["start"]) for h in read]
    assert len(places) == len(set(places)) and len(read) <= len(hits)
    for hit in read:
        source = (indexed.corpus_dir / hit.chunk.metadata["source"]).read_text(encoding="utf-8")
        assert source[hit.chunk.metadata["start"] : hit.chunk.metadata["end"]] == hit.chunk.text
    assert [h.chunk for h in retriever.in_sections(hits, max_words=0)] == [h.chunk for h in hits]


def test_an_unsplit_chunk_is_its_own_section(indexed, embedder) -> None:
    retriever = HybridRetriever(DenseSearcher(indexed, embedder))
    hits: list[Hit] = retriever.retrieve("Qui valide la charte éthique ?", k=3)
    alone = [h for h in hits if h.chunk.id not in retriever._lexical().sections]
    assert alone
    assert [h.chunk for h in retriever.in_sections(alone, max_words=10_000)] == [h.chunk for h in alone]
