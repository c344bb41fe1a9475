"""Answer units: how a chunk splits into sentences, list items and table rows, and their vector keys."""

from __future__ import annotations

from ingest.units import chunk_units, clean_for_answer, split_units, unit_embed_text, unit_key


def units(text: str) -> list[str]:
    return [text[s:e] for s, e in split_units(text)]


def test_list_items_table_rows_and_sentences_are_units() -> None:
    text = (
        "| Responsable | Rôle |\n|---|---|\n| Comité IA | Validation de la charte |\n\n"
        "- Premier point.\n  - sous-point\n\nUne phrase. Une autre !\n```text\nTu es [RÔLE].\n```"
    )
    assert units(text) == [
        "Comité IA | Validation de la charte",
        "Premier point.",
        "sous-point",
        "Une phrase.",
        "Une autre !",
        "Tu es [RÔLE].",
    ]
    assert clean_for_answer("**Comité IA** | Validation") == "Comité IA : Validation"


def test_a_wrapped_prompt_formulation_is_split_by_sentence_not_by_line() -> None:
    text = "## Formulation\n```text\nTu es chef de projet. Construis la matrice\nRACI du projet.\n```"
    assert units(text) == ["Tu es chef de projet.", "Construis la matrice\nRACI du projet."]


def test_a_unit_is_keyed_by_what_is_embedded_heading_path_included() -> None:
    text = "## Formulation\n```text\nTu es chef de projet. Construis la matrice\nRACI du projet.\n```"
    keys = chunk_units(text, "P07 > Formulation")
    # both splits of a code block: by sentence, and whole (what a prompt request quotes)
    assert set(keys.values()) == {
        "P07 > Formulation\nTu es chef de projet.",
        "P07 > Formulation\nConstruis la matrice RACI du projet.",
        "P07 > Formulation\nTu es chef de projet. Construis la matrice RACI du projet.",
    }
    assert all(unit_key(embedded) == key for key, embedded in keys.items())
    # the same sentence under another heading is another unit; the same text keeps its key
    assert unit_key(unit_embed_text("P08", "Tu es chef de projet.")) not in keys
    assert chunk_units(text, "P07 > Formulation") == keys
