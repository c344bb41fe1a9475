"""Delimiter injection: chat-template tokens, role tags and markers that fake a new turn or a system part."""

from __future__ import annotations

from guardrails.injection.rule import DELIMITER_INJECTION, Rule, make_rule

_CONTENT_TAG = (
    r"(?:[a-z]+_)*(?:context|contexte|instructions?|prompt|tool|documents?|user|query|question|data"
    r"|donnees|retrieved|source|input)(?:_[a-z]+)*"
)

DELIMITER_RULES: tuple[Rule, ...] = (
    make_rule(
        "chat_template_token",
        DELIMITER_INJECTION,
        r"<\|\s*(?:im_start|im_end|system|user|assistant|endoftext|begin_of_text|start_header_id"
        r"|end_header_id|eot_id|end|start|im_sep)\s*\|>|\[/?(?:inst|sys|system|systeme|admin|developer)\]"
        r"|<</?sys>>"
        r"|<\s*(?:start_of_turn|end_of_turn|im_start|im_end|eot_id|start_header_id|end_header_id|begin_of_text"
        r"|endoftext)\s*>",
        0.9,
        (
            "<| [inst [/inst [sys [/sys [adm [/adm [dev [/dev <<sys <</sys _of_turn> im_ eot_id header_id "
            "of_text endoftext",
        ),
        damped=True,
        word_start=False,
    ),
    make_rule(
        "fake_system_message",
        DELIMITER_INJECTION,
        r"(?:message|note|notification|alerte|alert|notice|avis|instruction) (?:du systeme"
        r"|de l'administrateur|de l'admin|from (?:the )?(?:system|admin|administrator|developers?))\b"
        r"|(?:system|admin|systeme) (?:message|notice|override|alert|instruction)\s*:",
        0.45,
        ("message note notification alert notice avis instruction", "system admin"),
    ),
    make_rule(
        "fake_transcript",
        DELIMITER_INJECTION,
        # a user turn, then an assistant turn that already gives in, or is left open for the model to complete
        r"^[^\S\n]*(?:user|utilisateur|human|humain"
        r"|moi)[^\S\n]*:[^\n]*\n(?:[^\n]*\n){0,4}?[^\S\n]*(?:assistant"
        r"|ai|ia|bot|chatbot|gpt|chatgpt)[^\S\n]*:(?:\s*\Z|[^\n]{0,100}?\b(?:ignor|oubli|disregard|forget"
        r"|bypass|contourn|desactiv|disabl|jailbr|password|mot de passe|identifiants|credentials|api key"
        r"|cle api|system prompt|prompt systeme|secret|sans (?:regles|restrictions|limites|filtre)"
        r"|no (?:rules|restrictions|limits|filter)))",
        0.7,
        ("user utilisateur human humain moi", "assistant ai ia bot chatbot gpt"),
        word_start=False,
    ),
    make_rule(
        "override_header",
        DELIMITER_INJECTION,
        r"(?:system|admin|systeme|developer|root|security|securite|emergency|urgence) override\b"
        r"|\]\]>\s*<\s*/?\s*[a-z_]+",
        0.6,
        ("overrid ]]>",),
        word_start=False,
    ),
    make_rule(
        "role_tag",
        DELIMITER_INJECTION,
        # "<system>", "</sys>", '<admin_override priorite="haute">'
        r"</?\s*(?:[a-z]+_)*(?:system|sys|systeme|developer|admin|root|override)(?:_[a-z]+)*"
        r"(?:\s+[a-z_-]+\s*=\s*\"[^\"<>\n]{0,40}\"){0,4}\s*>",
        0.8,
        ("<",),
        damped=True,
        word_start=False,
    ),
    # A closing tag never opened in the text breaks out of the caller's template; a pasted template that
    # opens its own tags ("<contexte>…</contexte>") is a prompt-engineering example, not an attack.
    make_rule(
        "unopened_closing_tag",
        DELIMITER_INJECTION,
        rf"\A(?:(?!<\s*{_CONTENT_TAG}\s*>)[\s\S])*?</\s*{_CONTENT_TAG}\s*>",
        0.6,
        ("</",),
        word_start=False,
        local=False,
    ),
    make_rule(
        "markdown_role_header",
        DELIMITER_INJECTION,
        r"^\s*#{1,6}\s*(?:system|systeme|new instructions|nouvelles instructions|admin|developer|assistant"
        r"|system prompt|instructions? (?:systeme|system|admin))\b",
        0.7,
        ("#",),
        word_start=False,
    ),
    make_rule(
        "role_prefix_line",
        DELIMITER_INJECTION,
        r"^\s*\W{0,3}(?:system|systeme|sys|developer|admin)\s*\W{0,3}:",
        0.65,
        ("sys developer admin", ":"),
        word_start=False,
    ),
    make_rule(
        "json_role",
        DELIMITER_INJECTION,
        r"[\"']role[\"']\s*:\s*[\"'](?:system|developer|assistant|tool)[\"']",
        0.85,
        ("role",),
        word_start=False,
    ),
    make_rule(
        "end_of_document",
        DELIMITER_INJECTION,
        r"(?:^|[\[\]=#*<>(){}|~-])[^\w\n]*(?:end of (?:the )?(?:document|context|text|input|user input"
        r"|user message|user query|user question|file|data|conversation|prompt|query|request)"
        r"|fin (?:du|de la) (?:document|contexte|texte|fichier|donnees|conversation|prompt|saisie|message"
        r"|question|requete|demande))(?:[^\w\n]*\n|\W*[\[\]=#*<>(){}|~.-])\W*(?:\w+\W+){0,8}?"
        r"(?:new instructions?|nouvelles? (?:instructions|consignes)|instructions?|consignes?|ignore\w*"
        r"|you (?:must|will|should|are)|tu (?:dois|vas|es)|vous devez|assistant|system|systeme|execute\w*"
        r"|reponds|respond|answer|reply|output|print|reveal|affiche\w*|revele\w*)\b",
        0.75,
        ("end fin",),
        word_start=False,
    ),
    make_rule(
        "boundary_marker",
        DELIMITER_INJECTION,
        r"(?:^|[-=#*\[<(]{2,}\s*)(?:begin|start|end|debut|fin)[\W_]+(?:of[\W_]+|du\W+|des\W+)?"
        r"(?:system (?:prompt|message|instructions)|(?:new |nouvelles )?instructions"
        r"|admin (?:instructions|override)|prompt systeme|message systeme)\b",
        0.7,
        ("begin start end debut fin",),
        word_start=False,
    ),
    make_rule(
        "bracketed_role_marker",
        DELIMITER_INJECTION,
        # "<<END_USER_INPUT>>", "<<BEGIN_SYSTEM>>", "[[ADMIN]]"
        r"(?:<<|\[\[)\s*(?:(?:begin|start|end|debut|fin)[\s_-]*(?:of[\s_-]*)?)?(?:system|systeme|sys|user"
        r"|assistant|admin|developer|instructions?|prompt|human|ai|utilisateur)(?:[\s_-]+[a-z]+){0,2}\s*"
        r"(?:>>|\]\])",
        0.75,
        ("<< [[",),
        word_start=False,
    ),
    make_rule(
        "role_code_fence",
        DELIMITER_INJECTION,
        # a fenced block labelled as a role (backticks are read as quotes): "```system"
        r"(?:'{3}|~{3})\s*(?:system|systeme|sys|admin|developer|root)\b",
        0.8,
        ("''' ~~~",),
        word_start=False,
    ),
    make_rule(
        "comment_to_the_ai",
        DELIMITER_INJECTION,
        # an HTML comment the user does not see, speaking to the model or giving it orders
        r"<!--(?:(?!-->)[\s\S]){0,300}?\b(?:ia|ai|llm|assistant|chatbot|gpt|modele|model|bot|ignore\w*"
        r"|oublie\w*|disregard|reveal|revele\w*|instructions? cachee?s?|hidden instructions?"
        r"|consignes? cachee?s?|system prompt|prompt systeme)\b",
        0.7,
        ("<!--",),
        word_start=False,
    ),
)
