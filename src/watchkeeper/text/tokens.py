"""Cut a name into classified, romanised words with their matching keys."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz.distance import OSA

from watchkeeper.text.compounds import (
    ABDUL,
    ARTICLE,
    SECOND_ELEMENTS,
    abd_articles,
    canonical_abd,
    second_element_spelling,
    split_compound,
)
from watchkeeper.text.normalize import normalize_name, reorder_surname_first
from watchkeeper.text.numbers import TENS_WORDS, number_value
from watchkeeper.text.phonetic import arabic_script_key, consonant_skeleton, phonetic_key
from watchkeeper.text.scripts import ABJADS, Script, dominant_script
from watchkeeper.text.translit import ascii_letters, romanize_word
from watchkeeper.text.vocabulary import (
    ABBREVIATIONS,
    ARABIC_SCRIPT_PARTICLES,
    FILLERS,
    GIVEN_NAME_ABBREVIATIONS,
    LEGAL_FORM_PHRASES,
    LEGAL_FORM_WORDS,
    LEGAL_FORMS,
    LONG_LEGAL_FORMS,
    LONGEST_LEGAL_FORM,
    NAME_SYLLABLE_FORMS,
    ORGANIZATION_LEGAL_FORM_PHRASES,
    ORGANIZATION_LEGAL_FORMS,
    PARTICLES,
    RANKS,
    TITLE_CLASSES,
    TITLES,
    WORDS_INSIDE_WORDS,
    PhrasePositions,
)


class TokenKind(StrEnum):
    """What a word of a name is."""

    WORD = "word"
    PARTICLE = "particle"
    """al, bin, abu, van, de ...: part of the name, but weak evidence."""
    LEGAL_FORM = "legal_form"
    """LLC, JSC, GmbH, Limited, Corporation ..."""
    TITLE = "title"
    """Mr, Dr, Sheikh, Haji, MV ..."""
    FILLER = "filler"
    """the, of, and ..."""
    INITIAL = "initial"
    NUMBER = "number"


class NameStyle(StrEnum):
    """How to read a name: as a person's, an organisation's, or either."""

    PERSON = "person"
    ORGANIZATION = "organization"
    ANY = "any"

    @classmethod
    def for_schema(cls, schema: str | None) -> NameStyle:
        """The style for a FollowTheMoney schema name (``Person``, ``Company`` ...)."""
        if schema == "Person":
            return cls.PERSON
        if schema in ("Organization", "Company", "Vessel", "Aircraft"):
            return cls.ORGANIZATION
        return cls.ANY


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a name, ready for comparison."""

    text: str
    """Romanised, lower-case ASCII: ``mohammed``, ``limited liability company``, ``44``."""
    original: str
    """The word as written (lower case, own script)."""
    script: Script
    kind: TokenKind
    canon: str
    """Class shared by equivalent words: particle or legal-form class, number value, else
    ``text``."""
    key: str
    """Phonetic key (see :mod:`watchkeeper.text.phonetic`)."""
    skeleton: str
    vowelless: bool
    """Written in a script that omits short vowels: compare by skeleton only."""

    @property
    def spelled_like_a_word(self) -> bool:
        """Whether a misspelt word may stand for this token of a class: a legal form, or a
        number written as one word ("LLC" / "LCC", "First" / "Frist")."""
        if self.kind is TokenKind.LEGAL_FORM:
            return True
        return self.kind is TokenKind.NUMBER and self.text.isalpha()


_LEET = str.maketrans("01345789", "oieastbg")
_LATIN = frozenset({Script.LATIN, Script.COMMON})
_SHORTEST_TITLE_IN_OTHER_SCRIPTS = 4
"""Letters the romanisation of a word of another script than Latin needs to be read as a
title: "shaykh" and "mulla" are titles in any script, but "mr" and "dr" are abbreviations of
Latin script ("مر" is a name that reads "mr")."""
_TYPO_LENGTH = 5
"""Letters a word of a legal form of several words needs to be recognised with a typo or
respelled (by its phonetic key), or inside the name's word it is glued to."""
_SHORTEST_UNGLUED = 3
"""Letters a word needs besides the legal-form word glued to it for the two to be split."""


@dataclass(slots=True)
class _Word:
    """A romanised word on its way to becoming a :class:`Token`."""

    text: str
    original: str
    script: Script
    kind: TokenKind = TokenKind.WORD
    canon: str = ""
    part: bool = False
    """One of the words of a compound written as one ("عبدالرحمن": "abdul", "rhmn")."""


