"""The spelling rules of the languages whose Latin-script names differ most from English.

Each set respells a lower-case word (diacritics kept) in the English-like letters that
:func:`~watchkeeper.text.phonetic.phonetic_key` reads: French "Chadi" as "shadi", German
"Hendrich" as "hendrikh", Polish "Stobnica" as "stobnitsa", Spanish "Rojas" as "rokhas".
Letters with diacritics that spell a sound of their own ("č", "ş", "ž" ...) are respelled by
every set.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_CONSONANT = "bcdfghjklmnpqrstvwxz"
_VOWEL = "aeiouyàâäéèêëîïôöùûüœæ"
_AFTER_CONSONANT = f"(?<=[{_CONSONANT}])"
_AFTER_VOWEL = f"(?<=[{_VOWEL}])"

Rules = tuple[tuple[str, str], ...]
"""(regular expression, replacement) pairs; at each position the first that fits wins.  The
letters a rule replaces are written out in it (no negated classes outside lookarounds)."""

_LOOKAROUND = re.compile(r"\(\?<?[=!][^()]*\)")
"""A lookahead or lookbehind of a rule: the context it needs, not letters it replaces."""


class Respelling:
    """Spelling rules applied in one pass over a word."""

    def __init__(self, rules: Sequence[tuple[str, str]]) -> None:
        alternatives = "|".join(f"(?P<r{index}>{rule})" for index, (rule, _) in enumerate(rules))
        consumed = "".join(_LOOKAROUND.sub("", rule) for rule, _ in rules)
        self._letters = frozenset(char for char in consumed if char.isalpha())
        """Every letter a rule can replace: a word without any is left as it is."""
        letters = "".join(sorted(self._letters))
        self._pattern = re.compile(f"(?=[{letters}])(?:{alternatives})")
        self._replacements = tuple(replacement for _, replacement in rules)

    def __call__(self, word: str) -> str:
        if self._letters.isdisjoint(word):
            return word
        return self._pattern.sub(self._replace, word)

    def _replace(self, match: re.Match[str]) -> str:
        group = match.lastgroup
        return self._replacements[int(group[1:])] if group else match.group()


LETTERS_WITH_SOUNDS: Rules = (
    ("[čć]", "ch"),
    ("[šśşș]", "sh"),
    ("[žżź]", "zh"),
    ("ñ", "ny"),
    ("ř", "rzh"),
    ("đ", "dj"),
    ("ę", "en"),
    ("ą", "on"),
)
"""Letters with diacritics that spell a sound the bare letter does not ("č" is "ch")."""

FRENCH: Rules = (
    ("eaux?$", "o"),
    (f"{_AFTER_VOWEL}ill", "y"),
    ("ier$", "ie"),
    (f"{_AFTER_CONSONANT}er$", "e"),
    (f"{_AFTER_CONSONANT}es?$", ""),
    (f"(?<=[{_VOWEL}nr])(?:[tdpxzs]s?|[lcg]ts?|lds?)$", ""),
    ("(?<=^de)s(?=[bcdfgjklmnpqtv])", ""),
    ("s?ch", "sh"),
    ("ph", "f"),
    ("th", "t"),
    ("gn", "ny"),
    ("qu", "k"),
    ("gu(?=[eiyéèê])", "g"),
    ("ge(?=[aou])", "zh"),
    ("g(?=[eiyéèê])", "zh"),
    ("j", "zh"),
    ("c(?=[eiyéèê])", "s"),
    ("ç", "s"),
    ("w", "v"),
)
"""Silent endings ("Charcot", "Dubois", "Bellanger"), "ch" as sh, "j" and soft "g" as zh,
"gn" as ny.  The h of French names is silent ("Hugues" / "Юг"), that of French spellings of
Arabic names is not ("Hachani" / "حشاني"): both are read, see :data:`SILENT_H`."""
SILENT_H: Rules = (("h", ""),)
GERMAN: Rules = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("chs", "ks"),
    ("ch", "kh"),
    ("qu", "kv"),
    (f"{_AFTER_VOWEL}h(?![{_VOWEL}])", ""),
    ("t?z", "ts"),
    ("j", "y"),
    ("w", "v"),
    ("v", "f"),
)
"""With "z" as ts and the h that only lengthens the vowel before it silent ("Herzog",
"Jahn", "Ehrig")."""
DUTCH: Rules = (
    ("sch", "skh"),
    ("ch", "kh"),
    ("ij", "ey"),
    ("oe", "u"),
    ("ui", "ay"),
    ("g", "kh"),
    ("j", "y"),
    ("w", "v"),
    ("v", "f"),
)
WEST_SLAVIC: Rules = (
    ("szcz", "shch"),
    ("cz", "ch"),
    ("sz", "sh"),
    ("rz", "zh"),
    ("ch", "kh"),
    ("d[žżź]", "j"),
    ("c", "ts"),
    ("j", "y"),
    ("w", "v"),
)
"""Polish, Czech, Slovak and the Latin spelling of Serbo-Croatian and Slovene."""
HUNGARIAN: Rules = (
    ("cs", "ch"),
    ("sz", "s"),
    ("zs", "zh"),
    ("s", "sh"),
    ("gy", "dy"),
    ("ly", "y"),
    ("cz", "ts"),
    ("c", "ts"),
)
SPANISH: Rules = (
    ("ch", "ch"),
    ("tx", "ch"),
    ("nh", "ny"),
    ("lh", "ly"),
    ("ll", "y"),
    ("j", "kh"),
    ("gu(?=[eiéí])", "g"),
    ("g(?=[eiéí])", "kh"),
    ("qu", "k"),
    ("c(?=[eiéí])", "s"),
    ("ç", "s"),
    ("z", "s"),
    ("v", "b"),
    *SILENT_H,
)
"""Spanish, with the Portuguese "nh", "lh" and the Basque "tx"."""
ITALIAN: Rules = (
    ("cch(?=[eiéè])", "k"),
    ("ch(?=[eiéè])", "k"),
    ("gh(?=[eiéè])", "g"),
    ("sci(?=[aou])", "sh"),
    ("sc(?=[eiéè])", "sh"),
    ("c{1,2}i(?=[aou])", "ch"),
    ("c{1,2}(?=[eiéè])", "ch"),
    ("g{1,2}i(?=[aou])", "j"),
    ("g{1,2}(?=[eiéè])", "j"),
    ("gli", "ly"),
    ("gn", "ny"),
    ("z{1,2}", "ts"),
    *SILENT_H,
)
TURKIC: Rules = (
    ("ç", "ch"),
    ("c(?!h)", "j"),
    ("x", "kh"),
)
"""Turkish, Azerbaijani, Uzbek: "c" as j, "x" as kh."""
ENGLISH: Rules = (
    ("^mc", "mak"),
    ("^kn", "n"),
    ("^wr", "r"),
    ("wh", "u"),
    ("w", "u"),
    ("[oa]ugh", "o"),
    ("e?igh", "ay"),
    (f"{_AFTER_VOWEL}gh(?=t|$)", ""),
    ("dg(?=e|[^aeiouy])", "j"),
    (f"{_AFTER_VOWEL}ge$", "j"),
    ("stle$", "sl"),
    (f"{_AFTER_CONSONANT}le$", "l"),
)
"""English names the way other scripts write them: "w" as a vowel ("Wheatley" / "Уитли"),
silent "gh" and "k", "dge" as j."""
CLASSICAL: Rules = (
    ("(?<=[a-z]{4})(?:[uoae]s|um)$", ""),
    ("th", "f"),
    ("(?<=[ae])u(?=[bcdfgklmnprstvz])", "v"),
    ("c(?=[eiy]|ae|oe)", "ts"),
    ("c", "k"),
)
"""Latin and Greek names as Russian writes them: without the nominative ending, with "th" as
f and "au", "eu" as "av", "ev" ("Crassus" / "Красс", "Theodorus" / "Феодор", "Eudokia" /
"Евдокия", "Caesar" / "Цезарь")."""

LANGUAGES: tuple[Respelling, ...] = tuple(
    Respelling((*rules, *LETTERS_WITH_SOUNDS))
    for rules in (
        FRENCH,
        (*FRENCH, *SILENT_H),
        GERMAN,
        DUTCH,
        WEST_SLAVIC,
        HUNGARIAN,
        SPANISH,
        ITALIAN,
        TURKIC,
        ENGLISH,
        CLASSICAL,
    )
)
"""Every set of rules, each with the letters with diacritics."""
