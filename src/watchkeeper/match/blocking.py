"""Blocking keys: what the parts of a name are filed under in the candidate index.

A name is cut into *units*, each a way its tokens may meet the tokens of another name in
:func:`~watchkeeper.match.names.compare_names`:

- its words (and legal forms), by their spelling: its romanised text, its phonetic key and
  its consonant skeleton, each also with characters deleted (symmetric deletion: two words
  a typo apart share a text with one letter deleted); one from 3 letters (2 sounds, 4
  consonants), two from 9 letters (7 for sounds), as long words two edits apart are
  still alike.  A word
  of another script than Latin is also filed as written (two words of one such script
  compare by their letters), and a long word by its first sounds.  Skeletons matter only
  when one of two words is written without short vowels (Arabic, Hebrew): listed ones are
  filed apart by whether their word has vowels, and a query word looks up the other file.
  Its phonetic keys (or consonant frames) under its other readings
  (:mod:`~watchkeeper.text.readings`) are filed apart for Latin words and words of other
  scripts: a query word looks up those of the other kind only, as readings count only
  between two scripts;
- runs of two or three adjacent tokens joined into one word (split / merge: "Abdul Rahman"
  / "Abdulrahman"), by their text as written (a query's also with a letter deleted, two
  from 9 letters: "Abd Allah" / "Abdallah") and
  the variants of their sounds; a run and a word may be a letter apart whatever keys they
  met under (:func:`run_likeness`);
- acronyms: a short word as the initials of two to four words ("PLA" / "People's
  Liberation Army");
- initials: a word by its first letter, to meet an initial of the other name;
- the other tokens (particles, legal forms, titles, numbers, initials) by their class.

A key is a prefix that says what it is made of, a text and the characters deleted from it
(:mod:`~watchkeeper.match.hashing` hashes the variants); how many each of two words
deleted to make the key they share tells how alike they can be (:data:`_LIKENESS`).  A
unit of a query name looks up the keys of its own kind (a short query word the initials
of listed runs, and so on).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from enum import IntEnum
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from watchkeeper.match.hashing import KeySpec
from watchkeeper.match.names import PreparedName, joined_spans
from watchkeeper.match.postings import Ints
from watchkeeper.match.tokensim import SimilarityParams
from watchkeeper.text.readings import readings
from watchkeeper.text.scripts import Script
from watchkeeper.text.tokens import Token, TokenKind

TEXT = "t"
"""Words (and joined runs) as written, and with letters deleted."""
KEY = "k"
"""Phonetic keys of words (and of joined runs), and with sounds deleted."""
SKELETON = "s"
"""Skeletons of listed words written with vowels (looked up by words written without)."""
VOWELLESS = "v"
"""Skeletons of listed words written without short vowels (looked up by the others)."""
_START = "f"
"""The first sounds of a long word: variants of a long word's end ("Aleksandrov",
"Aleksandrovich") are alike, more than one edit apart."""
_ORIGINAL = "o"
"""Words of other scripts than Latin as written, and with letters deleted: two words of
one such script compare by their letters, whatever their romanisations."""
_LATIN_READINGS = ("r", "R")
"""Phonetic keys and consonant frames of listed Latin words under each of their readings
(:mod:`~watchkeeper.text.readings`), looked up by the readings of query words of other
scripts: readings count only between a Latin word and a word of another script."""
_OTHER_READINGS = ("q", "Q")
"""The same of listed words of other scripts, looked up by the readings of Latin query words."""
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
_MIN_TWO_LETTERS = 9
"""Letters a word needs before its texts with two letters deleted are keys: two letters
apart, words are alike only if the longer has 9 letters or more ("Fouation" / "Foundation"),
and a shorter word is then at most one deletion from a text they share."""
_MIN_TWO_SOUNDS = 7
"""Letters a word needs before its phonetic keys with two sounds deleted are keys: two
sounds apart, words are alike only if the longer has 10 letters or more ("Volodimirovich" /
"Vladimirovich"); sounds of a few letters ("shch") let the shorter have 7."""
_MIN_SKELETON_DELETION = 4
_MIN_ORIGINAL_DELETIONS = (3, 6)
"""Letters a word of another script needs before its one-letter deletions are keys, and
its two-letter deletions (two edits apart, such words are alike from 6 letters on)."""
_MAX_ACRONYM = 4
_START_LENGTH = 6
"""Sounds of the start of a longer word that are a key of their own."""
MAX_RUN = 3
"""Tokens a joined run has at most."""


class Space(IntEnum):
    """What keys are made of; with how many characters each of two words deleted to make
    the key they share, it tells how alike they can be (:data:`_LIKENESS`)."""

    TEXT = 0
    KEY = 1
    SKELETON = 2
    START = 3
    ORIGINAL = 4
    EXACT = 5
    """Initials, acronyms, classes: as they are."""


class Meets(IntEnum):
    """How a unit meets the units of another name."""

    SPELLING = 0
    """A word, legal form or number written as a word, by its spelling keys."""
    RUN = 1
    """Tokens joined into one word, by its spelling keys: they meet single words."""
    ACRONYM = 2
    """Short word and initials of a run: one stands for the other."""
    INITIAL = 3
    """An initial and a word that starts with it."""
    CLASS = 4
    """Particles, legal forms, titles, numbers ... of one class."""


SPELLED = (Meets.SPELLING, Meets.RUN)
"""Units whose entries are listed tokens, met by how alike they are."""
TALLIED = frozenset({Meets.SPELLING, Meets.RUN, Meets.ACRONYM})
"""Units a listed name's own bound counts (it counts the others optimistically anyway); the
index keeps, for each listed name, the entries of its own units of these kinds."""


class Unit(NamedTuple):
    """A way the tokens at some positions of a name meet another name, and its keys."""

    mask: int
    """Positions of its tokens (adjacent)."""
    keys: tuple[KeySpec, ...]
    """Its keys, each with the characters its variants may delete (none for the words and
    runs of a query name: see :func:`query_keys`)."""
    weight: float
    """The weight of its tokens together."""
    token: Token
    """The token, or the tokens joined."""
    meets: Meets


def _most_deletions(length: int, one: int, two: int) -> int:
    """Deletions the variants of a text of ``length`` characters may make: none below
    ``one`` characters, one below ``two``, else two."""
    return 2 if length >= two else 1 if length >= one else 0


SpacedKeys = tuple[tuple[KeySpec, ...], tuple[Space, ...]]
"""Keys, and the :class:`Space` of each."""


@lru_cache(maxsize=1 << 16)
def _word_keys(token: Token, own_script: bool, joined: bool, listed: bool) -> SpacedKeys:
    """The keys of a word of a listed name (``listed``) or of a query name, or of a run of
    its tokens ``joined`` into one word (taken as written, but for its sounds and, on the
    query side, a letter deleted, two from 9 letters; on the listed side its skeleton too).
    A word looks up the skeletons of listed words written the other way (with or without
    short vowels)."""
    text, key, skeleton = token.text, token.key, token.skeleton
    if joined:
        most = 0 if listed else _most_deletions(len(text), 1, _MIN_TWO_LETTERS)
    else:
        most = _most_deletions(len(text), _MIN_TEXT_DELETION, _MIN_TWO_LETTERS)
    keys: list[tuple[KeySpec, Space]] = [((TEXT, text, most), Space.TEXT)]
    if own_script and not joined:
        most = _most_deletions(len(token.original), *_MIN_ORIGINAL_DELETIONS)
        keys.append(((_ORIGINAL, token.original, most), Space.ORIGINAL))
    if not token.vowelless:
        long = not joined and len(text) >= _MIN_TWO_SOUNDS
        most = 2 if long else 1 if len(key) >= _MIN_KEY_DELETION else 0
        keys.append(((KEY, key, most), Space.KEY))
        if len(key) > _START_LENGTH:
            keys.append(((_START, key[:_START_LENGTH], 0), Space.START))
    if skeleton:
        prefix = VOWELLESS if token.vowelless == listed else SKELETON
        shortest = len(skeleton) + 1 if joined and listed else _MIN_SKELETON_DELETION
        most = 1 if len(skeleton) >= shortest else 0
        keys.append(((prefix, skeleton, most), Space.SKELETON))
    if not joined:
        keys.extend(_reading_keys(token, own_script, listed))
    return tuple(spec for spec, _ in keys), tuple(space for _, space in keys)


def _reading_keys(token: Token, own_script: bool, listed: bool) -> list[tuple[KeySpec, Space]]:
    """The keys of a word under its readings, filed (or looked up) apart for Latin words
    and words of other scripts, so that only words of two scripts meet by them: phonetic
    keys (with a sound deleted: words a sound apart under readings are near) when neither
    of two words is written without short vowels, else consonant frames (as
    :func:`~watchkeeper.match.tokensim.word_similarity` compares them)."""
    key_prefix, frame_prefix = _LATIN_READINGS if own_script != listed else _OTHER_READINGS
    read = readings(token.text, token.original, token.key)
    found: list[tuple[KeySpec, Space]] = []
    if not token.vowelless:
        found.extend(
            ((key_prefix, key, 1 if len(key) >= _MIN_KEY_DELETION else 0), Space.KEY)
            for key in read.keys
        )
    if token.vowelless or not own_script:
        found.extend(((frame_prefix, frame, 0), Space.SKELETON) for frame in read.frames)
    return found


def _spelling_keys(token: Token, listed: bool, joined: bool = False) -> tuple[KeySpec, ...]:
    """Blocking keys of a word of a listed name (``listed``), or of a run of its tokens
    ``joined``.  None for a word of a query name: it looks up :func:`query_keys`."""
    if not listed:
        return ()
    return _word_keys(token, token.script not in _LATIN, joined, True)[0]


def query_keys(token: Token, joined: bool = False) -> SpacedKeys:
    """The keys a word of a query name (a run of its tokens ``joined``) looks up, and the
    :class:`Space` of each."""
    return _word_keys(token, token.script not in _LATIN, joined, False)


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
    """One phonetic key."""
    SOUNDS = 4
    """One sound apart, more than one letter: by the longer word's length."""
    SKELETON = 5
    """One consonant skeleton at best."""
    TWO = 6
    """Two letters and two sounds apart at least (closer words meet under other keys)."""


