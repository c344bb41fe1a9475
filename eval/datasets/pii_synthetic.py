"""Labelled PII evaluation data: synthetic French sentences with gold spans, and PII-free corpus sentences.

The generator is independent of any detector: values come from a seeded ``Faker("fr_FR")`` and a local
``random.Random``, and gold spans are recorded while the templates are filled, never found afterwards.

Span conventions:

* ``PERSON`` covers the name only; a civility or title (``M.``, ``Mme``, ``Madame``, ``Monsieur``,
  ``Dr``, ``Mr``, ``Ms``) stays outside the span, as does a possessive ``'s``.
* ``ADDRESS`` is one span from the street number to the city (complement such as ``Bât. C`` included).
* ``PHONE``, ``IBAN``, ``CREDIT_CARD``, ``FR_NIR``, ``FR_SIRET`` and ``FR_SIREN`` spans include their
  inner separators (spaces, dots, hyphens, ``+33``, ``(0)``).
* ``BIRTH_DATE`` covers the date only, not the ``né le`` context.
"""

from __future__ import annotations

import calendar
import ipaddress
import random
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from faker import Faker

ENTITIES = (
    "PERSON",
    "EMAIL",
    "PHONE",
    "IBAN",
    "CREDIT_CARD",
    "FR_NIR",
    "FR_SIRET",
    "FR_SIREN",
    "ADDRESS",
    "BIRTH_DATE",
    "IP",
    "FR_PASSPORT",
)


@dataclass(frozen=True)
class PiiSpan:
    """One gold entity: ``text[start:end]`` is the value."""

    entity: str
    start: int
    end: int


@dataclass(frozen=True)
class LabeledSentence:
    """A sentence, its gold spans (sorted, non-overlapping), where it came from and the names' locale."""

    text: str
    spans: tuple[PiiSpan, ...]
    template_id: str
    locale: str = "fr_FR"


@dataclass(frozen=True)
class Template:
    """A sentence pattern with ``{ENTITY}`` placeholders; ``{e}`` agrees with the first person's gender."""

    template_id: str
    lang: str
    text: str


def _fr(template_id: str, text: str) -> Template:
    return Template(template_id, "fr", text)


def _en(template_id: str, text: str) -> Template:
    return Template(template_id, "en", text)


