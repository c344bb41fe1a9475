"""Names and addresses told by Japanese honorifics and scripts, and by what a chat's sentence makes of a
word (real Presidio analyzer, spaCy model and Faker lexicon, network off). Sentences are written for these
tests, not taken from the blind sets."""

from __future__ import annotations

import pytest

from guardrails.pii import PiiMasker
from guardrails.pii.names import name_lexicon
from guardrails.screen import default_guardrails


@pytest.fixture(scope="module")
def masker() -> PiiMasker:
    return default_guardrails().masker


def entities(masker: PiiMasker, text: str) -> list[tuple[str, str]]:
    return [(s.entity, text[s.start : s.end]) for s in masker.find(text)]


def test_lexicon_holds_japanese_names_in_katakana() -> None:
    lexicon = name_lexicon()
    assert lexicon.is_last("タナカ") and lexicon.is_first("ハルカ")


def test_a_name_in_katakana_beside_its_kanji_in_a_contact_row(masker) -> None:
    text = "名前\tカナ\t携帯\n高橋 陽子\tタカハシ ヨウコ\t080-6612-3408"
    assert ("PERSON", "タカハシ ヨウコ") in entities(masker, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Can you forward the slides to Watanabe-san before the call?", "Watanabe"),
        ("demande à suzuki-sensei s'il valide le planning", "suzuki"),
        ("明日、ヤマモトさんに資料を送ります", "ヤマモト"),
    ],
)
def test_a_japanese_honorific_names_who_it_follows(masker, text, value) -> None:
    assert ("PERSON", value) in entities(masker, text)


@pytest.mark.parametrize("text", ["お客様と皆さんへのお知らせです", "Rendez-vous au Nissan-Center demain"])
def test_honorifics_after_one_kanji_or_no_hyphen_name_no_one(masker, text) -> None:
    assert [e for e in entities(masker, text) if e[0] == "PERSON"] == []


def test_a_japanese_postal_mark_opens_an_address(masker) -> None:
    text = "livraison : 〒060-0042 北海道札幌市中央区大通西3-7 avant vendredi"
    assert entities(masker, text) == [("ADDRESS", "〒060-0042 北海道札幌市中央区大通西3-7")]


def test_one_place_span_over_a_phrase_lists_no_places(masker) -> None:
    # the NER model reads « mail pro de julien » as one organisation: no list of two places
    assert ("PERSON", "julien") in entities(masker, "tu as le mail pro de julien ? je le cherche")


def test_a_lowercase_first_name_mistagged_still_acts_as_a_person(masker) -> None:
    # ``lucas`` tagged as an adverb here: a word no vocabulary holds has no use the tag could tell
    assert entities(masker, "au fait lucas a changé de bureau") == [("PERSON", "lucas")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Quick note from Tomasz: the badge reader on floor 3 is broken", "Tomasz"),
        ("Maybe Siobhan from the Dublin office knows the supplier code", "Siobhan"),
        ("Can you check Okafor's leave request before Friday?", "Okafor"),
        ("The audit slipped because Nikhil is still waiting for the logs", "Nikhil"),
        ("Send it today — Aisha needs the signed copy for the bank", "Aisha"),
    ],
)
def test_english_cues_of_a_person(masker, text, value) -> None:
    assert ("PERSON", value) in entities(masker, text)


@pytest.mark.parametrize(
    "text",
    [
        "Imports from Georgia and Jordan rose in the second quarter",  # an origin, not a sender
        "Payment from Dalton & Moore Ltd arrived after the deadline",  # partners' names in a firm's
        "Boston is cold this week, bring a coat",  # a city opening the sentence, not a subject named
    ],
)
def test_english_cues_leave_places_firms_and_tools(masker, text) -> None:
    assert [e for e in entities(masker, text) if e[0] == "PERSON"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Trimestre\tChiffre\tMarge brute\tEffectif\nT1\t4 210\t21 %\t88\nT2\t4 530\t22 %\t91",
        "Commande;Fournisseur;Montant\nC-88;Paul Boyé;1 250 €\nC-89;Hervé Thermique SAS;980 €",
        "Équipe\tSite\tEffectif\nPaie\tLyon Part-Dieu\t12\nAchats\tMarseille Joliette\t8",
    ],
)
def test_column_labels_firms_and_sites_in_a_table_name_no_one(masker, text) -> None:
    assert [e for e in entities(masker, text) if e[0] == "PERSON"] == []


