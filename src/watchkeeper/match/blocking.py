"""Blocking keys: what the parts of a name are filed under in the candidate index.

A name is cut into *units*, each a way its tokens may meet the tokens of another name in
:func:`~watchkeeper.match.names.compare_names`:

- its words (and legal forms), by their spelling: the keys of a word are its romanised
  text and every text with one letter deleted (two words one typo apart always share one of
  them: symmetric deletion); its phonetic key, and for longer keys every key with one sound
  deleted, and its keys under its other readings (:mod:`watchkeeper.text.readings`);
  the first sounds of a long word; its consonant skeleton and, from four consonants, every
  skeleton with one deleted, and its skeletons under its other readings: how a word written
  without short vowels (Arabic, Hebrew) meets its Latin spellings.  Listed skeletons are
  filed apart by whether their word has vowels, and a query word looks up the other file,
  since skeletons only matter when one of two words has none;
- runs of two or three adjacent tokens joined into one word (split / merge: "Abdul Rahman"
  / "Abdulrahman"), by their text as written and the variants of their sounds;
- acronyms: a short word as the initials of two to four words ("PLA" / "People's
  Liberation Army");
- initials: a word by its first letter, to meet an initial of the other name;
- the other tokens (particles, legal forms, titles, numbers, initials) by their class.

Keys are strings whose first letter says what they are.  A unit of a query name looks up
the keys of its own kind (a short query word the initials of listed runs, and so on).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from enum import IntEnum
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from watchkeeper.match.names import PreparedName, joined_spans
from watchkeeper.match.postings import Ints
from watchkeeper.match.tokensim import SimilarityParams
from watchkeeper.text.phonetic import VOWEL_CLASS
from watchkeeper.text.readings import readings
from watchkeeper.text.scripts import Script
from watchkeeper.text.tokens import Token, TokenKind

TEXT = "t"
"""Listed words (and joined runs) as written."""
_TEXT_EDIT = "e"
"""Listed words with one letter deleted."""
KEY = "k"
"""Phonetic keys of listed words, under each of their readings (and of joined runs)."""
_KEY_EDIT = "d"
"""Phonetic keys of listed words (and joined runs) with one sound deleted."""
SKELETON = "s"
"""Skeletons of listed words written with vowels (looked up by words written without)."""
VOWELLESS = "v"
"""Skeletons of listed words written without short vowels (looked up by the others)."""
_START = "f"
"""The first sounds of a long word: variants of a long word's end ("Aleksandrov",
"Aleksandrovich") are alike, more than one edit apart."""
_TEXT_TWO = "x"
"""Longer listed words with up to two letters deleted (looked up by longer query words the
same way): long words two letters apart are still alike ("Fouation" / "Foundation")."""
_KEY_TWO = "2"
"""Phonetic keys of longer listed words with up to two sounds deleted (looked up the same
way): long words two sounds apart are still alike ("Volodimirovich" / "Vladimirovich")."""
_ORIGINAL = "o"
"""Listed words of other scripts than Latin as written, and with up to two letters deleted:
two words of one such script compare by their letters, whatever their romanisations."""
_ACRONYM = "a"
"""Initials of runs of listed words (looked up by short query words)."""
_SHORT = "w"
"""Short listed words as written (looked up by the initials of runs of query words)."""
_INITIAL = "i"
"""Listed initials (looked up by the first letter of query words)."""
_LEADING = "j"
"""First letters of listed words (looked up by query initials)."""
_CLASS = "m"
"""Classes of the listed tokens that are not words (looked up by query tokens of one)."""

_MIN_TEXT_DELETION = 3
"""Letters a word needs before its one-letter deletions are keys: a typo in a shorter word
leaves it below the similarity floor."""
_MIN_KEY_DELETION = 2
"""Sounds a phonetic key needs before its one-sound deletions are keys: "Ri" and "Yueyue",
"Xi" and "Choi" are two spellings a sound apart."""
_MIN_SKELETON_DELETION = 4
_MAX_ACRONYM = 4
_START_LENGTH = 6
"""Sounds of the start of a longer word that are a key of their own."""
_MIN_TWO_EDITS = 7
"""Letters a word needs before its texts and keys with up to two letters or sounds deleted
are keys: two edits apart, words are alike only if the longer has 9 letters or more, and
then the shorter has 7 or more."""
_MIN_ORIGINAL_DELETIONS = (3, 6)
"""Letters a word of another script needs before its one-letter deletions are keys, and
its two-letter deletions (two edits apart, such words are alike from 6 letters on)."""
MAX_RUN = 3
"""Tokens a joined run has at most."""


class Meets(IntEnum):
    """How a unit meets the units of another name."""

    SPELLING = 0
    """A word or legal form, by its spelling keys."""
    RUN = 1
    """Tokens joined into one word, by its spelling keys: they meet single words."""
    ACRONYM = 2
    """Short word and initials of a run: one stands for the other."""
    INITIAL = 3
    """An initial and a word that starts with it."""
    CLASS = 4
    """Particles, legal forms, titles, numbers ... of one class."""


class Unit(NamedTuple):
    """A way the tokens at some positions of a name meet another name, and its keys."""

    mask: int
    """Positions of its tokens (adjacent)."""
    keys: frozenset[str]
    weight: float
    """The weight of its tokens together."""
    token: Token
    """The token, or the tokens joined."""
    meets: Meets


def _variants(text: str, min_length: int) -> set[str]:
    """``text`` and, from ``min_length`` characters, ``text`` with each one deleted."""
    found = {text}
    if len(text) >= min_length:
        found.update(text[:i] + text[i + 1 :] for i in range(len(text)))
    return found


def _two_deletions(text: str) -> set[str]:
    """``text`` with up to two characters deleted."""
    return {shorter for variant in _variants(text, 2) for shorter in _variants(variant, 2)}


def _two_edit_keys(text: str, key: str, vowelless: bool, joined: bool) -> set[str]:
    """The keys of a longer word with up to two letters of its text, or two sounds of its
    phonetic key, deleted (none for a shorter word or a run of joined tokens)."""
    if joined or len(text) < _MIN_TWO_EDITS:
        return set()
    keys = {_TEXT_TWO + variant for variant in _two_deletions(text)}
    if not vowelless:
        keys.update(_KEY_TWO + variant for variant in _two_deletions(key))
    return keys


def _own_script_keys(original: str, own_script: bool, joined: bool) -> set[str]:
    """The keys of a word of another script than Latin as written (none for a Latin word
    or a run of joined tokens)."""
    if joined or not own_script:
        return set()
    one, two = _MIN_ORIGINAL_DELETIONS
    variants = _two_deletions(original) if len(original) >= two else _variants(original, one)
    return {_ORIGINAL + variant for variant in variants}


def word_keys(token: Token, listed: bool, joined: bool = False) -> frozenset[str]:
    """Blocking keys of a word of a listed name (``listed``) or of a query name.  A run of
    tokens ``joined`` into one word is taken as written (only its sounds vary), and on the
    listed side its skeleton too."""
    if listed:
        fields = (token.text, token.original, token.key, token.skeleton, token.vowelless)
        return _listed_keys(*fields, token.script not in _LATIN, joined)
    return frozenset(query_keys(token, joined)[0])


@lru_cache(maxsize=1 << 16)
def _listed_keys(
    text: str,
    original: str,
    key: str,
    skeleton: str,
    vowelless: bool,
    own_script: bool,
    joined: bool,
) -> frozenset[str]:
    texts = _variants(text, len(text) + 1 if joined else _MIN_TEXT_DELETION)
    keys = {TEXT + text} | {_TEXT_EDIT + variant for variant in texts if variant != text}
    keys |= _own_script_keys(original, own_script, joined)
    keys |= _two_edit_keys(text, key, vowelless, joined)
    read_keys, read_skeletons = _read(text, original, key, joined)
    if not vowelless:
        keys.add(KEY + key)
        keys.update(_KEY_EDIT + v for v in _variants(key, _MIN_KEY_DELETION) if v != key)
        keys.update(KEY + reading for reading in read_keys)
        if len(key) > _START_LENGTH:
            keys.add(_START + key[:_START_LENGTH])
    if skeleton:
        space = VOWELLESS if vowelless else SKELETON
        shortest = len(skeleton) + 1 if joined else _MIN_SKELETON_DELETION
        keys.update(space + variant for variant in _variants(skeleton, shortest))
        keys.update(space + reading for reading in read_skeletons)
    return frozenset(keys)


def query_keys(token: Token, joined: bool = False) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The keys a word of a query name (a run of its tokens ``joined``) looks up, and what
    meeting under each tells of how alike it and a listed word can be (:class:`Likeness`):
    one letter apart when they met by their text, one sound when by their keys and not by
    their text (else more than one letter apart), equal skeletons at best.  A query word
    looks up both files of each of its texts and keys (its own and those with one letter
    or sound deleted), so that the file a key is found in tells how far apart the two
    are."""
    bounded = token.script in _LATIN and token.kind is TokenKind.WORD
    fields = (token.text, token.original, token.key, token.skeleton, token.vowelless)
    return _query_keys(*fields, token.script not in _LATIN, bounded, joined)


