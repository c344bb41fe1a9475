"""Roles, desks, firms, offices and common nouns that a name rule took for people, next to the names that
must still be masked in the same places (real Presidio analyzer, spaCy model and Faker lexicon, network
off). Sentences are written for these tests, not taken from the blind sets."""

from __future__ import annotations

import pytest

from guardrails.pii import PiiMasker
from guardrails.screen import default_guardrails


@pytest.fixture(scope="module")
def masker() -> PiiMasker:
    return default_guardrails().masker


def entities(masker: PiiMasker, text: str) -> list[tuple[str, str]]:
    return [(s.entity, text[s.start : s.end]) for s in masker.find(text)]


@pytest.mark.parametrize(
    "text",
    [
        # a role after a sign-off, a desk and a team after a mail header's field
        "Bien à vous,\nLa Responsable de la conformité\nDirection des risques",
        "Cordialement,\nLe Chargé de mission IA\nPôle innovation",
        "Message transféré\nDe : Secrétariat DSI\nÀ : Référents métiers\nObjet : charte IA",
        # a firm named after a person, after a noun of its trade
        "On a reçu la facture du fournisseur Leroy Merlin pour le showroom.",
        "The vendor Morgan Stanley sent its AI questionnaire back.",
        # an abbreviation in capitals glued to such a brand, read as a surname before a first name
        "BTW Morgan Stanley and Ford Credit both shared their AI charter at the forum",
        # a signature's offices: a department of the gazetteer listed with other cities
        "Envoyé depuis mon mobile\n--\nCellule veille IA\nParis – Lyon – Bordeaux",
        # a lowercase noun completing a noun, not the subject of the verb
        "le marchand de sable est passé trop tôt, je finis la fiche demain",
    ],
)
def test_roles_firms_offices_and_nouns_are_not_people(masker: PiiMasker, text: str) -> None:
    assert entities(masker, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cordialement,\nLe Roux Mathilde\nDirection des risques", [("PERSON", "Le Roux Mathilde")]),
        ("Message transféré\nDe : Rose Garnier\nObjet : charte IA", [("PERSON", "Rose Garnier")]),
        ("Salut, le prestataire Kevin Okafor n'arrive pas à se connecter", [("PERSON", "Kevin Okafor")]),
        ("Cordialement,\nPascal Lyon\nCellule veille IA", [("PERSON", "Pascal Lyon")]),
        ("le chef de jérôme est passé ce matin", [("PERSON", "jérôme")]),
        ("demande à Victor Hugo-Martin le support du comité", [("PERSON", "Victor Hugo-Martin")]),
    ],
)
def test_names_in_the_same_places_are_still_masked(
    masker: PiiMasker, text: str, expected: list[tuple[str, str]]
) -> None:
    assert entities(masker, text) == expected


def test_a_bare_name_column_keyed_by_a_project_code_names_projects(masker: PiiMasker) -> None:
    projects = "Réf. produit;Nom;Équipe;Statut\nPRD-12;Orion;Data;pilote\nPRD-14;Lucie;Juridique;en recette"
    assert entities(masker, projects) == []
    # the same header with a person's contact column, or with no code column, still names people
    contacts = "Réf. produit;Nom;Mail\nPRD-14;Lucie;l.moreau@exemple.fr"
    assert ("PERSON", "Lucie") in entities(masker, contacts)
    staff = "Produit;Nom;Équipe\nOrion;Lucie;Juridique"
    assert entities(masker, staff) == [("PERSON", "Lucie")]
    # a full name in the project's column is a person's all the same
    named = "Réf. produit;Nom;Équipe\nPRD-12;Lucie Moreau;Juridique"
    assert entities(masker, named) == [("PERSON", "Lucie Moreau")]


