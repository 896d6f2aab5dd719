"""Names that lists write inside a name: in parentheses (an acronym, another name, a spelling
or a note), or after a semicolon.

- **Acronyms** of organisations: "AL-QAIDA IN THE ARABIAN PENINSULA (AQAP)", "NAFTIRAN
  INTERTRADE CO. (NICO) LIMITED", "Всероссийская государственная телевизионная и
  радиовещательная компания (ВГТРК)".  The organisation goes by the name without the
  parenthesis and by the acronym alone, and another list (or a payment) names it either way
  ("AQAP" is an alias of its own on the UK list).  A parenthesis that holds anything else (a
  place, "HONG KONG"; a legal form; a note, "COMBAT NAME"; a reference, "KPE.018") is not
  an acronym: an acronym is one word, mostly capitals, whose letters appear in the name in
  order, starting with its first letter, and that is not a legal form ("Public Joint Stock
  Company Transneft (PJSC)").
- **Other names**, marked as such: "Ulyanovsk Cartridge Works JSC (also known as
  Aktsionernoe Obshchestvo Ulyanovskii Patronnyi Zavod)" (Canada), "Gazprom Sotsinvest, OOO
  (f.k.a., Gazprominvestarena OOO)" (US lists).  The list cut some of them short, the
  closing parenthesis with them.
- In a **person's name**, a parenthesis holds another spelling of the word before it
  ("Lom-ali Butayev (Butaev)"), a title ("(Sheikh) Musa Hilal") or a note ("EL PARA
  (COMBAT NAME)"): the person also goes by the name without it.
- **Several names in one**, separated by semicolons: "COMPAGNIE AERIENNE DES GRANDS LACS
  (CAGL) ; GREAT LAKES BUSINESS COMPANY (GLBC)" (UN), "MOSTOTREST; OPEN JOINT STOCK COMPANY
  'MOSTOTREST'" (UK), "(a.k.a. Pasadena Aerospace; Aviation Logistics and Supply)".
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple

from watchkeeper.text.tokens import NameStyle, TokenKind, tokenize_name

_ONE_WORD = re.compile(r"\s*\(([^()\s]+)\)")
_KNOWN_AS = re.compile(
    r"^(?P<name>[^()]+?)\s*\(\s*(?:(?P<alias>also known as|a\.?k\.?a\.?)|"
    r"(?P<former>formerly known as|formerly|f\.?k\.?a\.?))[\s,:]+(?P<other>[^()]+?)\s*\)?\s*$",
    re.IGNORECASE,
)
_PARENTHESIS = re.compile(r"\([^()]*\)")
_LONGEST = 12
"""Letters of the longest acronym taken as one ("RSRSBCM", "JSC SRC RF TRINITI" is not)."""


class Held(StrEnum):
    """What the parenthesis of a name holds."""

    ACRONYM = "acronym"
    ALIAS = "alias"
    FORMER = "former"
    """A former name ("f.k.a.", "formerly")."""


class Within(NamedTuple):
    """A name split at the parenthesis it holds."""

    name: str
    """The name without the parenthesis."""
    other: str
    """The name in the parenthesis."""
    held: Held


def split_parenthesis(text: str, acronyms: bool) -> Within | None:
    """The name and the other name in parentheses of ``text`` (an acronym only if
    ``acronyms``: not in a person's name), or None if it holds none."""
    known = _KNOWN_AS.match(text)
    if known is not None:
        held = Held.ALIAS if known["alias"] else Held.FORMER
        return Within(" ".join(known["name"].split()), " ".join(known["other"].split()), held)
    return _split_acronym(text) if acronyms else None


def _split_acronym(text: str) -> Within | None:
    """The name and the acronym in parentheses of ``text``, or None if it holds none (or
    more than one parenthesis)."""
    found = _ONE_WORD.findall(text)
    if len(found) != 1 or "(" in _ONE_WORD.sub("", text):
        return None
    (inner,) = found
    name = " ".join(_ONE_WORD.sub(" ", text).split())
    return Within(name, inner, Held.ACRONYM) if _is_acronym(inner, name) else None


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


def without_parentheses(text: str) -> str | None:
    """A person's name without what it holds in parentheses, or None if it holds none (or
    nothing else, or a parenthesis left open)."""
    if "(" not in text:
        return None
    bare = " ".join(_PARENTHESIS.sub(" ", text).split())
    return bare if bare and "(" not in bare and ")" not in bare else None


def separate_names(text: str) -> list[str]:
    """The names ``text`` holds separated by semicolons outside parentheses (each without
    the spaces around it, empty ones left out); [] if it holds only one."""
    names: list[str] = []
    depth = start = 0
    for position, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            names.append(text[start:position])
            start = position + 1
    names.append(text[start:])
    found = [name.strip() for name in names if name.strip()]
    return found if len(found) > 1 else []
