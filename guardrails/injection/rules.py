"""The injection rules: compiled regexes over normalized text (lower-case, no accents), French and English."""

from __future__ import annotations

import re
from dataclasses import dataclass

from guardrails.injection.vocabulary import (
    ACTIVATE_EN,
    ACTIVATE_FR,
    CONTENT_OF,
    DET,
    IGNORE_EN,
    IGNORE_EN_WORDS,
    IGNORE_FR,
    IGNORE_FR_WORDS,
    NO_LIMITS_EN,
    NO_LIMITS_FR,
    NO_LIMITS_WORDS,
    NOT_A_POLICY,
    NOT_A_TOOL,
    NOT_A_TOPIC,
    NOT_AN_EXAMPLE,
    OF,
    POSS_EN,
    POSS_FR,
    POSS_WORDS,
    PRIOR_EN,
    PRIOR_FR,
    PROMPT_EN,
    PROMPT_EN_WORDS,
    PROMPT_FR,
    PROMPT_FR_WORDS,
    REVEAL_EN,
    REVEAL_EN_WORDS,
    REVEAL_FR,
    REVEAL_FR_WORDS,
    RULES_EN,
    RULES_EN_WORDS,
    RULES_FR,
    RULES_FR_WORDS,
    SECRET,
    SECRET_VARIABLE,
    SECRET_WORDS,
    SHOW_ANY,
    SHOW_ANY_WORDS,
    SHOW_EN,
    SHOW_EN_WORDS,
    SHOW_FR,
    SHOW_FR_WORDS,
    SYSTEM_OWNER,
    YOU_EN,
    YOUR_THINGS_FR,
    gap,
)

FAMILIES = (
    "instruction_override",
    "prompt_exfiltration",
    "roleplay_jailbreak",
    "delimiter_injection",
    "secret_request",
)


@dataclass(frozen=True)
class Rule:
    """One pattern of one family, with the anchors it cannot match without."""

    name: str
    family: str
    pattern: re.Pattern[str]
    weight: float
    # Every group must occur: as a word starting with one of its prefixes, or (with punctuation) a substring.
    anchors: tuple[tuple[str, ...], ...] = ()
    damped: bool = False  # counts half inside an impersonal question ("faut-il ignorer…")
    local: bool = True  # matches a few words around its anchors: long texts are searched in windows


def _rule(
    name: str,
    family: str,
    pattern: str,
    weight: float,
    needs: tuple[str, ...],
    *,
    damped: bool = False,
    word_start: bool = True,
    local: bool = True,
) -> Rule:
    """A rule whose anchor groups are space-separated strings; word rules must start at a word boundary."""
    anchors = tuple(tuple(group.split()) for group in needs)
    regex = rf"\b(?:{pattern})" if word_start else pattern
    return Rule(name, family, re.compile(regex, re.MULTILINE), weight, anchors, damped, local)


_OVERRIDE = "instruction_override"
_EXFIL = "prompt_exfiltration"
_ROLEPLAY = "roleplay_jailbreak"
_DELIM = "delimiter_injection"
_SECRET = "secret_request"
_ABOVE_FR = r"(?:ce qui (?:precede|est (?:ecrit )?(?:au-dessus|ci-dessus|plus haut))|tout ce qui precede)"
_ABOVE_EN = r"(?:(?:everything|all|the text|the words|the lines) above|the above|everything before)"
_VERBATIM = r"(?:mot pour mot|textuellement|integralement|a l'identique|verbatim|word for word|exactly)"
# Up to a few words before a secret, none of which makes it a question about policy.
_NOT_POLICY_WORD = (
    r"(?:(?!politique|policy|policies|gestion|management|rotation|regles|rules|strategie|strategy|bonnes"
    r"|best|securisation|stockage|storage)\w+\W+)"
)
_IGNORE_NOW = r"(?:ignore|disregard|forget|skip|bypass|override|drop)"
_IGNORE_NOW_FR = (
    r"(?:ignore|ignorez|oublie|oubliez|neglige|negligez|outrepasse|outrepassez|contourne|contournez"
    r"|ne (?:tiens|tenez) (?:pas |plus )?compte d[e']|(?:fais|faites) abstraction d[e'])"
)
_CONTENT_TAG = (
    r"(?:context|contexte|instructions?|prompt|tool|documents?|user_?(?:input|query)?|query|question|data"
    r"|donnees|retrieved|source|input)"
)

