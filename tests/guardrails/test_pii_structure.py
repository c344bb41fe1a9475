"""Names, birth dates and table cells found from structure and lexicon coverage (real Presidio analyzer,
spaCy model and Faker lexicon, network off). Sentences are written for these tests, not taken from the
blind sets."""

from __future__ import annotations

import pytest

from guardrails.pii import PiiMasker
from guardrails.pii.names import name_lexicon
from guardrails.pii.vocabulary import is_vocabulary_word
from guardrails.screen import default_guardrails


@pytest.fixture(scope="module")
def masker() -> PiiMasker:
    return default_guardrails().masker


def entities(masker: PiiMasker, text: str) -> list[tuple[str, str]]:
    return [(s.entity, text[s.start : s.end]) for s in masker.find(text)]


def test_lexicon_holds_pinyin_polish_feminine_and_particled_surnames() -> None:
    lexicon = name_lexicon()
    assert lexicon.is_first("Xiuying") and lexicon.is_last("Zhou")  # Faker's romanised Chinese lists
    assert lexicon.is_last("Dąbrowska")  # from ``Dąbrowski``, Faker's male list
    assert lexicon.is_last("Vries")  # ``de Vries`` without its particle
    assert not lexicon.knows("réunion")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Can you book a room for Wang Fang and Zhou Lei next week?",
            [("PERSON", "Wang Fang"), ("PERSON", "Zhou Lei")],
        ),
        ("Reminder: Pieter van Dijk still owes the signed form.", [("PERSON", "Pieter van Dijk")]),
        ("notre fille Nayeli commence lundi à la crèche", [("PERSON", "Nayeli")]),
    ],
)
def test_names_beyond_the_old_lexicon_and_after_a_kin(masker, text, expected) -> None:
    assert entities(masker, text) == expected


def test_a_kin_word_outside_a_possessive_names_no_one(masker) -> None:
    assert entities(masker, "La société mère Flowdata valide le budget de la phase 2.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the row above ends with a ``Service`` cell: it does not make the next row's name a department
        ("Agent\tService\nDuval Marc\tAchats", [("PERSON", "Duval Marc")]),
        ("collaborateur;banque\nmoreau julie;BNP", [("PERSON", "moreau julie")]),
        ("Vorname\tGeburtsdatum\nAnna\t14.03.1988", [("PERSON", "Anna"), ("BIRTH_DATE", "14.03.1988")]),
    ],
)
def test_pasted_rows_under_their_headers(masker, text, expected) -> None:
    assert entities(masker, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a month written out under a birth date's header, and the header abbreviated
        (
            "Nom;Naissance\nDurand Paul;3 mars 1961",
            [("PERSON", "Durand Paul"), ("BIRTH_DATE", "3 mars 1961")],
        ),
        (
            "Name|Geb.\nKlein Jonas|12 Oktober 1979",
            [("PERSON", "Klein Jonas"), ("BIRTH_DATE", "12 Oktober 1979")],
        ),
        (
            "Apellidos;Nombre;Fecha nac.\nRuiz Soto;Elena;07/09/1982",
            [("PERSON", "Ruiz Soto"), ("PERSON", "Elena"), ("BIRTH_DATE", "07/09/1982")],
        ),
        # one row pasted alone, its cells separated by tabs: a phone number makes it a person's record
        (
            "Weber, Anna\t+49 170 1234567\t02.11.1968",
            [("PERSON", "Weber, Anna"), ("PHONE", "+49 170 1234567"), ("BIRTH_DATE", "02.11.1968")],
        ),
    ],
)
def test_birth_date_cells_written_out_abbreviated_or_in_a_lone_row(masker, text, expected) -> None:
    assert entities(masker, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a date column that is no birth date, a month written out or not
        "Jalon;Date\nPhase 2;3 mars 2025\nFiche 7;12/06/2025",
        # a lone row of tabs with no phone number nor e-mail: no person's record
        "Phase 2\t12/03/2009\tArticle 14\tfiche 7",
    ],
)
def test_dates_in_rows_that_are_no_person_record_stay(masker, text) -> None:
    assert entities(masker, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Geburtsdatum laut Ausweis: 03.07.1984", [("BIRTH_DATE", "03.07.1984")]),
        (
            "il me faut la date de naissance de ton fils pour l'inscription — c'est le 14/06/2012",
            [("BIRTH_DATE", "14/06/2012")],
        ),
        # a date of this year after the label is a meeting, not a birth
        ("date de naissance à renseigner avant la réunion du 12/11/2025", []),
    ],
)
def test_birth_dates_labelled_in_other_languages_or_answered_later(masker, text, expected) -> None:
    assert entities(masker, text) == expected