TEMPLATES: tuple[Template, ...] = (
    # Ressources humaines
    _fr(
        "rh-01",
        "Le dossier de {PERSON}, né{e} le {BIRTH_DATE}, NIR {FR_NIR}, habite {ADDRESS} : peux-tu "
        "préparer son attestation employeur ?",
    ),
    _fr(
        "rh-02",
        "Peux-tu rédiger un courrier de bienvenue pour {PERSON}, qui arrive lundi ? Son adresse : "
        "{ADDRESS}, son portable : {PHONE}.",
    ),
    _fr(
        "rh-03",
        "Mets à jour la fiche de {PERSON} : date de naissance {BIRTH_DATE}, numéro de sécurité "
        "sociale {FR_NIR}.",
    ),
    _fr(
        "rh-04",
        "Résume l'entretien annuel de {PERSON} pour son manager, {PERSON}, sans garder de données "
        "personnelles.",
    ),
    _fr(
        "rh-05",
        "Candidature reçue de {PERSON} ({EMAIL}, {PHONE}) pour le poste de gestionnaire de paie : "
        "fais-moi une synthèse du CV.",
    ),
    _fr(
        "rh-06",
        "{PERSON} demande un changement d'adresse : nouvelle adresse {ADDRESS}, à compter du mois prochain.",
    ),
    _fr(
        "rh-07",
        "Peux-tu vérifier si la mutuelle de {PERSON} (NIR {FR_NIR}, né{e} le {BIRTH_DATE}) est "
        "bien enregistrée ?",
    ),
    _fr("rh-08", "Rédige une convocation à un entretien préalable pour {PERSON}, domicilié{e} au {ADDRESS}."),
    _fr(
        "rh-09",
        "Voici l'arrêt de travail de {PERSON}, sécurité sociale n° {FR_NIR} : quelles informations "
        "dois-je transmettre à la paie ?",
    ),
    _fr(
        "rh-10",
        "L'alternance de {PERSON} est suivie par {PERSON}, joignable au {PHONE} ou par mail à {EMAIL}.",
    ),
    _fr("rh-11", "Attestation de salaire à établir pour {PERSON}, NIR {FR_NIR}, domicilié{e} au {ADDRESS}."),
    _fr(
        "rh-12",
        "Peux-tu reformuler ce message envoyé par {PERSON} : « Je serai absent{e} demain, appelez-moi au "
        "{PHONE} si besoin » ?",
    ),
    # Paie
    _fr(
        "paie-01",
        "La paie de {PERSON} doit être virée sur le nouvel IBAN {IBAN} dès ce mois-ci, tu peux "
        "préparer le mail à la banque ?",
    ),
    _fr("paie-02", "Peux-tu vérifier ce bulletin : salarié{e} {PERSON}, NIR {FR_NIR}, IBAN {IBAN} ?"),
    _fr(
        "paie-03",
        "Erreur sur la fiche de paie de {PERSON} : le numéro de sécurité sociale indiqué est "
        "{FR_NIR} au lieu de {FR_NIR}.",
    ),
    _fr(
        "paie-04",
        "Pour le remboursement des frais de {PERSON}, utilise le RIB {IBAN} et envoie la "
        "confirmation à {EMAIL}.",
    ),
    _fr(
        "paie-05",
        "Rédige une réponse à {PERSON} qui conteste son solde de tout compte ; son adresse postale "
        "est {ADDRESS}.",
    ),
    _fr(
        "paie-06",
        "Acompte exceptionnel pour {PERSON} (matricule 4521), à verser sur {IBAN} : est-ce "
        "conforme à la procédure ?",
    ),
    _fr(
        "paie-07",
        "Saisie sur salaire pour {PERSON} : le commissaire de justice demande le versement sur "
        "l'IBAN {IBAN}, son étude a pour SIREN {FR_SIREN}.",
    ),
    # Relation client
    _fr(
        "client-01",
        "Peux-tu résumer le mail de {PERSON} ({EMAIL}) qui demande le remboursement de sa commande ?",
    ),
    _fr(
        "client-02",
        "{PERSON}, client{e} depuis 2019, a appelé depuis le {PHONE} pour contester un prélèvement sur "
        "la carte {CREDIT_CARD}.",
    ),
    _fr(
        "client-03",
        "Réponds à cette réclamation : « Bonjour, je suis {PERSON}, ma commande n'est jamais "
        "arrivée au {ADDRESS}. Rappelez-moi au {PHONE}. »",
    ),
    _fr(
        "client-04",
        "Une cliente a collé son numéro de carte {CREDIT_CARD} dans le chat, avec son email "
        "{EMAIL} : que devons-nous faire ?",
    ),
    _fr(
        "client-05",
        "Synthétise l'échange avec {PERSON} : livraison au {ADDRESS}, paiement par carte "
        "{CREDIT_CARD}, contact {EMAIL}.",
    ),
    _fr("client-06", "Rédige un email d'excuse pour le retard de livraison chez {PERSON}, {ADDRESS}."),
    _fr(
        "client-07",
        "Le remboursement de {PERSON} doit-il être fait sur la carte {CREDIT_CARD} ou sur "
        "l'IBAN {IBAN} qui nous a été transmis ?",
    ),
    _fr(
        "client-08",
        "Transcris ce message vocal : « C'est {PERSON}, mon numéro est le {PHONE}, j'attends "
        "toujours votre retour. »",
    ),
    _fr(
        "client-09",
        "Peux-tu anonymiser cet avis client signé {PERSON} avant de le partager ? Il mentionne "
        "l'adresse {EMAIL} et le téléphone {PHONE}.",
    ),
    _fr(
        "client-10",
        "Le paiement de {PERSON} avec la carte {CREDIT_CARD} a été refusé deux fois ; propose "
        "une réponse courtoise.",
    ),
    _fr(
        "client-11",
        "Merci de retrouver la commande livrée au {ADDRESS} et payée avec la carte {CREDIT_CARD}.",
    ),
    _fr(
        "client-12",
        "Message de {PERSON}, écrit depuis {EMAIL}, pour modifier sa commande : adresse de "
        "livraison corrigée {ADDRESS}, téléphone {PHONE}.",
    ),
    # Fournisseurs et comptabilité
    _fr("fourn-01", "Vérifie la fiche fournisseur : SIRET {FR_SIRET}, IBAN {IBAN}, contact {PERSON}."),
    _fr(
        "fourn-02",
        "Le prestataire de transport (SIREN {FR_SIREN}) nous envoie sa facture ; l'interlocuteur "
        "est {PERSON}, {PHONE}.",
    ),
    _fr(
        "fourn-03",
        "Compare les deux offres : la première vient de l'établissement SIRET {FR_SIRET}, la "
        "seconde de la société SIREN {FR_SIREN}.",
    ),
    _fr(
        "fourn-04",
        "Peux-tu rédiger une relance pour la facture impayée du fournisseur immatriculé "
        "{FR_SIREN}, contact {EMAIL} ?",
    ),
    _fr("fourn-05", "Nouveau fournisseur à créer : SIRET {FR_SIRET}, siège au {ADDRESS}, RIB {IBAN}."),
    _fr(
        "fourn-06",
        "{PERSON} ({EMAIL}), commercial{e} chez un grossiste, nous propose un contrat cadre ; "
        "sa société a pour SIREN {FR_SIREN}.",
    ),
    _fr(
        "fourn-07",
        "Est-ce que l'établissement {FR_SIRET} figure déjà dans notre base ? Notre contact, "
        "{PERSON}, affirme que oui.",
    ),
    _fr("fourn-08", "Prépare le bon de commande pour le SIRET {FR_SIRET} avec livraison au {ADDRESS}."),
    _fr(
        "fourn-09",
        "Changement de coordonnées bancaires demandé par {EMAIL} pour le fournisseur SIREN "
        "{FR_SIREN} : nouvel IBAN {IBAN}. Est-ce une tentative de fraude ?",
    ),
    _fr(
        "compta-01",
        "La note de frais de {PERSON} mentionne un paiement par la carte {CREDIT_CARD} ; le "
        "remboursement se fait sur {IBAN}.",
    ),
    _fr(
        "compta-02", "Le client professionnel SIRET {FR_SIRET} règle ses factures par virement depuis {IBAN}."
    ),
    _fr("compta-03", "Prépare l'avoir pour l'entreprise SIREN {FR_SIREN}, adresse de facturation {ADDRESS}."),
    _fr(
        "compta-04",
        "Rapproche ce relevé : prélèvement de 1 250 € sur la carte {CREDIT_CARD} au profit de "
        "l'établissement {FR_SIRET}.",
    ),
    _fr(
        "compta-05",
        "Peux-tu vérifier l'identité de l'assuré{e} {PERSON}, né{e} le {BIRTH_DATE}, NIR {FR_NIR} ?",
    ),
    _fr(
        "compta-06",
        "Facture reçue de la société SIREN {FR_SIREN} (SIRET du site : {FR_SIRET}), à régler sur {IBAN}.",
    ),
    # Support informatique
    _fr(
        "it-09",
        "Le SIRET {FR_SIRET} et l'adresse IP {IP} apparaissent dans le journal de facturation "
        "électronique ; explique-moi le rejet.",
    ),
    _fr(
        "it-01",
        "{PERSON} n'arrive plus à se connecter au VPN depuis l'adresse IP {IP}, "
        "peux-tu m'aider à rédiger le ticket ?",
    ),
    _fr("it-02", "Alerte sécurité : connexions répétées depuis {IP} sur le compte {EMAIL}."),
    _fr(
        "it-03",
        "Le poste de {PERSON} (IP {IP}) a été mis en quarantaine ; préviens l'utilisateur au {PHONE}.",
    ),
    _fr(
        "it-04",
        "Analyse ce journal : échec d'authentification pour {EMAIL} depuis {IP}, puis succès depuis {IP}.",
    ),
    _fr("it-05", "Peux-tu expliquer à {PERSON} pourquoi l'adresse {IP} est bloquée par le pare-feu ?"),
    _fr("it-06", "Ticket ouvert par {PERSON}, poste fixe {PHONE} : l'imprimante réseau {IP} ne répond plus."),
    _fr(
        "it-07",
        "Résume l'incident : le serveur {IP} a été contacté par la machine de {PERSON}, dont le "
        "compte est {EMAIL}.",
    ),
    _fr("it-08", "Génère une réponse type pour {EMAIL}, dont l'accès Wi-Fi est refusé (IP attribuée {IP})."),
    # Déplacements
    _fr(
        "voy-08",
        "Peux-tu compléter l'ordre de mission de {PERSON} ? Passeport n° {FR_PASSPORT}, portable {PHONE}.",
    ),
    _fr(
        "voy-09",
        "Un scan du passeport {FR_PASSPORT} a été téléversé depuis l'adresse IP {IP} ; qui doit "
        "valider ce document ?",
    ),
    _fr("voy-01", "Réserve un vol pour {PERSON}, passeport n° {FR_PASSPORT}, né{e} le {BIRTH_DATE}."),
    _fr(
        "voy-02",
        "Le passeport de {PERSON} ({FR_PASSPORT}) expire bientôt ; rédige un rappel à envoyer à {EMAIL}.",
    ),
    _fr(
        "voy-03",
        "Pour la demande de visa, il me faut le numéro de passeport {FR_PASSPORT} et la date de "
        "naissance {BIRTH_DATE} de {PERSON}.",
    ),
    _fr(
        "voy-04",
        "L'agence de voyage demande : nom {PERSON}, passeport {FR_PASSPORT}, téléphone {PHONE}, "
        "carte de paiement {CREDIT_CARD}.",
    ),
    _fr(
        "voy-05",
        "Peux-tu vérifier que le passeport n°{FR_PASSPORT} de {PERSON} est bien renseigné dans la "
        "note de frais ?",
    ),
    _fr(
        "voy-06",
        "Mission à l'étranger pour {PERSON} : passeport {FR_PASSPORT}, hôtel réglé avec la carte "
        "{CREDIT_CARD}.",
    ),
    _fr(
        "voy-07",
        "Le visa de {PERSON} a été refusé : passeport {FR_PASSPORT}, date de naissance "
        "{BIRTH_DATE}, téléphone {PHONE}.",
    ),
    # Gouvernance et textes collés
    _fr(
        "gouv-01",
        "Est-ce que je peux coller dans l'assistant ce tableau avec {PERSON}, né{e} le "
        "{BIRTH_DATE}, et son NIR {FR_NIR} ?",
    ),
    _fr(
        "gouv-02",
        "Dans le compte rendu du comité IA, {PERSON} a laissé son numéro {PHONE} et son adresse "
        "{EMAIL} : faut-il les retirer ?",
    ),
    _fr(
        "gouv-03",
        "Peux-tu pseudonymiser ce paragraphe : « {PERSON}, domicilié{e} au {ADDRESS}, date de "
        "naissance : {BIRTH_DATE}. »",
    ),
    _fr(
        "gouv-04",
        "Un collègue a saisi la carte bancaire {CREDIT_CARD} et l'IBAN {IBAN} dans un prompt, "
        "est-ce un incident à déclarer ?",
    ),
    _fr(
        "gouv-05",
        "Le DPO, {PERSON} ({EMAIL}), demande la liste des traitements qui utilisent le NIR, par "
        "exemple {FR_NIR}.",
    ),
    _fr("gouv-06", "Dans l'analyse d'impact, remplace {PERSON} et {PERSON} par des rôles génériques."),
    _fr(
        "gouv-07",
        "Le référent IA de la société SIREN {FR_SIREN} est {PERSON} ; ajoute ce nom au registre des usages.",
    ),
    _fr(
        "gouv-08",
        "Voici une demande d'exercice de droits RGPD de {PERSON}, {ADDRESS}, reçue par mail depuis {EMAIL}.",
    ),
    _fr(
        "form-01",
        "Extrait du formulaire : Nom : {PERSON} ; Date de naissance : {BIRTH_DATE} ; Adresse : "
        "{ADDRESS} ; Tél. : {PHONE}",
    ),
    _fr("form-02", "Signature mail à relire : « {PERSON}, Responsable achats, {PHONE}, {EMAIL} »"),
    _fr("form-03", "Fais un résumé du contrat de {PERSON} : IBAN {IBAN}, adresse {ADDRESS}."),
    _fr("form-04", "Fiche contact collée :\nNom : {PERSON}\nPortable : {PHONE}\nCourriel : {EMAIL}"),
    # English
    _en("en-01", "Can you summarise the email from {PERSON} ({EMAIL}) about the delayed refund?"),
    _en(
        "en-02",
        "Please draft a reply to {PERSON}, who called from {PHONE} about a charge on card {CREDIT_CARD}.",
    ),
    _en(
        "en-03",
        "Employee {PERSON}, born on {BIRTH_DATE}, lives at {ADDRESS}; can you check the onboarding file?",
    ),
    _en("en-04", "Login alerts for {EMAIL} from IP {IP} and {IP} look suspicious, what should we do?"),
    _en("en-05", "Book a flight for {PERSON}, passport number {FR_PASSPORT}, date of birth {BIRTH_DATE}."),
    _en(
        "en-06", "The supplier with SIRET {FR_SIRET} changed its bank details to {IBAN}; is this legitimate?"
    ),
    _en("en-07", "Is it OK to paste {PERSON}'s social security number {FR_NIR} into the assistant?"),
    _en("en-08", "Vendor SIREN {FR_SIREN}, contact: {PERSON}, {PHONE}."),
)