_ANY, _LONGER, _LETTER, _SOUND, _SOUNDS, _SKELETON, _TWO = Likeness
_LIKENESS = np.array(
    [
        [[_ANY, _LONGER, _TWO], [_LETTER, _LETTER, _TWO], [_TWO, _TWO, _TWO]],
        [[_SOUND, _SOUNDS, _TWO], [_SOUNDS, _SOUNDS, _TWO], [_TWO, _TWO, _TWO]],
        [[_SKELETON] * 3] * 3,
        [[_TWO] * 3] * 3,
        [[_ANY] * 3] * 3,
        [[_ANY] * 3] * 3,
    ],
    dtype=np.uint8,
)
"""The :class:`Likeness` of two words that share a key of each :class:`Space`, by the
characters the query word and the listed word deleted to make it: one letter apart when
neither deleted more than one, and so on; two apart when either deleted two (had they been
closer, they would share a key with fewer deletions)."""


def likeness_kinds(
    spaces: npt.NDArray[np.integer[Any]],
    query_deleted: npt.NDArray[np.integer[Any]],
    listed_deleted: npt.NDArray[np.integer[Any]],
) -> npt.NDArray[np.uint8]:
    """The :class:`Likeness` of query words and listed words that met under keys of these
    spaces, made with these deletions."""
    found: npt.NDArray[np.uint8] = _LIKENESS[spaces, query_deleted, listed_deleted]
    return found


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