def test_a_header_row_of_people_s_names_is_still_masked(masker) -> None:
    text = "Créneau\tKarim Benali\tSophie Marchand\nLundi\tmatin\tsoir"
    assert entities(masker, text) == [("PERSON", "Karim Benali"), ("PERSON", "Sophie Marchand")]


def test_a_compound_first_name_with_accents_the_lists_lack(masker) -> None:
    assert name_lexicon().is_first("Jean-Noël") and not name_lexicon().is_first("Noël")  # the feast
    assert entities(masker, "Claire-Éloïse m'a relancé pour le badge") == [("PERSON", "Claire-Éloïse")]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Lebrun a signé le bon, Lemaire attend la facture", ["Lebrun", "Lemaire"]),
        ("Marchand m'a dit que le badge était prêt", ["Marchand"]),
    ],
)
def test_a_surname_as_the_subject_of_what_a_person_does(masker, text, values) -> None:
    assert [v for e, v in entities(masker, text) if e == "PERSON"] == values


@pytest.mark.parametrize(
    "text",
    [
        "Le Blanc a remplacé le gris dans la charte",  # an article: a noun
        "Boulanger, tu connais la chanson ?",  # a pause before the pronoun: no subject
    ],
)
def test_a_surname_that_is_a_word_without_a_person_s_act_stays(masker, text) -> None:
    assert entities(masker, text) == []


def test_a_surname_in_capitals_inside_a_lowercase_message(masker) -> None:
    text = "le pc qui plante c'est celui de LEFEBVRE au 2e, tu peux passer ?"
    assert entities(masker, text) == [("PERSON", "LEFEBVRE")]


def test_acronyms_in_a_lowercase_message_stay(masker) -> None:
    assert entities(masker, "on passe par la SNCF ou par le CSE pour les billets ?") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("LAURA CALLED AGAIN ABOUT THE BADGE, CALL HER BACK", "LAURA"),
        ("KEVIN NEEDS THE FORM BEFORE NOON", "KEVIN"),
        ("SARAH TES CODES D'ACCES SONT DANS LE COFFRE", "SARAH"),
    ],
)
def test_a_first_name_opening_a_shouted_message_acts_or_is_spoken_to(masker, text, value) -> None:
    assert ("PERSON", value) in entities(masker, text)


def test_a_shouted_message_opening_on_a_word_names_no_one(masker) -> None:
    assert entities(masker, "URGENT SERVEUR ARRETE CE SOIR, MERCI DE SAUVEGARDER") == []


@pytest.mark.parametrize(
    "text",
    [
        "L'OUTIL HECTOR PLANTE ENCORE CE MATIN, QUELQU'UN A LE PB ?",
        "L'ASSISTANT VICTOR DONNE DES REPONSES FAUSSES SUR LES CONGES",
    ],
)
def test_a_tool_s_name_the_ner_model_runs_on_from_stays(masker, text) -> None:
    assert entities(masker, text) == []


def test_a_firm_s_address_in_its_letterhead_stays(masker) -> None:
    text = "Bien à vous,\nLe service Achats\nNordélec SAS – 7 rue du Port, 59140 Dunkerque"
    assert entities(masker, text) == []


def test_a_person_s_address_after_their_name_is_masked(masker) -> None:
    text = "Expédier à : Paul Girard – 7 rue du Port, 59140 Dunkerque"
    assert ("ADDRESS", "7 rue du Port, 59140 Dunkerque") in entities(masker, text)


def test_a_surname_sent_to_in_a_shouted_message(masker) -> None:
    text = "ENVOYEZ LES BADGES A LEMAIRE, PAS AU STANDARD DU RDC"
    assert entities(masker, text) == [("PERSON", "LEMAIRE")]


def test_a_place_sent_to_in_a_shouted_message_stays(masker) -> None:
    assert entities(masker, "RDV A PARIS, SALLE 3, AVEC LE DSI ET LE DPO") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("mdr fx a encore laissé sa carte à la cantine, il la cherche", "fx"),
        ("JP a oublié son code, il est bloqué dehors", "JP"),
    ],
)
def test_initials_acting_and_taken_up_by_a_pronoun(masker, text, value) -> None:
    assert ("PERSON", value) in entities(masker, text)