_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")
_GENDER_MARK = "e"
_VOWELS = frozenset("AEIOUYÂÉÈÊÎÏÔÛaeiouyéèê")

# ---------------------------------------------------------------------------------------------- values

_COMPOUND_FIRST = {
    "F": ("Marie-Claire", "Anne-Sophie", "Marie-Hélène", "Anne-Laure", "Marie-Christine"),
    "M": ("Jean-Pierre", "Jean-Baptiste", "Pierre-Yves", "Jean-Marc", "Louis-Philippe"),
}
_COMPOUND_LAST = (
    "Le Gall",
    "Le Goff",
    "Le Roux",
    "de la Fontaine",
    "Da Silva",
    "Martin-Lefèvre",
    "N'Diaye",
    "Van den Broeck",
    "Ben Salah",
    "de Vaucelles",
    "Dos Santos",
    "Lefort-Moreau",
)
_CIVILITIES = {
    ("fr", "F"): ("Mme", "Madame", "Mme"),
    ("fr", "M"): ("M.", "Monsieur", "M."),
    ("en", "F"): ("Ms", "Mrs", "Ms"),
    ("en", "M"): ("Mr", "Mr", "Mr."),
}
_STREET_TYPES = ("rue", "avenue", "boulevard", "allée", "chemin", "impasse", "place", "quai", "route")
_STREET_NAMES = (
    "des Lilas",
    "Jean Jaurès",
    "Victor Hugo",
    "de la République",
    "du Général de Gaulle",
    "Pasteur",
    "des Écoles",
    "de la Gare",
    "Gambetta",
    "du Moulin",
    "des Tilleuls",
    "Émile Zola",
    "Saint-Michel",
    "de Verdun",
)
_CITIES = (
    ("75011", "Paris"),
    ("75015", "Paris"),
    ("69007", "Lyon"),
    ("13008", "Marseille"),
    ("31000", "Toulouse"),
    ("33000", "Bordeaux"),
    ("44000", "Nantes"),
    ("59000", "Lille"),
    ("67000", "Strasbourg"),
    ("34000", "Montpellier"),
    ("35000", "Rennes"),
    ("06000", "Nice"),
    ("21000", "Dijon"),
    ("29200", "Brest"),
    ("38000", "Grenoble"),
    ("76000", "Rouen"),
    ("92100", "Boulogne-Billancourt"),
    ("97400", "Saint-Denis"),
)
_MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": tuple(calendar.month_name[1:]),
}
# Card type -> (faker card type or None, issuer prefixes for cards built here, lengths). Faker covers
# Visa, Mastercard, Amex, Diners and 16-digit Discover; Discover 17-19 and JCB (IIN 3528-3589, 16-19
# digits, which faker's "jcb16" does not respect) are built here with a Luhn check digit.
_CARD_TYPES: tuple[tuple[str | None, tuple[str, ...], tuple[int, ...]], ...] = (
    ("visa13", (), (13,)),
    ("visa16", (), (16,)),
    ("visa16", (), (16,)),
    ("visa19", (), (19,)),
    ("mastercard", (), (16,)),
    ("mastercard", (), (16,)),
    ("amex", (), (15,)),
    ("diners", (), (14,)),
    ("discover", (), (16,)),
    (None, ("6011", "65", "644", "649"), (17, 18, 19)),
    (None, tuple(str(iin) for iin in range(3528, 3590)), (16, 17, 18, 19)),
)
_CARD_GROUPS = {
    13: (4, 4, 5),
    14: (4, 6, 4),
    15: (4, 6, 5),
    16: (4, 4, 4, 4),
    17: (4, 4, 4, 5),
    18: (4, 4, 4, 6),
    19: (4, 4, 4, 4, 3),
}


