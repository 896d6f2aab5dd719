"""Clean a name string before it is cut into words.

Unicode NFKC, case folding, invisible characters, camel case ("AlisherUsmanov"), dotted
abbreviations ("S.A.R.L." -> "sarl"; a dotted legal form run into the word before it is
parted from it: "Jaraco S.A." written "JARACOS.A."), apostrophes ("Qa'ida" -> "qaida"),
"&" -> "and", hyphen-attached Arabic articles ("ar-Rahman" -> "al rahman", and misspelt:
"Aln-Gaoud" -> "al gaoud") and every other punctuation mark to a space.  Letters of every
script are kept as they are: romanisation comes later, word by word.
"""

from __future__ import annotations

import re
import unicodedata

from watchkeeper.text.vocabulary import LEGAL_FORMS

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u00ad\u2060\ufeff"))
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_DOTTED_ABBREVIATION = re.compile(r"(?<![^\W\d_])([^\W\d_](?:\.[^\W\d_])+)\.?(?![^\W\d_])")
_GLUED_ABBREVIATION = re.compile(r"(?<=[^\W\d_]{3})([^\W\d_](?:\.[^\W\d_])+\.)(?![^\W\d_])")
"""A dotted abbreviation whose first letter ends a word of three letters or more ("s.a." in
"jaracos.a.")."""
_ONE_WORD_LEGAL_FORMS = frozenset(phrase[0] for phrase in LEGAL_FORMS if len(phrase) == 1)
_POSSESSIVE = re.compile(r"['’]s(?![^\W\d_])")
_APOSTROPHES = re.compile(r"['’‘`´ʼʻʿʾ′]")
_AMPERSAND = re.compile(r"\s*[&+]\s*")
_ASSIMILATED_ARTICLE = re.compile(
    r"(?<![^\W\d_])(?:ar|as|ad|at|az|ash|ud|ur|us|ut|uz|ush|ed|er|es|ez)-(?=[^\W\d_])"
    r"|(?<![^\W\d_])(?:an|en|un)-(?=n)"
)
"""The Arabic article written as it sounds before a "sun letter" ("ar-Rahman", "an-Nasr"),
attached by a hyphen."""
_MISSPELT_ARTICLE = re.compile(r"(?<![\w-])(?:a|al[bcdfghjkmnpqrstvxz]|a[b-km-z]l)-(?=[^\W\d_])")
"""The Arabic article opening a word, attached by a hyphen, with its "l" lost or a letter
slipped in ("A-Assad", "Aln-Gaoud", "Arl-Adl"): no name is written so before a hyphen (an
"a" between two hyphens is a connective: "Vaqar-a-Jaffery")."""
_SPACES = re.compile(r"\s+")


def _keep_char(char: str) -> str:
    """Letters, marks and digits stay; anything else becomes a space."""
    return char if unicodedata.category(char)[0] in "LMN" else " "


def reorder_surname_first(text: str) -> str:
    """``"SMITH, John A."`` -> ``"John A. SMITH"``; other texts are returned unchanged.

    Applies only to a single comma with one to three words before it and one to four after.
    """
    if text.count(",") != 1:
        return text
    surname, given = (part.strip() for part in text.split(","))
    if not surname or not given or len(surname.split()) > 3 or len(given.split()) > 4:
        return text
    return f"{given} {surname}"


def _part_glued_legal_form(match: re.Match[str]) -> str:
    abbreviation = match.group(1)
    return (
        " " + abbreviation
        if abbreviation.replace(".", "") in _ONE_WORD_LEGAL_FORMS
        else abbreviation
    )


def normalize_name(text: str) -> str:
    """A name as lower-case words separated by single spaces, in its original scripts."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    if not text.isupper():
        text = _CAMEL_BOUNDARY.sub(" ", text)
    text = text.casefold()
    text = _GLUED_ABBREVIATION.sub(_part_glued_legal_form, text)
    text = _DOTTED_ABBREVIATION.sub(lambda match: match.group(1).replace(".", ""), text)
    text = _POSSESSIVE.sub("", text)
    text = _APOSTROPHES.sub("", text)
    text = _AMPERSAND.sub(" and ", text)
    text = _ASSIMILATED_ARTICLE.sub("al ", text)
    text = _MISSPELT_ARTICLE.sub("al ", text)
    text = "".join(map(_keep_char, text))
    return _SPACES.sub(" ", text).strip()