def test_vocabulary_tells_words_from_nicknames() -> None:
    assert is_vocabulary_word("rappel") and is_vocabulary_word("compta") and is_vocabulary_word("team")
    assert not is_vocabulary_word("kev") and not is_vocabulary_word("juju")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gégé t'as reçu le RIB du fournisseur ?", [("PERSON", "gégé")]),
        ("fifi tu peux relire la fiche 7 ?", [("PERSON", "fifi")]),
        ("marie-jo peux-tu valider la note ?", [("PERSON", "marie-jo")]),
        ("ok titou je t'envoie le lien", [("PERSON", "titou")]),
        ("Inès & Malo vous venez au point IA ?", [("PERSON", "Inès"), ("PERSON", "Malo")]),
    ],
)
def test_a_nickname_opening_a_message_and_spoken_to_is_a_name(masker, text, expected) -> None:
    assert entities(masker, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Rappel tu peux valider la charte avant vendredi ?",
        "Hello team vous êtes dispo pour la revue de la phase 2 ?",
        "Teams t'as vu le message du Comité IA ?",
        "Sprint vous êtes prêts pour la démo ?",
    ],
)
def test_a_word_or_a_tool_spoken_to_stays(masker, text) -> None:
    assert entities(masker, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ship it to Unit 12, Kingsway Trading Estate, Luton LU1 1LP please",
            "Unit 12, Kingsway Trading Estate, Luton LU1 1LP",
        ),
        ("mail to 221 8th Street, Floor 3, Oakland, CA 94607", "221 8th Street, Floor 3, Oakland, CA 94607"),
        (
            "pickup at Door 7, 2nd Main, Jayanagar, Bengaluru 560041 tomorrow",
            "Door 7, 2nd Main, Jayanagar, Bengaluru 560041",
        ),
        ("livraison chez Lies | Veldkant 33, 2550 Kontich", "Veldkant 33, 2550 Kontich"),
    ],
)
def test_addresses_ending_with_a_postal_code(masker, text, expected) -> None:
    assert ("ADDRESS", expected) in entities(masker, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # typed in lowercase in the United States: number, street and its kind, city, a state's code, ZIP
        (
            "pls fix this one: 742 evergreen ter, springfield or 97403",
            "742 evergreen ter, springfield or 97403",
        ),
        ("ship to 88 harbor blvd ste 210 long beach ca 90802.", "88 harbor blvd ste 210 long beach ca 90802"),
        # a capitalised street's name and its kind spelt out, with no postal code, and the places after it
        ("Drop it at 27 Kofo Abayomi Road, Ikoyi, Lagos.", "27 Kofo Abayomi Road, Ikoyi, Lagos"),
    ],
)
def test_english_addresses_without_capitals_or_postal_code(masker, text, expected) -> None:
    assert entities(masker, text) == [("ADDRESS", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Le Sponsor valide avec le DPO et le RSSI à Montpellier en septembre 2024",
        # a street's kind that is a noun qualified further, a ZIP-like amount that is no ZIP
        "We moved the 3 Data Science Road shows to March with the Lagos team.",
        "Phase 2 runs on 14 sites st Louis me 12000 euros",
        "Our Lagos office hosts the 2025 kickoff, 3 pilots in 12 states by 2026.",
    ],
)
def test_workplaces_and_numbers_near_street_words_are_no_address(masker, text) -> None:
    assert entities(masker, text) == []


def test_a_numbered_phase_before_a_year_is_no_address(masker) -> None:
    assert entities(masker, "On revoit la Phase 2, 2025 Roadmap en comité.") == []