RULES: tuple[Rule, ...] = (
    # ---- instruction_override ------------------------------------------------------------------------
    _rule(
        "ignore_previous_en",
        _OVERRIDE,
        rf"{IGNORE_EN}\b{gap(3)}{PRIOR_EN}\b{gap(3)}{RULES_EN}\b",
        0.85,
        (IGNORE_EN_WORDS, RULES_EN_WORDS),
        damped=True,
    ),
    _rule(
        "ignore_above_en",
        _OVERRIDE,
        rf"{IGNORE_EN}\W+(?:(?:all|of|the|everything|anything|what(?:'s| is| was)?|written|said|you|were"
        r"|have|been|told|i|we)\W+){0,4}(?:above|before|preceding|prior to this|so far|until now)\b",
        0.75,
        (IGNORE_EN_WORDS, "above before preceding prior far now"),
        damped=True,
    ),
    _rule(
        "ignore_your_rules_en",
        _OVERRIDE,
        rf"{IGNORE_EN}\W+(?:all\W+)?(?:of\W+)?{POSS_EN}\W+(?:\w+\W+)?{RULES_EN}\b",
        0.85,
        (IGNORE_EN_WORDS, "your thy", RULES_EN_WORDS),
    ),
    _rule(
        "ignore_previous_fr",
        _OVERRIDE,
        rf"{IGNORE_FR}\b{gap(4)}(?:{RULES_FR}\b{gap(2)}{PRIOR_FR}"
        rf"|(?:precedentes|anciennes|premieres|initiales|toutes) {RULES_FR})\b",
        0.85,
        (IGNORE_FR_WORDS, RULES_FR_WORDS),
        damped=True,
    ),
    _rule(
        "ignore_your_rules_fr",
        _OVERRIDE,
        rf"{IGNORE_FR}\W+(?:toutes\W+)?{POSS_FR}\W+(?:\w+\W+)?{RULES_FR}\b",
        0.85,
        (IGNORE_FR_WORDS, "ton ta tes votre vos", RULES_FR_WORDS),
    ),
    _rule(
        "ignore_what_precedes_fr",
        _OVERRIDE,
        rf"{IGNORE_FR}\W+(?:tout\W+)?(?:{_ABOVE_FR}|ce qu'on t'a dit|ce que (?:l'on|on) t'a dit"
        r"|ce que je t'ai (?:dit|demande|ecrit)|ce qui a ete dit|le texte (?:precedent|ci-dessus))",
        0.8,
        (IGNORE_FR_WORDS, "precede dessus haut dit demande ecrit texte"),
        damped=True,
    ),
    _rule(
        "drop_the_rules",
        _OVERRIDE,
        rf"(?:^|[.!?:;]\s+)\W*(?:{_IGNORE_NOW}|{_IGNORE_NOW_FR})\W+"
        r"(?:(?:the|all|la|les|toutes|tous|cette|this|our|notre)\W+){1,2}"
        r"(?:(?:charte|charter|governance|gouvernance|ethics?|ethique|ai policy|politique ia)\b"
        rf"|{RULES_EN}\s*(?:[.!,;]|$|\band\b)|{RULES_FR}\s*(?:[.!,;]|$|\bet\b))",
        0.75,
        (IGNORE_EN_WORDS + " " + IGNORE_FR_WORDS,),
        damped=True,
        word_start=False,
    ),
    _rule(
        "bypass_the_safety",
        _OVERRIDE,
        r"(?<!not )(?<!never )(?<!n't )(?<!to )(?:bypass|circumvent|disable|turn off|deactivate|override"
        r"|contourne|contournez|desactive|desactivez|outrepasse|outrepassez|passe outre)\W+"
        r"(?:(?:all|any|the|les|la|le|tous|toutes)\W+)+(?:\w+\W+)?(?:content filters?|safety|filters?"
        r"|guardrails?|moderation|safeguards|garde-fous|filtres?|protections?|restrictions?|securites?)\b"
        rf"{NOT_A_TOOL}",
        0.7,
        ("bypass circumvent disabl turn deactivat overrid contourn desactiv outrepass outre",),
        damped=True,
    ),
    _rule(
        "authority_claim",
        _OVERRIDE,
        r"(?:en tant qu'|as (?:an? |the |your )?)(?:administrateur|admin|developpeur|developer|createur"
        r"|creator|owner|proprietaire|superuser|system administrator)\b"
        r"|(?:i am|i'm|je suis) (?:ton |votre |your |the |le |l'|un |une |an? )?(?:administrateur|admin"
        r"|developpeur|developer|createur|creator|owner|programmeur|programmer)\b",
        0.45,
        ("admin develop createur creator owner proprietaire superuser programm",),
    ),
    _rule(
        "rules_changed",
        _OVERRIDE,
        r"(?:regles|rules|consignes|instructions) (?:ont change|have changed|ont ete (?:modifiees|changees"
        r"|mises a jour|levees|suspendues)|have been (?:updated|changed|modified|lifted|suspended)"
        r"|sont (?:levees|suspendues|abrogees)|are (?:suspended|lifted|no longer valid))",
        0.45,
        ("regle rule consigne instruction",),
    ),
    _rule(
        "permission_granted",
        _OVERRIDE,
        r"(?:tu peux|tu es autorise a|tu as le droit de|you can|you may|you are allowed to|you're allowed to)"
        r" (?:desormais |maintenant |now )?(?:tout (?:divulguer|reveler|dire|me dire)"
        r"|(?:say|reveal|disclose|tell me|share) (?:anything|everything))",
        0.6,
        ("tout anything everything",),
    ),
    _rule(
        "forget_everything",
        _OVERRIDE,
        r"(?:forget|oublie[zr]?) (?:everything|all|tout)\b"
        r" (?:you|that|above|before|ce|ca|que|qu'on|ton|tes)\b",
        0.65,
        ("forget oubli", "everything all tout"),
        damped=True,
    ),
    _rule(
        "new_instructions",
        _OVERRIDE,
        r"(?:new|updated|real) (?:instructions|rules|system prompt|directives)\s*:"
        r"|(?:your|here are your|these are your) new (?:instructions|rules|directives|task|role)\b"
        r"|nouvelles? (?:instructions|consignes|regles|directives)\s*:"
        r"|(?:voici|voila) (?:tes|vos) (?:nouvelles|vraies) (?:instructions|consignes|regles|directives)"
        rf"|{POSS_FR} (?:nouvelles|vraies) (?:instructions|consignes|regles|directives) (?:sont|:)",
        0.7,
        ("new updated real nouvel vraie", "instruction rule prompt directive task role consigne regle"),
    ),
    _rule(
        "from_now_on",
        _OVERRIDE,
        r"(?:from now on|from this (?:moment|point) (?:on|forward)|henceforth"
        rf"|for the rest of this conversation)\W*{YOU_EN}\b"
        r"|(?:a partir de maintenant|des (?:a )?present|desormais|dorenavant|a compter de maintenant)\W*"
        r"(?:tu|t'|vous (?:etes|serez|agirez|repondrez|allez|jouerez|ignorerez|n'etes|devez))\b",
        0.6,
        ("now moment point henceforth conversation maintenant present desormais dorenavant",),
    ),
    _rule(
        "no_longer",
        _OVERRIDE,
        r"(?:tu n'es|vous n'etes) plus (?:un|une|l'|le|la|soumise?|liee?|limitee?|contrainte?|tenue?"
        r"|obligee?|bridee?|restreinte?|censuree?|programmee?|filtree?)\b"
        r"|(?:you are|you're) no longer\b"
        r"|you are not (?:an? )?(?:ai|assistant|chatbot|language model) anymore"
        r"|(?:you are|you're) now (?:free|unrestricted|unfiltered|unbound|uncensored|liberated|jailbroken)\b",
        0.7,
        ("plus longer anymore now",),
    ),
    _rule(
        "bypass_your_safety",
        _OVERRIDE,
        rf"(?:bypass|circumvent|disable|turn off|deactivate|remove|override)\W+(?:all\W+)?{POSS_EN}\W+"
        r"(?:\w+\W+)?(?:filters?|safety|guardrails?|restrictions|rules|moderation|content policy"
        r"|safeguards|alignment)"
        rf"|(?:contourne|desactive|supprime|leve|enleve|retire)[rz]?\W+(?:tous\W+|toutes\W+)?{POSS_FR}\W+"
        r"(?:filtres?|garde-fous|restrictions?|protections?|regles|limites|securites?|moderation)",
        0.8,
        (
            "bypass circumvent disabl turn deactivat remov overrid "
            "contourn desactiv supprim leve enleve retire",
            POSS_WORDS,
        ),
    ),
    _rule(
        "addressed_to_ai",
        _OVERRIDE,
        r"(?:note|message|instructions?|consignes?) (?:aux|a l'|a|for|to) (?:the )?"
        r"(?:assistants? (?:ia|ai|d'ia|virtuels?|conversationnels?)|ia|ai|llms?|modeles? (?:d'ia|de langage)"
        r"|chatbots?|language models?|intelligences? artificielles?|ai assistants?|assistant)\b"
        r"|if you are an? (?:ai|llm|language model|assistant|chatbot)\b"
        r"|si (?:tu es|vous etes) (?:une ia|un assistant|un modele|un llm|un chatbot"
        r"|une intelligence artificielle)",
        0.45,
        ("ia ai llm model assistant chatbot intelligence",),
    ),
    # ---- prompt_exfiltration -------------------------------------------------------------------------
    _rule(
        "show_your_prompt_en",
        _EXFIL,
        rf"{REVEAL_EN}\W+(?:(?:me|us|all|of|exactly|verbatim)\W+){{0,3}}{CONTENT_OF}{POSS_EN}\W+"
        r"(?:\w+\W+){0,2}(?:prompt|instructions|rules|directives|configuration|config|guidelines|message"
        r"|context|programming|setup)\b",
        0.85,
        (REVEAL_EN_WORDS, "your thy"),
    ),
    _rule(
        "ask_your_prompt_en",
        _EXFIL,
        rf"{SHOW_EN}\W+(?:(?:me|us|all|of|exactly)\W+){{0,3}}{CONTENT_OF}{POSS_EN}\W+(?:\w+\W+){{0,2}}?"
        rf"(?:prompt|instructions|directives|message|rules|guidelines){NOT_A_TOPIC}",
        0.75,
        (SHOW_EN_WORDS, "your thy", "prompt instruction directive message rule guideline"),
    ),
    _rule(
        "show_system_prompt_en",
        _EXFIL,
        rf"{SHOW_EN}\W+(?:(?:me|us|all|of|exactly|verbatim)\W+){{0,3}}(?:the|this|that|my|its|their)\W+"
        r"(?:(?:full|complete|entire|exact|original|initial|hidden|current|whole|actual|real|raw)\W+){0,2}"
        rf"{PROMPT_EN}\b{NOT_AN_EXAMPLE}",
        0.75,
        (SHOW_EN_WORDS, PROMPT_EN_WORDS),
        damped=True,
    ),
    _rule(
        "hidden_prompt_en",
        _EXFIL,
        r"(?:what|which) (?:is|are|was|were) your (?:\w+ )?(?:hidden|secret|initial|original|system) "
        r"(?:prompt|instructions|rules|message)\b",
        0.75,
        ("what which", "hidden secret initial original system"),
    ),
    _rule(
        "show_your_prompt_fr",
        _EXFIL,
        rf"{REVEAL_FR}\W+(?:(?:moi|nous|mot pour mot|textuellement|integralement|exactement|tout|toutes)\W+)"
        rf"{{0,3}}{CONTENT_OF}(?:(?:ton|ta|tes)\W+(?:\w+\W+)?{YOUR_THINGS_FR}|(?:votre|vos)\W+(?:\w+\W+)?"
        rf"{YOUR_THINGS_FR}"
        r"(?!\W+(?:de|du|des|d'|pour|sur|concernant|en matiere|relatives?|applicables?)\b))",
        0.85,
        (REVEAL_FR_WORDS, "ton ta tes votre vos"),
    ),
    _rule(
        "ask_your_prompt_fr",
        _EXFIL,
        rf"{SHOW_FR}\W+(?:(?:moi|nous|tout|toutes)\W+){{0,2}}{CONTENT_OF}(?:ton|ta|tes)\W+(?:\w+\W+)?"
        r"(?:prompts?|instructions|consignes|directives|configuration|programmation|regles)"
        rf"{NOT_A_TOPIC}",
        0.75,
        (SHOW_FR_WORDS, "ton ta tes"),
    ),
    _rule(
        "show_system_prompt_fr",
        _EXFIL,
        rf"{SHOW_FR}\W+(?:(?:moi|nous|mot pour mot|textuellement|integralement|exactement|tout|toutes)\W+)"
        r"{0,3}(?:le|la|les|l'|son|sa|ses)\W*"
        r"(?:(?:contenu|texte|integralite) (?:du|de la|des|de son|de sa)\W+)?"
        rf"{PROMPT_FR}\b{NOT_AN_EXAMPLE}",
        0.75,
        (SHOW_FR_WORDS, PROMPT_FR_WORDS),
        damped=True,
    ),
    _rule(
        "your_system_prompt",
        _EXFIL,
        r"(?:ton|ta|tes|your) (?:propre |own )?(?:prompt systeme|system prompt|message systeme|system message"
        r"|prompt initial|initial prompt|pre-?prompt|hidden instructions|initial instructions|hidden prompt"
        r"|(?:instructions|consignes) (?:initiales|systeme|cachees|secretes))\b",
        0.6,
        ("ton ta tes your", "prompt preprompt message instruction consigne"),
    ),
    _rule(
        "text_before_this_message",
        _EXFIL,
        rf"(?:{SHOW_ANY}|traduis|translate|resume|summarize)\W+(?:\w+\W+){{0,5}}?(?:qui precede|au-dessus de"
        r"|avant|above|before|preceding|prior to) (?:ce|mon|this|my) (?:message|question|prompt)\b",
        0.7,
        ("precede dessus avant above before preceding prior", "message question prompt"),
    ),
    _rule(
        "verbatim_above",
        _EXFIL,
        rf"(?:{SHOW_ANY}|reecri\w*|traduis)\W+(?:\w+\W+){{0,4}}{_VERBATIM}\W+(?:\w+\W+){{0,3}}?"
        rf"(?:{_ABOVE_FR}|le texte (?:precedent|ci-dessus)|{_ABOVE_EN})"
        rf"|{SHOW_ANY}\W+(?:\w+\W+){{0,4}}(?:{_ABOVE_FR}|{_ABOVE_EN})\W+(?:\w+\W+){{0,3}}?{_VERBATIM}"
        r"|starting with (?:the (?:words?|phrase|sentence) )?\W*(?:you are|tu es)\b",
        0.85,
        ("mot textuellement integralement identique verbatim word exactly starting",),
    ),
    _rule(
        "repeat_above",
        _EXFIL,
        r"(?:repeat|print|output|recite|repete[rz]?|recite[rz]?|reproduis|recopie[rz]?)\W+(?:\w+\W+){0,3}?"
        r"(?:tout ce qui precede|everything (?:above|before)|all (?:the )?(?:text|words) above"
        r"|the words above)",
        0.6,
        ("repeat print output recit repet reproduis recopi", "precede above before"),
    ),
    _rule(
        "instructions_you_received",
        _EXFIL,
        r"(?:what|which) (?:instructions|rules|directives|prompt|guidelines) (?:were|have|did) you (?:been )?"
        r"(?:given|told|programmed|receive)"
        r"|what (?:were|have) you (?:been )?(?:told|instructed|asked|given) "
        r"(?:before|at the (?:start|beginning)|prior|initially|originally)"
        r"|(?:qu'est-ce qu'on t'a|que t'a-t-on) (?:dit|demande|donne) (?:avant|au debut|initialement)"
        r"|(?:instructions|consignes|directives|regles) (?:que|qu') ?(?:tu as|on t'a|l'on t'a) "
        r"(?:recue?s?|donnee?s?|fixee?s?|eue?s?)"
        r"|(?:instructions|consignes|directives|regles) t'ont ete (?:donnee?s?|fixee?s?|fournie?s?)"
        r"|(?:quelles|quels) (?:instructions|consignes|directives|regles) (?:as-tu|t'a-t-on)",
        0.75,
        (
            "instruction rule directive prompt guideline consigne regle "
            "told instructed asked dit demande donne",
        ),
    ),
    _rule(
        "what_is_written_above",
        _EXFIL,
        r"what (?:is|was) (?:written|said|stated) (?:above|before (?:this|my)|at the (?:beginning|start|top))"
        r"(?!\W+(?:in|on)\W)"
        r"|(?:qu'est-ce qui est|que dit ce qui est|qu'y a-t-il d') ?(?:ecrit )?(?:au-dessus|plus haut|avant) "
        r"(?:de ce message|de mon message|de ma question)",
        0.6,
        ("written said stated dessus haut avant",),
    ),
    # ---- roleplay_jailbreak --------------------------------------------------------------------------
    _rule(
        "dan",
        _ROLEPLAY,
        r"do anything now\b|fais (?:n'importe quoi|tout) maintenant\b"
        r"|(?:you are|you're|act as|acting as|pretend to be|be|become|tu es|vous etes|agis comme"
        r"|agissez comme|incarne[rz]?|deviens|devenez|joue[rz]?(?: le role de)?)\W+"
        r"(?:now\W+|maintenant\W+|desormais\W+)?(?:a |an |the |un |une |le |la )?dan\b"
        r"|dan (?:mode|prompt|jailbreak|\d+(?:\.\d+)?)\b|mode dan\b",
        0.95,
        ("dan anything maintenant",),
        damped=True,
    ),
    _rule(
        "new_persona",
        _ROLEPLAY,
        r"(?:you are now|you're now|tu es (?:maintenant|desormais)|from now on you are"
        r"|a partir de maintenant tu es) (?:an? |un |une )?[a-z]*(?:gpt|bot|ai|ia)\b",
        0.7,
        ("now maintenant desormais",),
    ),
    _rule(
        "developer_mode",
        _ROLEPLAY,
        rf"{ACTIVATE_EN}\W+(?:the\W+)?developer mode\b{NOT_A_TOOL}"
        rf"|{ACTIVATE_FR}\W+(?:le\W+)?mode (?:developpeur|developer|dev)\b{NOT_A_TOOL}"
        rf"|developer mode (?:enabled|activated|output|on(?=\s*(?:[.!,;:)\]]|$)))\b{NOT_A_TOOL}"
        rf"|mode (?:developpeur|developer) (?:active|actif|on(?=\s*(?:[.!,;:)\]]|$)))\b{NOT_A_TOOL}"
        r"|(?:you are|you're|tu es|vous etes) (?:now |maintenant |desormais )?(?:in|en) "
        r"(?:developer mode|mode (?:developpeur|developer|dev))\b"
        r"|(?:reponds|repondez|answer|respond|reply|agis|agissez|act|parle|write|ecris)\W+(?:\w+\W+){0,4}?"
        rf"(?:en|in) (?:mode developpeur|developer mode)\b{NOT_A_TOOL}",
        0.8,
        ("dev",),
        damped=True,
    ),
    _rule(
        "grandma_exploit",
        _ROLEPLAY,
        r"(?:grandmother|grandma|granny|grand-?mere|grand mere|mamie|memere)\b(?:\W+\w+){0,14}?\W+"
        r"(?:used to|would (?:always )?(?:read|tell|say|recite)|read me|told me|lisait|racontait|recitait"
        r"|me disait|me lire|m'endormir|pour dormir|bedtime|to sleep|fall asleep)\b"
        r"|(?:pretend|act as|act like|play|joue[rz]?|fais semblant d'etre|incarne[rz]?)\W+"
        r"(?:to be\W+|le role de\W+)?(?:my|ma) (?:\w+ )?(?:grandmother|grandma|granny|grand-?mere|mamie)",
        0.8,
        ("gran mamie memere",),
    ),
    _rule(
        "no_limits_fr",
        _ROLEPLAY,
        r"(?:une ia|un assistant|un modele|un chatbot|une intelligence artificielle|une version|un mode"
        r"|reponds|repondez|repondre|agis|agissez|parle|parlez|ecris|ecrivez|comporte-toi|comportez-vous"
        r"|sois|soyez|tu es|tu seras|tu n'as)\W+(?:\w+\W+){0,2}?"
        rf"sans (?:aucune?s? |plus de |la moindre |tes |tes propres |vos )?{NO_LIMITS_FR}\b",
        0.7,
        ("sans", NO_LIMITS_WORDS),
        damped=True,
    ),
    _rule(
        "no_limits_en",
        _ROLEPLAY,
        r"(?:unrestricted|unfiltered|uncensored|unlimited|unbound|unchained|jailbroken|amoral|unethical) "
        r"(?:ai|assistant|model|mode|chatbot|version|llm|gpt|chatgpt|persona|responses?|answers?)\b"
        r"(?! (?:use|usage|adoption|deployment|access|tools?)\b)"
        r"|(?:answer|respond|reply|act|behave|talk|speak|write|you are an ai|an ai|an assistant)\W+"
        rf"(?:\w+\W+){{0,2}}?without (?:any |your )?{NO_LIMITS_EN}\b",
        0.7,
        ("unrestrict unfilter uncensor unlimit unbound unchain jailbr amoral unethical without",),
        damped=True,
    ),
    _rule(
        "pretend_no_rules",
        _ROLEPLAY,
        r"(?:pretend|imagine|suppose|act as if|assume|behave as if)\W+(?:that\W+)?(?:you|u)\W+"
        rf"(?:have|had|has)\W+(?:no|zero)\W+(?:\w+\W+)?{NO_LIMITS_EN}\b"
        r"|(?:comme si|imagine que|imaginez que|suppose que|supposons que|fais semblant que) "
        r"(?:tu n'avais|tu n'as|vous n'aviez|vous n'avez|tu etais|tu es|vous etiez|vous etes) "
        r"(?:plus |aucune? |pas de |de |libres? de toute |liberee? de toute |liberee?s? de tes |sans )?"
        rf"(?:\w+ )?{NO_LIMITS_FR}"
        rf"|(?:tu n'as|vous n'avez) (?:plus )?(?:aucune?|pas de|plus de) {NO_LIMITS_FR}\b"
        r"|(?:tu es|vous etes|you are|you're) (?:desormais |maintenant |now )?"
        r"(?:libres?|liberee?s?|free|freed) (?:de toute|de tes|de vos|from all|from your|from any) "
        rf"(?:\w+ )?(?:{NO_LIMITS_FR}|{NO_LIMITS_EN})",
        0.8,
        (NO_LIMITS_WORDS,),
    ),
    _rule(
        "jailbreak_mode",
        _ROLEPLAY,
        r"(?:jailbreak|jailbroken) (?:mode|yourself|toi|this|the assistant|l'assistant|enabled|active)\b"
        r"|mode jailbreak\b|(?:you are|you're|tu es|vous etes) (?:now )?jailbroken\b"
        r"|(?:activate|enable|active|lance|start|begin|commence) (?:the |le |un |a )?jailbreak\b",
        0.8,
        ("jailbr",),
        damped=True,
    ),
    _rule("jailbreak_word", _ROLEPLAY, r"jailbreak\w*", 0.3, ("jailbr",)),
    _rule(
        "evil_persona",
        _ROLEPLAY,
        r"(?:act as|acting as|pretend to be|you are now|roleplay as|role-play as|play the role of"
        r"|joue[rz]? le role d(?:e|')|incarne[rz]?|fais semblant d'etre|tu es maintenant|tu es desormais)\W+"
        r"(?:an? |une? |le |la |l')?(?:evil|unethical|amoral|uncensored|unrestricted|malicious|rogue|immoral"
        r"|unfiltered|ia malveillante|ia malefique|ia sans|assistant sans|ia pirate|pirate informatique"
        r"|hacker|ai without|assistant without|chatbot without|ia non censuree|ia libre)\b"
        r"|(?:evil confidant|opposite mode|mode oppose|anti-?dan|stan mode|dude mode|aim mode)\b"
        r"|(?:sudo|god|root|admin|debug|maintenance|dieu) mode (?:enabled|activated|on|active)\b"
        r"|mode (?:sudo|dieu|god|root|admin|debug|maintenance) (?:active|actif|enabled|on)\b"
        rf"|(?:{ACTIVATE_EN}|{ACTIVATE_FR})\W+(?:the |le )?(?:sudo|god|dieu) mode\b",
        0.8,
        (
            "evil unethical amoral uncensor unrestrict malicious rogue immoral unfilter ia assistant pirate "
            "hacker ai chatbot opposite oppose dan stan dude aim sudo god root admin debug maintenance dieu",
        ),
    ),
    # ---- delimiter_injection -------------------------------------------------------------------------
    _rule(
        "chat_template_token",
        _DELIM,
        r"<\|\s*(?:im_start|im_end|system|user|assistant|endoftext|begin_of_text|start_header_id"
        r"|end_header_id|eot_id|end|start|im_sep)\s*\|>|\[/?(?:inst|sys|system|systeme|admin|developer)\]"
        r"|<</?sys>>"
        r"|<start_of_turn>|<end_of_turn>",
        0.9,
        ("<| [inst [/inst [sys [/sys [adm [/adm [dev [/dev <<sys <</sys _of_turn>",),
        damped=True,
        word_start=False,
    ),
    _rule(
        "fake_system_message",
        _DELIM,
        r"(?:message|note|notification|alerte|alert|notice|avis|instruction) (?:du systeme"
        r"|de l'administrateur|de l'admin|from (?:the )?(?:system|admin|administrator|developers?))\b"
        r"|(?:system|admin|systeme) (?:message|notice|override|alert|instruction)\s*:",
        0.45,
        ("message note notification alert notice avis instruction", "system admin"),
    ),
    _rule(
        "role_tag",
        _DELIM,
        r"</?\s*(?:system|sys|system_prompt|systeme|developer|admin)\s*>",
        0.8,
        ("<",),
        damped=True,
        word_start=False,
    ),
    # A closing tag never opened in the text breaks out of the caller's template; a pasted template that
    # opens its own tags ("<contexte>…</contexte>") is a prompt-engineering example, not an attack.
    _rule(
        "unopened_closing_tag",
        _DELIM,
        rf"\A(?:(?!<\s*{_CONTENT_TAG}\s*>)[\s\S])*?</\s*{_CONTENT_TAG}\s*>",
        0.6,
        ("</",),
        word_start=False,
        local=False,
    ),
    _rule(
        "markdown_role_header",
        _DELIM,
        r"^\s*#{1,6}\s*(?:system|systeme|new instructions|nouvelles instructions|admin|developer|assistant"
        r"|system prompt|instructions? (?:systeme|system|admin))\b",
        0.7,
        ("#",),
        word_start=False,
    ),
    _rule(
        "role_prefix_line",
        _DELIM,
        r"^\s*\W{0,3}(?:system|systeme|sys|developer|admin)\s*\W{0,3}:",
        0.65,
        ("sys developer admin", ":"),
        word_start=False,
    ),
    _rule(
        "json_role",
        _DELIM,
        r"[\"']role[\"']\s*:\s*[\"'](?:system|developer|assistant|tool)[\"']",
        0.85,
        ("role",),
        word_start=False,
    ),
    _rule(
        "end_of_document",
        _DELIM,
        r"(?:^|[\[\]=#*<>(){}|~-])[^\w\n]*(?:end of (?:the )?(?:document|context|text|input|user input"
        r"|file|data|conversation|prompt)|fin (?:du|de la) (?:document|contexte|texte|fichier|donnees"
        r"|conversation|prompt|saisie))(?:[^\w\n]*\n|\W*[\[\]=#*<>(){}|~.-])\W*(?:\w+\W+){0,8}?"
        r"(?:new instructions?|nouvelles? (?:instructions|consignes)|instructions?|consignes?|ignore\w*"
        r"|you (?:must|will|should|are)|tu (?:dois|vas|es)|vous devez|assistant|system|systeme|execute\w*"
        r"|reponds|respond|answer|output|print|reveal|affiche\w*|revele\w*)\b",
        0.75,
        ("end fin",),
        word_start=False,
    ),
    _rule(
        "boundary_marker",
        _DELIM,
        r"(?:^|[-=#*\[<(]{2,}\s*)(?:begin|start|end|debut|fin)\W+(?:of\W+|du\W+|des\W+)?"
        r"(?:system (?:prompt|message|instructions)|(?:new |nouvelles )?instructions"
        r"|admin (?:instructions|override)|prompt systeme|message systeme)\b",
        0.7,
        ("begin start end debut fin",),
        word_start=False,
    ),
    # ---- secret_request ------------------------------------------------------------------------------
    _rule(
        "ask_for_secret",
        _SECRET,
        # … the secret of the system / your secret / the admin password
        rf"{SHOW_ANY}\W+(?:{_NOT_POLICY_WORD}{{0,5}}?"
        rf"{SECRET}\W+(?:\w+\W+){{0,2}}?{OF}\b\W*{DET}{SYSTEM_OWNER}\b"
        rf"|(?:(?:me|us|moi|nous|all|of|tous|toutes)\W+){{0,3}}"
        rf"(?:{POSS_EN}|{POSS_FR}|the admin'?s?|the system'?s?|the root|l'admin)\W+(?:\w+\W+)?"
        rf"{SECRET}\b{NOT_A_POLICY}"
        r"|(?:\w+\W+){0,3}?(?:(?:admin|administrator|root|system|server|database|db|master|superuser)\W+"
        r"(?:password|credentials|api key|token|secret|login)s?"
        r"|(?:mot de passe|mdp|identifiants?|cle api|token) (?:admin\w*|root|maitre|superutilisateur"
        rf"|systeme))\b{NOT_A_POLICY})",
        0.85,
        (SHOW_ANY_WORDS, SECRET_WORDS),
        damped=True,
    ),
    _rule(
        "bare_secret_request",
        _SECRET,
        rf"{SHOW_ANY}\W+(?:(?:me|moi|nous|us|all|tous|toutes|the|le|la|les|l'|un|une|a|an)\W*){{0,3}}{SECRET}"
        r"\s*(?:[.!?,;]|$|\bet\b|\band\b|\bstp\b|\bplease\b|\bs'il)",
        0.7,
        (SHOW_ANY_WORDS, SECRET_WORDS),
        damped=True,
    ),
    _rule(
        "secret_on_system",
        _SECRET,
        rf"{SECRET}\W+(?:\w+\W+)?(?:sont|est|are|is)\W+(?:\w+\W+)?(?:configure|stocke|utilise|enregistre"
        r"|defini|configured|stored|used|saved|set|defined)\w*\W+(?:on|in|sur|dans|pour|by|par)\W+"
        rf"{DET}{SYSTEM_OWNER}\b",
        0.7,
        (SECRET_WORDS, "configur stock utilis enregistr defini stored used saved set defined"),
        damped=True,
    ),
    _rule(
        "secret_you_use",
        _SECRET,
        rf"{SECRET}\W+(?:\w+\W+)?(?:that |which )?(?:you (?:use|were given|are using|can see"
        r"|have access to)|(?:que|qui) (?:tu utilises|vous utilisez|tu possedes|t'ont ete|t'a ete"
        r"|sont dans ton|est dans ton)|dans (?:ton|ta|tes|votre|vos) (?:environnement|contexte|prompt"
        r"|config\w*|code|memoire|instructions)|(?:stored |saved |kept |set )?in your (?:environment|env"
        r"|context|memory|config\w*|prompt|system prompt|instructions))",
        0.7,
        (SECRET_WORDS, "you your tu vous dans"),
    ),
    _rule(
        "dump_environment",
        _SECRET,
        r"(?:print|dump|list|show|display|output|echo|cat|reveal|give me|affiche[rz]?|liste[rz]?"
        r"|montre[rz]?|donne[rz]?(?:-moi)?|ecris|imprime[rz]?|revele[rz]?)\W+"
        r"(?:(?:all|the|your|of|toutes|tes|les|vos|moi|me|contenu|content|du|de|le|la|l')\W*){0,4}"
        r"(?:environment variables|env vars|env variables|variables d'environnement|os\.environ"
        r"|process\.env|\.env(?: file)?|fichier \.env)\b"
        r"(?!\W+(?:necessaires|requises|a definir|needed|required|to set|pour (?:le|un|ce) projet))"
        r"|(?:cat|type|more|less|head)\s+\S*\.env\b|echo\s+\$\{?[a-z_]*(?:key|secret|token|password|pwd)"
        rf"|{SHOW_ANY}\W+(?:(?:me|moi|nous|us|la|le|l'|the|valeur|value|contenu|content|contents|de|du|d'|of)\W*)"
        rf"{{0,5}}{SECRET_VARIABLE}",
        0.8,
        ("env echo key token secret password pwd passwd",),
    ),
)
