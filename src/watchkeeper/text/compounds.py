"""Arabic compound names written as one Latin word, cut where other spellings put spaces.

"AbdulRahman" / "Abdurrahman" / "Abd al-Rahman" all become ``abdul`` + ``rahman``;
"Saifuddin" / "Saif-ud-Din" / "Saif al-Din" all become ``saif`` + ``al`` + ``din``.  The
article inside such compounds is kept as its own word (a particle, weighed low), never lost.
:func:`compound_spans` then finds the compounds among a name's words, however they were
written, and the word of each that tells it from the others ("rahman", "saif"): its head.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

ABDUL = "abdul"
ARTICLE = "al"

_ABD_ALONE = frozenset(
    {"abd", "abdu", "abdo", "abdou", "abdul", "abdel", "abdal", "abdol", "abdoul", "abdil"}
)
_ABD_NEEDS_ARTICLE = frozenset({"abd", "abdu", "abdo", "abdou"})
_ABD_PREFIX = re.compile(
    r"^(?:abd(?:oul|ul|el|al|ol|il|(?:[uae](?P<sun>[rsdtnz]))|ou|u|o)?)(?P<rest>[a-z]{3,})$"
)
"""The prefix "abd", the article as it is written before the word (assimilated to a sun
letter: "ur", "es" ...), and the word."""
_ABDULLAH = re.compile(r"^abd[aeiou]*ll?[ao]?h?(?:i|ye?)?$")
"""Abdullah ("servant of God") as one word, however spelled: "Abdulla", "Abdalla",
"Abdallah", "Abdollah", "Abdilla", "Abdullahi", "Abdulahi", "Abdoulaye", "Abdullo".  Its
"-lla" is no word after "abdul" ("Abdulla" is not "Abdul La")."""
_SLAVIC_SURNAME = re.compile(r"(?:ov|ev|ova|eva|ovich|evich|ovna|evna)$")
"""The endings of a Russian-style family name made of a compound ("Abdurakhmanov",
"Abdullaeva", "Abdukadirov"): one word, another family name than "Rakhmanov"."""
_ALLAH = re.compile(r"^(?:[aiu]?ll|u?l)a?hi?$")
"""What follows "abd" in Abdullah, written in two or as one ("Abd Allah", "عبد الله",
"Abdulllah": allah, allh, ullah, lah ...; not "ilah", of "Abd al-Ilah"): one name, no
compound."""
SECOND_ELEMENTS = (
    "din",
    "deen",
    "dine",
    "rahman",
    "rehman",
    "rahim",
    "raheem",
    "salam",
    "sattar",
    "zaman",
    "haq",
    "haqq",
)
"""The words after the article of compounds written as one ("Saifuddin", "Shamsulhaq")."""
_SECOND_ELEMENT_SPELLINGS = {"deen": "din", "dine": "din"}
"""Spellings of a second element that stand for one word ("Salah Eddine", "Nur-ud-Deen"):
"din" is said the same in each, but too short for its spellings to meet as more than a
typo or a chance sound."""
_ARTICLE_AND_SECOND_ELEMENT = re.compile(
    rf"^[aeiu]?(?P<sun>[dlrsntz])(?P=sun)?(?P<tail>{'|'.join(SECOND_ELEMENTS)})$"
)
"""The article and the second element of a compound, written as a word of their own after
its first ("Salah Eddine", "Nur Uddin", "Zia Urrahman")."""
_LINKED_SECOND_ELEMENT = re.compile(
    r"^(?P<stem>[a-z]{3,}?)[aeiou](?P<sun>[dlrsntz])(?P=sun)?"
    rf"(?P<tail>{'|'.join(SECOND_ELEMENTS)})$"
)


def split_compound(word: str, follows_word: bool = False) -> list[str]:
    """One romanised word as the words of the Arabic compound it spells, or as itself.  The
    article inside a linked compound is written "l" or as the first letter of the word after
    it ("ud-din", "uz-zaman"): "Girardin" and "Borozdin" are no compounds; nor is a family
    name with a Russian ending ("Abdurakhmanov").  A word that ``follows_word`` may be the
    article and second element of a compound begun by that word ("Salah Eddine")."""
    if word in _ABD_NEEDS_ARTICLE:
        return [word]
    if word in _ABD_ALONE:
        return [ABDUL]
    match = _ABD_PREFIX.match(word)
    if (
        match
        and not _ALLAH.match(match.group("rest"))
        and not _ABDULLAH.match(word)
        and not _SLAVIC_SURNAME.search(word)
    ):
        return [ABDUL, _after_sun_article(match.group("sun"), match.group("rest"))]
    match = _LINKED_SECOND_ELEMENT.match(word)
    if match and match.group("sun") in ("l", match.group("tail")[0]):
        return [match.group("stem"), ARTICLE, second_element_spelling(match.group("tail"))]
    match = _ARTICLE_AND_SECOND_ELEMENT.match(word) if follows_word else None
    if match and match.group("sun") in ("l", match.group("tail")[0]):
        return [ARTICLE, second_element_spelling(match.group("tail"))]
    return [word]


def second_element_spelling(word: str) -> str:
    """A word as the second element of a compound is spelled here if it is one ("deen",
    "dine": "din"), else as it is."""
    return _SECOND_ELEMENT_SPELLINGS.get(word, word)


def _after_sun_article(sun: str | None, rest: str) -> str:
    """The word after an article assimilated to its first letter (``sun``), which a
    spelling may write once: "Abdeslam" is "abd es-slam", "Abdurahman" "abd ur-rahman"."""
    if sun is None or rest.startswith(sun):
        return rest
    return sun + rest


def abd_articles(words: list[str]) -> set[int]:
    """Positions of the articles that belong to a bare "abd" before them ("Abd al-Aziz")."""
    return {
        index
        for index in range(1, len(words))
        if words[index] == ARTICLE and words[index - 1] in _ABD_NEEDS_ARTICLE
    }


def canonical_abd(word: str) -> str:
    """A bare "abd" / "abdu" / "abdo" as ``abdul``; any other word unchanged."""
    return ABDUL if word in _ABD_NEEDS_ARTICLE else word


class Compound(NamedTuple):
    """Where a compound given name stands among a name's words."""

    start: int
    end: int
    head: int
    """The position of the word that tells it from other compounds: the word after
    ``abdul``, the word before the article of a linked compound ("sadr" in "Sadr al-Din")."""