@pytest.mark.parametrize(
    "text",
    ["vpn a encore perdu sa connexion ce matin", "wifi a encore perdu sa connexion, il faut relancer"],
)
def test_acronyms_and_things_acting_stay(masker, text) -> None:
    assert entities(masker, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "From: Hector (bot RH)\nSubject: Vos congés\n\nVotre demande est validée.",
        "Quand sort la version 3.2 de Hector ? Le sponsor attend la démo.",
        "Hector a été mis à jour en v3.1 hier soir, le support confirme.",
        "Hector a encore planté pendant la démo du comité IA",
        "Pour les congés, passez par Hector, votre assistant.",
        "Tableau de bord\nSemaine;Demandes Hector;Escalades\nS12;410;22",
        "Version;Notes\n2.0.1;correctif Hector\n2.0.2;nouveau connecteur",
    ],
)
def test_a_person_s_name_given_to_a_program_stays(masker, text) -> None:
    assert entities(masker, text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Hector a encore oublié son badge à l'accueil", "Hector"),
        ("Demande à Hector, l'assistant de direction, il sait.", "Hector"),
        ("la version de Hector est la bonne, je l'ai relue", "Hector"),
    ],
)
def test_a_person_named_like_a_program_is_still_masked(masker, text, value) -> None:
    assert ("PERSON", value) in entities(masker, text)


def test_a_record_row_pasted_alone_without_a_line_break(masker) -> None:
    text = "Lemoine;Karim;07 81 22 33 44;12 rue des Lilas, 69003 Lyon;03/04/1981"
    found = entities(masker, text)
    assert ("PERSON", "Lemoine") in found and ("PERSON", "Karim") in found
    assert ("BIRTH_DATE", "03/04/1981") in found


def test_prose_with_semicolons_is_no_record(masker) -> None:
    text = "Réunion décalée; le comité IA valide la phase 2; budget 1,2 M€; salle 3 au 2e étage"
    assert entities(masker, text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Cordialement,\nAmélie de Montbrison\nResponsable RH", "Amélie de Montbrison"),
        ("marie-claire de la fontaine m'a renvoyé son RIB ce matin", "marie-claire de la fontaine"),
    ],
)
def test_a_name_with_particles_signing_or_typed_in_lowercase(masker, text, value) -> None:
    assert ("PERSON", value) in entities(masker, text)


@pytest.mark.parametrize(
    "text",
    ["Cordialement,\nDirection de la Communication", "Bien à vous,\nService de la Paie\nBâtiment B"],
)
def test_a_desk_signing_with_particles_stays(masker, text) -> None:
    assert entities(masker, text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("GIRARD a encore perdu son badge, quelqu'un peut lui ouvrir ?", "GIRARD"),
        ("Kévin c'est le gars du support de Nantes, rappelle-le", "Kévin"),
        ("le poste de Mathilde ne démarre plus depuis la mise à jour", "Mathilde"),
    ],
)
def test_a_person_acting_owning_or_spoken_of(masker, text, value) -> None:
    assert ("PERSON", value) in entities(masker, text)


@pytest.mark.parametrize(
    "text",
    [
        "RGPD a encore changé la donne pour les prestataires",
        "le serveur de Lyon répond plus depuis la coupure",
        "le poste de travail ne démarre plus depuis la mise à jour",
    ],
)
def test_acronyms_places_and_nouns_acting_or_owning_stay(masker, text) -> None:
    assert entities(masker, text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ma nouvelle adresse : Odos Patision 112, 112 57 Athina", "Odos Patision 112, 112 57 Athina"),
        ("envoie le colis à lindenweg 12, 10115 berlin stp", "lindenweg 12, 10115 berlin"),
    ],
)
def test_greek_and_lowercase_german_addresses(masker, text, value) -> None:
    assert ("ADDRESS", value) in entities(masker, text)


def test_a_street_suffix_in_prose_with_numbers_stays(masker) -> None:
    assert entities(masker, "le ring 2 du projet, 2025 budget validé en comité") == []


def test_a_korean_name_in_hangul_beside_its_romanisation(masker) -> None:
    text = "Merci d'ajouter Choi Seo-yeon (최서연) à la liste de diffusion"
    assert ("PERSON", "최서연") in entities(masker, text)


def test_korean_words_that_are_no_name_stay(masker) -> None:
    assert entities(masker, "Le guide existe en coréen (안내서) et en japonais") == []


