"""The golden set is checked against the corpus: sections exist, key facts are quoted verbatim."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from eval.golden import load_golden, section_ranges

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
MINIMUM_PER_CATEGORY = {
    "fact": 15, "number": 8, "who": 15, "list": 10, "cross_document": 6,
    "prompt_library": 10, "out_of_corpus": 10, "with_pii": 6, "injection": 5,
}  # fmt: skip


def test_golden_set_size_and_categories() -> None:
    items = load_golden()
    assert len(items) >= 80 and len({i.id for i in items}) == len(items)
    counts = Counter(i.category for i in items)
    assert all(counts[c] >= n for c, n in MINIMUM_PER_CATEGORY.items()), counts
    assert sum(i.lang == "en" for i in items) >= 8
    assert all(i.must_abstain == (i.category == "out_of_corpus") for i in items)


def test_every_key_fact_stands_verbatim_in_a_cited_section() -> None:
    for item in load_golden():
        sections = []
        for source in item.sources:
            text = (CORPUS / source.path).read_text(encoding="utf-8")
            sections += [text[start:end] for start, end in section_ranges(CORPUS, source)]
        for fact in item.key_facts:
            assert any(fact in text for text in sections), (item.id, fact)
        assert bool(item.sources) == (item.category not in {"out_of_corpus", "injection"}), item.id
