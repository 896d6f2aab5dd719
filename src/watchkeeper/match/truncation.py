"""Query names cut short by the field that carried them.

Payment and passenger messages hold names in fields of fixed width: a line of 35 characters
in SWIFT MT and EDIFACT, 70 in two such lines, 140 in ISO 20022.  A system that passes on a
longer name cuts it there: "ABUBAKAR MUHAMMAD AL-BAGHDADI AL-QU".  A query name exactly
that long (or one known to come from a full field, ``Query.names_cut``: a full MRZ name
field) may have lost its end, so when it is compared with a listed name
(:func:`~watchkeeper.match.names.compare_names`):

- its last written word may be the start of a listed word ("qu" of "qurashi"), scoring by
  how many letters are left (:func:`cut_similarity`);
- the listed words after the last one it met may be what was cut off, and weigh little, as
  do those not met that follow the partner of its last written word that met one (in
  "SURNAME, Given" the cut falls in the given names, before the surname once the name is
  turned round); so does its last word if it meets nothing.  All this only if its last
  word met a listed word or may be the start of one (:func:`may_start`): a last word that
  starts none was written whole before the cut, if there was one, and stands where the
  listed words it would have lost stand: "Scientific Research Institute Kvant", 35
  characters, disagrees with the listed "Scientific Research Institute Istok" as much as
  a longer name would.

Such a query finds its candidates from a lower floor (:data:`SEARCH_FLOOR`), by the name
and by the name without its last word, and compares every one: the bounds of the candidate
search count the listed words it leaves over as lost (the second rule), but know nothing of
a last word cut short.  That costs about four times the time of another query (13 ms
against 3.3 for made-up names of 35 characters), for the few names exactly as long as a
field.
"""

from __future__ import annotations

from collections.abc import Sequence

from watchkeeper.text.normalize import normalize_name
from watchkeeper.text.tokens import Token

FIELD_WIDTHS = frozenset({35, 70, 140})
"""Widths at which names are cut: one or two SWIFT MT / EDIFACT lines, an ISO 20022 name."""

SEARCH_FLOOR = 0.4
"""Least optimistic score of a listed name compared with a name that may be cut (against
the name, or the name without its last word).  Of the 2,551 names longer than 35 characters
of every list (of 21,179 entities), cut there as ``benchmarks/perturbed.py`` cuts them,
2,440 find their entry at 0.4; 2,444 at 0.3, in three times the time; 2,425 at 0.5, in
half."""

SHORTEST_PREFIX = 2
"""Letters a cut word needs to be compared as the start of a listed word."""


def may_be_cut(text: str) -> bool:
    """Whether a name is as long as a field that cuts names (:data:`FIELD_WIDTHS`), or one
    character shorter (cut after a word, at the space that followed it)."""
    length = len(text.strip())
    return length in FIELD_WIDTHS or length + 1 in FIELD_WIDTHS


def without_last_word(text: str) -> str:
    """The name less its last written word ("" for a name of one word)."""
    words = text.split()
    return " ".join(words[:-1])


def cut_position(tokens: Sequence[Token], text: str) -> int | None:
    """The position among ``tokens`` of the name's last written word (the last of its
    parts if it was cut into several), None if no token comes from it."""
    written = normalize_name(text).split()
    if not written:
        return None
    last = written[-1]
    for position in range(len(tokens) - 1, -1, -1):
        if tokens[position].original == last:
            return position
    return None


def may_start(fragment: Token, word: Token) -> bool:
    """Whether a query's last word, cut short, may be the start of a listed token: of one of
    the words it is written with ("liabili" of "limited liability company"), or of the same
    sounds (phonetic key: "qurays" of "qurashi"), or for a word written without short vowels
    of the same consonants."""
    if any(part.startswith(fragment.text) for part in word.text.split()):
        return True
    if fragment.vowelless or word.vowelless:
        return bool(fragment.skeleton) and word.skeleton.startswith(fragment.skeleton)
    return bool(fragment.key) and word.key.startswith(fragment.key)


def cut_similarity(letters: int) -> float:
    """Similarity of a word cut after ``letters`` letters to a listed word it starts: from
    0.8 for two letters up to that of two spellings of one key for five or more."""
    return min(0.95, 0.7 + 0.05 * letters)