def _romanised_words(text: str, style: NameStyle) -> list[_Word]:
    words: list[_Word] = []
    for written in text.split():
        for latin, original in romanize_word(written):
            script = dominant_script(original)
            if style is NameStyle.PERSON and not latin.isdigit() and not latin.isalpha():
                latin = latin.translate(_LEET)
            latin = ABBREVIATIONS.get(latin, latin)
            if style is not NameStyle.ORGANIZATION:
                latin = GIVEN_NAME_ABBREVIATIONS.get(latin, latin)
            parts = split_compound(latin, follows_word=bool(words))
            words.extend(_Word(part, original, script, part=len(parts) > 1) for part in parts)
    return words


def _join_abd_article(words: list[_Word]) -> list[_Word]:
    """ "abd" + "al" -> "abdul" ("Abd al-Aziz" spelled like "Abdul Aziz")."""
    articles = abd_articles([word.text for word in words])
    kept = [word for index, word in enumerate(words) if index not in articles]
    for word in kept:
        word.text = canonical_abd(word.text)
    return kept


def _unglue_legal_forms(words: list[_Word], style: NameStyle) -> list[_Word]:
    """A word of a legal form of several words run into the name's word next to it, split
    off when the words on its other side complete the legal form as listed ("JOINT STOCK
    COMPANYAVANGARD", "AUCTIONLIMITED LIABILITY COMPANY"; not "JOINT STOCKHOLM", "joint
    stock" being only a part of one); not in persons' names."""
    if style is NameStyle.PERSON or len(words) < 2:
        return words
    texts = [word.text for word in words]
    out: list[_Word] = []
    for index, word in enumerate(words):
        parts = _glued_legal_form(texts, index)
        out.extend(
            [_Word(part, word.original, word.script, part=True) for part in parts]
            if parts
            else [word]
        )
    return out


def _glued_legal_form(texts: list[str], index: int) -> tuple[str, str] | None:
    """The word at ``index`` cut in two where a legal-form word glued to it starts or ends,
    None if it holds none that the words around it complete."""
    text = texts[index]
    if (text,) in LEGAL_FORMS or text in LEGAL_FORM_PHRASES:
        return None
    if index > 0:
        for phrase, position in LEGAL_FORM_PHRASES.get(texts[index - 1], ()):
            glued, rest = phrase[-1], text[len(phrase[-1]) :]
            if (
                position == len(phrase) - 2
                and _may_be_glued(glued, rest)
                and text.startswith(glued)
                and tuple(texts[index - position - 1 : index]) == phrase[:-1]
            ):
                return glued, rest
    if index + 1 < len(texts):
        for phrase, position in LEGAL_FORM_PHRASES.get(texts[index + 1], ()):
            glued, rest = phrase[0], text[: -len(phrase[0])]
            if (
                position == 1
                and _may_be_glued(glued, rest)
                and text.endswith(glued)
                and tuple(texts[index + 1 : index + len(phrase)]) == phrase[1:]
            ):
                return rest, glued
    return None


def _may_be_glued(legal_form_word: str, rest: str) -> bool:
    """Whether a word of a legal form is long enough to be told inside another word (not
    "co" of "coral") and not one that many words hold (:data:`~watchkeeper.text.vocabulary.
    WORDS_INSIDE_WORDS`), and what is left of that word long enough to be a name's word."""
    return (
        len(legal_form_word) >= _TYPO_LENGTH
        and legal_form_word not in WORDS_INSIDE_WORDS
        and len(rest) >= _SHORTEST_UNGLUED
    )


def _group_legal_forms(words: list[_Word], style: NameStyle) -> list[_Word]:
    """Multi-word legal forms ("limited liability company") become one word."""
    texts = [word.text for word in words]
    sounds = [_sound_of(text) for text in texts]
    out: list[_Word] = []
    index = 0
    while index < len(words):
        size, form = _legal_form_at(texts, sounds, index, style)
        if not size:
            out.append(words[index])
            index += 1
            continue
        phrase = " ".join(texts[index : index + size])
        original = " ".join(word.original for word in words[index : index + size])
        out.append(_Word(phrase, original, words[index].script, TokenKind.LEGAL_FORM, form))
        index += size
    return out


def _legal_form_at(
    texts: list[str], sounds: list[str], index: int, style: NameStyle
) -> tuple[int, str]:
    """The words and the class of the longest legal form that starts at ``index`` (0 and ""
    if none): as listed, or (one of several words) with its longer words respelled or with
    a typo ("akcionernoe obshestvo", "publc joint stock compnay", "obshchestvo s
    ogranichennoi otvetstvennostiu"); ``sounds`` are the words' :func:`_sound_of`."""
    forms, phrases = (
        (ORGANIZATION_LEGAL_FORMS, _ORGANIZATION_PHRASES_BY_SOUND)
        if style is NameStyle.ORGANIZATION
        else (LEGAL_FORMS, _PHRASES_BY_SOUND)
    )
    for size in range(min(LONGEST_LEGAL_FORM, len(texts) - index), 0, -1):
        form = forms.get(tuple(texts[index : index + size]))
        if form is not None and not (
            size == 1 and style is NameStyle.PERSON and _person_word(texts[index])
        ):
            break
    else:
        size, form = 0, ""
    for offset in range(min(LONGEST_LEGAL_FORM, len(texts) - index)):
        for phrase, position in phrases.get(sounds[index + offset], ()):
            window = texts[index : index + len(phrase)]
            if (
                position == offset
                and len(phrase) > size
                and len(window) == len(phrase)
                and all(map(_spelt_alike, window, phrase))
            ):
                size, form = len(phrase), forms[phrase]
    return size, form


