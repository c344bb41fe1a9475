"""A section of the corpus as safe HTML: Markdown rendered by markdown-it-py, the quote in ``<mark>``,
the result sanitised by nh3 (no script, no event handler, no image, no style)."""

from __future__ import annotations

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # private-use characters: never in the corpus
# Markdown syntax that opens a line (heading, quote, list item, table cell): a mark placed before it would
# stop it being syntax, so the mark starts after it.
_LINE_SYNTAX = re.compile(r"(?:[ \t]*(?:#{1,6}[ \t]+|>[ \t]*|[-*+][ \t]+|\d+[.)][ \t]+|\|[ \t]*))*")
_TAG = re.compile(r"(<[^>]*>)")
_ALLOWED_TAGS = nh3.ALLOWED_TAGS - {"img", "area", "map"}  # the page loads no image from a passage


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def _inside_markup(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved off line-opening syntax and trailing spaces or pipes."""
    line_start = text.rfind("\n", 0, start) + 1
    syntax = _LINE_SYNTAX.match(text, line_start)
    if syntax is not None and start <= syntax.end():
        start = syntax.end()
    while end > start and text[end - 1] in " \t\n|":
        end -= 1
    return start, end


def _marked(html: str) -> str:
    """Every run of text between the two private marks wrapped in ``<mark>``, tags left whole."""

    def wrap(match: re.Match[str]) -> str:
        parts = _TAG.split(match.group(1))
        return "".join(p if p.startswith("<") or not p.strip() else f"<mark>{p}</mark>" for p in parts)

    return re.sub(f"{MARK_OPEN}(.*?){MARK_CLOSE}", wrap, html, flags=re.DOTALL)


def section_html(text: str, start: int, end: int) -> str:
    """``text`` (Markdown) as sanitised HTML with ``text[start:end]`` highlighted."""
    text = text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    if 0 <= start < end <= len(text):
        start, end = _inside_markup(text, start, end)
        if start < end:
            text = f"{text[:start]}{MARK_OPEN}{text[start:end]}{MARK_CLOSE}{text[end:]}"
    html = _marked(_markdown().render(text))
    return nh3.clean(html, tags=_ALLOWED_TAGS, link_rel="noopener noreferrer")