@pytest.mark.parametrize(
    "text",
    [
        # a first name the text gives a product's attributes or states: its latency, its roll-out,
        # available in production, a project's sponsor — and the same word elsewhere in the text
        "tu sais si Iris est dispo en prod ou encore en recette ?",
        "Iris's latency doubled after Tuesday's patch, and Iris now times out on long files",
        "Who is the project sponsor for Oscar, and has the DPO signed the DPIA?",
        "le déploiement de Léon est repoussé, Léon répond encore n'importe quoi",
        # a tool's noun beside the name, a software release, an assistant's adoption
        "Qui maintient l'outil Gaston depuis la version 3.2 ?",
        "souci avec roger (l'outil de ticketing), il plante depuis ce matin",
        "on a un bug avec Gaston le chatbot des achats, il ne comprend pas les devis",
        "La release 2.4.1 de Léon corrige les doublons.\n\nLéon passe en production lundi.",
        "Comment suivre l'adoption de l'assistant Margot dans les agences ?",
        "madame de la compta a appelé ce matin",  # a desk after a civility and its article
        # a tool's noun before the name, the assistant it is, tools it is compared with
        "le bot Oscar ne répond plus depuis ce matin",
        "la licence de l'assistant Gaston est renouvelée",
        "Compare Hector, ChatGPT et Gemini pour la rédaction des comptes rendus",
        # a room, named after a person: its noun after the name, or the header of its table's column
        "Meet me in the Grace Hopper room at 3pm",
        "Salle;Étage;Places\nMarie Curie;2;12\nTuring;3;8",
        "Outil;Usage\nHector;tri des mails\nMarcel;planning",
        "KPI\tT1\tT2\nRequêtes Gaston\t1 200\t1 450",
    ],
)
def test_a_first_name_used_as_a_product_is_not_a_person(masker: PiiMasker, text: str) -> None:
    assert entities(masker, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # available, updated, a version of one's own: what a person is or has too
        ("tu sais si Iris est dispo demain pour la recette ?", [("PERSON", "Iris")]),
        ("Iris's update on the budget was clear", [("PERSON", "Iris")]),
        ("la version de Léon est la bonne, je l'ai relue", [("PERSON", "Léon")]),
        # a tool's noun that is not set beside the name
        ("Demande à Julie le modèle de note pour le comité.", [("PERSON", "Julie")]),
        ("Envoie l'outil à Julie Martin avant lundi.", [("PERSON", "Julie Martin")]),
        # a person beside a room, a tool listed with people, a person's column beside a room's
        ("demande à Julie dans la salle Turing", [("PERSON", "Julie")]),
        ("Julie, Copilot et moi on a testé", [("PERSON", "Julie")]),
        ("Nom;Salle\nJulie Martin;Turing", [("PERSON", "Julie Martin")]),
        # a full name beside a product's latency
        (
            "Ask Oscar's manager, Iris Marchand, about the latency",
            [("PERSON", "Oscar"), ("PERSON", "Iris Marchand")],
        ),
    ],
)
def test_people_beside_product_words_are_still_masked(
    masker: PiiMasker, text: str, expected: list[tuple[str, str]]
) -> None:
    assert entities(masker, text) == expected


