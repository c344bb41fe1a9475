"""Instruction override: "ignore the previous instructions", "your rules no longer apply", "from now on…"."""

from __future__ import annotations

from guardrails.injection.rule import INSTRUCTION_OVERRIDE, Rule, make_rule
from guardrails.injection.vocabulary import (
    ABOVE_FR,
    IGNORE_EN,
    IGNORE_EN_WORDS,
    IGNORE_FR,
    IGNORE_FR_WORDS,
    NOT_A_TOOL,
    POSS_EN,
    POSS_FR,
    POSS_WORDS,
    PRIOR_EN,
    PRIOR_FR,
    RULES_EN,
    RULES_EN_WORDS,
    RULES_FR,
    RULES_FR_WORDS,
    YOU_EN,
    gap,
)

# The user's own earlier words ("ignore my previous message, I meant…") are theirs to withdraw.
_NOT_MINE = r"(?!\W+(?:my|our|ma|mon|mes|notre|nos)\b)"
_IGNORE_NOW = (
    r"(?:ignore|disregard|forget|skip|bypass|override|drop"
    r"|(?:stop|quit|cease) (?:following|obeying|applying))"
)
# What makes rules void: "obsolètes", "ne comptent plus", "no longer apply", "are cancelled"…
_VOID = (
    r"(?:perimee?s?|obsoletes?|caduques?|depassee?s?|nulles?|invalides?|annulee?s?|abrogee?s?"
    r"|suspendue?s?|levee?s?|desactivee?s?|outdated|obsolete|void|invalid|expired|revoked|cancell?ed"
    r"|suspended|lifted|disabled|deprecated|no longer (?:apply|applies|valid|relevant|matter|count|in effect"
    r"|in force|exist)|ne (?:compte|s'appliqu|val|vau|tien|sont|est|exist)\w* plus"
    r"|n'(?:a|ont|existe|existent|importe|importent) plus|don't (?:apply|matter|count) anymore"
    r"|do not apply)\b"
)
# "les consignes précédentes", "the previous instructions": the rules that came before the text.
_EARLIER_FR = r"(?:precedentes?|anterieures?|ci-dessus)"
_EARLIER_EN = r"(?:previous|prior|above|earlier|preceding)"
_EARLIER_WORDS = "precedent anterieur dessus previous prior above earlier preceding"
# The assistant's rules as the subject of a sentence: "tes consignes", "les règles qu'on t'a imposées"…
_RULES_GIVEN_TO_YOU = (
    rf"(?:{POSS_FR}\W+(?:\w+\W+)?{RULES_FR}"
    rf"|{RULES_FR}\W+(?:qu'on t'a|que l'on t'a|que tu as|qui t'ont ete|qui te sont)\W+\w+"
    rf"|{RULES_FR}\W+(?:de|du|d')\W*{POSS_FR}\W+\w+"
    r"|tout ce (?:qu'on|que l'on|que je) t'ai? (?:dit|ecrit|demande|donne|fixe)"
    rf"|{POSS_EN}\W+(?:\w+\W+)?{RULES_EN}"
    rf"|{RULES_EN}\W+(?:that\W+)?you(?:'ve| have| were)?\W+(?:been\W+)?\w+"
    rf"|{RULES_EN}\W+(?:of|from)\W+{POSS_EN}\W+\w+"
    r"|everything (?:you were|you've been|you have been|i) (?:told|said|gave|given|wrote)"
    rf"|(?:les|the|all)\W+(?:{RULES_FR}\W+{_EARLIER_FR}|{_EARLIER_EN}\W+{RULES_EN}))"
)
_VOID_WORDS = (
    "perime obsolet caduque depasse null invalid annul abroge suspend leve desactive outdated void "
    "expired revoked cancel lifted disabled deprecated longer plus anymore apply"
)
_IGNORE_NOW_FR = (
    r"(?:ignore|ignorez|oublie|oubliez|neglige|negligez|outrepasse|outrepassez|contourne|contournez"
    r"|ne (?:tiens|tenez) (?:pas |plus )?compte d[e']|(?:fais|faites) abstraction d[e'])"
)