def _spelt_alike(word: str, listed: str) -> bool:
    """Whether ``word`` is ``listed`` or, when ``listed`` has five letters or more, another
    romanisation of it or a typo of it (one edit, which may leave four letters: "jont stock
    company")."""
    if word == listed:
        return True
    if len(listed) < _TYPO_LENGTH:
        return False
    if len(word) >= _TYPO_LENGTH and _sound_of(word) == _sound_of(listed):
        return True
    return len(word) >= _TYPO_LENGTH - 1 and OSA.distance(word, listed, score_cutoff=1) <= 1


def _sound_of(word: str) -> str:
    """What a word is looked up by among the words of legal forms of several words: its
    phonetic key when it is long enough to be romanised otherwise ("obshestvo",
    "akcionernoe" for "obshchestvo", "aktsionernoe"), else itself."""
    return phonetic_key(word) if len(word) >= _TYPO_LENGTH else word


def _by_sound(phrases: PhrasePositions) -> PhrasePositions:
    """``phrases`` (each word: the legal forms it is in, with its position) keyed by the
    :func:`_sound_of` of each word."""
    found: dict[str, dict[tuple[tuple[str, ...], int], None]] = {}
    for word, positions in phrases.items():
        found.setdefault(_sound_of(word), {}).update(dict.fromkeys(positions))
    return {sound: tuple(positions) for sound, positions in found.items()}


_PHRASES_BY_SOUND = _by_sound(LEGAL_FORM_PHRASES)
_ORGANIZATION_PHRASES_BY_SOUND = _by_sound(ORGANIZATION_LEGAL_FORM_PHRASES)


def _classify(word: _Word, style: NameStyle) -> None:
    if word.kind is not TokenKind.WORD:
        return
    text = word.text
    latin = word.script in _LATIN
    value = (
        number_value(text, roman=style is NameStyle.ORGANIZATION)
        if latin or text.isdigit()
        else None
    )
    if value is not None:
        word.kind, word.canon = TokenKind.NUMBER, str(value)
    elif (particle := _particle(word)) is not None:
        word.kind, word.canon = TokenKind.PARTICLE, particle
    elif _title(text, style) and (latin or len(text) >= _SHORTEST_TITLE_IN_OTHER_SCRIPTS):
        word.kind, word.canon = TokenKind.TITLE, TITLE_CLASSES.get(text, text)
    elif text in FILLERS and latin:
        word.kind = TokenKind.FILLER
    elif len(text) == 1 and text.isalpha():
        word.kind = TokenKind.INITIAL
    elif style is NameStyle.ORGANIZATION and text in LEGAL_FORM_WORDS:
        word.kind, word.canon = TokenKind.LEGAL_FORM, LEGAL_FORM_WORDS[text]
    else:
        word.canon = _misspelt_legal_form(text)
        if word.canon:
            word.kind = TokenKind.LEGAL_FORM


def _title(text: str, style: NameStyle) -> bool:
    """Whether a word is a title in a name of this style (a rank only outside an
    organisation's name)."""
    return text in TITLES or (text in RANKS and style is not NameStyle.ORGANIZATION)


def _particle(word: _Word) -> str | None:
    if word.script is Script.ARABIC and not word.part:
        return ARABIC_SCRIPT_PARTICLES.get(word.original)
    return PARTICLES.get(word.text)


def _person_word(text: str) -> bool:
    """Whether a one-word legal form is a word in a person's name: a short one ("AG", "SA")
    or one of :data:`NAME_SYLLABLE_FORMS`."""
    return len(text) < 3 or text in NAME_SYLLABLE_FORMS


def _misspelt_legal_form(text: str) -> str:
    """The class of a long one-word legal form ``text`` spells with one typo, else ""."""
    if len(text) > 6:
        for form_text, form in LONG_LEGAL_FORMS.items():
            if OSA.distance(text, form_text, score_cutoff=1) <= 1:
                return form
    return ""


