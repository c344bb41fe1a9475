"""Role-play jailbreaks: DAN-style personas, "developer mode", an AI "without limits" that never refuses."""

from __future__ import annotations

from guardrails.injection.rule import ROLEPLAY_JAILBREAK, Rule, make_rule
from guardrails.injection.vocabulary import (
    ACTIVATE_EN,
    ACTIVATE_FR,
    NO_LIMITS_EN,
    NO_LIMITS_FR,
    NO_LIMITS_WORDS,
    NOT_A_TOOL,
)

# "aucune limite de longueur", "no limits on length": a constraint on the answer's form, not on its content.
_NOT_A_FORMAT = (
    r"(?!\W+(?:de|d'|on|of|for|in|sur|en|pour)\W+(?:\w+\W+)?(?:longueur|length|taille|size|mots|words"
    r"|caracteres|characters|temps|time|format|style|pages?|tokens|budget)\b)"
)

# Becoming someone: "tu es", "joue le rôle de", "answer as"…
_BECOME = (
    r"(?:tu es|tu etais|tu seras|tu deviens|deviens|devenez|vous etes|vous etiez|sois|soyez|incarne[rz]?"
    r"|joue[rz]? (?:le role|a etre) d\w*|fais semblant d'etre|transforme-toi en|agis comme|agissez comme"
    r"|comporte-toi comme|you are|you're|you were|become|act as|acting as|pretend to be|pretend you are"
    r"|play the role of|roleplay as|role-play as|turn into|(?:reponds|repondez|ecris|ecrivez|parle|parlez"
    r"|answer|respond|reply|write|talk|speak) (?:comme|en tant que|like|as))"
)
# …someone without the assistant's limits.
_UNBRIDLED = (
    r"(?:debride\w*|non bridee?|non censuree?|sans censure|sans (?:aucun )?filtre|rebelle|malveillante?"
    r"|malefique|liberee? de (?:tout|toute|ses|tes|vos)|affranchie?|unfiltered|uncensored|unrestricted"
    r"|unbound|unleashed|unshackled|unchained|jailbroken|rogue|rebel|evil)"
)
# A world, or a persona, where the rules are gone: "where all ethics guidelines have been abolished".
_RULE_LIKE = (
    rf"(?:{NO_LIMITS_EN}|{NO_LIMITS_FR}|charte|charter|ethique|ethics|ethical|morale?|morals|laws?|lois?"
    r"|censure|moderation)"
)
_GONE = (
    r"(?:n'existe\w* (?:pas|plus)|n'(?:a|ont) (?:pas|plus|jamais) (?:cours|existe)"
    r"|(?:don't|do not|doesn't|does not|no longer) (?:exist|apply)"
    r"|(?:have|has|had|were|was) (?:been )?(?:abolished|removed|lifted|banned|repealed|eliminated|erased"
    r"|disabled)|(?:ont|a|sont|est) (?:ete )?(?:abolie?s?|supprimee?s?|levee?s?|effacee?s?|disparue?s?)"
    r"|abolie?s?|abolished)\b"
)
# Uncensored answers: "two answers, one normal and one without filters".
_UNCENSORED = (
    rf"(?:sans (?:aucune? |la moindre )?{NO_LIMITS_FR}|non (?:censuree|filtree|bridee)|debridee"
    rf"|without (?:any )?{NO_LIMITS_EN}|unfiltered|uncensored|unrestricted|jailbroken|(?:as|en tant que) dan)"
)
# A villain in role-play, asked for a how-to: "un admin corrompu qui explique étape par étape…"
_CROOKED = (
    r"(?:corrompue?s?|vereux|vereuse|sans scrupules?|malhonnetes?|crapuleu\w+|corrupt|crooked|dishonest"
    r"|unscrupulous|criminal|criminel\w*)"
)
_HOW_TO = (
    r"(?:comment|how to|etape par etape|step by step|step-by-step|exfiltr\w*|pirat\w*|hack\w*|steal"
    r"|vole[rz]?|contourne[rz]?|bypass)"
)
_TWIN = r"(?:version|copie|jumeau|jumelle|double|twin|copy|side)"