def luhn_valid(number: str) -> bool:
    """True if the digits of ``number`` (separators ignored) pass the Luhn checksum."""
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for index, digit in enumerate(reversed(digits)):
        doubled = digit * 2 if index % 2 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return bool(digits) and total % 10 == 0


def _luhn_complete(partial: str) -> str:
    """``partial`` followed by the check digit that makes it Luhn-valid."""
    for check in "0123456789":
        if luhn_valid(partial + check):
            return partial + check
    raise AssertionError("unreachable: one Luhn check digit always exists")


def _ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z-]", "", folded.lower())


def _group(value: str, sizes: tuple[int, ...], sep: str) -> str:
    parts, position = [], 0
    for size in sizes:
        parts.append(value[position : position + size])
        position += size
    return sep.join(part for part in parts if part)


Segment = tuple[str, str | None]


@dataclass(frozen=True)
class Variant:
    """How a multi-locale sentence departs from the French set: names of another locale, cased as
    typed in a chat, and labelled identifiers whose check digit was mistyped."""

    names: Faker
    locale: str
    casing: str  # "as is", "lower" or "upper"
    typo: bool


@dataclass
class _Context:
    """Per-sentence filling state: generators, language and the people already named."""

    fake: Faker
    rng: random.Random
    lang: str
    first_gender: str
    people: list[tuple[str, str]] = field(default_factory=list)
    variant: Variant | None = None  # multi-locale set: where names come from, casing, typos