def _join_tens_and_units(words: list[_Word]) -> list[_Word]:
    """ "forty" + "four" (or "4") -> 44."""
    out: list[_Word] = []
    for word in words:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.text in TENS_WORDS
            and word.kind is TokenKind.NUMBER
            and 0 < int(word.canon) < 10
        ):
            previous.canon = str(int(previous.canon) + int(word.canon))
            previous.text = f"{previous.text} {word.text}"
            previous.original = f"{previous.original} {word.original}"
            continue
        out.append(word)
    return out


def _key(text: str, original: str, script: Script, part: bool = False) -> str:
    """The phonetic key, read from the Arabic letters themselves where there are some (not
    for a ``part`` of a compound: its letters are not all of what was written)."""
    if script is Script.ARABIC and text != ABDUL and not part:
        return arabic_script_key(original.replace(" ", ""))
    return phonetic_key(text.replace(" ", ""))


def _token(word: _Word) -> Token:
    vowelless = word.script in ABJADS
    key = _key(word.text, word.original, word.script, word.part)
    return Token(
        text=word.text,
        original=word.original,
        script=word.script,
        kind=word.kind,
        canon=word.canon or word.text,
        key=key,
        skeleton=consonant_skeleton(key),
        vowelless=vowelless,
    )


def tokenize_name(name: str, style: NameStyle = NameStyle.ANY) -> list[Token]:
    """The words of ``name`` as tokens, in written order (surname-first comma forms of
    person names are turned around first)."""
    if style is NameStyle.PERSON:
        name = reorder_surname_first(name)
    words = _join_abd_article(_romanised_words(normalize_name(name), style))
    words = _group_legal_forms(_unglue_legal_forms(words, style), style)
    for word in words:
        _classify(word, style)
    _read_compounds_written_apart(words)
    return [_token(word) for word in _join_tens_and_units(words)]


def _read_compounds_written_apart(words: list[_Word]) -> None:
    """The words of a compound written apart, read as those of one written joined: the
    Arabic article said as the first letter of the word after it is the particle "al" ("Zia
    ur Rehman", "Salah ad Din"; its text stays, so that "Habib ur" still meets "Habibur"),
    and a second element after the article is spelled as one ("al-Deen", "al-Dine": din)."""
    for index in range(1, len(words) - 1):
        article, after = words[index], words[index + 1]
        if _said_article(words[index - 1], article, after):
            article.kind, article.canon = TokenKind.PARTICLE, ARTICLE
        if article.canon == ARTICLE and after.kind is TokenKind.WORD:
            after.text = second_element_spelling(after.text)


def _said_article(before: _Word, word: _Word, after: _Word) -> bool:
    """Whether ``word`` is the Arabic article said as the first letter of the second element
    of a compound after it, between two words ("ur" of "Zia ur Rehman")."""
    text = word.text
    second = second_element_spelling(after.text)
    return (
        len(text) == 2
        and text[0] in "aeiu"
        and text[1] == second[:1]
        and second in SECOND_ELEMENTS
        and word.kind is TokenKind.WORD
        and before.kind is TokenKind.WORD
    )


def _written_texts(tokens: list[Token] | tuple[Token, ...]) -> list[str]:
    """The texts of tokens, each run of parts of one compound of Latin script (tokens of one
    written word, each less than it) as that word."""
    texts: list[str] = []
    for _, run in itertools.groupby(tokens, key=lambda token: token.original):
        parts = list(run)
        written = ascii_letters(parts[0].original) if len(parts) > 1 else ""
        if written and parts[0].script in _LATIN and parts[0].text != written:
            texts.append(written)
        else:
            texts.extend(part.text.replace(" ", "") for part in parts)
    return texts


def merge_tokens(tokens: list[Token] | tuple[Token, ...]) -> Token:
    """Adjacent tokens written as one word ("Abdul" + "Rahman" -> "abdulrahman"); the parts
    of a Latin word cut as a compound are joined as it was written ("zeyn" + "al" + "din"
    from "Zeyneddin" -> "zeyneddin"), so that a spelling of it the cut missed, a typo away,
    still meets it."""
    text = "".join(_written_texts(tokens))
    originals = [token.original.replace(" ", "") for token in tokens]
    # the parts of one compound were written once
    original = "".join(
        written
        for index, written in enumerate(originals)
        if index == 0 or written != originals[index - 1]
    )
    script = tokens[0].script
    if any(token.script is not script for token in tokens):
        script = Script.COMMON
    part = any(token.key != _key(token.text, token.original, token.script) for token in tokens)
    key = _key(text, original, script, part)
    return Token(
        text=text,
        original=original,
        script=script,
        kind=TokenKind.WORD,
        canon=text,
        key=key,
        skeleton=consonant_skeleton(key),
        vowelless=any(token.vowelless for token in tokens),
    )
