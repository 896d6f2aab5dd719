"""Arabic compound names written as one Latin word, cut where other spellings put spaces.

"AbdulRahman" / "Abdurrahman" / "Abd al-Rahman" all become ``abdul`` + ``rahman``;
"Saifuddin" / "Saif-ud-Din" / "Saif al-Din" all become ``saif`` + ``al`` + ``din``.  The
article inside such compounds is kept as its own word (a particle, weighed low), never lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
_ABD_NOT_COMPOUND = frozenset({"lah", "llah", "lahi", "allah", "ulah", "ullah", "illah"})
_ABDULLAH = re.compile(r"^abd[aeiou]*ll?[ao]?h?(?:i|ye?)?$")
"""Abdullah ("servant of God") as one word, however spelled: "Abdulla", "Abdalla",
"Abdallah", "Abdollah", "Abdilla", "Abdullahi", "Abdulahi", "Abdoulaye", "Abdullo".  Its
"-lla" is no word after "abdul" ("Abdulla" is not "Abdul La")."""
_SECOND_ELEMENTS = (
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
_LINKED_SECOND_ELEMENT = re.compile(
    r"^(?P<stem>[a-z]{3,}?)[aeiou](?P<sun>[dlrsntz])(?P=sun)?"
    rf"(?P<tail>{'|'.join(_SECOND_ELEMENTS)})$"
)


def split_compound(word: str) -> list[str]:
    """One romanised word as the words of the Arabic compound it spells, or as itself.  The
    article inside a linked compound is written "l" or as the first letter of the word after
    it ("ud-din", "uz-zaman"): "Girardin" and "Borozdin" are no compounds."""
    if word in _ABD_NEEDS_ARTICLE:
        return [word]
    if word in _ABD_ALONE:
        return [ABDUL]
    match = _ABD_PREFIX.match(word)
    if match and match.group("rest") not in _ABD_NOT_COMPOUND and not _ABDULLAH.match(word):
        return [ABDUL, _after_sun_article(match.group("sun"), match.group("rest"))]
    match = _LINKED_SECOND_ELEMENT.match(word)
    if match and match.group("sun") in ("l", match.group("tail")[0]):
        return [match.group("stem"), ARTICLE, match.group("tail")]
    return [word]


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


def one_compound(words: Sequence[str]) -> bool:
    """Whether a name's words (as tokens) are those of one compound given name, however it
    was written: ``abdul`` and a word, in either order ("Abdul Rahman", "Abdelrahman", "BAQI,
    Abdul" as a list splits it), or a word, the article and a second element, in order
    ("Sadr al-Din", "Sadruddin"; not "Ahmad al-Masri")."""
    if len(words) == 2:
        return words.count(ABDUL) == 1
    return len(words) == 3 and words[1] == ARTICLE and words[2] in _SECOND_ELEMENTS
