"""Keys of a romanised word that survive differences between romanisation systems.

The phonetic key maps letters to sound classes: every vowel (and ``y``/``w``/``j`` where
they stand for a vowel) to ``A``; ``q``/``k``/``g``/hard ``c`` to ``K``; ``s``/``z``/``ts``
to ``S``; ``ch``/``j``/``zh``/``dj``/``dz`` and Polish ``cz``/``rz`` to ``J``; ``kh`` to
``H``; ``ph`` to ``F``; ``dh`` to ``D``; ``th`` to ``T``; doubled letters count once.  So
Mohammed / Muhammad / Mohamad, Qadhafi / Gaddafi / Kadafi, Yusuf / Yousef, Hussein / Husayn
and Zelenskyy / Selenskyj each share one key.

The consonant skeleton is the key without its vowels: the only part of a word that scripts
without short vowels (Arabic, Hebrew) write down reliably.  It also merges the consonant
pairs Arabic script has one letter for (p/b, v/f, g/j).  The consonant frame is the skeleton
with a mark for a word that starts with a vowel, which those scripts do write; its vowel
slots are the consonants a vowel follows, as those scripts write long vowels.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby

_VOWELS = frozenset("aeiouy")
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("shch", "S"),
    ("tsch", "J"),
    ("sch", "S"),
    ("dzh", "J"),
    ("tch", "J"),
    ("sh", "S"),
    ("ch", "J"),
    ("zh", "J"),
    ("dj", "J"),
    ("dz", "J"),
    ("cz", "J"),
    ("rz", "J"),
    ("sz", "S"),
    ("kh", "H"),
    ("gh", "K"),
    ("ph", "F"),
    ("th", "T"),
    ("dh", "D"),
    ("ts", "S"),
    ("tz", "S"),
    ("ck", "K"),
)
_LETTERS: dict[str, str] = {
    "a": "A",
    "e": "A",
    "i": "A",
    "o": "A",
    "u": "A",
    "b": "B",
    "p": "P",
    "f": "F",
    "v": "V",
    "d": "D",
    "t": "T",
    "l": "L",
    "r": "R",
    "m": "M",
    "n": "N",
    "h": "H",
    "k": "K",
    "q": "K",
    "g": "K",
    "s": "S",
    "z": "S",
}
VOWEL_CLASS = "A"
_SLAVIC_W_SUFFIXES = ("ski", "ska", "icz", "ic")
"""Polish -owski, -ewicz ...: there the w is a v."""


def _is_vowel(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index] in _VOWELS


def _letter_class(text: str, index: int) -> str:
    """The class of the single letter at ``index`` (context decides c, x, y, w, j)."""
    char = text[index]
    mapped = _LETTERS.get(char)
    if mapped is not None:
        return mapped
    before_vowel = _is_vowel(text, index + 1)
    if char == "c":
        return "S" if index + 1 < len(text) and text[index + 1] in "eiy" else "K"
    if char == "x":
        return "S" if index == 0 else "KS"
    if char == "y":
        return "Y" if index == 0 and before_vowel else VOWEL_CLASS
    if char == "w":
        after_consonant = index > 0 and not _is_vowel(text, index - 1)
        slavic = text.startswith(_SLAVIC_W_SUFFIXES, index + 1)
        return "V" if index == 0 or slavic or (after_consonant and before_vowel) else VOWEL_CLASS
    if char == "j":
        return VOWEL_CLASS if _is_vowel(text, index - 1) and not before_vowel else "J"
    return char if char.isdigit() else ""


_FIXED_CLASSES = dict(_DIGRAPHS) | _LETTERS
"""Classes of the digraphs and of the letters whose class does not depend on context."""
_SOUNDS = re.compile("|".join(digraph for digraph, _ in _DIGRAPHS) + "|.", re.DOTALL)
"""A digraph (the first of ``_DIGRAPHS`` that fits) or else a single letter."""


def _collapse(symbols: str) -> str:
    """Runs of one symbol count once."""
    return "".join(symbol for symbol, _ in groupby(symbols))


@lru_cache(maxsize=1 << 16)
def phonetic_key(word: str) -> str:
    """The sound-class key of a lower-case ASCII word (see the module docstring)."""
    word = _collapse(word)
    classes = [
        _FIXED_CLASSES.get(sound.group()) or _letter_class(word, sound.start())
        for sound in _SOUNDS.finditer(word)
    ]
    return _drop_final_h(_collapse("".join(classes)))


def _drop_final_h(key: str) -> str:
    """A word-final h after a vowel is mostly silent (Fatimah / Fatima)."""
    return key[:-1] if len(key) > 1 and key.endswith("H") and key[-2] == VOWEL_CLASS else key


_ARABIC_CLASSES: dict[str, str] = dict(
    zip(
        "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيپچژکگیۀہھۃےۓٹڈڑںټځڅډړږښګڼۍې",
        "AAAAAAABATTJHHDDRSSSSDTSAKFKKLMNHAAAPJJKKAAHHAAATDRNTJSDRJSKNAA",
        strict=True,
    )
)
_ARABIC_CLASSES["ڤ"] = "V"
"""Veh: a v in foreign words (and in our reading of a waw as a consonant)."""
_ARABIC_WEAK = {"و": "V", "ي": "Y", "ی": "Y"}
_ARABIC_SKIP = frozenset("\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670")


@lru_cache(maxsize=1 << 14)
def arabic_script_key(word: str) -> str:
    """The phonetic key of a word in Arabic script, read letter by letter.

    Works on the letters themselves so that a pair such as seen + heh is not read as the
    digraph "sh"; waw and yeh are consonants only at the start of the word; teh + sheen is
    "ch" and teh + zain or seen "ts", as in foreign names; a final heh is a vowel ending
    ("Abduh", "Allah", "Wajih" lose it like their Latin spellings lose a final h).
    """
    if word.endswith("ه"):
        word = word[:-1] + "ة"
    classes: list[str] = []
    for char in word.replace("تش", "چ").replace("تز", "ز").replace("تس", "س"):
        if char in _ARABIC_SKIP:
            continue
        if not classes and char in _ARABIC_WEAK:
            classes.append(_ARABIC_WEAK[char])
        else:
            classes.append(_ARABIC_CLASSES.get(char, "A" if char in _ARABIC_WEAK else char))
    return _collapse_vowels("".join(classes))


def _collapse_vowels(key: str) -> str:
    """Runs of vowels count once; neighbouring consonants of one class stay apart (Arabic
    script writes no vowel between them, a Latin spelling does)."""
    return "".join(
        symbol
        for index, symbol in enumerate(key)
        if symbol != VOWEL_CLASS or key[index - 1 : index] != VOWEL_CLASS
    )


_ABJAD_MERGES = str.maketrans({VOWEL_CLASS: None, "P": "B", "V": "F", "J": "K"})


def consonant_skeleton(key: str) -> str:
    """A phonetic key without its vowels or a final h, with a final d read as t, and with
    the consonants that Arabic script spells alike in foreign names merged: p/b, v/f, j/g."""
    skeleton = key.translate(_ABJAD_MERGES).removesuffix("H")
    return skeleton[:-1] + "T" if skeleton.endswith("D") else skeleton


def vowel_slots(key: str, skeleton: str) -> int:
    """The consonants of ``skeleton`` (a phonetic key's) that a vowel follows in ``key``, as
    bits (bit i for the i-th).  In a word of a script without short vowels these are its
    long vowels, which a Latin spelling of the same word also has."""
    slots = 0
    consonant = -1
    for symbol in key:
        if symbol != VOWEL_CLASS:
            consonant += 1
        elif consonant >= 0:
            slots |= 1 << consonant
    return slots & ((1 << len(skeleton)) - 1)


def consonant_frame(key: str, skeleton: str) -> str:
    """The consonant skeleton of a phonetic key, after a vowel class if the word starts with
    a vowel: scripts that leave short vowels unwritten still write a word's first vowel (with
    an alef or an ain), so "Azali" is not "صالح" ("ASL" / "SL")."""
    return VOWEL_CLASS + skeleton if key.startswith(VOWEL_CLASS) else skeleton
