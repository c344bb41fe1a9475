"""The RACI guide and the fiches' summary table answered as data, against matrices written by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.governance.answers import Governance, PassageSpan
from assistant.retrieval.hybrid import HybridRetriever
from assistant.service import Assistant
from guardrails.output import check_answer
from guardrails.screen import default_guardrails
from ingest.loaders import load_document
from ingest.search import DenseSearcher
from ingest.structure import extract_structure

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SUMMARY = "catalogue/00-introduction.md"

# The real guide's matrix, copied by hand from corpus/raci/matrice-raci-projet-ia.md (canonical roles).
MATRIX: dict[int, dict[str, set[str]]] = {
    1: {"R": {"Chef de projet", "Partenaire"}, "A": {"Sponsor"},
        "C": {"Référent métier", "Data lead", "DPO", "RSSI"}, "I": {"IT", "Finance", "RH"}},
    2: {"R": {"Data lead"}, "A": {"DPO", "RSSI"}, "C": {"Partenaire", "IT"},
        "I": {"Sponsor", "Référent métier"}},
    3: {"R": {"Partenaire", "Chef de projet"}, "A": {"Sponsor"},
        "C": {"Référent métier", "Data lead", "DPO", "RSSI"}, "I": {"IT", "Support"}},
    4: {"R": {"IT"}, "A": {"Chef de projet"}, "C": {"Partenaire", "RSSI"},
        "I": {"Référent métier", "Support"}},
    5: {"R": {"Chef de projet", "Support"}, "A": {"Sponsor"}, "C": {"Partenaire", "IT", "Référent métier"},
        "I": {"DPO", "RSSI"}},
    6: {"R": {"Change"}, "A": {"Chef de projet"}, "C": {"Référent métier", "Partenaire"},
        "I": {"Sponsor", "RH"}},
    7: {"R": {"Chef de projet", "Référent métier"}, "A": {"Sponsor"},
        "C": {"Finance", "Partenaire", "Data lead"}, "I": {"IT", "Direction"}},
}  # fmt: skip
# How a staff member names each role, and the names the guide's lines use for it.
ROLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Sponsor": ("notre DG", ("Sponsor",)),
    "Chef de projet": ("le chef de projet", ("Chef de projet",)),
    "Référent métier": ("le référent métier", ("Référent métier",)),
    "Data lead": ("notre data analyst", ("Data lead",)),
    "IT": ("la DSI", ("IT",)),
    "RSSI": ("le RSSI", ("RSSI", "Sécurité")),
    "DPO": ("le DPO", ("DPO",)),
    "Change": ("l'équipe enablement", ("Change",)),
    "Support": ("le support", ("Support",)),
    "Partenaire": ("notre prestataire", ("Partenaire",)),
    "Finance": ("le DAF", ("Finance",)),
    "RH": ("les RH", ("RH",)),
    "Direction": ("la Direction", ("Direction",)),
}
VERBS = {"R": "réalise le travail", "A": "valide", "C": "est consulté", "I": "est tenu informé"}
_CLAUSE = re.compile(r"(\d)\) [^—\[]+ — ([^\[]+)\[(\d+)\]")


def _phases_with(answer: str, letter: str, names: tuple[str, ...]) -> set[int]:
    """Phases whose quoted ``letter`` line names the role, read back from a structured answer."""
    found = set()
    for phase, said, _ in _CLAUSE.findall(answer):
        for line in said.split(" ; "):
            if line.startswith(f"{letter} :") and any(re.search(rf"\b{re.escape(n)}\b", line) for n in names):
                found.add(int(phase))
    return found


@pytest.fixture
def assistant(indexed, embedder) -> Assistant:
    return Assistant(indexed, default_guardrails(), HybridRetriever(DenseSearcher(indexed, embedder)))


def test_every_role_and_letter_of_the_raci_guide(assistant: Assistant, indexed) -> None:
    for role, (said, names) in ROLES.items():
        for letter, verb in VERBS.items():
            result = assistant.ask(f"Dans la RACI du projet IA, dans quelles phases {said} {verb} ?")
            expected = {phase for phase, letters in MATRIX.items() if role in letters[letter]}
            lead = result.answer.split("\n\n")[0]  # the structured sentence; supporting lines follow
            assert _phases_with(lead, letter, names) == expected, (role, letter, result.answer)
            quoted = {c.n: c.quote for c in result.citations}
            assert check_answer(result.answer, quoted).ok
            for citation in result.citations:
                source = (Path(indexed.corpus_dir) / citation.source).read_text(encoding="utf-8")
                assert source[citation.start : citation.end] == citation.quote


@pytest.mark.parametrize(
    "question",
    ["Dans quelles phases l'IT est informée ?", "In which phases is IT informed?",
     "I'm in the IT team: in which steps of the RACI am I just kept in the loop?"],
)  # fmt: skip
def test_a_role_named_by_a_stop_word_is_still_read(assistant: Assistant, question: str) -> None:
    # « IT » has no term to the stemmer (English "it"): the role was dropped as if it named a phase
    lead = assistant.ask(question).answer.split("\n\n")[0]
    expected = {phase for phase, letters in MATRIX.items() if "IT" in letters["I"]}
    assert _phases_with(lead, "I", ("IT",)) == expected


def test_a_phase_and_a_letter_give_that_line(assistant: Assistant) -> None:
    result = assistant.ask("Pendant l'intégration des connecteurs API, qui est consulté ?")
    # the whole phase, the line asked for first, then the supporting lines the records do not quote
    lead = result.answer.split("\n\n")[0]
    assert lead.startswith("4) Intégration & connecteurs API — C : Partenaire, Sécurité (RSSI) ; ")
    assert "R : IT/Intégration" in lead and lead.endswith("[1].")
    assert result.citations[0].source == "raci/matrice-raci-projet-ia.md"
    assert result.citations[0].n == 1 and all(c.n > 1 for c in result.citations[1:])
    assert "C : Partenaire, Sécurité (RSSI)" not in result.answer[len(lead) :]  # not quoted twice


def test_two_roles_compared_get_the_lines_of_both(assistant: Assistant) -> None:
    # the first line found may name the second role: the sentence then has no one-role lead (was IndexError)
    result = assistant.ask("Quelle est la différence entre le sponsor et le chef de projet dans la RACI ?")
    lead = result.answer.split("\n\n")[0]
    assert "A : Sponsor" in lead and "Chef de projet" in lead
    assert check_answer(result.answer, {c.n: c.quote for c in result.citations}).ok


def _summary_rows() -> list[dict[str, str]]:
    """The summary table read independently: header line, rule, then one row per fiche."""
    text = (CORPUS / SUMMARY).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith("| ")]
    headers = [c.strip() for c in lines[0].strip("|").split("|")]
    return [
        dict(zip(headers, (c.strip() for c in line.strip("|").split("|")), strict=True)) for line in lines[1:]
    ]


@pytest.fixture(scope="module")
def governance() -> Governance:
    document = load_document(CORPUS / SUMMARY)
    return Governance({SUMMARY: extract_structure(document)}, {SUMMARY: document.text})


@pytest.mark.parametrize("row", _summary_rows(), ids=lambda row: f"fiche-{row['N°']}")
def test_each_fiche_metadata_against_the_summary_table(governance: Governance, row: dict[str, str]) -> None:
    for question, column in (
        (f"À qui s'adresse l'action « {row['Nom']} » ?", "Public cible"),
        (f"Dans quelle phase est la fiche {row['N°']} ?", "Phase"),
        (f"Quelles entreprises sont concernées par la fiche {row['N°']} ?", "Entreprises concernées"),
        (f"Quel est l'objectif principal de « {row['Nom']} » ?", "Objectif principal"),
    ):
        answer = governance.answer(question, "fr", [], [])
        assert answer is not None, question
        assert f"{column} : {row[column]}" in answer.text and row["Nom"] in answer.text
        text = governance.text(SUMMARY)
        assert all(row["Nom"] in text[q.start : q.end] for q in answer.quotes)


def test_fiches_listed_by_a_value_of_the_summary_table(governance: Governance) -> None:
    rows = _summary_rows()
    answer = governance.answer("Quelles fiches sont en Phase III ?", "fr", [], [])
    assert answer is not None
    listed = [row["Nom"] for row in rows if row["Nom"] in answer.text]
    assert listed == [row["Nom"] for row in rows if row["Phase"] == "Phase III"]
    large = governance.answer(
        "Which actions are meant for large companies (grandes entreprises, ETI)?", "en", [], []
    )
    assert large is not None
    assert [r["Nom"] for r in rows if r["Nom"] in large.text] == [
        r["Nom"] for r in rows if r["Entreprises concernées"] == "Grandes entreprises, ETI"
    ]


@pytest.mark.parametrize(
    ("question", "phase"),
    [
        (
            "When we build the API connectors to our ERP, who does the work?",
            "4) Intégration & connecteurs API",
        ),
        ("Who is accountable for the data and compliance work of the AI project?", "2) Données & conformité"),
    ],
)
def test_a_phase_meant_but_not_named_is_read_by_meaning(
    assistant: Assistant, question: str, phase: str
) -> None:
    # English questions share no title word with the French guide: the phase is the passage closest in meaning
    result = assistant.ask(question)
    assert not result.abstained
    assert result.answer.startswith(f"{phase} — "), result.answer
    assert result.citations[0].source == "raci/matrice-raci-projet-ia.md"


def test_a_role_a_letter_and_a_phase_word_read_the_matrix_whatever_was_retrieved() -> None:
    raci = "raci/matrice-raci-projet-ia.md"
    document = load_document(CORPUS / raci)
    records = Governance({raci: extract_structure(document)}, {raci: document.text})
    elsewhere = [PassageSpan("catalogue/fiche-01-charte-ethique.md", 0, 500, fiche=1)]  # no RACI retrieved
    answer = records.answer("Je suis chef de projet, dans quelles phases je suis A ?", "fr", elsewhere)
    assert answer is not None and answer.text.startswith("Chef de projet décide et valide (A) : ")
    assert _phases_with(answer.text.split(". ")[0], "A", ["Chef de projet"]) == {
        phase for phase, letters in MATRIX.items() if "Chef de projet" in letters["A"]
    }
    # without a phase word the retrieved passages decide: a charter question stays the charter's
    assert records.answer("Le chef de projet valide-t-il la charte ?", "fr", elsewhere) is None


@pytest.mark.parametrize(
    ("question", "phase"),
    [
        ("On part de zéro : quelles actions le catalogue place-t-il en première phase ?", "Phase I"),
        ("Which actions does the catalogue put in the second stage?", "Phase II"),
        ("Quelles fiches sont prévues pour la toute dernière phase ?", "Phase IV"),
    ],
)
def test_a_phase_named_by_its_rank_lists_its_fiches(
    governance: Governance, question: str, phase: str
) -> None:
    rows = _summary_rows()
    answer = governance.answer(question, "fr", [], [])
    assert answer is not None
    expected = [r["Nom"] for r in rows if r["Phase"] == phase]
    assert [r["Nom"] for r in rows if r["Nom"] in answer.text] == expected
