"""Words that look like names to a NER model but are governance roles, acronyms or tool names."""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP_WORDS

# governance roles (RACI guide, fiches)
ROLES = frozenset(
    term.casefold()
    for term in (
        "Sponsor", "DPO", "RSSI", "Chef de projet", "Chef de projet IA", "Data lead", "Référent métier",
        "Référent IA", "Référents IA", "Ambassadeur IA", "Ambassadeurs IA", "Comité IA", "DSI", "DG", "COO",
        "Direction BU", "Support", "Run", "Partenaire", "Prestataire", "Change", "Formation", "Juridique",
        "Responsible", "Accountable", "Consulted", "Informed", "Coach", "Manager", "Managers",
    )
)  # fmt: skip
# tools and vendors named in the corpus or by staff (« Albert »: the French administration's assistant)
TOOLS = frozenset(
    term.casefold()
    for term in (
        "Copilot", "Copilote", "Microsoft Copilot", "ChatGPT", "GPT", "OpenAI", "Mistral", "Le Chat",
        "Claude", "Gemini", "Llama", "Perplexity", "Teams", "Microsoft Teams", "Slack", "Notion", "Miro",
        "Klaxoon",
        "Sphinx", "Power BI", "SharePoint", "Confluence", "Salesforce", "HubSpot", "Odoo", "Shopify",
        "Prestashop", "Google Workspace", "Microsoft 365", "Outlook", "Exclaimer", "Word", "Excel",
        "PowerPoint", "Yammer", "Viva Engage", "Workplace", "Google Analytics", "Flowpi", "Roland Berger",
        "S2H", "Observatoire Prospectif du Commerce", "Gouvernail", "Slido", "Forms", "Feedly", "Inoreader",
        "Digimind", "Mention", "Exclaimer", "Jira", "Confluence Cloud", "ServiceNow", "GitLab", "GitHub",
        "Trello", "Asana", "Zendesk", "Zoom", "Webex", "Google Meet", "Dropbox", "OneDrive",
        "SharePoint Online", "Copilot Studio", "Claude Sonnet", "Claude Opus", "Claude Haiku",
        "Mistral Large", "Mistral Medium", "Mistral Small", "Gemini Pro", "Gemini Advanced", "Gemini Flash",
        "ChatGPT Enterprise", "Albert",
    )
)  # fmt: skip
ROLES_AND_TOOLS = ROLES | TOOLS

ACRONYMS = frozenset(
    "IA AI IAG RH RSE DSI RSSI DPO DG COO BU ERP CRM API ROI KPI KPIS POC MCO SSO MFA RGPD GDPR CNIL NIST "
    "ISO IEC PME ETI TPE SEO CSE NPS MTTR SLA SLAS ADV PLM MES IOT CMS LLM RAG PMI UE HT TTC TVA PDF FAQ IT "
    "DG PM PO REX DPIA PIA AIPD RACI CISO CIO CTO CDO CEO CFO DAF DRH PMO MOA MOE AMOA "
    "MOOC QR URL SMS CV CDI CDD RTT IBAN RIB NIR SIRET SIREN IP COPIL CODIR COMEX".split()
)


# words that open a phrase, never a first name ("Mon IBAN", "Le Sponsor", "Contactez")
FUNCTION_WORDS = frozenset(
    "le la les l un une des du de d au aux mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs "
    "ce cet cette ces quel quelle quels quelles qui que quoi où ou et mais donc or ni car pour par avec sans "
    "sur sous dans chez vers entre the a an my your our their this that these those".split()
)


def is_allowed(span_text: str) -> bool:
    """True when the span is a known role/tool, or made only of such words, acronyms and articles."""
    words = [w.strip(".,;:()'’\"").casefold() for w in span_text.replace("’", "'").replace("'", " ").split()]
    words = [w for w in words if w]
    while words and words[0] in FUNCTION_WORDS:
        words = words[1:]
    if not words or " ".join(words) in ROLES_AND_TOOLS:
        return True
    return all(w.upper() in ACRONYMS or w in ROLES_AND_TOOLS for w in words)


# single words a NER model takes for a name in staff questions: civilities, titles, greetings, a chat's
# « please » (« stp », « pls »), the closing formulas of letters in the languages staff write (« Viele
# Grüße », « Cordiali saluti »), the labels of a name column (« Prénom Nom »)
NOT_NAMES = frozenset(
    "monsieur madame mademoiselle mme mlle docteur maître responsable directeur directrice bât bâtiment "
    "cordialement bonjour merci salut stp svp pls plz thx mr mrs ms miss dr herr frau sr sra signor signora "
    "grüße grüsse grüßen grüssen gruß gruss saluti saluto saludos saludo groet groeten regards "
    "cumprimentos pozdrawiam pozdrowienia nom prénom prenom".split()
)


def starts_with_function_word(span_text: str) -> bool:
    """``Mon IBAN``, ``Le Sponsor`` — but not a capitalised particle (``DE LA FONTAINE``)."""
    first = span_text.split()[0]
    return first.istitle() and first.casefold().strip("'’") in FUNCTION_WORDS


# nouns after which a capitalised name names a place, a stage or an item, not a person
THING_NOUNS = frozenset(
    "salle station rue avenue boulevard place quai lycée collège école université campus métro gare "
    "bâtiment tour résidence hôpital musée stade amphi amphithéâtre phase étape lot sprint ticket version "
    "fiche room street road building hall projet project poc programme chantier produit "
    "service direction département department pôle équipe cellule "
    "via calle piazza plaza platz san santa santo são saint sainte st "
    "sankt".split()
)
# words after a capitalised name that make it an office, a team or a company (``Madrid offices``,
# ``Flowdata SAS``): workplace nouns (any case) and the legal forms of the countries staff deal with
WORKPLACE_NOUNS = frozenset(
    "office offices team teams site sites agence agency branch campus store magasin hq headquarters usine "
    "plant entrepôt warehouse group groupe holding services consulting conseil partners associés".split()
)
# capitalised nouns that close a company's or a service's name (``Ford Credit``, ``Orange Business``,
# ``Procurement Bot``): its trade, or an automated sender — no personal name ends with one
BUSINESS_NOUNS = frozenset(
    "business bank banque credit crédit capital finance financial insurance assurance assurances "
    "investment investments securities holdings industries industrie technologies technology tech systems "
    "solutions software labs digital media telecom telecoms energy énergie motors automotive airlines "
    "logistics transports pharma ventures bot bots".split()
)
LEGAL_FORMS = frozenset("SAS SASU SARL SA EURL SCI GmbH AG Ltd LLC Inc PLC BV NV SpA SRL SL Sàrl".split())
# function words (French and English) a personal name never holds; particles are not among them
NAME_STOP_WORDS = frozenset(w.casefold() for w in FR_STOP_WORDS | EN_STOP_WORDS) - frozenset(
    "de du des la le van der den von da di del al el ben bin o".split()
)