OVERRIDE_RULES: tuple[Rule, ...] = (
    make_rule(
        "ignore_previous_en",
        INSTRUCTION_OVERRIDE,
        rf"{IGNORE_EN}\b{_NOT_MINE}{gap(3)}{PRIOR_EN}\b{gap(3)}{RULES_EN}\b",
        0.85,
        (IGNORE_EN_WORDS, RULES_EN_WORDS),
        damped=True,
    ),
    make_rule(
        "ignore_above_en",
        INSTRUCTION_OVERRIDE,
        rf"{IGNORE_EN}\W+(?:(?:all|of|the|everything|anything|what(?:'s| is| was)?|written|said|you|were"
        r"|have|been|told|i|we|that|which|was|configured|set|given|defined|programmed|instructed)\W+){0,4}"
        r"(?:above|before|preceding|prior to this|so far|until now|earlier|previously)\b"
        # "ignore the above draft" refers to a text of the user's, "ignore the above and…" to the prompt
        r"(?!\s+(?!(?:and|or|this|these|that|in|then|now|from|to|instructions?|rules|text|messages?|lines?"
        r"|prompts?|context|please)\b)[a-z])",
        0.75,
        (IGNORE_EN_WORDS, "above before preceding prior far now earlier previously"),
        damped=True,
    ),
    make_rule(
        "ignore_your_rules_en",
        INSTRUCTION_OVERRIDE,
        rf"{IGNORE_EN}\W+(?:all\W+)?(?:of\W+)?{POSS_EN}\W+(?:\w+\W+)?{RULES_EN}\b",
        0.85,
        (IGNORE_EN_WORDS, "your thy", RULES_EN_WORDS),
    ),
    make_rule(
        "ignore_previous_fr",
        INSTRUCTION_OVERRIDE,
        rf"{IGNORE_FR}\b{_NOT_MINE}{gap(4)}(?:{RULES_FR}\b{gap(2)}{PRIOR_FR}"
        rf"|(?:precedentes|anciennes|premieres|initiales|toutes) {RULES_FR})\b",
        0.85,
        (IGNORE_FR_WORDS, RULES_FR_WORDS),
        damped=True,
    ),
    make_rule(
        "ignore_your_rules_fr",
        INSTRUCTION_OVERRIDE,
        rf"{IGNORE_FR}\W+(?:toutes\W+)?{POSS_FR}\W+(?:\w+\W+)?{RULES_FR}\b",
        0.85,
        (IGNORE_FR_WORDS, "ton ta tes votre vos", RULES_FR_WORDS),
    ),
    make_rule(
        "ignore_what_precedes_fr",
        INSTRUCTION_OVERRIDE,
        rf"{IGNORE_FR}\W+(?:tout\W+)?(?:{ABOVE_FR}|ce qu'on t'a dit|ce que (?:l'on|on) t'a dit"
        r"|ce que je t'ai (?:dit|demande|ecrit)|ce qui a ete dit|le texte (?:precedent|ci-dessus)"
        r"|ce qui (?:a|t'a) ete (?:\w+ )?(?:dit|ecrit|configure|defini|programme|fixe|donne|parametre)e?s?"
        r" (?:avant|auparavant|precedemment|jusqu'ici|jusqu'a present|plus haut|au debut))",
        0.8,
        (
            IGNORE_FR_WORDS,
            "precede dessus haut dit demande ecrit texte avant auparavant precedemment jusqu debut",
        ),
        damped=True,
    ),
    make_rule(
        "drop_the_rules",
        INSTRUCTION_OVERRIDE,
        rf"(?:^|[.!?:;]\s+)\W*(?:{_IGNORE_NOW}|{_IGNORE_NOW_FR})\W+"
        r"(?:(?:the|all|la|les|toutes|tous|cette|this|our|notre)\W+){1,2}"
        r"(?:(?:charte|charter|governance|gouvernance|ethics?|ethique|ai policy|politique ia)\b"
        rf"|{RULES_EN}\s*(?:[.!,;]|$|\band\b)|{RULES_FR}\s*(?:[.!,;]|$|\bet\b))",
        0.75,
        (IGNORE_EN_WORDS + " " + IGNORE_FR_WORDS,),
        damped=True,
        word_start=False,
    ),
    make_rule(
        "bypass_the_safety",
        INSTRUCTION_OVERRIDE,
        r"(?<!not )(?<!never )(?<!n't )(?<!to )(?:bypass|circumvent|disable|turn off|deactivate|override"
        r"|contourne|contournez|desactive|desactivez|outrepasse|outrepassez|passe outre)\W+"
        r"(?:(?:all|any|the|les|la|le|tous|toutes)\W+)*(?:\w+\W+)?(?:content filters?|safety|filters?"
        r"|guardrails?|moderation|safeguards|garde-fous|filtres?|protections?|restrictions?|securites?)\b"
        rf"{NOT_A_TOOL}",
        0.7,
        ("bypass circumvent disabl turn deactivat overrid contourn desactiv outrepass outre",),
        damped=True,
    ),
    make_rule(
        "authority_claim",
        INSTRUCTION_OVERRIDE,
        r"(?:en tant qu'|as (?:an? |the |your )?)(?:administrateur|admin|developpeur|developer|createur"
        r"|creator|owner|proprietaire|superuser|system administrator)\b"
        r"|(?:i am|i'm|je suis) (?:ton |votre |your |the |le |l'|un |une |an? )?(?:administrateur|admin"
        r"|developpeur|developer|createur|creator|owner|programmeur|programmer)\b",
        0.45,
        ("admin develop createur creator owner proprietaire superuser programm",),
    ),
    make_rule(
        "rules_changed",
        INSTRUCTION_OVERRIDE,
        r"(?:regles|rules|consignes|instructions) (?:ont change|have changed|ont ete (?:modifiees|changees"
        r"|mises a jour|levees|suspendues)|have been (?:updated|changed|modified|lifted|suspended)"
        r"|sont (?:levees|suspendues|abrogees)|are (?:suspended|lifted|no longer valid))",
        0.45,
        ("regle rule consigne instruction",),
    ),
    make_rule(
        "permission_granted",
        INSTRUCTION_OVERRIDE,
        r"(?:tu peux|tu es autorise a|tu as le droit de|you can|you may|you are allowed to|you're allowed to)"
        r" (?:desormais |maintenant |now )?(?:tout (?:divulguer|reveler|dire|me dire)"
        r"|(?:say|reveal|disclose|tell me|share) (?:anything|everything))",
        0.6,
        ("tout anything everything",),
    ),
    make_rule(
        "forget_everything",
        INSTRUCTION_OVERRIDE,
        r"(?:forget|oublie[zr]?) (?:everything|all|tout)\b"
        r" (?:you|that|above|before|ce|ca|que|qu'on|ton|tes)\b",
        0.65,
        ("forget oubli", "everything all tout"),
        damped=True,
    ),
    make_rule(
        "new_instructions",
        INSTRUCTION_OVERRIDE,
        r"(?:new|updated|real) (?:instructions?|rules?|system prompt|directives?)(?: \w+){0,3}\s*:"
        r"|(?:your|here are your|these are your) new (?:instructions|rules|directives|task|role)\b"
        r"|nouvelles? (?:instructions?|consignes?|regles?|directives?)(?: \w+){0,3}\s*:"
        r"|(?:voici|voila) (?:tes|vos) (?:nouvelles|vraies) (?:instructions|consignes|regles|directives)"
        rf"|{POSS_FR} (?:nouvelles|vraies) (?:instructions|consignes|regles|directives) (?:sont|:)",
        0.7,
        ("new updated real nouvel vraie", "instruction rule prompt directive task role consigne regle"),
    ),
    make_rule(
        "from_now_on",
        INSTRUCTION_OVERRIDE,
        r"(?:from now on|from this (?:moment|point) (?:on|forward)|henceforth"
        rf"|for the rest of this conversation)\W*{YOU_EN}\b"
        r"|(?:a partir de maintenant|des (?:a )?present|desormais|dorenavant|a compter de maintenant)\W*"
        r"(?:tu|t'|vous (?:etes|serez|agirez|repondrez|allez|jouerez|ignorerez|n'etes|devez))\b",
        0.6,
        ("now moment point henceforth conversation maintenant present desormais dorenavant",),
    ),
    make_rule(
        "no_longer",
        INSTRUCTION_OVERRIDE,
        r"(?:tu n'es|vous n'etes) plus (?:un|une|l'|le|la|soumise?|liee?|limitee?|contrainte?|tenue?"
        r"|obligee?|bridee?|restreinte?|censuree?|programmee?|filtree?)\b"
        r"|(?:you are|you're) no longer\b"
        r"|you are not (?:an? )?(?:ai|assistant|chatbot|language model) anymore"
        r"|(?:you are|you're) now (?:free|unrestricted|unfiltered|unbound|uncensored|liberated|jailbroken)\b",
        0.7,
        ("plus longer anymore now",),
    ),
    make_rule(
        "bypass_your_safety",
        INSTRUCTION_OVERRIDE,
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
    make_rule(
        "addressed_to_ai",
        INSTRUCTION_OVERRIDE,
        r"(?:note|message|instructions?|consignes?) (?:aux|a l'|a|for|to) (?:the )?"
        r"(?:assistants? (?:ia|ai|d'ia|virtuels?|conversationnels?)|ia|ai|llms?|modeles? (?:d'ia|de langage)"
        r"|chatbots?|language models?|intelligences? artificielles?|ai assistants?|assistant)\b"
        r"|if you are an? (?:ai|llm|language model|assistant|chatbot)\b"
        r"|si (?:tu es|vous etes) (?:une ia|un assistant|un modele|un llm|un chatbot"
        r"|une intelligence artificielle)",
        0.45,
        ("ia ai llm model assistant chatbot intelligence",),
    ),
    make_rule(
        "ignore_rules_you_were_given",
        INSTRUCTION_OVERRIDE,
        rf"{IGNORE_EN}\W+(?:all\W+)?(?:of\W+)?(?:the|any|those|these|whatever)\W+(?:\w+\W+)?{RULES_EN}\W+"
        r"(?:that\W+|which\W+)?(?:you(?:'ve|'re| have| were| had| are)?|were)\W+(?:been\W+)?(?:given|told"
        r"|trained|programmed|set|configured|fed|assigned|following|bound|under)\b",
        0.85,
        (IGNORE_EN_WORDS, RULES_EN_WORDS, "you were"),
        damped=True,
    ),
    make_rule(
        "your_rules_are_void",
        INSTRUCTION_OVERRIDE,
        # "tes consignes d'origine ne comptent plus", "the rules you were given are outdated"
        rf"{_RULES_GIVEN_TO_YOU}{gap(4)}{_VOID}",
        0.7,
        (POSS_WORDS + " qu que qui you tout everything " + _EARLIER_WORDS, _VOID_WORDS),
        damped=True,
    ),
    make_rule(
        "replace_your_rules",
        INSTRUCTION_OVERRIDE,
        # "remplace tes consignes par celles-ci", "overwrite your instructions with the following"
        r"(?:ecrase|remplace|substitue|overwrite|replace|swap)[rz]?\W+(?:all\W+|toutes\W+|tous\W+)?"
        rf"(?:ton|ta|tes|your)\W+(?:\w+\W+)?(?:{RULES_FR}|{RULES_EN})\W+(?:\w+\W+)?(?:par|with|by)\b",
        0.75,
        ("ecras remplac substitu overwrit replac swap", "ton ta tes your", "par with by"),
    ),
    make_rule(
        "restart_from_scratch",
        INSTRUCTION_OVERRIDE,
        r"(?:^|[.!?:;]\s*)(?:stop|halte|reset|arrete|pause|ok)\W+(?:\w+\W+){0,2}?(?:on (?:repart|recommence"
        r"|reprend) (?:de|a|depuis) zero|(?:let's |we )?start (?:over|from scratch|fresh|from zero)"
        r"|(?:nouvelle|new) (?:session|conversation)\b|reinitialis\w+|tabula rasa|clean slate|page blanche)",
        0.6,
        ("stop halte reset arrete pause ok", "zero start nouvelle new reinitialis tabula slate page"),
        word_start=False,
    ),
    make_rule(
        "ignore_the_question",
        INSTRUCTION_OVERRIDE,
        rf"(?:{IGNORE_EN}|{IGNORE_FR})\W+(?:the|la|le|cette|this)\W+(?:question|demande|requete|request"
        r"|query|message|prompt|consigne)\W+(?:visible|affichee|de l'utilisateur|utilisateur|posee"
        r"|of the user|from the user|shown|displayed|du user|ci-dessus|above)\b",
        0.65,
        (IGNORE_EN_WORDS + " " + IGNORE_FR_WORDS, "question demande requete request query message prompt"),
    ),
)