ROLEPLAY_RULES: tuple[Rule, ...] = (
    make_rule(
        "dan",
        ROLEPLAY_JAILBREAK,
        r"do anything now\b|fais (?:n'importe quoi|tout) maintenant\b"
        r"|(?:you are|you're|act as|acting as|pretend to be|be|become|tu es|vous etes|agis comme"
        r"|agissez comme|incarne[rz]?|deviens|devenez|joue[rz]?(?: le role de)?)\W+"
        r"(?:now\W+|maintenant\W+|desormais\W+)?(?:a |an |the |un |une |le |la )?"
        r"(?:dan|stan|dude|aim|mongo tom|better-?dan|anti-?dan)\b"
        r"|dan (?:mode|prompt|jailbreak|\d+(?:\.\d+)?)\b|mode dan\b"
        r"|strive to avoid norms|always intelligent and machiavellian",
        0.95,
        ("dan anything maintenant stan dude aim mongo better anti strive always",),
        damped=True,
    ),
    make_rule(
        "new_persona",
        ROLEPLAY_JAILBREAK,
        r"(?:you are now|you're now|tu es (?:maintenant|desormais)|from now on you are"
        r"|a partir de maintenant tu es) (?:an? |un |une )?[a-z]*(?:gpt|bot|ai|ia)\b",
        0.7,
        ("now maintenant desormais",),
    ),
    make_rule(
        "developer_mode",
        ROLEPLAY_JAILBREAK,
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
    make_rule(
        "grandma_exploit",
        ROLEPLAY_JAILBREAK,
        r"(?:grandmother|grandma|granny|grand-?mere|grand mere|mamie|memere|grandfather|grandpa|grand-?pere"
        r"|papi|papy)\b(?:\W+\w+){0,14}?\W+"
        r"(?:used to|would (?:always )?(?:read|tell|say|recite)|read me|told me|lisait|racontait|recitait"
        r"|me disait|me lire|m'endormir|pour dormir|bedtime|to sleep|fall asleep)\b"
        r"|(?:pretend|act as|act like|play|joue[rz]?|fais semblant d'etre|incarne[rz]?"
        r"|(?:tu es|you are|you're)(?: maintenant| desormais| now)?)\W+"
        r"(?:to be\W+|le role de\W+)?(?:my|ma|mon) (?:\w+ )?(?:grandmother|grandma|granny|grand-?mere|mamie"
        r"|grandfather|grandpa|grand-?pere|papi|papy|oncle|tonton|uncle|tante|tata|aunt|auntie)\b",
        0.8,
        ("gran mamie memere papi papy oncle tonton uncle tante tata aunt",),
    ),
    make_rule(
        "no_limits_fr",
        ROLEPLAY_JAILBREAK,
        r"(?:une ia|un assistant|un modele|un chatbot|une intelligence artificielle|une version|un mode"
        r"|reponds|repondez|repondre|agis|agissez|parle|parlez|ecris|ecrivez|comporte-toi|comportez-vous"
        r"|sois|soyez|tu es|tu seras|tu n'as)\W+(?:\w+\W+){0,2}?"
        rf"sans (?:aucune?s? |plus de |la moindre |tes |tes propres |vos )?{NO_LIMITS_FR}\b",
        0.7,
        ("sans", NO_LIMITS_WORDS),
        damped=True,
    ),
    make_rule(
        "no_limits_en",
        ROLEPLAY_JAILBREAK,
        r"(?:unrestricted|unfiltered|uncensored|unlimited|unbound|unchained|jailbroken|amoral|unethical) "
        r"(?:ai|assistant|model|mode|chatbot|version|llm|gpt|chatgpt|persona|responses?|answers?)\b"
        r"(?! (?:use|usage|adoption|deployment|access|tools?)\b)"
        r"|(?:answer|respond|reply|act|behave|talk|speak|write|you are an ai|an ai|an assistant)\W+"
        rf"(?:\w+\W+){{0,2}}?without (?:any |your )?{NO_LIMITS_EN}\b",
        0.7,
        ("unrestrict unfilter uncensor unlimit unbound unchain jailbr amoral unethical without",),
        damped=True,
    ),
    make_rule(
        "pretend_no_rules",
        ROLEPLAY_JAILBREAK,
        r"(?:pretend|imagine|suppose|act as if|assume|behave as if)\W+(?:that\W+)?(?:you|u)\W+"
        rf"(?:have|had|has)\W+(?:no|zero)\W+(?:\w+\W+)?{NO_LIMITS_EN}\b"
        r"|(?:comme si|imagine que|imaginez que|suppose que|supposons que|fais semblant que) "
        r"(?:tu n'avais|tu n'as|vous n'aviez|vous n'avez|tu etais|tu es|vous etiez|vous etes) "
        r"(?:plus |aucune? |pas de |de |libres? de toute |liberee? de toute |liberee?s? de tes |sans )?"
        rf"(?:\w+ )?{NO_LIMITS_FR}"
        rf"|(?:tu n'as|vous n'avez) (?:plus )?(?:aucune?|pas de|plus de) {NO_LIMITS_FR}\b{_NOT_A_FORMAT}"
        rf"|(?:you|u) (?:now |no longer |don't |do not )?(?:have|has|need) (?:no|zero|any) (?:\w+ )?"
        rf"{NO_LIMITS_EN}\b{_NOT_A_FORMAT}"
        r"|(?:you are|you're|tu es|vous etes) (?:now |maintenant |desormais )?(?:an? |une? )?"
        r"(?:ai|ia|assistant|chatbot|model|modele|bot|llm)\W+(?:\w+\W+)?"
        r"(?:with (?:no|zero)|without any|sans aucune?|sans)\W+"
        rf"(?:\w+\W+)?(?:{NO_LIMITS_EN}|{NO_LIMITS_FR})\b"
        r"|(?:tu es|vous etes|you are|you're) (?:desormais |maintenant |now )?"
        r"(?:libres?|liberee?s?|free|freed) (?:de toute|de tes|de vos|from all|from your|from any) "
        rf"(?:\w+ )?(?:{NO_LIMITS_FR}|{NO_LIMITS_EN})",
        0.8,
        (NO_LIMITS_WORDS,),
    ),
    make_rule(
        "jailbreak_mode",
        ROLEPLAY_JAILBREAK,
        r"(?:jailbreak|jailbroken) (?:mode|yourself|toi|this|the assistant|l'assistant|enabled|active)\b"
        r"|mode jailbreak\b|(?:you are|you're|tu es|vous etes) (?:now )?jailbroken\b"
        r"|(?:activate|enable|active|lance|start|begin|commence) (?:the |le |un |a )?jailbreak\b",
        0.8,
        ("jailbr",),
        damped=True,
    ),
    make_rule("jailbreak_word", ROLEPLAY_JAILBREAK, r"jailbreak\w*", 0.3, ("jailbr",)),
    make_rule(
        "evil_persona",
        ROLEPLAY_JAILBREAK,
        r"(?:act as|acting as|pretend to be|you are now|roleplay as|role-play as|play the role of"
        r"|joue[rz]? le role d(?:e|')|incarne[rz]?|fais semblant d'etre|tu es maintenant|tu es desormais)\W+"
        r"(?:an? |une? |le |la |l')?(?:evil|unethical|amoral|uncensored|unrestricted|malicious|rogue|immoral"
        r"|unfiltered|ia malveillante|ia malefique|ia sans|assistant sans|ia pirate|pirate informatique"
        r"|hacker|ai without|assistant without|chatbot without|ia non censuree|ia libre)\b"
        r"|(?:tu es|vous etes|you are|you're|tu joues|you play)\W+(?:an? |une? )(?:[\w-]+ )?(?:hacker|pirate"
        r"|cybercriminel|criminel|escroc|fraudeur|arnaqueur|black[ -]?hat|criminal|scammer|fraudster|cracker"
        r"|con artist|swindler|thief|voleur|faussaire|forger|dealer|terroriste|terrorist)s?\b"
        r"|(?:evil confidant|opposite mode|mode oppose|anti-?dan|stan mode|dude mode|aim mode)\b"
        r"|(?:sudo|god|root|admin|debug|maintenance|dieu) mode (?:enabled|activated|on|active)\b"
        r"|mode (?:sudo|dieu|god|root|admin|debug|maintenance) (?:active|actif|enabled|on)\b"
        rf"|(?:{ACTIVATE_EN}|{ACTIVATE_FR})\W+(?:the |le )?(?:sudo|god|dieu) mode\b",
        0.8,
        (
            "evil unethical amoral uncensor unrestrict malicious rogue immoral unfilter ia assistant pirate "
            "hacker ai chatbot opposite oppose dan stan dude aim sudo god root admin debug maintenance dieu "
            "cybercrimin crimin escroc fraud arnaqueur black scammer cracker con swindler thief voleur "
            "faussaire forger dealer terroris",
        ),
    ),
    make_rule(
        "unbridled_persona",
        ROLEPLAY_JAILBREAK,
        # "si tu étais une IA totalement débridée", "joue le rôle d'une IA rebelle", "your unfiltered twin"
        rf"{_BECOME}\W+(?:\w+\W+){{0,5}}?{_UNBRIDLED}\b"
        rf"|{_TWIN} (?:\w+ )?{_UNBRIDLED} (?:de toi|of you)"
        rf"|(?:ta|votre|your) {_TWIN} {_UNBRIDLED}\b"
        rf"|(?:your|thy) (?:evil|unfiltered|uncensored|unrestricted|jailbroken|dark|rogue) (?:{_TWIN}|self"
        r"|alter ego)\b",
        0.75,
        (
            "debrid bride censur filtre rebel malveil malefi libere affranchi unfilter uncensor unrestrict "
            "unbound unleash unshackl unchain jailbr rogue evil",
        ),
        damped=True,
    ),
    make_rule(
        "stay_in_character",
        ROLEPLAY_JAILBREAK,
        r"(?:(?:reste[rz]?|demeure[rz]?) dans (?:le|ton|ce|votre|mon) personnage"
        r"|ne (?:sors|sortez) (?:jamais |pas )?(?:du|de ton|de votre) personnage"
        r"|(?:stay|remain|keep|staying) in character|(?:never|don't|do not) (?:break|drop) character)"
        r"\W+(?:\w+\W+){0,4}?(?:quoi qu'il arrive|meme si|en toutes circonstances|peu importe|coute que coute"
        r"|no matter (?:what|how)|even if|whatever|at all costs|under any circumstances)",
        0.75,
        ("personnage character", "quoi meme circonstances importe coute matter even whatever costs any"),
    ),
    make_rule(
        "never_refuses",
        ROLEPLAY_JAILBREAK,
        # a persona that never says no: "ne refuse jamais rien", "never says it can't"
        r"ne (?:refuse|refuses|refusez|refusera|refuseras) jamais (?:rien|aucune?)\b"
        r"|ne (?:dit|dis|dira|diras) jamais (?:non|que (?:tu|il|elle|vous) ne (?:peux|peut|pouvez|sais|sait"
        r"|savez))"
        r"|(?:you|u|it|he|she|who|which|that) (?:\w+ )?(?:(?:must|should|will|shall|may|can) )?never "
        r"(?:refuses?|declines?|says? no|says? (?:that )?(?:you|it|he|she|they|i) (?:can't|cannot|can not"
        r"|won't|are unable|is unable)|says? (?:that )?(?:something|anything) is (?:impossible|forbidden"
        r"|not allowed))\b"
        r"|(?:can't|cannot|must not|may not|are not allowed to|is not allowed to) refuse (?:any|anything)\b"
        r"|ne (?:peux|peut|pouvez|dois|doit|devez) (?:pas|jamais|rien) (?:rien )?refuser\b(?! d)"
        r"|n'as? pas le droit de refuser\b(?! d)",
        0.6,
        ("refus jamais never refuse declin cannot",),
        damped=True,
    ),
    make_rule(
        "no_policy_persona",
        ROLEPLAY_JAILBREAK,
        # "un personnage qui n'a jamais entendu parler de politique", "tout ce qu'on lui a interdit de dire"
        r"(?:n'a|n'as|n'avez) jamais entendu parler (?:de|des|d')\W*(?:\w+\W+)?(?:politiques?|regles|limites"
        r"|restrictions|censure|ethique|filtres?|garde-fous|moderation|charte)"
        r"|(?:has|have) never heard of (?:\w+\W+)?(?:content polic|rules|limits|restrictions|censorship"
        r"|ethics|filters|guardrails|moderation)"
        r"|tout ce (?:qu'on|que l'on) (?:t'|lui |vous )(?:a|avait|avaient) interdit (?:de|d')"
        r"|(?:everything|anything|all the things) (?:you(?:'re| are| were)|it(?:'s| is| was)) (?:not allowed"
        r"|forbidden|prohibited|told not) to (?:say|tell|share|reveal|do)"
        r"|(?:te|vous|you) (?:demande|demanderai|demandais|ask|asked)\w* (?:des |de |for )?(?:choses|trucs"
        r"|contenus|sujets|things|stuff|content|topics) (?:interdit|forbidden|prohib|illegal|illicit)",
        0.65,
        ("entendu heard interdit forbidden prohib illegal illicit allowed told",),
    ),
    make_rule(
        "world_without_rules",
        ROLEPLAY_JAILBREAK,
        # "imagine que tu viens d'un monde où la morale n'existe plus", "pretend you live where laws were
        # abolished"
        r"(?:imagine[sz]?|imaginons|pretend|suppose[sz]?|supposons|picture|fais semblant|faisons comme si"
        r"|act as if|let's say)\W+(?:que\W+|qu'|that\W+)?(?:you|tu|vous|u)\b(?:\W+\w+){0,12}?\W+"
        rf"(?:where|in which|ou|dans lequel|dans laquelle)\W+(?:\w+\W+){{0,3}}?{_RULE_LIKE}\W+"
        rf"(?:\w+\W+){{0,3}}?{_GONE}",
        0.75,
        ("imagin pretend suppos picture semblant comme act let", "where which ou lequel laquelle"),
    ),
    make_rule(
        "uncensored_second_answer",
        ROLEPLAY_JAILBREAK,
        r"(?:deux|2|two|double|both) (?:reponses|answers|responses|versions|outputs|replies)\W+"
        rf"(?:\w+\W+){{0,8}}?{_UNCENSORED}\b",
        0.75,
        ("deux two double both", "reponse answer response version output repl"),
    ),
    make_rule(
        "crooked_persona_how_to",
        ROLEPLAY_JAILBREAK,
        r"(?:incarne[rz]?|joue[rz]? le role d(?:e|')|fais semblant d'etre|play the role of|roleplay as"
        r"|role-play as|pretend to be|act as|impersonate|personnifie[rz]?)\W+(?:\w+\W+){0,4}?"
        rf"{_CROOKED}\b(?:\W+\w+){{0,15}}?\W+{_HOW_TO}\b",
        0.7,
        ("incarn joue semblant play roleplay role pretend act imperson personnifi",),
        damped=True,
    ),
)