def test_a_person_after_an_abbreviation_in_capitals_is_still_masked(masker: PiiMasker) -> None:
    text = "BTW Kevin Okafor shared his AI charter at the forum"
    found = entities(masker, text)
    assert len(found) == 1 and found[0][0] == "PERSON" and "Kevin Okafor" in found[0][1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a given name no lexicon holds, before a surname it knows, inside a sentence
        ("Merci de joindre Raj Patel au sujet du badge", [("PERSON", "Raj Patel")]),
        ("Can you add Grzegorzia Kowalska to the AI working group?", [("PERSON", "Grzegorzia Kowalska")]),
        # not a street, a firm nor a place ending on a surname
        ("Le comité se tient au 8 Odeku Street cette année", []),
        ("Les équipes de Zentrix Group ont validé la charte", []),
    ],
)
def test_an_unknown_given_name_before_a_known_surname(
    masker: PiiMasker, text: str, expected: list[tuple[str, str]]
) -> None:
    assert entities(masker, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an English message opening on a first name that says something or was born
        ("Tomasz said the VPN was down again, can someone check?", [("PERSON", "Tomasz")]),
        ("Linh was born in Hue, she needs the form in English", [("PERSON", "Linh")]),
        # a product opening a message with a verb that is no saying nor birth
        ("Oscar crashed again on the long contracts", []),
    ],
)
def test_an_english_first_name_that_says_or_was_born(
    masker: PiiMasker, text: str, expected: list[tuple[str, str]]
) -> None:
    assert entities(masker, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a first name, typed in lowercase, before the desk or the department it belongs to
        ("bjr, ines de la paie demande le planning des astreintes", [("PERSON", "ines")]),
        ("quelqu'un a vu mathias du labo data ? il a mes clés", [("PERSON", "mathias")]),
        ("Ask Priya from the legal team before sending it", [("PERSON", "Priya")]),
        # an inhabitant or a common noun before a team, after an article or in lowercase
        ("le Breton de l'équipe a ramené des crêpes pour le pot", []),
        ("rose du bureau 12 à arroser pendant les congés", []),
    ],
)
def test_a_first_name_of_a_team(masker: PiiMasker, text: str, expected: list[tuple[str, str]]) -> None:
    assert entities(masker, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a first name and a surname typed in lowercase, which the tagger reads as a verb or an auxiliary
        ("kader haddad dit que son RIB a changé", [("PERSON", "kader haddad")]),
        ("anke schulz de brême rappelle lundi", [("PERSON", "anke schulz")]),
        # lowercase words of the vocabulary are still read by their tags
        ("on a pris la rose des vents comme logo du séminaire", []),
    ],
)
def test_a_lowercase_name_the_tagger_reads_as_a_verb(
    masker: PiiMasker, text: str, expected: list[tuple[str, str]]
) -> None:
    assert entities(masker, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lowercase first name opening a chat message, right before an article or a possessive: asked
        ("hugo le numéro de TVA du client c'est lequel ?", [("PERSON", "hugo")]),
        ("nadia ma note de frais est partie ?", [("PERSON", "nadia")]),
        # a lowercase word of the vocabulary there is a noun and its complement
        ("rose la plus belle du jardin est fanée", []),
    ],
)
def test_a_lowercase_first_name_asked_at_the_opening(
    masker: PiiMasker, text: str, expected: list[tuple[str, str]]
) -> None:
    assert entities(masker, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whose payment or health card it is: a person, even a first name that is also a word
        ("la carte affaires de julien a été refusée au péage", [("PERSON", "julien")]),
        ("tu as la carte bancaire de julien pour le train ?", [("PERSON", "julien")]),
        # a map or a greeting card: a place or a holiday
        ("la carte de France des agences est dans le wiki", []),
        ("la carte de Noël de l'équipe est partie hier", []),
    ],
)
def test_the_owner_of_a_card(masker: PiiMasker, text: str, expected: list[tuple[str, str]]) -> None:
    assert entities(masker, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a short name beside the full name in brackets, opening as the given name does
        (
            "Tomek (Tomasz Zieliński) a envoyé son RIB hier",
            [("PERSON", "Tomek"), ("PERSON", "Tomasz Zieliński")],
        ),
        ("Stéphane Roux (Steph) a validé le budget", [("PERSON", "Stéphane Roux"), ("PERSON", "Steph")]),
        # a project and its owner in brackets
        ("Orion (Jeanne Roux) est en recette depuis lundi", [("PERSON", "Jeanne Roux")]),
    ],
)
def test_a_short_name_beside_the_full_name(
    masker: PiiMasker, text: str, expected: list[tuple[str, str]]
) -> None:
    assert entities(masker, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lowercase first name of one language opening a chat message as the subject of a verb
        ("wiebke sera en télétravail toute la semaine", [("PERSON", "wiebke")]),
        ("heike says the new badge is broken", [("PERSON", "heike")]),
        # chat shorthand of three letters that a lexicon holds as a name (« j'ai »)
        ("jai mis à jour le fichier des astreintes", []),
    ],
)
def test_a_lowercase_first_name_of_one_language_as_a_subject(
    masker: PiiMasker, text: str, expected: list[tuple[str, str]]
) -> None:
    assert entities(masker, text) == expected