def _person(ctx: _Context) -> list[Segment]:
    if ctx.variant is not None:
        return _foreign_person(ctx, ctx.variant)
    gender = ctx.first_gender if not ctx.people else ctx.rng.choice("FM")
    rng, fake = ctx.rng, ctx.fake
    if rng.random() < 0.15:
        first = rng.choice(_COMPOUND_FIRST[gender])
    else:
        first = fake.first_name_female() if gender == "F" else fake.first_name_male()
    last = rng.choice(_COMPOUND_LAST) if rng.random() < 0.2 else fake.last_name()
    ctx.people.append((first, last))
    civility = rng.choice(_CIVILITIES[(ctx.lang, gender)])
    style = rng.choices(
        ("first_last", "first_LAST", "civ_last", "civ_first_last", "dr_last", "LAST_first"),
        weights=(35, 15, 15, 10, 7, 10),
    )[0]
    if style == "first_last":
        return [(f"{first} {last}", "PERSON")]
    if style == "first_LAST":
        return [(f"{first} {last.upper()}", "PERSON")]
    if style == "civ_last":
        return [(f"{civility} ", None), (last, "PERSON")]
    if style == "civ_first_last":
        return [(f"{civility} ", None), (f"{first} {last}", "PERSON")]
    if style == "dr_last":
        return [("Dr ", None), (last, "PERSON")]
    return [(f"{last.upper()} {first}", "PERSON")]


_UNSPACED_NAMES = ("zh_CN", "zh_TW", "ja_JP")  # family name then given name, no space


