"""Romanisation: any word to lower-case ASCII Latin letters and digits.

Arabic-script words (Arabic, Persian, Urdu, Pashto) use our own letter table, since the
general-purpose tables drop the alef and the long vowels that the consonant skeleton relies
on.  Chinese and Korean names are split into surname and given name the way they are written
in Latin script ("习近平" -> "xi" + "jinping"); Korean surnames get their customary spelling.
Everything else (Cyrillic, Greek, kana, Hebrew, Indic, Latin with diacritics ...) goes through
``anyascii``.
"""

from __future__ import annotations

import re

from anyascii import anyascii

from watchkeeper.text.scripts import Script, dominant_script

_ARABIC_LETTERS: dict[str, str] = {
    "\u0621": "",  # hamza
    "\u0622": "a",  # alef madda
    "\u0623": "a",  # alef hamza above
    "\u0624": "u",  # waw hamza
    "\u0625": "i",  # alef hamza below
    "\u0626": "i",  # yeh hamza
    "\u0627": "a",  # alef
    "\u0628": "b",
    "\u0629": "a",  # teh marbuta
    "\u062a": "t",
    "\u062b": "th",
    "\u062c": "j",
    "\u062d": "h",
    "\u062e": "kh",
    "\u062f": "d",
    "\u0630": "dh",
    "\u0631": "r",
    "\u0632": "z",
    "\u0633": "s",
    "\u0634": "sh",
    "\u0635": "s",
    "\u0636": "d",
    "\u0637": "t",
    "\u0638": "z",
    "\u0639": "a",  # ain: written as a vowel or an apostrophe in Latin
    "\u063a": "gh",
    "\u0641": "f",
    "\u0642": "q",
    "\u0643": "k",
    "\u0644": "l",
    "\u0645": "m",
    "\u0646": "n",
    "\u0647": "h",
    "\u0648": "w",
    "\u0649": "a",  # alef maksura
    "\u064a": "y",
    "\u064b": "an",  # tanwin
    "\u064c": "un",
    "\u064d": "in",
    "\u064e": "a",  # fatha
    "\u064f": "u",  # damma
    "\u0650": "i",  # kasra
    "\u0652": "",  # sukun
    "\u0670": "a",  # superscript alef
    "\u0671": "a",  # alef wasla
    "\u0640": "",  # tatweel
    # Persian, Urdu and Pashto letters
    "\u067e": "p",
    "\u0686": "ch",
    "\u0698": "zh",
    "\u06a9": "k",
    "\u06af": "g",
    "\u06cc": "y",
    "\u06c0": "a",
    "\u06c1": "h",
    "\u06be": "h",
    "\u06c3": "a",
    "\u06d2": "e",
    "\u06d3": "e",
    "\u0679": "t",
    "\u0688": "d",
    "\u0691": "r",
    "\u06ba": "n",
    "\u067c": "t",
    "\u0681": "dz",
    "\u0685": "ts",
    "\u0689": "d",
    "\u0693": "r",
    "\u0696": "zh",
    "\u069a": "x",
    "\u06ab": "g",
    "\u06bc": "n",
    "\u06cd": "ay",
    "\u06d0": "e",
}
_ARABIC_WEAK_LETTERS = {"\u0648": "u", "\u064a": "i", "\u06cc": "i"}
_SHADDA = "\u0651"
_TEH_SHEEN = "\u062a\u0634"
_TCHEH = "\u0686"
"""Teh + sheen spells "ch" in foreign names; the Persian letter tcheh says so directly."""
_ARABIC_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {
    chr(0x06F0 + i): str(i) for i in range(10)
}
_ARABIC_ARTICLE = "\u0627\u0644"
_ALLAH = "\u0627\u0644\u0644\u0647"

_KOREAN_SURNAMES: dict[str, str] = {
    "김": "kim",
    "이": "lee",
    "리": "ri",
    "박": "park",
    "최": "choi",
    "정": "jung",
    "강": "kang",
    "조": "cho",
    "윤": "yoon",
    "장": "jang",
    "임": "lim",
    "한": "han",
    "오": "oh",
    "서": "seo",
    "신": "shin",
    "권": "kwon",
    "황": "hwang",
    "안": "ahn",
    "송": "song",
    "류": "ryu",
    "유": "yoo",
    "홍": "hong",
    "전": "jeon",
    "고": "ko",
    "문": "moon",
    "노": "roh",
    "양": "yang",
    "손": "son",
    "배": "bae",
    "백": "baek",
    "허": "heo",
    "남": "nam",
}

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")

RomanPart = tuple[str, str]
"""A romanised word and the original-script text it came from."""


def _ascii(text: str) -> str:
    """Lower-case ASCII letters and digits of ``anyascii(text)``."""
    return _NOT_ALNUM.sub("", anyascii(text).lower())


def romanize_arabic(word: str) -> str:
    """Arabic-script letters to Latin, keeping long vowels and written short vowels.

    Waw and yeh are consonants (w, y) at the start of a word and vowels (u, i) elsewhere,
    where names mostly use them.
    """
    out: list[str] = []
    for char in word.replace(_TEH_SHEEN, _TCHEH):
        if char == _SHADDA:
            if out:
                out.append(out[-1][-1:])
            continue
        latin = _ARABIC_WEAK_LETTERS.get(char) if out else None
        latin = latin or _ARABIC_LETTERS.get(char)
        if latin is None:
            latin = _ARABIC_DIGITS.get(char) or _ascii(char)
        out.append(latin)
    return "".join(out)


def _split_arabic_article(word: str) -> list[str]:
    """``الأسد`` -> ``["ال", "أسد"]``: the attached article as a word of its own."""
    if word.startswith(_ARABIC_ARTICLE) and len(word) > 3 and word != _ALLAH:
        return [_ARABIC_ARTICLE, word[2:]]
    return [word]


def _surname_and_given(syllables: list[str], chars: str) -> list[RomanPart]:
    """A Chinese or Korean name written without spaces: first syllable, then the rest."""
    if len(syllables) < 2:
        return [("".join(syllables), chars)]
    return [(syllables[0], chars[0]), ("".join(syllables[1:]), chars[1:])]


def romanize_word(word: str) -> list[RomanPart]:
    """One written word as one or more romanised words, each with its original text.

    Empty romanisations (a word of punctuation only) are left out.
    """
    script = dominant_script(word)
    parts: list[RomanPart]
    if script is Script.ARABIC:
        parts = [(romanize_arabic(piece), piece) for piece in _split_arabic_article(word)]
    elif script is Script.HAN:
        han = "".join(char for char in word if not char.isascii())
        parts = _surname_and_given([_ascii(char) for char in han], han)
    elif script is Script.HANGUL:
        syllables = [_ascii(char) for char in word]
        if len(word) >= 2 and word[0] in _KOREAN_SURNAMES:
            syllables[0] = _KOREAN_SURNAMES[word[0]]
        parts = _surname_and_given(syllables, word)
    else:
        parts = [(_ascii(word), word)]
    return [(latin, original) for latin, original in parts if latin]
