"""Acronyms that lists write in parentheses inside an organisation's name.

"AL-QAIDA IN THE ARABIAN PENINSULA (AQAP)", "NAFTIRAN INTERTRADE CO. (NICO) LIMITED",
"Всероссийская государственная телевизионная и радиовещательная компания (ВГТРК)": the
organisation goes by the name without the parenthesis and by the acronym alone, and another
list (or a payment) names it either way ("AQAP" is an alias of its own on the UK list).  A
parenthesis that holds anything else (a place, "HONG KONG"; a legal form; a note, "COMBAT
NAME"; a reference, "KPE.018") is not an acronym: an acronym is one word, mostly capitals,
whose letters appear in the name in order, starting with its first letter, and that is not
a legal form ("Public Joint Stock Company Transneft (PJSC)").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from watchkeeper.text.tokens import NameStyle, TokenKind, tokenize_name

_PARENTHESIS = re.compile(r"\s*\(([^()\s]+)\)")
_LONGEST = 12
"""Letters of the longest acronym taken as one ("RSRSBCM", "JSC SRC RF TRINITI" is not)."""


class Acronym(NamedTuple):
    """An organisation's name split at the acronym it holds in parentheses."""

    name: str
    """The name without the parenthesis."""
    acronym: str


def split_acronym(text: str) -> Acronym | None:
    """The name and the acronym in parentheses of ``text``, or None if it holds none (or
    more than one parenthesis)."""
    found = _PARENTHESIS.findall(text)
    if len(found) != 1 or "(" in _PARENTHESIS.sub("", text):
        return None
    (inner,) = found
    name = " ".join(_PARENTHESIS.sub(" ", text).split())
    return Acronym(name, inner) if _is_acronym(inner, name) else None


def _is_acronym(word: str, name: str) -> bool:
    """Whether ``word`` reads as an acronym of ``name``: two to :data:`_LONGEST` letters,
    more capitals than not, each found in the name after the one before, the first at the
    start of the name's first word; not a legal form."""
    letters = [char for char in word if char.isalpha()]
    capitals = sum(char.isupper() for char in letters)
    if not 2 <= len(letters) <= _LONGEST or capitals * 2 <= len(letters):
        return False
    if any(not (char.isalpha() or char in "-.&") for char in word):
        return False
    if any(
        token.kind is TokenKind.LEGAL_FORM for token in tokenize_name(word, NameStyle.ORGANIZATION)
    ):
        return False
    text = name.casefold()
    if not text.startswith(letters[0].casefold()):
        return False
    place = 1
    for letter in letters[1:]:
        place = text.find(letter.casefold(), place) + 1
        if place == 0:
            return False
    return True