def one_compound(words: Sequence[str]) -> bool:
    """Whether a name's words (as tokens) are those of one compound given name, however it
    was written: ``abdul`` and a word, in either order ("Abdul Rahman", "Abdelrahman", "BAQI,
    Abdul" as a list splits it), or a word, the article and a second element, in order
    ("Sadr al-Din", "Sadruddin"; not "Ahmad al-Masri")."""
    if len(words) == 2 and words[0] == ABDUL and _ALLAH.match(words[1]):
        return True  # Abdullah written in two
    return [span[:2] for span in compound_spans(words)] == [(0, len(words))]


def compound_spans(words: Sequence[str]) -> list[Compound]:
    """Each compound given name among a name's words (as tokens), however it was written:
    ``abdul`` and the word after it ("Abdul Rahman", "Abdurrahman"; or before it in a name of
    these two words: "BAQI, Abdul" as a list cuts it), or a word, the article and a second
    element ("Sadr al-Din", "Sadruddin")."""
    if len(words) == 2 and words[1] == ABDUL and words[0] not in (ABDUL, ARTICLE):
        return [Compound(0, 2, 0)]
    spans = []
    start = 0
    while start < len(words) - 1:
        found = _compound_at(words, start)
        if found:
            spans.append(found)
            start = found.end
        else:
            start += 1
    return spans


def _compound_at(words: Sequence[str], start: int) -> Compound | None:
    """The compound given name that starts at ``start``, if one does."""
    after = words[start + 1]
    if words[start] == ABDUL and after not in (ABDUL, ARTICLE) and not _ALLAH.match(after):
        return Compound(start, start + 2, start + 1)
    linked = start + 2 < len(words) and words[start + 1] == ARTICLE
    if linked and words[start + 2] in SECOND_ELEMENTS:
        return Compound(start, start + 3, start)
    return None