def run_likeness(
    alike: npt.NDArray[np.float64], lengths: Ints, listed_lengths: Ints, params: SimilarityParams
) -> npt.NDArray[np.float64]:
    """:func:`likeness` of a joined run and a word: listed runs are filed without letters
    deleted, so such a pair may be a letter apart whatever keys it met under."""
    longest = np.maximum(np.maximum(lengths, listed_lengths), 1)
    return np.maximum(alike, 1 - params.edit_costs[1] / longest)


def spelled_likeness(
    text_edits: npt.NDArray[np.integer[Any]], longest: Ints, params: SimilarityParams
) -> npt.NDArray[np.float64]:
    """The most two Latin words whose phonetic keys differ can be alike, ``text_edits``
    apart by their letters (optimal string alignment, up to :data:`~watchkeeper.match.
    tokensim.MAX_EDITS` and one more for farther) with ``longest`` letters in the longer:
    their letters' similarity, and :attr:`~watchkeeper.match.tokensim.SimilarityParams.
    near_key_bonus` above it for keys a sound or two apart (see :func:`~watchkeeper.match.
    tokensim.word_similarity`).  Their keys alone tell much less: "Hansen" and "Jensen" are a
    sound apart, so are "Borisov" and "Morozov"."""
    costs = np.array(params.edit_costs)
    alike: npt.NDArray[np.float64] = 1 - costs[text_edits] / longest + params.near_key_bonus
    return alike