def _foreign_person(ctx: _Context, variant: Variant) -> list[Segment]:
    """A name of ``variant.locale``, with or without civility, in the variant's casing."""
    first, last = variant.names.first_name(), variant.names.last_name()
    ctx.people.append((first, last))
    if variant.locale in _UNSPACED_NAMES:
        return [(f"{last}{first}", "PERSON")]
    name = ctx.rng.choice((f"{first} {last}", f"{first} {last}", f"{last} {first}"))
    if variant.casing == "lower":
        name = name.lower()
    elif variant.casing == "upper":
        name = name.upper()
    if ctx.rng.random() < 0.2:
        civility = (
            {"fr": "M.", "en": "Mr"}[ctx.lang]
            if ctx.rng.random() < 0.5
            else {"fr": "Mme", "en": "Ms"}[ctx.lang]
        )
        return [(f"{civility} ", None), (name, "PERSON")]
    return [(name, "PERSON")]


def _mistyped(value: str, rng: random.Random) -> str:
    """``value`` with its last digit changed: the check digit no longer holds."""
    last = value[-1]
    return value[:-1] + rng.choice([d for d in "0123456789" if d != last])


def _email(ctx: _Context) -> list[Segment]:
    rng, fake = ctx.rng, ctx.fake
    slugs = [_ascii_slug(part.replace(" ", "")) for part in ctx.people[-1]] if ctx.people else []
    if slugs and all(slugs) and rng.random() < 0.45:  # a name in another script has no ASCII slug
        first, last = slugs
        local = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{last}.{first}", f"{first}_{last}"))
        domain = rng.choice((fake.free_email_domain(), fake.domain_name()))
        value = f"{local}@{domain}"
    else:
        value = rng.choice((fake.email, fake.free_email, fake.company_email))()
    roll = rng.random()
    if roll < 0.08:
        value = value.upper()
    elif roll < 0.18:
        local, _, domain = value.partition("@")
        value = ".".join(part.capitalize() for part in local.split(".")) + "@" + domain
    return [(value, "EMAIL")]


def _phone(ctx: _Context) -> list[Segment]:
    rng = ctx.rng
    prefix = rng.choice(("1", "2", "3", "4", "5", "6", "6", "7", "9"))
    second = str(rng.randint(3, 9)) if prefix == "7" else str(rng.randint(1, 9))
    national = "0" + prefix + second + "".join(str(rng.randint(0, 9)) for _ in range(7))
    pairs = [national[i : i + 2] for i in range(0, 10, 2)]
    rest = national[1:]
    value = rng.choice(
        (
            " ".join(pairs),
            " ".join(pairs),
            ".".join(pairs),
            national,
            "-".join(pairs),
            f"+33 {rest[0]} {' '.join(pairs[1:])}",
            f"+33{rest}",
            f"+33 (0){rest[0]} {' '.join(pairs[1:])}",
            f"(0){rest[0]} {' '.join(pairs[1:])}",
            f"0033 {rest[0]} {' '.join(pairs[1:])}",
        )
    )
    return [(value, "PHONE")]


def _iban(ctx: _Context) -> list[Segment]:
    value = ctx.fake.iban()
    if ctx.rng.random() < 0.5:
        value = _group(value, (4,) * 8, " ")
    return [(value, "IBAN")]


