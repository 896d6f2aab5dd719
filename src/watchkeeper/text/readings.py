"""Other readings of a written word: its phonetic keys when read by the spelling rules of
the languages it may come from.

A Latin-script name keeps the spelling of its language: French "Chadi" is the English
"Shadi", German "Hendrich" writes with "ch" the sound Russian writes "х", Polish "Stobnica"
has a "ts", Spanish "Rojas" a "kh".  A transliteration into another script follows the
sound.  So a Latin word is also read by the rules of each language of
:mod:`~watchkeeper.text.spelling`, and as Russian writes Japanese and Chinese names when it is
made of their syllables (:mod:`~watchkeeper.text.syllables`).

A Cyrillic word is also read with г as h (Russian writes a foreign h as г, Ukrainian says it)
and with an initial е as "ye".  An Arabic-script word is also read with a waw next to an
alef as the consonant w ("Marwan", "Salwa") and a final ta marbuta as t (the construct state:
"Hayat", "Hay'at"), and the Persian and Turkish way, where ذ ض ظ are z and ث is s ("Reza",
"Zakir", "Osman").

A word keeps the key it has; its readings only add keys for it to meet others by, and only
a word of another script (:mod:`watchkeeper.match.tokensim`): a transliteration is made by
sound, but two Latin spellings read by the rules of unrelated languages meet by chance.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from watchkeeper.text.phonetic import (
    arabic_script_key,
    consonant_frame,
    consonant_skeleton,
    phonetic_key,
    vowel_slots,
)
from watchkeeper.text.scripts import Script, dominant_script
from watchkeeper.text.spelling import LANGUAGES
from watchkeeper.text.syllables import japanese_reading, pinyin_reading
from watchkeeper.text.translit import ascii_letters


def latin_readings(word: str) -> list[str]:
    """A lower-case Latin-script word (diacritics kept) respelled by the rules of each
    language, and as Russian writes Japanese and Chinese syllables when it is made of them."""
    readings = [respell(word) for respell in LANGUAGES]
    for reading in (japanese_reading(word), pinyin_reading(word)):
        if reading is not None:
            readings.append(reading)
    return readings


_CYRILLIC_H = str.maketrans({"г": "х"})
_CYRILLIC_YE = {"е": "йе", "ё": "йо"}


def cyrillic_readings(word: str) -> list[str]:
    """A lower-case Cyrillic word read with г as h, and with an initial е as "ye"."""
    readings = [word.translate(_CYRILLIC_H)]
    if word[:1] in _CYRILLIC_YE:
        readings.append(_CYRILLIC_YE[word[0]] + word[1:])
    return readings


_WAW = "\u0648"
_VEH = "\u06a4"
_TEH = "\u062a"
_TEH_MARBUTA = "\u0629"
_ALEFS = "\u0627\u0622\u0623\u0625\u0649"
_CONSONANT_WAW = re.compile(f"(?<=.)(?:(?<=[{_ALEFS}]){_WAW}|{_WAW}(?=[{_ALEFS}{_TEH_MARBUTA}]))")
"""A waw after the first letter that stands next to an alef (or before a ta marbuta)."""
_PERSIAN_LETTERS = str.maketrans({"ذ": "ز", "ض": "ز", "ظ": "ز", "ث": "س"})


def arabic_readings(word: str) -> list[str]:
    """An Arabic-script word with a waw next to an alef read as v (veh) and a final ta
    marbuta as t; that reading and the word itself read the Persian and Turkish way."""
    consonants = _CONSONANT_WAW.sub(_VEH, word)
    if consonants.endswith(_TEH_MARBUTA):
        consonants = consonants[:-1] + _TEH
    return [consonants, consonants.translate(_PERSIAN_LETTERS), word.translate(_PERSIAN_LETTERS)]


class Frame(NamedTuple):
    """What a consonant frame (:func:`~watchkeeper.text.phonetic.consonant_frame`) of a
    word's readings holds besides its letters."""

    consonants: int
    vowels: int
    """The consonants a vowel follows under any of the readings with this frame
    (:func:`~watchkeeper.text.phonetic.vowel_slots`)."""


class Readings(NamedTuple):
    """The phonetic keys of a word under each of its readings (its own key first, no key
    twice, and as a set), and their consonant frames."""

    keys: tuple[str, ...]
    key_set: frozenset[str]
    frames: Mapping[str, Frame]


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _keys(spellings: list[str]) -> list[str]:
    """The phonetic keys of respelled words (each spelling once)."""
    return [phonetic_key(ascii_letters(spelling)) for spelling in dict.fromkeys(spellings)]


def _reading_keys(text: str, original: str, key: str) -> list[str]:
    """The keys of the other readings of a word, read in the script it is written in; a
    word that is not all of what was written (a part of a compound, a word with digits for
    letters) is read from its romanisation, if that is Latin."""
    script = dominant_script(original)
    if script is Script.ARABIC:
        if arabic_script_key(original) != key:
            return []
        return [arabic_script_key(reading) for reading in arabic_readings(original)]
    latin = script in (Script.LATIN, Script.COMMON)
    if ascii_letters(original) != text:
        return _keys(latin_readings(text)) if latin else []
    if script is Script.CYRILLIC:
        return _keys(cyrillic_readings(original))
    return _keys(latin_readings(original)) if latin else []


@lru_cache(maxsize=1 << 16)
def readings(text: str, original: str, key: str) -> Readings:
    """The keys of a word under each of its readings: ``text`` is the word romanised,
    ``original`` as written, ``key`` its phonetic key."""
    keys = _unique([key, *_reading_keys(text, original, key)])
    frames: dict[str, Frame] = {}
    for each in keys:
        skeleton = consonant_skeleton(each)
        if skeleton:
            frame = consonant_frame(each, skeleton)
            known = frames.get(frame, Frame(len(skeleton), 0))
            frames[frame] = known._replace(vowels=known.vowels | vowel_slots(each, skeleton))
    return Readings(keys, frozenset(keys), frames)