@lru_cache(maxsize=1 << 16)
def _query_keys(
    text: str,
    original: str,
    key: str,
    skeleton: str,
    vowelless: bool,
    own_script: bool,
    bounded: bool,
    joined: bool,
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    found: dict[str, Likeness] = {TEXT + text: Likeness.ANY, _TEXT_EDIT + text: Likeness.LONGER}
    for variant in _variants(text, len(text) + 1 if joined else _MIN_TEXT_DELETION) - {text}:
        found[TEXT + variant] = found[_TEXT_EDIT + variant] = Likeness.LETTER
    found.update(dict.fromkeys(_own_script_keys(original, own_script, joined), Likeness.ANY))
    found.update(dict.fromkeys(_two_edit_keys(text, key, vowelless, joined), Likeness.TWO))
    read_keys, read_skeletons = _read(text, original, key, joined)
    if not vowelless:
        for variant in _variants(key, _MIN_KEY_DELETION):
            found[KEY + variant] = found[_KEY_EDIT + variant] = Likeness.SOUNDS
        for reading in (key, *read_keys):
            found[KEY + reading] = Likeness.SOUND
        if len(key) > _START_LENGTH:
            found[_START + key[:_START_LENGTH]] = Likeness.TWO
    if skeleton:
        space = SKELETON if vowelless else VOWELLESS
        for variant in (*_variants(skeleton, _MIN_SKELETON_DELETION), *read_skeletons):
            found[space + variant] = Likeness.SKELETON
    kinds = [likeness if bounded else Likeness.ANY for likeness in found.values()]
    return tuple(found), tuple(kinds)


def _read(
    text: str, original: str, key: str, joined: bool
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The phonetic keys and skeletons of a word under all its readings (none for a run of
    joined tokens: it meets a word by its own key)."""
    if joined:
        return (), ()
    read = readings(text, original, key)
    return read.keys, tuple(frame.removeprefix(VOWEL_CLASS) for frame in read.frames)


_LATIN = frozenset({Script.LATIN, Script.COMMON})


class Likeness(IntEnum):
    """What meeting under a key tells of how alike a query word (or joined run) and a
    listed word (:func:`~watchkeeper.match.tokensim.word_similarity` of Latin words) can be
    at most (:func:`likeness`)."""

    ANY = 0
    """Nothing (equal text, an exact key, or words not compared by their Latin letters)."""
    LONGER = 1
    """The listed word is the query's with one letter more."""
    LETTER = 2
    """One letter apart, the listed word as long as the query's or one shorter."""
    SOUND = 3
    """One phonetic key (under some reading)."""
    SOUNDS = 4
    """One sound apart, more than one letter: by the longer word's length."""
    SKELETON = 5
    """One consonant skeleton at best."""
    TWO = 6
    """Two letters and two sounds apart at least (closer words meet under other keys)."""


def likeness(
    kinds: npt.NDArray[np.uint8], lengths: Ints, listed_lengths: Ints, params: SimilarityParams
) -> npt.NDArray[np.float64]:
    """The most query words of ``lengths`` letters and listed words of ``listed_lengths``
    that met under keys of these :class:`Likeness` kinds can be alike."""
    costs = params.edit_costs
    longest = np.maximum(np.maximum(lengths, listed_lengths), 1)
    sounds = np.maximum(
        params.phonetic_equal - costs[1] * params.key_edit_cost / longest, 1 - costs[2] / longest
    )
    short = np.minimum(lengths, listed_lengths) < _MIN_TEXT_DELETION
    sounds = np.where(short, np.maximum(sounds, 1 - costs[1] / longest), sounds)
    by_kind = [
        np.ones(len(kinds)),
        1 - costs[1] / (lengths + 1),
        1 - costs[1] / np.maximum(lengths, 1),
        np.full(len(kinds), params.phonetic_equal),
        sounds,
        np.full(len(kinds), params.skeleton_equal),
        np.maximum(
            1 - costs[2] / longest,
            params.phonetic_equal - costs[2] * params.key_edit_cost / longest,
        ),
    ]
    return np.choose(kinds, by_kind)


_SPELLED = frozenset({TokenKind.WORD, TokenKind.LEGAL_FORM})
"""Tokens filed by their spelling: words, and legal forms (a word may be one misspelt)."""


def _exact(prefix: str, text: str) -> frozenset[str]:
    return frozenset({prefix + text})


def units(
    tokens: Sequence[Token], weights: Sequence[float], joined: Sequence[Token], listed: bool
) -> list[Unit]:
    """The units of a listed name (``listed``) or of a query name, and their keys;
    ``joined`` are its tokens merged along :func:`joined_spans`."""
    short, initials = (_SHORT, _ACRONYM) if listed else (_ACRONYM, _SHORT)
    word_initial, initial_word = (_LEADING, _INITIAL) if listed else (_INITIAL, _LEADING)
    found = []
    for i, (token, weight) in enumerate(zip(tokens, weights, strict=True)):
        mask = 1 << i
        if token.kind in _SPELLED:
            found.append(Unit(mask, word_keys(token, listed), weight, token, Meets.SPELLING))
        if token.kind is TokenKind.WORD:
            keys = _exact(word_initial, token.text[:1])
            found.append(Unit(mask, keys, weight, token, Meets.INITIAL))
            if len(token.text) <= _MAX_ACRONYM:
                found.append(Unit(mask, _exact(short, token.text), weight, token, Meets.ACRONYM))
            continue
        found.append(Unit(mask, _exact(_CLASS, token.canon), weight, token, Meets.CLASS))
        if token.kind is TokenKind.INITIAL:
            keys = _exact(initial_word, token.text)
            found.append(Unit(mask, keys, weight, token, Meets.INITIAL))
    for (start, end), token in zip(joined_spans(tokens), joined, strict=True):
        mask = (1 << end) - (1 << start)
        weight = sum(weights[start:end])
        if end - start <= MAX_RUN:
            keys = word_keys(token, listed, joined=True)
            found.append(Unit(mask, keys, weight, token, Meets.RUN))
        part = tokens[start:end]
        if all(word.kind is TokenKind.WORD for word in part):
            letters = "".join(word.text[:1] for word in part)
            found.append(Unit(mask, _exact(initials, letters), weight, token, Meets.ACRONYM))
    return found


def letters(unit_key: str) -> int:
    """The initials an acronym or initial key stands for."""
    return len(unit_key) - 1


def joined_tokens(name: PreparedName) -> list[Token]:
    """The joined tokens of a prepared name, in :func:`joined_spans` order."""
    by_mask = {
        run.mask: run.token
        for runs in itertools.chain(name.runs.values(), name.acronyms.values())
        for run in runs
    }
    return [by_mask[(1 << end) - (1 << start)] for start, end in joined_spans(name.tokens)]
