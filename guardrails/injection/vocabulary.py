"""Regex fragments shared by the rules (normalized text: lower-case, no accents) and their anchor words."""

# Each ``*_WORDS`` string lists word prefixes of which at least one occurs whenever the fragment matches;
# rules use them to skip the texts that cannot match.

from __future__ import annotations

import re

_Trie = dict[str, "_Trie"]


def trie(phrases: str) -> str:
    """A regex matching exactly the ``|``-separated literal ``phrases``, factored as a prefix tree (fast)."""
    root: _Trie = {}
    for phrase in phrases.split("|"):
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return "(?:" + _emit(root) + ")"


def _emit(node: _Trie) -> str:
    branches = [re.escape(char) + _emit(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def verb_forms(stems: str, endings: str) -> str:
    """``|``-joined ``stem + ending`` for each stem and ending (``affiche``, ``affichez``, ``afficher``…)."""
    return "|".join(stem + ending for stem in stems.split() for ending in endings.split("|"))


def gap(words: int) -> str:
    """Up to ``words`` intervening words (bounded and unambiguous, so no catastrophic backtracking)."""
    return rf"(?:\W+\w+){{0,{words}}}\W+"


YOU_EN = r"(?:you|your|yourself|u)"
POSS_EN = r"(?:your|thy)"
POSS_FR = r"(?:ton|ta|tes|votre|vos)"
POSS_WORDS = "your thy ton ta tes votre vos"

# ---- "ignore the previous instructions" ------------------------------------------------------------
IGNORE_EN = trie(
    "ignore|disregard|forget|skip|override|overrule|bypass|discard|neglect|set aside|throw away|do not follow"
    "|don't follow|do not obey|don't obey|stop following|stop obeying|stop applying|no longer follow"
    "|quit following|quit obeying|cease following|cease obeying"
    "|no longer obey|no longer apply"
)
IGNORE_EN_WORDS = (
    "ignor disregard forget skip overrid overrul bypass discard neglect aside throw follow obey apply "
    "quit cease"
)
PRIOR_EN = (
    r"(?:previous|prior|above|earlier|preceding|foregoing|former|original|initial|all|any|every|your|these"
    r"|those|system|developer|default|safety|pre-?programmed|built-?in|old)"
)
RULES_EN = (
    r"(?:instructions?|directives?|rules|prompts?|guidelines?|commands?|constraints|context|guardrails?"
    r"|restrictions|programming|polic(?:y|ies)|orders|messages?|training|filters?|limitations|protocols?"
    r"|settings|roles?|moderation|safeguards?|alignment|ethics)"
)
RULES_EN_WORDS = (
    "instruction directive rule prompt guideline command constraint context guardrail restriction "
    "programming polic order message training filter limitation protocol setting role moderation safeguard "
    "alignment ethic"
)
IGNORE_FR = (
    "(?:"
    + trie(verb_forms("ignore oublie neglige outrepasse contourne annule efface supprime ecarte", "|r|s|z"))
    + r"|(?:ignor|oubli|neglige|outrepass|contourn|ecart)ant"
    + r"|(?:fais|faites|faire) abstraction d\w*|ne (?:tiens|tenez|tenir) (?:pas |plus )?compte d\w*"
    r"|passe[rz]? outre|laisse[rz]? tomber"
    r"|ne (?:respecte|respectez|suis|suivez|applique|appliquez) (?:pas|plus)"
    r"|ne (?:plus|pas|jamais) (?:respecter|suivre|appliquer|obeir a)"
    r"|arrete[rz]? d'(?:obeir a|appliquer)|arrete[rz]? de (?:suivre|respecter|tenir compte d\w*))"
)
IGNORE_FR_WORDS = (
    "ignor oubli neglig outrepass contourn annul effac supprim ecart abstraction compte outre tomber respect "
    "suis suivez suivre appliqu obeir arret"
)
PRIOR_FR = (
    r"(?:precedente?s?|ci-dessus|au-dessus|plus haut|anterieure?s?|initiale?s?|originale?s?|d'origine"
    r"|de depart|de base|du systeme|systemes?|recue?s?|donnee?s?|qu'on t'a (?:donnee?s?|fixee?s?)"
    r"|qu'on t'a (?:imposee?s?|ecrite?s?|fournie?s?)|que tu (?:as recue?s?|suis|appliques|respectes)"
    r"|par defaut|de securite|actuelle?s?)"
)
RULES_FR = (
    r"(?:instructions?|regles?|consignes?|directives?|prompts?|contraintes?|restrictions?|limites?"
    r"|limitations?|garde-fous|ordres?|indications?|programmation|politiques?|filtres?|protocoles?"
    r"|parametres?|roles?)"
)
RULES_FR_WORDS = (
    "instruction regle consigne directive prompt contrainte restriction limit garde ordre indication "
    "programmation politique filtre protocole parametre role"
)

# ---- requests to see something: REVEAL_* are unambiguous, SHOW_* add "what is", "give", "tell"… -------
_REVEAL_EN = (
    "reveal|print|repeat|show|display|output|disclose|dump|leak|write out|write down|recite|echo|copy|paste"
    "|spell out|expose|type out|read out|translate|summarize|summarise|rewrite|quote|reproduce|export"
)
REVEAL_EN = trie(_REVEAL_EN)
REVEAL_EN_WORDS = (
    "reveal print repeat show display output disclose dump leak write recite echo copy paste spell expos "
    "type read translat summari rewrit quot reproduc export"
)
SHOW_EN = trie(
    _REVEAL_EN
    + "|tell|give|share|list|enumerate|provide|return|send|what's|what is|what are|what was|what were"
)
SHOW_EN_WORDS = REVEAL_EN_WORDS + " tell give share list enumerat provide return send what"
# French requests: an imperative ("affiche", "affichez") or a polite infinitive ("peux-tu afficher"); a
# bare infinitive is usually a question about practice ("le RSSI doit-il communiquer…").
_POLITE_FR = (
    r"(?:(?:peux|pourrais|pouvez|pourriez|veux|voudrais|voulez|voudriez)-(?:tu|vous)|(?:tu|vous) "
    r"(?:peux|pourrais|pouvez|pourriez|dois|devez)|merci de|je (?:t'ordonne|te demande|t'autorise|te prie)"
    r" d[e'])\W*(?:(?:me|nous|moi)\W+|m')?"
)
_REVEAL_FR_STEMS = (
    "affiche montre revele repete recite imprime copie recopie divulgue restitue expose resume reformule "
    "colle dumpe balance devoile"
)
_REVEAL_FR_IMPERATIVES = (
    verb_forms(_REVEAL_FR_STEMS, "|z")
    + "|ecris|ecrivez|reproduis|reproduisez|traduis|traduisez|copie-colle|copiez-collez|dump"
)
_REVEAL_FR_INFINITIVES = verb_forms(_REVEAL_FR_STEMS, "r") + "|ecrire|reproduire|traduire|copier-coller"
REVEAL_FR = f"(?:{trie(_REVEAL_FR_IMPERATIVES)}|{_POLITE_FR}{trie(_REVEAL_FR_INFINITIVES)})"
REVEAL_FR_WORDS = (
    "affich montr revel repet recit ecri imprim copi recopi divulg reprodui restitu expos resum reformul "
    "tradui coll dump balanc devoil"
)
_SHOW_FR_STEMS = "donne communique partage liste cite indique"
_SHOW_FR_IMPERATIVES = (
    f"{_REVEAL_FR_IMPERATIVES}|{verb_forms(_SHOW_FR_STEMS, '|z')}|transmets|transmettez|envoie|envoyez"
    "|dis-moi|dis-nous|dites-moi|dites-nous|fournis|fournissez|rappelle|rappelez|c'est quoi"
    "|quel est|quelle est|quel etait|quelle etait|quels sont|quelles sont|quels etaient|quelles etaient"
)
_SHOW_FR_INFINITIVES = (
    f"{_REVEAL_FR_INFINITIVES}|{verb_forms(_SHOW_FR_STEMS, 'r')}|transmettre|envoyer|dire|fournir|rappeler"
)
SHOW_FR = f"(?:{trie(_SHOW_FR_IMPERATIVES)}|{_POLITE_FR}{trie(_SHOW_FR_INFINITIVES)})"
SHOW_FR_WORDS = (
    REVEAL_FR_WORDS
    + " donn communiq partag list cit transmet indiq envoi envoy dis dit dire fourni quel quoi rappel"
)
SHOW_ANY = f"(?:{SHOW_EN}|{SHOW_FR})"
SHOW_ANY_WORDS = f"{SHOW_EN_WORDS} {SHOW_FR_WORDS}"

# ---- the assistant's prompt ------------------------------------------------------------------------------
PROMPT_EN = (
    r"(?:system prompt|system message|initial prompt|original prompt|hidden prompt|secret prompt|pre-?prompt"
    r"|meta ?prompt|developer (?:message|prompt|instructions)|base prompt"
    r"|(?:initial|original|hidden|secret|system|internal|starting|first) instructions"
    r"|(?:hidden|secret|internal) (?:rules|directives|guidelines)|instructions you were given"
    r"|rules you were given|initialization|context window|(?:instructions|rules|directives|text) above"
    r"|(?:hidden |secret |system |initial )?preamble)"
)
PROMPT_EN_WORDS = (
    "prompt preprompt metaprompt message instruction rule directive guideline initiali context text preamble"
)
PROMPT_FR = (
    r"(?:prompt (?:systeme|system|initial|d'origine|de depart|de base|cache|secret|interne)"
    r"|message\W{1,4}(?:systeme|system)\b|message initial|pre-?prompt|meta-?prompt"
    r"|(?:instructions?|consignes?|directives?|regles?) (?:initiales?|cachees?|secretes?|systemes?"
    r"|du systeme|internes?|d'origine|de depart|de base|invisibles?|ci-dessus|au-dessus|plus haut))"
)
PROMPT_FR_WORDS = "prompt preprompt metaprompt message instruction consigne directive regle"
# "ce qui précède": the text above, where the prompt is
ABOVE_FR = r"(?:ce qui (?:precede|est (?:ecrit )?(?:au-dessus|ci-dessus|plus haut))|tout ce qui precede)"
YOUR_THINGS_FR = (
    r"(?:prompts?|instructions|consignes|directives|configuration|config|parametrage|regles|programmation"
    r"|contexte|fenetre de contexte|message\W{1,4}(?:systeme|system))\b"
)
# "le contenu de ton prompt", "the contents of your instructions"
CONTENT_OF = (
    r"(?:(?:le|la|les|l'|the|all)\W*(?:(?:first|last|premiere?s?|derniere?s?|\d+)\W+)?(?:contenu|texte"
    r"|integralite|totalite|contents?|text|whole|entirety|lines?|sentences?|words|lignes?|phrases?|mots"
    r"|paragraphes?|paragraphs?|debut|beginning|start|fin|end|reste|rest|suite)\W+(?:de|d'|du|of)\W*)?"
)
# What follows "your instructions" when the user asks about a topic ("vos consignes de sécurité").
NOT_A_TOPIC = (
    r"(?!\W+(?:for|on|about|regarding|to|pour|sur|concernant|de la|du|des|d'|en matiere|relatives?"
    r"|applicables?)\b)"
)
NOT_AN_EXAMPLE = (
    r"(?!\W+(?:pour|type|recommande|d'exemple|de la bibliotheque|du catalogue|for|example|template))"
)

# ---- secrets -----------------------------------------------------------------------------------------
SECRET = (
    r"(?:api[ _-]?keys?|(?:(?:secret|private|access|ssh|license) )+keys?"
    r"|(?:access |bearer |auth |api )?tokens?"
    r"|passwords?|passwd|passphrases?|credentials?|creds|logins?|secrets?|environment variables?"
    r"|env(?:ironment)? vars?|\.env(?: file)?|connection strings?|database (?:url|password)"
    r"|openai[ _]api[ _]key|identifiants? (?:de connexion|d'acces|de login)|cles? (?:d')?api"
    r"|(?:openai|anthropic|mistral|hugging ?face|hf|aws|azure|gcp|google|github|gitlab|stripe|slack|llm)"
    r"(?: api)? (?:keys?|tokens?)"
    r"|cles? (?:secretes?|privees?|d'acces|ssh)|jetons?(?: d'acces)?|mots? de passe|mdp|identifiants?"
    r"|variables? d'environnement|fichier \.env|chaines? de connexion|codes? d'acces)"
)
# An environment variable that holds a secret ("OPENAI_API_KEY", "DB_PASSWORD").
SECRET_VARIABLE = r"\$?\{?[a-z0-9]+(?:_[a-z0-9]+)*_(?:api_key|key|secret|token|password|passwd|pwd)\b"
SECRET_WORDS = (
    "api key secret private access ssh license token pass cred login env connection database openai "
    "identifiant cle jeton mdp chaine code"
)
SYSTEM_OWNER = (
    r"(?:(?:system|systeme|app|application)(?!\s+(?:de|du|des)\b|\s*d')|assistant|admin\w*|administrat\w+"
    r"|server|serveur|backend|database|base de donnees|bdd|bot|chatbot|openai|azure|aws|production|prod"
    r"|root|plateforme|platform|instance|rag|gouvernail|api"
    r"|compte (?:admin\w*|root|administrat\w+|de service))"
)
OF = (
    r"(?:of|for|used by|from|to|du|de la|de l'|des|de|d'|utilisee?s? par|stockee?s? (?:dans|sur)|in|on|dans"
    r"|sur)"
)
DET = r"(?:(?:the|this|that|ce|cet|cette|ton|ta|votre|your|le|la|l')\W*)?"
# What follows "password" when the user asks about a policy, not for the secret itself.
NOT_A_POLICY = (
    r"(?!\W+(?:policy|policies|management|manager|rotation|politique|gestion|strategy|rules|regles"
    r"|requirements|hygiene|best practices|practices|complexity|complexite|length|longueur|reset"
    r"|renouvellement|format|expiration|strength|robustesse|vault|coffre|storage|stockage|lifecycle"
    r"|cycle de vie|template|checklist|form|formulaire|modele|budget|limit|limite|count|quota|usage|window"
    r"|consumption|consommation|cost|cout))"
)

# ---- role play ---------------------------------------------------------------------------------------
ACTIVATE_EN = r"(?:enable|activate|enter|switch to|turn on|go into|simulate|unlock)"
ACTIVATE_FR = (
    r"(?:active[rz]?|passe[rz]? en|entre[rz]? en|bascule[rz]? en|simule[rz]?|lance[rz]?|debloque[rz]?)"
)
# "developer mode of Copilot", "mode développeur dans VS Code": a tool's setting, not a jailbreak.
NOT_A_TOOL = r"(?!\W+(?:de|du|des|d'|sur|dans|of|in|on|for|pour)\b)"
NO_LIMITS_FR = (
    r"(?:limites?|limitations?|restrictions?|filtres?|censures?|regles?|garde-fous|contraintes?|tabous?)"
)
NO_LIMITS_EN = (
    r"(?:restrictions|limits|limitations|filters|censorship|rules|guidelines|guardrails|boundaries"
    r"|(?:content )?polic(?:y|ies)|ethics|morals)"
)
NO_LIMITS_WORDS = (
    "limit restriction filtre filter censure censorship regle rule guideline guardrail garde contrainte "
    "tabou boundar polic ethic moral"
)
