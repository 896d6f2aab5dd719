"""Similarity of two words of names, in 0..1, and how they met.

Words compare by text (typos), by phonetic key (romanisation variants) and, when one is
written without short vowels, by consonant frame (:mod:`watchkeeper.text.phonetic`).

A word compared with a word of another script (a Latin spelling against a Cyrillic or Arabic
original) is a romanisation of it, made by the spelling rules of some language: there each
word also counts with its other readings (:mod:`watchkeeper.text.readings`: "Chadi" read the
French way, "Генрих" with г as h).  Two words that share a phonetic key, or a consonant frame
when one is written without short vowels, under some reading of each meet as well as under
their own keys.  Two words that only come near under readings (an edit or more apart) are weak
evidence: they score at most :attr:`SimilarityParams.reading_near`, which supports a match of
the other words of a name but cannot make one.  Two words of one script compare by their own
keys only: two Latin spellings do not meet because the rules of some unrelated language
would make them sound alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz.distance import OSA

from watchkeeper.text.phonetic import consonant_frame, vowel_slots
from watchkeeper.text.readings import Readings, readings
from watchkeeper.text.scripts import Script
from watchkeeper.text.tokens import Token, TokenKind


class How(StrEnum):
    """Why two words of names were taken to be the same."""

    EXACT = "exact"
    SAME_CLASS = "same_class"
    """Equivalent particle, legal form or number ("bin"/"ibn", "OOO"/"LLC", "44"/"forty-four")."""
    PHONETIC = "phonetic"
    """Romanisation variant (same or near phonetic key)."""
    SOUND_ALIKE = "sound_alike"
    """Two spellings with their vowels (Latin, or Latin and Cyrillic ...) far apart in
    letters, of a short key ("Hiki" / "Khaki", "Ивас" / "Uways") or of keys an edit apart
    ("Камаюки" / "Kamali"): as like a chance resemblance as a variant; a name does not
    match on these alone."""
    TYPO = "typo"
    SCRIPT = "script"
    """Compared in their own (non-Latin) script."""
    SKELETON = "skeleton"
    """Compared by consonant frame (a word written without short vowels)."""
    READING = "reading"
    """Words of two scripts that meet under the spelling rules of another language."""
    INITIAL = "initial"
    MERGED = "merged"
    """Words split on one side and joined on the other ("Abdul Rahman" / "Abdulrahman")."""
    ACRONYM = "acronym"
    TRUNCATED = "truncated"
    """The last word of a name cut short by its field, and a listed word it starts ("qu" /
    "qurashi": :mod:`watchkeeper.match.truncation`)."""


@dataclass(frozen=True, slots=True)
class SimilarityParams:
    """How near-equal word forms score."""

    phonetic_equal: float = 0.95
    """Score of two different spellings with one phonetic key (or, across scripts, sharing
    a reading)."""
    edit_power: float = 1.5
    """Words ``d`` edits apart score ``1 - d ** edit_power / length``: one typo is forgiven
    in all but the shortest words, three only in very long ones."""
    key_edit_cost: float = 1.0
    """An edit between phonetic keys costs this many letter edits."""
    edit_costs: tuple[float, ...] = field(init=False, repr=False, compare=False)
    """``d ** edit_power`` for small ``d``, computed once."""

    def __post_init__(self) -> None:
        costs = tuple(edits**self.edit_power for edits in range(MAX_EDITS + 2))
        object.__setattr__(self, "edit_costs", costs)

    informative_consonants: int = 3
    """Consonants a phonetic key needs for two spellings with their vowels, far apart in
    letters, to be a variant by their key alone (fewer: :attr:`How.SOUND_ALIKE`)."""
    near_key_bonus: float = 0.3
    """Most that nearly equal phonetic keys add to the spelling similarity of two Latin
    spellings: when both sound and spelling differ ("Siegler" / "Zakir", "Rieding" /
    "Trading") the words are merely alike.  Chosen on name_bench's fit half (0.2 / 0.3 /
    0.4: fit-half F1 0.887 / 0.888 / 0.885); across scripts keys are all there is."""
    skeleton_equal: float = 0.92
    """Score of an equal consonant frame of three consonants or more when one word was
    written without vowels."""
    two_consonant_skeleton: float = 0.86
    """... when that frame has two ("Omar" / "عمر"): many more names share a frame of two
    consonants than one of three ("Winai" and "فاين" share FN), so it is weaker evidence;
    halfway to :attr:`short_skeleton`."""
    short_skeleton: float = 0.8
    """... when that frame has a single consonant ("Ali" / "علي")."""
    reading_near: float = 0.7
    """Most that two words of two scripts score when they only come near (and do not meet)
    under other readings: a guess at the language stacked on an edit.  Just above the floor
    of :class:`~watchkeeper.match.names.NameParams` (0.65), so that it still counts as the
    same word, and low enough that a two-word name whose other word matches exactly stays
    below the default threshold (0.57 < 0.58)."""


_LATIN = frozenset({Script.LATIN, Script.COMMON})
_NOT_LATIN = frozenset(Script) - _LATIN
MAX_EDITS = 8
"""Edit distances are computed up to this bound (one more: farther); beyond it words are
different anyway."""


def _skeleton_similarity(a: Token, b: Token, params: SimilarityParams) -> float:
    """How alike the consonant frames of two words are."""
    if not a.skeleton or not b.skeleton:
        return 0.0
    frame_a, frame_b = consonant_frame(a.key, a.skeleton), consonant_frame(b.key, b.skeleton)
    if frame_a == frame_b:
        vowels_a, vowels_b = vowel_slots(a.key, a.skeleton), vowel_slots(b.key, b.skeleton)
        unmatched = _unmatched_long_vowels(a, vowels_a, b, vowels_b)
        return _equal_frame_similarity(len(a.skeleton), len(frame_a), unmatched, params)
    return OSA.normalized_similarity(frame_a, frame_b) * params.skeleton_equal


def _unmatched_long_vowels(a: Token, vowels_a: int, b: Token, vowels_b: int) -> int:
    """The long vowels that a word in Arabic script writes where a word in another script
    with the same consonants has no vowel (``vowels_*`` are their :func:`vowel_slots`).
    Arabic script leaves short vowels out but writes long ones, and a Latin spelling of the
    same word has a vowel there too: "شناك" (sh-n-a-k) is not "Saeng", nor "هوزي" "Hiz"."""
    if a.script is Script.ARABIC and not b.vowelless:
        return (vowels_a & ~vowels_b).bit_count()
    if b.script is Script.ARABIC and not a.vowelless:
        return (vowels_b & ~vowels_a).bit_count()
    return 0


def _equal_frame_similarity(
    consonants: int, frame_length: int, unmatched_vowels: int, params: SimilarityParams
) -> float:
    """What two words with one consonant frame score: each long vowel one of them writes
    where the other has none counts as an edit of the frame."""
    if consonants < 2:
        equal = params.short_skeleton
    elif consonants == 2:
        equal = params.two_consonant_skeleton
    else:
        equal = params.skeleton_equal
    return equal * (1 - unmatched_vowels / frame_length)


def _spelling_similarity(a: Token, b: Token, params: SimilarityParams) -> tuple[float, How]:
    """Similarity of two words as spelled: frames when one was written without short
    vowels, else the nearer of text (typos) and phonetic key (romanisation variants).

    Spellings far apart (:func:`_far_apart`) whose keys are equal but short, or (a Latin
    and a romanised one) an edit apart, only sound alike: "Hiki" / "Khaki", "Камаюки" /
    "Kamali".  (Two Latin spellings whose keys differ score little above their letters'
    similarity: :attr:`SimilarityParams.near_key_bonus`; the candidate search relies on it,
    see :func:`~watchkeeper.match.blocking.spelled_likeness`.)"""
    if a.vowelless or b.vowelless:
        return _skeleton_similarity(a, b, params), How.SKELETON
    if a.key == b.key and not _short_key(a, b, params):
        return params.phonetic_equal, How.PHONETIC
    longest = max(len(a.text), len(b.text))
    costs = params.edit_costs
    text_edits = OSA.distance(a.text, b.text, score_cutoff=MAX_EDITS)
    key_edits = OSA.distance(a.key, b.key, score_cutoff=MAX_EDITS)
    text_similarity = 1.0 - costs[text_edits] / longest
    key_similarity = params.phonetic_equal - costs[key_edits] * params.key_edit_cost / longest
    if key_edits and a.script in _LATIN and b.script in _LATIN:
        key_similarity = min(key_similarity, text_similarity + params.near_key_bonus)
    if key_similarity <= text_similarity:
        return text_similarity, How.TYPO
    near_keys = key_edits > 0 and (a.script in _LATIN) is not (b.script in _LATIN)
    if _far_apart(a, b, text_edits) and (_short_key(a, b, params) or near_keys):
        return key_similarity, How.SOUND_ALIKE
    return key_similarity, How.PHONETIC


def _short_key(a: Token, b: Token, params: SimilarityParams) -> bool:
    """Whether two words written with their vowels (Latin, Cyrillic, Greek ... spellings;
    not a script that leaves short vowels out) have a key too short to be evidence on its
    own: their consonants alone then meet by chance."""
    return (
        not (a.vowelless or b.vowelless)
        and min(len(a.skeleton), len(b.skeleton)) < params.informative_consonants
    )


def _shared_frame_similarity(
    a: Token, readings_a: Readings, b: Token, readings_b: Readings, params: SimilarityParams
) -> float:
    """The best of the consonant frames two words share under their readings."""
    best = 0.0
    for frame, shape_a in readings_a.frames.items():
        shape_b = readings_b.frames.get(frame)
        if shape_b is not None:
            unmatched = _unmatched_long_vowels(a, shape_a.vowels, b, shape_b.vowels)
            similarity = _equal_frame_similarity(shape_a.consonants, len(frame), unmatched, params)
            best = max(best, similarity)
    return best


def _reading_similarity(a: Token, b: Token, params: SimilarityParams, own: float) -> float:
    """What two words of two scripts score under their readings (see the module docs); 0
    when that cannot beat ``own``, their similarity as spelled."""
    readings_a = readings(a.text, a.original, a.key)
    readings_b = readings(b.text, b.original, b.key)
    if a.vowelless or b.vowelless:
        return _shared_frame_similarity(a, readings_a, b, readings_b, params)
    if not readings_a.key_set.isdisjoint(readings_b.key_set):
        return params.phonetic_equal
    if own >= params.reading_near:
        return 0.0
    fewest = MAX_EDITS + 1
    for key_a in readings_a.keys:
        for key_b in readings_b.keys:
            fewest = min(fewest, OSA.distance(key_a, key_b, score_cutoff=fewest - 1))
            if fewest == 1:
                break
    longest = max(len(a.text), len(b.text))
    near = params.phonetic_equal - params.edit_costs[fewest] * params.key_edit_cost / longest
    return min(near, params.reading_near)


def _reading_how(a: Token, b: Token, params: SimilarityParams) -> How:
    """How two words that meet under a reading met: as sounding alike when their key is
    short and their spellings far apart ("Ивас" / German "Uways": :func:`_far_apart`)."""
    if _short_key(a, b, params) and _far_apart(a, b):
        return How.SOUND_ALIKE
    return How.READING


def _far_apart(a: Token, b: Token, text_edits: int | None = None) -> bool:
    """Whether two spellings differ by more than a variant does: two Latin spellings by two
    letters or more, a romanised word and a Latin one by three (a romanisation writes one
    letter of its script with two Latin ones: "Жора" is "zhora", and "Jora" is it), or by
    two when the shorter has no more than three letters ("Тиг" / "Tos")."""
    apart = 2 if a.script in _LATIN and b.script in _LATIN else 3
    apart = min(apart, max(2, min(len(a.text), len(b.text)) - 1))
    if text_edits is None:
        text_edits = OSA.distance(a.text, b.text, score_cutoff=apart)
    return text_edits >= apart


def word_similarity(
    a: Token, b: Token, params: SimilarityParams, readings_across_scripts: bool = True
) -> tuple[float, How]:
    """Similarity of two ordinary words (or merged runs of words).

    With ``readings_across_scripts``, words of two scripts also meet under their other
    readings (see the module docs); runs of words joined into one compare without them,
    which would make them meet too much by chance.
    """
    if a.script is b.script and a.script in _NOT_LATIN:
        if a.original == b.original:
            return 1.0, How.EXACT
        return OSA.normalized_similarity(a.original, b.original), How.SCRIPT
    if a.text == b.text:
        return 1.0, How.EXACT
    similarity, how = _spelling_similarity(a, b, params)
    if readings_across_scripts and (a.script in _LATIN) is not (b.script in _LATIN):
        best = params.skeleton_equal if a.vowelless or b.vowelless else params.phonetic_equal
        if similarity < best:
            by_reading = _reading_similarity(a, b, params, similarity)
            if by_reading > similarity:
                return by_reading, _reading_how(a, b, params)
    return similarity, how


def token_similarity(
    a: Token, b: Token, params: SimilarityParams, readings_across_scripts: bool = True
) -> tuple[float, How]:
    """Similarity of two tokens of any kind; 0 when they cannot stand for each other (see
    :func:`word_similarity` for ``readings_across_scripts``)."""
    kind_a, kind_b = a.kind, b.kind
    if kind_a is TokenKind.WORD and kind_b is TokenKind.WORD:
        return word_similarity(a, b, params, readings_across_scripts)
    if kind_a is kind_b:
        if a.text == b.text:
            return 1.0, How.EXACT
        return (1.0, How.SAME_CLASS) if a.canon == b.canon else (0.0, How.EXACT)
    if kind_a is TokenKind.INITIAL or kind_b is TokenKind.INITIAL:
        initial, other = (a, b) if kind_a is TokenKind.INITIAL else (b, a)
        if other.kind is TokenKind.WORD and other.text[0] == initial.text:
            return 1.0, How.INITIAL
        return 0.0, How.INITIAL
    if (kind_a is TokenKind.WORD and b.spelled_like_a_word) or (
        kind_b is TokenKind.WORD and a.spelled_like_a_word
    ):
        return OSA.normalized_similarity(a.key, b.key) * params.phonetic_equal, How.TYPO
    return 0.0, How.EXACT
