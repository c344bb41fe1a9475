"""The section renderer behind ``/v1/passages/{id}`` ``html`` and the report's one-time links."""

from __future__ import annotations

import time

from api.one_time_links import OneTimeLinks
from api.passage_html import section_html
from database.engine import make_engine

SECTION = (
    "## Responsables de l'action\n\n| Responsable | Rôle |\n|---|---|\n"
    "| Comité IA | Validation de la charte |\n| RH | Diffusion |\n\n"
    "- un point <img src=x onerror=alert(1)> <script>alert(2)</script>\n- [lien](javascript:alert(3))\n"
)


def test_markdown_is_rendered_and_raw_html_stays_text() -> None:
    html = section_html(SECTION, 0, 0)
    assert "<h2>" in html and "<table>" in html and "<li>" in html and "<mark>" not in html
    assert "<img" not in html and "<script" not in html and "href=" not in html  # javascript: stays text
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_quote_is_marked_cell_by_cell_and_never_breaks_the_markup() -> None:
    start = SECTION.index("| Comité")
    html = section_html(SECTION, start, SECTION.index("| RH"))
    assert (
        "<td><mark>Comité IA</mark></td>" in html and "<td><mark>Validation de la charte</mark></td>" in html
    )
    assert "<td>RH</td>" in html and "|" not in html
    heading = section_html(SECTION, 0, SECTION.index("\n"))
    assert heading.startswith("<h2><mark>Responsables de l'action</mark></h2>")


def test_private_marks_in_the_text_cannot_open_a_mark() -> None:
    assert "<mark>" not in section_html("avant \ue000milieu\ue001 après", 0, 0)


def test_a_link_opens_once_and_expires(tmp_path) -> None:
    links = OneTimeLinks(make_engine(f"sqlite:///{tmp_path / 'links.db'}"), ttl_s=0.2, capacity=2)
    token = links.issue()
    assert links.redeem(token) and not links.redeem(token) and not links.redeem("forged")
    late = links.issue()
    time.sleep(0.3)
    assert not links.redeem(late)
    oldest, _, _ = links.issue(), links.issue(), links.issue()
    assert not links.redeem(oldest), "past capacity the oldest link goes first"