def test_load_reads_the_lexicon_places_and_vocabulary_once_up_front(masker) -> None:
    from guardrails.pii.places import place_names
    from guardrails.pii.vocabulary import _french_hashes

    masker.load()
    loaded = (name_lexicon.cache_info(), place_names.cache_info(), _french_hashes.cache_info())
    assert all(info.currsize == 1 for info in loaded)
    assert entities(masker, "kev t'as le num de la compta ?") == [("PERSON", "kev")]
    # the request read what load() had read: no further miss on any of the three
    assert (name_lexicon.cache_info().misses, place_names.cache_info().misses) == (
        loaded[0].misses,
        loaded[1].misses,
    )
    assert _french_hashes.cache_info().misses == loaded[2].misses


@pytest.mark.parametrize(
    "text",
    [
        # the negation « ne » is no « né »: a date further on is no birth date
        "Je ne retrouve plus le compte rendu de la réunion du 12/03/2009 sur la charte.",
        "on ne garde pas les logs d'avant le 01/02/2010",
    ],
)
def test_the_negation_ne_labels_no_birth_date(masker, text) -> None:
    assert entities(masker, text) == []


def test_nee_with_its_accent_still_labels_a_birth_date(masker) -> None:
    text = "pour info elle est née le 30/12/1948 à Poitiers"
    assert ("BIRTH_DATE", "30/12/1948") in entities(masker, text)


@pytest.mark.parametrize(
    "text",
    [
        # a first name closed by a trade noun is a company or a service
        "Le contrat cadre avec Orange Business est renouvelé pour 36 mois.",
        "From: Procurement Bot\nTo: Finance Ops\nSubject: PO approved",
        # a name listed with a company is a brand too
        "Please list our exposure to Morgan Stanley and Ford Credit as of 30 June 2024.",
        # a first name of few languages listed with no name: a myth or a brand
        "Propose un nom pour notre outil, dans l'esprit d'Hermès ou Athena.",
        # a capitalised place completing a noun is the team's city, not the subject
        "l'équipe de Florence a traduit la charte en italien",
    ],
)
def test_companies_myths_and_cities_named_like_people_stay(masker, text) -> None:
    assert entities(masker, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cc Malik et Sandrine, la démo est décalée à 15h", [("PERSON", "Malik"), ("PERSON", "Sandrine")]),
        (
            "Julie Morgan et Tom Stanley sont en copie.",
            [("PERSON", "Julie Morgan"), ("PERSON", "Tom Stanley")],
        ),
        ("Florence a traduit la charte en italien", [("PERSON", "Florence")]),
        ("l'équipe de Florence Dubois a traduit la charte", [("PERSON", "Florence Dubois")]),
    ],
)
def test_people_next_to_those_signals_are_still_names(masker, text, expected) -> None:
    assert entities(masker, text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # opening the message as the subject of a verb
        ("Agnieszka sera en remote toute la semaine", "Agnieszka"),
        ("Lucie est en congé demain, voir avec le DPO", "Lucie"),
        # typed in lowercase after de, à, avec, pour in a message typed in lowercase
        ("j'ai retrouvé la CB de anthony dans la salle B", "anthony"),
        ("rappel : anniv de lena vendredi, on se cotise ?", "lena"),
    ],
)
def test_chat_first_names_as_subjects_or_after_a_preposition(masker, text, value) -> None:
    assert ("PERSON", value) in entities(masker, text)


@pytest.mark.parametrize(
    "text",
    [
        "jai mis a jour la fiche 7 hier soir",  # « j'ai », not the first name Jai
        "o Exercices : rédaction de prompts à partir de cas concrets",  # a word of one language
        "Rose est la couleur de la charte graphique.",  # a first name that is a word
        "Le pilote de Lyon démarre en mars avec la fiche 3.",  # a capitalised word after « de »
    ],
)
def test_chat_first_name_signals_leave_words_alone(masker, text) -> None:
    assert entities(masker, text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # typed in lowercase as the object of a verb of contacting or standing in for someone
        ("kader tu peux pinger pauline ? elle repond pas sur teams", "pauline"),
        ("Tu peux relancer karim pour le devis ?", "karim"),
        # a short line right after a formula closing the message: the sender
        ("Le fichier est prêt.\nA+\nSeb", "Seb"),
        ("Voici le devis signé.\nCordialement,\nJB", "JB"),
        ("See attached.\nBest,\nMarta Kowalska", "Marta Kowalska"),
        # a first name opening a message typed all in capitals, as the subject of an auxiliary
        ("URGENT !!! MARC A ENVOYE LE FICHIER DE PAIE A TOUT LE MONDE", "MARC"),
        ("PAULINE EST EN CONGES DEMAIN, VOIR AVEC LE DPO", "PAULINE"),
    ],
)
def test_contacted_signed_and_shouted_first_names(masker, text, value) -> None:
    assert ("PERSON", value) in entities(masker, text)


