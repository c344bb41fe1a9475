"""Roles of a RACI, normalised from the corpus's own role list and its parenthesised aliases.

A role list item ``Sponsor (DG, COO, Direction BU)`` gives a role whose names are the parts of its head
(``IT/Intégration`` -> IT, Intégration) and whose aliases are the parenthesised words. A RACI line names
roles by their names (``DPO/RSSI`` is two roles, ``Sécurité (RSSI)`` is RSSI/Sécurité); a name the list
does not hold (``Finance``, ``RH``) is a role of its own, and a later ``Finance/Contrôle de gestion``
adds a name to it. A question names a role by a name, an alias, or a common job title (``JOB_TITLES``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ingest.structure import Span

# Common job titles staff use, each mapped to a name or alias the corpus's role list gives. Kept small
# and documented: it is a glossary of the organisation, not of questions.
JOB_TITLES: dict[str, str] = {
    "DSI": "IT", "informatique": "IT", "service informatique": "IT", "IT team": "IT",
    "directeur des systèmes d'information": "IT", "intégrateur": "Intégration",
    "PDG": "DG", "CEO": "DG", "directeur général": "DG", "directrice générale": "DG",
    "direction générale": "DG", "executive sponsor": "Sponsor",
    "juriste": "Juridique", "service juridique": "Juridique", "legal": "Juridique", "lawyer": "Juridique",
    "délégué à la protection des données": "DPO", "data protection officer": "DPO",
    "CISO": "RSSI", "responsable sécurité": "RSSI", "security": "Sécurité",
    "cybersécurité": "Sécurité", "sécurité informatique": "Sécurité",
    "chef de projet": "Chef de projet", "project manager": "PM", "product owner": "PO",
    "data scientist": "Data lead", "data engineer": "Data lead", "data analyst": "Data lead",
    "DRH": "RH", "ressources humaines": "RH", "human resources": "RH", "HR": "RH",
    "helpdesk": "Support", "exploitation": "Run", "operations": "Run",
    "DAF": "Finance", "CFO": "Finance", "directeur financier": "Finance", "contrôleur de gestion": "Finance",
    "finance team": "Finance",
    "formateur": "Formation", "trainer": "Formation", "conduite du changement": "Change",
    "change management": "Change",
    "consultant": "Prestataire", "vendor": "Prestataire", "supplier": "Prestataire",
    "fournisseur": "Prestataire", "expert métier": "Référent métier", "business owner": "Référent métier",
    "opérationnels": "Référent métier",
    "business team": "Référent métier", "métier": "Référent métier",
}  # fmt: skip
_TOP_LEVEL_SPLIT = re.compile(r",\s*|\s+et\s+|\s+and\s+")


def plain(text: str) -> str:
    """Lower case without accents, one character for one (offsets stay those of ``text``)."""
    out = []
    for ch in text.replace("’", "'"):
        decomposed = unicodedata.normalize("NFKD", ch)
        out.append(next((c for c in decomposed if not unicodedata.combining(c)), ch)[:1] or ch)
    return "".join(out).lower()


@dataclass(eq=False)  # a role is itself: compared and hashed by identity
class Role:
    label: str  # as the role list (or the first RACI line naming it) writes it
    names: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Mention:
    """A role named in a RACI line: ``span`` is the exact name as written (``DPO`` in ``DPO/RSSI``)."""

    role: Role
    span: Span


class RoleBook:
    """The roles of the corpus and how to recognise them in RACI lines and in questions."""

    def __init__(self, role_list: Iterable[Span]) -> None:
        self.roles: list[Role] = []
        for item in role_list:
            head, _, rest = item.text.partition("(")
            aliases = [a.strip() for a in re.split(r"[,/]", rest.rstrip(") ")) if len(a.strip()) > 1]
            names = [n.strip() for n in head.split("/") if n.strip()]
            self.roles.append(Role(head.strip(), names, [re.sub(r"^ex\.\s*", "", a) for a in aliases]))
        self._patterns: list[tuple[re.Pattern[str], bool, int, Role]] = []

    def _by_name(self, name: str) -> Role | None:
        key = plain(name)
        return next((r for r in self.roles if any(plain(n) == key for n in r.names)), None)

    def mentions(self, value: Span) -> list[Mention]:
        """The roles a RACI line's value names, each with the exact span of its name."""
        out: list[Mention] = []
        cut = 0
        for piece in [*_TOP_LEVEL_SPLIT.finditer(value.text), None]:
            end = piece.start() if piece else len(value.text)
            out += self._mentions_in(value, cut, end)
            cut = piece.end() if piece else end
        self._patterns = []  # roles may have grown: recompile question patterns on next use
        return out

    def _mentions_in(self, value: Span, start: int, end: int) -> Iterator[Mention]:
        text = value.text[start:end]
        head = text.split("(", 1)[0].rstrip()
        parts: list[tuple[str, int]] = []
        offset = 0
        for part in head.split("/"):
            lead = len(part) - len(part.lstrip())
            if part.strip():
                parts.append((part.strip(), offset + lead))
            offset += len(part) + 1
        found: list[tuple[Role | None, str, int]] = [(self._by_name(name), name, at) for name, at in parts]
        known = {id(r): r for r, _, _ in found if r}
        if not known:
            new = Role(head.strip(), [name for name, _ in parts])
            self.roles.append(new)
            found = [(new, name, at) for name, at in parts]
        elif len(known) == 1:  # "Finance/Contrôle de gestion": the unknown part is another name
            only = next(iter(known.values()))
            only.names += [name for r, name, _ in found if r is None]
            found = [(only, name, at) for _, name, at in found]
        seen: set[int] = set()
        for role, name, at in found:
            if role is None or id(role) in seen:
                continue
            seen.add(id(role))
            begin = value.start + start + at
            yield Mention(role, Span(text=name, start=begin, end=begin + len(name)))

    def in_question(self, question: str) -> list[tuple[Role, tuple[int, int]]]:
        """Roles the question names, with the character span of each naming, in order of position."""
        if not self._patterns:
            self._patterns = self._compile()
        folded = plain(question)
        taken: list[tuple[int, int, Role]] = []
        for pattern, exact, _, role in self._patterns:
            for match in pattern.finditer(question if exact else folded):
                lo, hi = match.span()
                if not any(lo < b and a < hi for a, b, _ in taken):
                    taken.append((lo, hi, role))
        return [(role, (lo, hi)) for lo, hi, role in sorted(taken, key=lambda t: t[0])]

    def _compile(self) -> list[tuple[re.Pattern[str], bool, int, Role]]:
        """(pattern, on the original text?, priority, role): names first, then aliases and job titles,
        longer phrases before shorter; an all-capitals acronym is matched case-sensitively."""
        phrases: list[tuple[str, int, Role]] = []
        for role in self.roles:
            phrases += [(n, 0, role) for n in role.names] + [(a, 1, role) for a in role.aliases]
        for title, target in JOB_TITLES.items():
            titled = self._by_name(target) or next(
                (r for r in self.roles if any(plain(a) == plain(target) for a in r.aliases)), None
            )
            if titled:
                phrases.append((title, 1, titled))
        phrases.sort(key=lambda p: (p[1], -len(p[0])))
        out = []
        for phrase, priority, role in phrases:
            exact = phrase.isupper() and len(phrase) <= 5
            body = re.escape(phrase if exact else plain(phrase))
            pattern = re.compile(rf"(?<![\w]){body}s?(?![\w])")
            out.append((pattern, exact, priority, role))
        return out