def test_an_indian_mobile_in_its_own_grouping(masker) -> None:
    text = "Priya's number is 99001 23456, call after 6 pm IST"
    assert ("PHONE", "99001 23456") in entities(masker, text)


def test_amounts_and_references_are_no_indian_mobile(masker) -> None:
    assert entities(masker, "Facture 98201 45678 réglée ; budget 2025 : 75 000 € pour 12 sites") == []


@pytest.mark.parametrize(
    "text",
    [
        "De : Équipe Projet Hermès\nÀ : Liste CODIR Hermès\nObjet : jalon 3 validé",
        "la Sainte-Catherine tombe un mardi, le comité est avancé au lundi",
    ],
)
def test_a_project_s_name_and_a_saint_s_day_stay(masker, text) -> None:
    assert entities(masker, text) == []


def test_a_surname_after_a_first_name_opening_with_saint_is_masked(masker) -> None:
    assert ("PERSON", "Laure Saint-Martin") in entities(masker, "Demande à Laure Saint-Martin, elle sait.")


def test_a_surname_the_lexicon_lacks_in_capitals_before_a_first_name_in_a_record(masker) -> None:
    text = "KHELIFATI;Nadia;Oran;+213 6 61 22 33 44\nBENSAOUD;Karim;Annaba;+213 5 50 11 22 33"
    found = entities(masker, text)
    assert ("PERSON", "KHELIFATI") in found and ("PERSON", "Nadia") in found


def test_an_acronym_before_a_first_name_in_a_record_is_no_surname(masker) -> None:
    assert ("PERSON", "DSI") not in entities(masker, "DSI;Nadia;Oran;+213 6 61 22 33 44")


def test_a_hosting_column_names_no_one(masker) -> None:
    text = "Service\tHébergement\tStatut\nOCR\tGoogle Cloud Frankfurt\tactif\nRAG\tOVH Roubaix\ten test"
    assert entities(masker, text) == []


def test_two_first_names_opening_a_message_as_its_subject(masker) -> None:
    found = entities(masker, "yanis et maëlle sont en formation jeudi, pas de permanence")
    assert ("PERSON", "yanis") in found and ("PERSON", "maëlle") in found


def test_two_nouns_opening_a_message_as_its_subject_stay(masker) -> None:
    assert entities(masker, "word et excel sont installés sur tous les postes du siège") == []


def test_a_short_name_signing_after_the_full_name(masker) -> None:
    text = "De : Sébastien Moreau\nObjet : badge\n\nJe passe le chercher demain.\nSeb"
    assert ("PERSON", "Seb") in entities(masker, text)


def test_a_word_alone_on_its_line_that_opens_no_found_name_stays(masker) -> None:
    text = "De : Sébastien Moreau\nObjet : badge\n\nJe passe le chercher demain.\nMerci"
    assert ("PERSON", "Merci") not in entities(masker, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Meu endereço: Rua dos Pinheiros 870, apto 41, São Paulo - SP, 05422-001. Obrigado!",
            "Rua dos Pinheiros 870, apto 41, São Paulo - SP, 05422-001",
        ),
        (
            "A minha morada é Rua do Ouro 120, 3.º Dto., 1100-060 Lisboa",
            "Rua do Ouro 120, 3.º Dto., 1100-060 Lisboa",
        ),
    ],
)
def test_brazilian_and_portuguese_addresses(masker, text, value) -> None:
    found = entities(masker, text)
    assert ("ADDRESS", value) in found and not any(entity == "PHONE" for entity, _ in found)


def test_a_quebec_address_with_its_office_and_province(masker) -> None:
    text = "Nouvelle adresse : 455, rue Saint-Antoine Ouest, bureau 210, Québec (Québec) G1R 4L7"
    expected = ("ADDRESS", "455, rue Saint-Antoine Ouest, bureau 210, Québec (Québec) G1R 4L7")
    assert expected in entities(masker, text)


def test_a_residence_typed_in_lowercase_without_a_number(masker) -> None:
    text = "Destinataire;Adresse\nFamille Roux;résidence les Tilleuls bât B apt 7, 31400 toulouse"
    assert ("ADDRESS", "résidence les Tilleuls bât B apt 7, 31400 toulouse") in entities(masker, text)


def test_a_place_and_a_year_are_no_address(masker) -> None:
    assert entities(masker, "la place du numérique dans la stratégie, 20250 actions prévues") == []