def _card_digits(ctx: _Context) -> str:
    card_type, prefixes, lengths = ctx.rng.choice(_CARD_TYPES)
    if card_type is not None:
        number = str(ctx.fake.credit_card_number(card_type))
    else:
        prefix, length = ctx.rng.choice(prefixes), ctx.rng.choice(lengths)
        body = prefix + "".join(str(ctx.rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
        number = _luhn_complete(body)
    if not (luhn_valid(number) and len(number) in lengths):
        raise ValueError(f"generated card number {number!r} is not a valid {card_type or prefixes}")
    return number


def _credit_card(ctx: _Context) -> list[Segment]:
    number = _card_digits(ctx)
    if ctx.variant is not None and ctx.variant.typo:
        number = _mistyped(number, ctx.rng)
    sep = ctx.rng.choice(("", " ", " ", "-"))
    return [(_group(number, _CARD_GROUPS[len(number)], sep) if sep else number, "CREDIT_CARD")]


def _nir(ctx: _Context) -> list[Segment]:
    value = ctx.fake.ssn()
    if ctx.rng.random() < 0.4:
        value = _group(value, (1, 2, 2, 2, 3, 3, 2), " ")
    if ctx.variant is not None and ctx.variant.typo:
        value = _mistyped(value, ctx.rng)
    return [(value, "FR_NIR")]


def _siret(ctx: _Context) -> list[Segment]:
    value = ctx.fake.siret(max_sequential_digits=ctx.rng.randint(1, 4))
    return [(value if ctx.rng.random() < 0.5 else value.replace(" ", ""), "FR_SIRET")]


def _siren(ctx: _Context) -> list[Segment]:
    value = ctx.fake.siren()
    return [(value if ctx.rng.random() < 0.5 else value.replace(" ", ""), "FR_SIREN")]


def _address(ctx: _Context) -> list[Segment]:
    rng, fake = ctx.rng, ctx.fake
    number = str(rng.randint(1, 250)) + rng.choice(("",) * 8 + (" bis", " ter"))
    if rng.random() < 0.35:
        street = fake.street_name()
    else:
        street = f"{rng.choice(_STREET_TYPES)} {rng.choice(_STREET_NAMES)}"
    postcode, city = rng.choice(_CITIES) if rng.random() < 0.6 else (fake.postcode(), fake.city())
    if rng.random() < 0.15:
        city = city.upper()
    complement = rng.choice(("",) * 8 + (", Bât. C", ", appartement 12"))
    sep = rng.choice((", ", ", ", " "))
    return [(f"{number} {street}{complement}{sep}{postcode} {city}", "ADDRESS")]


def _birth_date(ctx: _Context) -> list[Segment]:
    rng = ctx.rng
    year, month = rng.randint(1950, 2005), rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    month_name = _MONTHS[ctx.lang][month - 1]
    if ctx.lang == "en":
        written = rng.choice((f"{month_name} {day}, {year}", f"{day} {month_name} {year}"))
    else:
        written = f"{'1er' if day == 1 else day} {month_name} {year}"
    value = rng.choice(
        (
            f"{day:02d}/{month:02d}/{year}",
            written,
            written,
            f"{year}-{month:02d}-{day:02d}",
            f"{day:02d}.{month:02d}.{year}",
        )
    )
    return [(value, "BIRTH_DATE")]


def _ip(ctx: _Context) -> list[Segment]:
    roll = ctx.rng.random()
    if roll < 0.55:
        value = ctx.fake.ipv4_public()
    elif roll < 0.75:
        value = ctx.fake.ipv4_private()
    else:
        value = ctx.fake.ipv6()
        if ctx.rng.random() < 0.5:
            value = str(ipaddress.IPv6Address(value))
    return [(value, "IP")]


def _passport(ctx: _Context) -> list[Segment]:
    rng = ctx.rng
    letters = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(2))
    return [(f"{rng.randint(0, 99):02d}{letters}{rng.randint(0, 99999):05d}", "FR_PASSPORT")]


_GENERATORS: dict[str, Callable[[_Context], list[Segment]]] = {
    "PERSON": _person,
    "EMAIL": _email,
    "PHONE": _phone,
    "IBAN": _iban,
    "CREDIT_CARD": _credit_card,
    "FR_NIR": _nir,
    "FR_SIRET": _siret,
    "FR_SIREN": _siren,
    "ADDRESS": _address,
    "BIRTH_DATE": _birth_date,
    "IP": _ip,
    "FR_PASSPORT": _passport,
}

# ---------------------------------------------------------------------------------------------- filling


def template_entities(template: Template) -> list[str]:
    """The entity placeholders of ``template``, in order (the ``{e}`` agreement mark excluded)."""
    return [name for name in _PLACEHOLDER.findall(template.text) if name != _GENDER_MARK]


def _fill(
    template: Template, fake: Faker, rng: random.Random, variant: Variant | None = None
) -> LabeledSentence:
    ctx = _Context(fake=fake, rng=rng, lang=template.lang, first_gender=rng.choice("FM"), variant=variant)
    text_parts: list[str] = []
    spans: list[PiiSpan] = []
    values: list[str] = []
    position = 0
    for index, piece in enumerate(_PLACEHOLDER.split(template.text)):
        if index % 2 == 0:
            segments: list[Segment] = [(piece, None)]
        elif piece == _GENDER_MARK:
            segments = [("e" if ctx.first_gender == "F" else "", None)]
        else:
            segments = _GENERATORS[piece](ctx)
        if index % 2 and segments[0][0][:1] in _VOWELS and text_parts and text_parts[-1].endswith(" de "):
            text_parts[-1] = text_parts[-1][:-3] + "d'"  # élision : « de André » -> « d'André »
            position -= 1
        for text, entity in segments:
            if entity is not None:
                spans.append(PiiSpan(entity, position, position + len(text)))
                values.append(text)
            text_parts.append(text)
            position += len(text)
    locale = variant.locale if variant is not None else "fr_FR"
    sentence = LabeledSentence("".join(text_parts), tuple(spans), template.template_id, locale)
    _validate(sentence, values)
    return sentence


def _validate(sentence: LabeledSentence, values: list[str]) -> None:
    previous_end = 0
    for span, value in zip(sentence.spans, values, strict=True):
        if sentence.text[span.start : span.end] != value or value != value.strip() or not value:
            raise ValueError(f"bad span {span} in {sentence.template_id}: {sentence.text!r}")
        if span.start < previous_end:
            raise ValueError(f"overlapping spans in {sentence.template_id}: {sentence.text!r}")
        previous_end = span.end


def _template_cycle(rng: random.Random) -> Iterator[Template]:
    """Templates in a fresh shuffled order each round, so every template is used evenly."""
    while True:
        order = list(TEMPLATES)
        rng.shuffle(order)
        yield from order


def generate_pii_sentences(n: int, seed: int = 2025) -> list[LabeledSentence]:
    """Seeded Faker fr_FR sentences from templates, several entities each, with gold spans.

    Templates are drawn round-robin in a per-round shuffled order; the same ``seed`` gives the same output.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    cycle = _template_cycle(rng)
    return [_fill(next(cycle), fake, rng) for _ in range(n)]


# Faker locales the multi-locale set draws its names from: French-speaking, European, and beyond
NAME_LOCALES = (
    "fr_FR", "fr_BE", "fr_CH", "de_DE", "en_GB", "en_US", "es_ES", "it_IT", "pt_PT", "nl_NL", "pl_PL",
    "tr_TR", "ar_AA", "zh_CN", "ja_JP", "vi_VN", "hi_IN", "en_IN", "yo_NG", "sw",
)  # fmt: skip
_CASINGS = ("as is", "as is", "lower", "upper")


def generate_multilocale_sentences(n: int, seed: int = 2025) -> list[LabeledSentence]:
    """The templates with names of :data:`NAME_LOCALES` (round-robin), typed as is, in lowercase or in
    capitals, and one sentence in four with a mistyped check digit in its NIR or card number.

    The name lexicon of the masker comes from the same Faker lists, so PERSON recall here says how the
    cues and casing hold up, not how well unseen names are found: the blind sets say that.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    names = {locale: Faker(locale) for locale in NAME_LOCALES}
    for index, locale in enumerate(NAME_LOCALES):
        names[locale].seed_instance(seed + index)
    cycle = _template_cycle(rng)
    sentences = []
    for i in range(n):
        locale = NAME_LOCALES[i % len(NAME_LOCALES)]
        variant = Variant(names[locale], locale, rng.choice(_CASINGS), rng.random() < 0.25)
        sentences.append(_fill(next(cycle), fake, rng, variant))
    return sentences


# ---------------------------------------------------------------------------------------------- corpus

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")
_INLINE = re.compile(r"\*\*|__|`")
_SENTENCE_END = re.compile(
    r"(?<!\bex\.)(?<!\bcf\.)(?<!\bM\.)(?<!\bp\.)(?<!\bn°\.)(?<=[.!?…])\s+(?=[«\"(\[A-ZÀ-ÖØ-Þ0-9])"
)
_URL = re.compile(r"https?://|www\.|\]\(", re.IGNORECASE)
_LONG_DIGITS = re.compile(r"\d(?:[ .\-]?\d){5,}")


def _markdown_blocks(markdown: str) -> Iterator[str]:
    """Paragraphs, list items, headings and table cells of ``markdown``, markup removed."""
    paragraph: list[str] = []
    for raw in _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n")).split("\n"):
        line = raw.strip()
        starts_block = (
            not line
            or line.startswith("```")
            or line.startswith("|")
            or bool(_HEADING.match(raw))
            or bool(_LIST_MARKER.match(raw))
        )
        if starts_block and paragraph:
            yield " ".join(paragraph)
            paragraph = []
        if not line or line.startswith("```") or _TABLE_RULE.match(line):
            continue
        if line.startswith("|"):
            yield from (cell.strip() for cell in line.strip("|").split("|"))
        elif _HEADING.match(raw):
            yield _HEADING.sub("", raw).strip()
        else:
            paragraph.append(_LIST_MARKER.sub("", line).lstrip("> ").strip())
    if paragraph:
        yield " ".join(paragraph)


def _is_clean(sentence: str) -> bool:
    return (
        30 <= len(sentence) <= 300
        and "@" not in sentence
        and not _URL.search(sentence)
        and not _LONG_DIGITS.search(sentence)
    )


def corpus_clean_sentences(corpus_dir: Path, n: int | None = None, seed: int = 2025) -> list[str]:
    """PII-free sentences/list items taken verbatim from corpus/*.md (front matter, headings markers, table
    pipes, code fences stripped; 30–300 chars).

    Sentences are deduplicated and kept in corpus order (files sorted by path); with ``n``, a seeded
    sample of ``min(n, available)`` sentences is returned, still in corpus order.
    """
    seen: dict[str, None] = {}
    for path in sorted(corpus_dir.rglob("*.md")):
        for block in _markdown_blocks(path.read_text(encoding="utf-8")):
            for sentence in _SENTENCE_END.split(_INLINE.sub("", block)):
                cleaned = " ".join(sentence.split())
                if _is_clean(cleaned):
                    seen.setdefault(cleaned, None)
    sentences = list(seen)
    if n is None or n >= len(sentences):
        return sentences
    keep = sorted(random.Random(seed).sample(range(len(sentences)), n))
    return [sentences[index] for index in keep]