def letter_mask(text: str) -> int:
    """The letters of a text as bits (a letter's code point modulo 64), for
    :func:`fewest_edits`."""
    mask = 0
    for letter in text:
        mask |= 1 << (ord(letter) & 63)
    return mask


def fewest_edits(
    letters: npt.NDArray[np.uint64],
    listed_letters: npt.NDArray[np.uint64],
    lengths: Ints,
    listed_lengths: Ints,
) -> Ints:
    """The fewest edits two texts of these :func:`letter_mask` and lengths can be apart: a
    letter one has and the other lacks needs an edit of its own (a mask bit one has and the
    other lacks is at least one such letter), and so does each letter one is longer by."""
    missing = np.bitwise_count(letters & ~listed_letters)
    extra = np.bitwise_count(listed_letters & ~letters)
    fewest: Ints = np.maximum(np.maximum(missing, extra), np.abs(lengths - listed_lengths))
    return fewest


def far_length(similarity: SimilarityParams, floor: float) -> int:
    """Letters the longer of two words needs before they may be alike above ``floor`` when
    they share a key only with two characters deleted, or only by their first sounds
    (:attr:`Likeness.TWO`); 65,536 if never."""
    lengths = np.arange(1, 1 << 16)
    kinds = np.full(len(lengths), Likeness.TWO, dtype=np.uint8)
    alike = np.flatnonzero(likeness(kinds, lengths, lengths, similarity) > floor)
    return int(lengths[alike[0]]) if len(alike) else 1 << 16


def reaches_far(meets: Meets, token: Token | None, far: int) -> bool:
    """Whether a unit (or an entry) may be alike above the floor to the words it shares
    a key with only as :attr:`Likeness.TWO` whatever their length: it is not compared by
    its keys' likeness (exact keys, tokens that are not words, words of another script than
    Latin, which compare as written), it is a run (:func:`run_likeness`), or it has ``far``
    letters or more.  Two units that reach only what is near never meet under such keys
    (:class:`~watchkeeper.match.postings.Band`)."""
    return (
        token is None
        or meets is not Meets.SPELLING
        or token.kind is not TokenKind.WORD
        or token.script not in _LATIN
        or len(token.text) >= far
    )


_TABLED = 64
"""Lengths below which :class:`LikenessTable` looks :func:`likeness` up."""


class LikenessTable:
    """:func:`likeness` of every :class:`Likeness` kind and pair of lengths below
    :data:`_TABLED`, computed once and looked up (computed for longer words)."""

    def __init__(self, params: SimilarityParams) -> None:
        self.params = params
        kinds, lengths, listed = np.indices((len(Likeness), _TABLED, _TABLED)).reshape(3, -1)
        table = likeness(kinds.astype(np.uint8), lengths, listed, params)
        self._table = table.reshape(len(Likeness), _TABLED, _TABLED)

    def __call__(
        self, kinds: npt.NDArray[np.uint8], lengths: Ints, listed_lengths: Ints
    ) -> npt.NDArray[np.float64]:
        """:func:`likeness` of these kinds and lengths."""
        if len(kinds) and max(lengths.max(), listed_lengths.max()) >= _TABLED:
            return likeness(kinds, lengths, listed_lengths, self.params)
        found: npt.NDArray[np.float64] = self._table[kinds, lengths, listed_lengths]
        return found


def _exact(prefix: str, text: str) -> tuple[KeySpec, ...]:
    return ((prefix, text, 0),)


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
        if token.kind is TokenKind.WORD or token.spelled_like_a_word:
            keys = _spelling_keys(token, listed)
            found.append(Unit(mask, keys, weight, token, Meets.SPELLING))
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
            keys = _spelling_keys(token, listed, joined=True)
            found.append(Unit(mask, keys, weight, token, Meets.RUN))
        part = tokens[start:end]
        if all(word.kind is TokenKind.WORD for word in part):
            letters = "".join(word.text[:1] for word in part)
            found.append(Unit(mask, _exact(initials, letters), weight, token, Meets.ACRONYM))
    return found


def joined_tokens(name: PreparedName) -> list[Token]:
    """The joined tokens of a prepared name, in :func:`joined_spans` order."""
    by_mask = {
        run.mask: run.token
        for runs in itertools.chain(name.runs.values(), name.acronyms.values())
        for run in runs
    }
    return [by_mask[(1 << end) - (1 << start)] for start, end in joined_spans(name.tokens)]