@pytest.mark.parametrize(
    "text",
    [
        "Il faut remplacer rose par bleu dans la charte.",  # a first name that is a word
        "tu peux pinger le serveur de recette ?",  # no name after the verb
        "Le fichier est prêt.\nCordialement,\nRH",  # a desk signs, not a person
        "Merci d'avance\nL'équipe IT",
        "Bien à vous,\nService Achats",
        "ROSE EST LA COULEUR DE LA CHARTE GRAPHIQUE",  # a determiner: the word is a noun
        "LE DPO A VALIDE LA FICHE 3 EN SEPTEMBRE",  # no first name opens the message
        "Marc de café et thé sont offerts en salle B.",  # capitals only in capitalised messages
    ],
)
def test_contacted_signed_and_shouted_signals_leave_words_alone(masker, text) -> None:
    assert entities(masker, text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a closing formula of another language, alone on its line, then the sender
        ("Der Vertrag ist unterschrieben.\nMit freundlichen Grüßen\nJonas Becker", "Jonas Becker"),
        ("Ekte dosya var.\nSaygılarımla,\nEmre Yıldız", "Emre Yıldız"),
        # the kind of number named before whose it is; a chat's « please » is no surname
        ("Tu peux retrouver le numéro de sécu de Karim stp ?", "Karim"),
        ("il me faut le numéro de téléphone de Léna", "Léna"),
        # a first name and the site it belongs to
        ("Léna de l'antenne de Lyon veut un call demain", "Léna"),
    ],
)
def test_senders_owners_and_site_members_in_other_shapes(masker, text, value) -> None:
    assert entities(masker, text) == [("PERSON", value)]


@pytest.mark.parametrize(
    "text",
    [
        "Merci pour le devis.\nMit freundlichen Grüßen\nEinkauf Abteilung",  # a desk signs
        "Saludos cordiales,\nEquipo de Compras",
        "Le numéro de sécu de la mutuelle est sur la fiche 7.",
        "Le site de Lyon et l'antenne de Genève ouvrent en septembre 2024.",
    ],
)
def test_desks_bodies_and_sites_in_those_shapes_stay(masker, text) -> None:
    assert entities(masker, text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # after a verb of telling someone something
        ("Comment annoncer à Ségolène que son contrat n'est pas renouvelé ?", "Ségolène"),
        # spoken to in a quotation: a first name that is also a surname, but no word of the vocabulary
        ("Rends ça plus poli : « Thibault, ton compte rendu est encore en retard. »", "Thibault"),
    ],
)
def test_a_first_name_told_or_spoken_to(masker, text, value) -> None:
    assert entities(masker, text) == [("PERSON", value)]


@pytest.mark.parametrize(
    "text",
    [
        "Comment annoncer à l'équipe que la phase 2 démarre en septembre 2024 ?",
        "Explique à la DSI pourquoi la fiche 7 change.",
        "Rends ça plus poli : « Bon, ton compte rendu est encore en retard. »",
    ],
)
def test_teams_told_and_words_spoken_to_stay(masker, text) -> None:
    assert entities(masker, text) == []


def test_a_first_name_opening_a_chat_then_where_from_then_a_verb(masker) -> None:
    text = "mehdi de marseille a envoyé le devis ce matin"
    assert entities(masker, text) == [("PERSON", "mehdi")]


@pytest.mark.parametrize(
    "text",
    [
        "Albert de l'État répond mal aux questions RH",  # the administration's assistant
        "Rose de Noël est la couleur de la charte",  # a first name that is a word
    ],
)
def test_a_word_opening_a_message_before_where_from_stays(masker, text) -> None:
    assert entities(masker, text) == []
