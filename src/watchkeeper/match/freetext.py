"""Listed names inside free text: remittance information, MT 70 / 72, address lines.

A text is cut into words, each with where it stands (:func:`text_words`).  Words with a
digit (references, dates, amounts, IBANs, post codes) and SWIFT codes between slashes
(``/INV/``, ``/BNF/``) are no part of a name: they cut the text into stretches.  A listed
name is looked for in *windows* of up to :data:`MAX_WINDOW_WORDS` consecutive words of a
stretch, screened through the :class:`~watchkeeper.match.engine.Matcher` like a name field.

Cost.  Most texts name no one, and a matcher query costs far more than reading a text.  So
the windows are chosen by the listed names themselves (:class:`ListedWords`): a window is
screened only if some listed name has, by phonetic key, words of it that could make a
convincing hit (below): two of its distinctive words, or all its words; or if one of its
words is a listed name on its own, as spelled.  A word that no listed name has may be a
typo of one: it is looked up by the keys one sound longer or shorter.  The window spans
the words met, the particles before them and the legal forms after them, and a few words
more on either side when the listed name has words that were not met (spelled too
differently to share a key).  All windows of a text go to the matcher in one query, each
once.

Precision.  A name field holds a name; a text holds many words, and every stretch of them is
a chance to meet a listed name by accident.  A text hit therefore needs more than a field
hit (:meth:`TextScanner.convincing`):

- a name score of at least :data:`TEXT_THRESHOLD` (a field needs
  :data:`~watchkeeper.match.names.DEFAULT_THRESHOLD`);
- two distinctive words of the listed name met by two words of the window; or all its
  words met, by at least two words of the window, one of them distinctive.  Words shorter
  than :data:`EVIDENCE_MIN_LETTERS` count only as spelled.  A word is
  distinctive if at most :data:`COMMON_SHARE` of the listed names have it and it is not a
  word of payment narratives or addresses (:data:`NARRATIVE_WORDS`): "MOHAMMED ALI",
  "GENERAL TRADING" or "MAIN STREET" never alert in a text;
- a listed name of a single word ("AL-SHABAAB": particles and legal forms aside) only when
  it is not a weak alias nor a person's (a single word of a person is a given name or a
  nickname), the word is one few listed entities have (:data:`RARE_ENTITIES`),
  :data:`LONE_MIN_LETTERS` long, and the window spells it exactly, with the rest of the
  name (:data:`LONE_MIN_SCORE`).

None of these constants is fitted to a test: each is set by the reasoning in its
docstring, and ``benchmarks/freetext_precision.py`` measures what they give.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from watchkeeper.match.engine import Matcher, NameHit, Ranking
from watchkeeper.match.index import CandidateIndex
from watchkeeper.match.indexing import SavedToken
from watchkeeper.match.postings import Ints
from watchkeeper.match.tokensim import How
from watchkeeper.model import NameKind, Schema
from watchkeeper.text.tokens import Token, TokenKind, tokenize_name
from watchkeeper.text.vocabulary import FILLERS, LEGAL_FORM_WORDS, PARTICLES, TITLES

TEXT_THRESHOLD = 0.8
"""Name score a window needs.  Above the field threshold (0.58), because a text is searched
in many windows at once and brings no schema, date or country to tell two bearers of a
name apart.  At 0.8 a listed name is met with all its words, up to spelling variants, a
typo, a dropped particle or one extra word next to a longer name; one missing distinctive
word ("Abu Bakr" for "Abu Bakr al-Baghdadi") is not enough."""

MAX_WINDOW_WORDS = 6
"""Words of a text a window has at most: four-word personal names with a particle or two,
and organisation names with a legal form, fit; the few longer listed names are still met by
six of their words."""

COMMON_SHARE = 0.005
"""Share of the listed names above which a word is common ("Mohammed", "Ali", "Trading",
"International"): one name in two hundred.  Common words are weak evidence in a text: a
text hit needs a distinctive word besides them."""

RARE_ENTITIES = 10
"""Listed entities up to which a word that is a listed name on its own may alert from a text
alone.  An organisation known by one word ("Hizballah") may be listed by every list (eight
here), each time with its spellings; a word more entities have is an ordinary part of names
("Manufacturing", "Invest"), not one organisation's name."""

LONE_MIN_LETTERS = 6
"""Letters a single-word listed name needs to alert from a text: shorter words are too often
abbreviations, codes or ordinary words that happen to be a listed vessel's name."""

LONE_MIN_SCORE = 0.9
"""Name score a window needs to meet a single-word listed name: the word as listed (the
lists give the usual spellings of such names as aliases), with its particles and legal
form; "TIMBER" in a text is not the listed "Timber Corporation" (0.83)."""

EVIDENCE_MIN_LETTERS = 5
"""Letters a listed word needs to be evidence when a text spells it otherwise: shorter words
meet other short words by chance, by sound ("New" / "Nai", "Sayo" / "Za")."""

NEAR_KEY_MIN = 4
"""Sounds a word's phonetic key needs before the keys one sound longer or shorter are looked
up for it (a typo in a shorter word leaves it below the similarity floor)."""

MATCHER_HEADROOM = 4
"""This many times ``limit`` hits are taken from the matcher before the rules above drop
some, so that a convincing hit ranked below unconvincing ones is not lost."""

NARRATIVE_WORDS: frozenset[str] = frozenset(
    {
        # documents and references
        "invoice", "inv", "bill", "receipt", "order", "contract", "ref", "reference",
        "account", "acct", "acc", "iban", "swift", "bic", "payment", "pmt", "pay",
        "transfer", "remittance", "settlement", "advance", "balance", "deposit",
        "instalment", "installment", "refund", "charges", "fee", "fees", "commission",
        # purposes (ISO 20022 ExternalPurpose1Code names)
        "salary", "wages", "pension", "rent", "rental", "lease", "loan", "interest",
        "dividend", "tax", "taxes", "vat", "insurance", "premium", "tuition", "school",
        "goods", "services", "supplies", "supplier", "purchase", "sale", "trade",
        "freight", "shipping", "consulting", "consultancy", "donation", "gift", "family",
        "support", "maintenance", "utilities", "electricity", "telephone", "medical",
        # calendar
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "month", "monthly",
        "week", "year", "annual", "quarter",
        # currencies
        "usd", "eur", "gbp", "chf", "jpy", "cny", "rub", "aed", "sar", "inr", "cad",
        "aud",
        # addresses
        "street", "st", "road", "rd", "avenue", "ave", "lane", "boulevard", "blvd",
        "square", "floor", "building", "bldg", "suite", "apartment", "apt", "flat",
        "box", "po", "rue", "strasse", "str", "via", "calle", "avenida", "plaza",
        "district", "province", "postcode", "zip",
    }
)  # fmt: skip
"""Words of payment narratives and addresses: they say what a payment is for or where a
party lives, not who it is, and count as no evidence in a text, even when a listed name has
them ("Global Supplies", "Main Street Ltd")."""

_WORD = re.compile(r"[^\W_]+(?:['’.&-][^\W_]+)*")
"""A word as written: letters and digits, with inner apostrophes, dots, hyphens and "&"."""
_MAX_CODE_LETTERS = 8
_MINOR_WORDS = frozenset(PARTICLES) | TITLES | FILLERS


class Role(Enum):
    """What a word of a text can be in a name."""

    BREAK = "break"
    """No part of any name: a code, a reference, a date or an amount; ends a stretch."""
    LEAD = "lead"
    """A particle or title: may start a window."""
    TAIL = "tail"
    """A legal form, or a word of one of several words ("liability"): may end a window, or
    start it ("LIMITED LIABILITY COMPANY SBERBANK CAPITAL")."""
    INNER = "inner"
    """A filler, an initial or a word of narratives: inside a window only."""
    NAME = "name"
    """Holds a word that may be part of a name."""


_EXTRA = (Role.NAME, Role.LEAD, Role.TAIL, Role.INNER)
"""Words a window may take in on either side for the words of a listed name not met."""
_OPENING = (Role.LEAD, Role.TAIL)
"""Words a name may start with: particles, titles and legal forms ("OOO", "JSC")."""


@dataclass(frozen=True, slots=True)
class TextWord:
    """A word of a text, where it stands, and what it may be in a name."""

    start: int
    end: int
    text: str
    role: Role
    tokens: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class TextHit:
    """A listed name found in a text."""

    start: int
    """Character offset where the window that matched starts."""
    end: int
    """... and ends (exclusive)."""
    window: str
    """The text that matched, as written."""
    hit: NameHit
    """The listed entity (``hit.entity``, its position in the index), its name that matched
    and the comparison of the window with it (score, aligned words: the explanation)."""

    @property
    def score(self) -> float:
        """The name score of the window against the listed name."""
        return self.hit.score

    @property
    def entity(self) -> int:
        """Position of the listed entity in the index."""
        return self.hit.entity


def text_words(text: str) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, word, whether it is a code or has a digit) for each word of ``text``."""
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        coded = (
            start > 0
            and end < len(text)
            and text[start - 1] == "/"
            and text[end] == "/"
            and word.isalpha()
            and len(word) <= _MAX_CODE_LETTERS
        )
        yield start, end, word, coded or any(char.isdigit() for char in word)


def word_role(tokens: Sequence[Token]) -> Role:
    """The role of a word of a text, from its tokens (``tokenize_name`` of the word alone,
    which reads a lone particle or filler, or a word of a legal form of several words, as an
    ordinary word)."""
    words = [token.text for token in tokens if token.kind is TokenKind.WORD]
    if words:
        if all(word in NARRATIVE_WORDS for word in words):
            return Role.INNER
        if all(token.text in _MINOR_WORDS for token in tokens):
            return Role.INNER if all(t.text in FILLERS for t in tokens) else Role.LEAD
        if all(word in LEGAL_FORM_WORDS for word in words):
            return Role.TAIL
        return Role.NAME
    kinds = {token.kind for token in tokens}
    if not kinds:
        return Role.BREAK
    if kinds <= {TokenKind.PARTICLE, TokenKind.TITLE}:
        return Role.LEAD
    if TokenKind.LEGAL_FORM in kinds:
        return Role.TAIL
    return Role.INNER


def word_key(token: Token | SavedToken) -> str:
    """What a word is looked up by: its phonetic key, or its consonant skeleton (marked)
    for a word written without short vowels, as :class:`TokenWeights` counts them."""
    return "~" + token.skeleton if token.vowelless else token.key


def _deletions(key: str) -> set[str]:
    """``key`` with each one of its sounds deleted."""
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def _is_identifying(token: Token | SavedToken) -> bool:
    """An ordinary word or a number: what a listed name is made of, particles, legal forms
    and words of narratives aside."""
    return token.kind in (TokenKind.WORD, TokenKind.NUMBER) and token.text not in NARRATIVE_WORDS


_Keys = npt.NDArray[np.object_]


class _NameWords(NamedTuple):
    """The identifying words of every listed name, name after name."""

    keys: _Keys
    """Key number -> key (:func:`word_key`)."""
    owners: Ints
    """Each word's listed name (ascending)."""
    numbers: Ints
    """Each word's key number."""
    distinctive: npt.NDArray[np.bool_]
    """Whether each word is distinctive."""
    tokens: list[SavedToken]
    """The distinct listed tokens."""
    token_of: Ints
    """Each word's token in :attr:`tokens`."""


class _Runs:
    """Keys of every listed name in one list: name ``n``'s are ``keys[starts[n] : starts[n +
    1]]``."""

    def __init__(self, keys: _Keys, numbers: Ints, owners: Ints, count: int) -> None:
        """``numbers``: key numbers, with ``owners``, their listed names (ascending) among
        ``count``."""
        self._starts: list[int] = np.searchsorted(owners, np.arange(count + 1)).tolist()
        self._keys: list[str] = keys[numbers].tolist()

    def __getitem__(self, name: int) -> list[str]:
        return self._keys[self._starts[name] : self._starts[name + 1]]


def _distinct(values: Ints) -> tuple[Ints, Ints]:
    """``values`` sorted, each once, and where each of ``values`` is among them."""
    seen = np.bincount(values) > 0
    return np.flatnonzero(seen), (np.cumsum(seen) - 1)[values]


def _distinct_pairs(firsts: Ints, seconds: Ints) -> tuple[Ints, Ints]:
    """Each (first, second) pair once, by first then second (numbers from 0)."""
    width = int(seconds.max(initial=0)) + 1
    pairs = np.sort(firsts * width + seconds)
    pairs = pairs[np.diff(pairs, prepend=-1) != 0]
    return pairs // width, pairs % width


def _postings(keys: _Keys, numbers: Ints, names: Ints) -> dict[str, list[int]]:
    """Key -> the listed names that have it, from (key number, name) pairs in that order."""
    firsts = np.flatnonzero(np.diff(numbers, prepend=-1))
    bounds = [*firsts.tolist(), len(numbers)]
    listed = names.tolist()
    found = keys[numbers[firsts]].tolist()
    return {key: listed[a:b] for key, a, b in zip(found, bounds[:-1], bounds[1:], strict=True)}


def _entity_counts(index: CandidateIndex, numbers: Ints, names: Ints, keys: int) -> Ints:
    """Key number -> how many listed entities have the key, from (key number, name) pairs
    (``keys`` of them)."""
    entities = index.name_entities().astype(np.int64)[names]
    return np.bincount(_distinct_pairs(numbers, entities)[0], minlength=keys)


class ListedWords:
    """The words of every listed name of an index by key: which listed names a text may
    hold, and where.

    Built from the tokens of the listed names of the index
    (:meth:`CandidateIndex.name_token_ids`), each distinct one read once.
    """

    _NEAR_KEPT = 100_000
    """_Keys whose words one sound longer are kept (texts repeat their words)."""

    def __init__(self, index: CandidateIndex) -> None:
        key_counts, skeleton_counts, names = index.weights.counts()
        self._key_counts = key_counts
        self._skeleton_counts = skeleton_counts
        self.common_count = COMMON_SHARE * names
        count = index.name_count
        words = self._name_words(index)
        self._keys = _Runs(words.keys, words.numbers, words.owners, count)
        """Each listed name's words (keys), numbers included: all must be met for rule B."""
        numbers, owners = words.numbers[words.distinctive], words.owners[words.distinctive]
        by_name = _distinct_pairs(owners, numbers)
        self._distinctive = _Runs(words.keys, by_name[1], by_name[0], count)
        """Each listed name's distinctive words, each once."""
        by_key = _distinct_pairs(numbers, owners)
        self._postings = _postings(words.keys, *by_key)
        """Distinctive word -> the listed names that have it."""
        entities = _entity_counts(index, *by_key, len(words.keys))
        self.lone_words = self._lone_words(index, words, entities)
        """Listed names of one word (romanised) that may alert from a text alone."""
        self._near = {k for k in self._postings if len(k) > NEAR_KEY_MIN and not k.startswith("~")}
        """The distinctive words a word one sound shorter may be a typo of."""
        self._sounds = sorted(set().union(*self._near))
        """The sounds of their keys."""
        self._longer: dict[str, set[str]] = {}
        """A key -> the words of :attr:`_near` one sound longer (those met so far)."""

    def _name_words(self, index: CandidateIndex) -> _NameWords:
        """The identifying words of every listed name, each distinct token read once."""
        starts, token_ids = index.name_token_ids()
        used, token_of = _distinct(token_ids.astype(np.int64))
        tokens = index.saved_tokens(used.tolist())
        keys: dict[str, int] = {}
        numbers = np.array(
            [keys.setdefault(word_key(t), len(keys)) if _is_identifying(t) else -1 for t in tokens],
            dtype=np.int64,
        )[token_of]
        distinctive = np.array([self.is_distinctive(token) for token in tokens], dtype=bool)
        owners = np.repeat(np.arange(index.name_count, dtype=np.int64), np.diff(starts))
        kept = numbers >= 0
        token_of = token_of[kept]
        return _NameWords(
            np.array(list(keys), dtype=object),
            owners[kept],
            numbers[kept],
            distinctive[token_of],
            tokens,
            token_of,
        )

    def _lone_words(
        self, index: CandidateIndex, words: _NameWords, entities: Ints
    ) -> frozenset[str]:
        """The words of listed names of one word, a distinctive one few listed entities have
        (``entities``: by key number), that are no weak aliases and long enough."""
        sizes = np.bincount(words.owners, minlength=index.name_count)
        rare = entities[words.numbers] <= RARE_ENTITIES
        single = (sizes[words.owners] == 1) & words.distinctive & rare
        names = words.owners[single].tolist()
        tokens = [words.tokens[token] for token in words.token_of[single].tolist()]
        return frozenset(
            token.text
            for name, token in zip(names, tokens, strict=True)
            if len(token.text) >= LONE_MIN_LETTERS
            and index.listed(name).kind is not NameKind.WEAK_ALIAS
        )

    def _one_sound_more(self, key: str) -> set[str]:
        """The distinctive words one sound longer than ``key`` (of :attr:`_near`)."""
        found = self._longer.get(key)
        if found is None:
            cuts = [(key[:i], key[i:]) for i in range(len(key) + 1)]
            inserted = [head + sound + tail for head, tail in cuts for sound in self._sounds]
            found = self._near.intersection(inserted)
            if len(self._longer) >= self._NEAR_KEPT:
                self._longer.clear()
            self._longer[key] = found
        return found

    def count(self, token: Token | SavedToken) -> int:
        """In how many listed names a word occurs (by key, or by skeleton if vowelless)."""
        if token.vowelless:
            return self._skeleton_counts.get(token.skeleton, 0)
        return self._key_counts.get(token.key, 0)

    def is_distinctive(self, token: Token | SavedToken) -> bool:
        """Whether a word is evidence in a text: an ordinary word of at most
        :data:`COMMON_SHARE` of the listed names, not a word of narratives."""
        return (
            token.kind == TokenKind.WORD
            and 0 < self.count(token) <= self.common_count
            and token.text not in NARRATIVE_WORDS
        )

    def keys_of(self, token: Token) -> tuple[set[str], bool]:
        """The words of listed names a word of a text may be, and whether it is one of them
        as spelled (else it is one sound longer or shorter than them: a typo)."""
        key = word_key(token)
        if self.count(token) > 0:
            return {key}, True
        if len(key) < NEAR_KEY_MIN or token.vowelless:
            return set(), False
        one_sound_less = {variant for variant in _deletions(key) if variant in self._postings}
        return one_sound_less | self._one_sound_more(key), False

    def windows(self, words: Sequence[TextWord]) -> set[tuple[int, int]]:
        """(first, last) word positions of the windows of a text worth screening."""
        stretches = list(_stretch_numbers(words))
        places: dict[str, set[tuple[int, int]]] = {}
        """Key -> (position, token number) of the tokens of the text that may be it."""
        lone: list[int] = []
        """Positions of words that are a listed name on their own."""
        reach: Counter[int] = Counter()
        """Listed name -> words of the text that may be one of its distinctive words."""
        for position, word in enumerate(words):
            if word.role is not Role.NAME:
                continue
            names: set[int] = set()
            for number, token in enumerate(word.tokens):
                if token.kind is TokenKind.WORD:
                    may_be, as_spelled = self.keys_of(token)
                    for key in may_be:
                        places.setdefault(key, set()).add((position, number))
                        names.update(self._postings.get(key, ()))
                    if as_spelled and token.text in self.lone_words:
                        lone.append(position)
            reach.update(names)
        found: set[tuple[int, int]] = set()
        for name, met in reach.items():
            keys = self._keys[name]
            if len(keys) > 1 and (met >= 2 or all(key in places for key in keys)):
                found |= self._name_windows(name, words, stretches, places)
        for position in lone:
            found |= _lone_spans(words, stretches, position)
        return found

    def _name_windows(
        self,
        name: int,
        words: Sequence[TextWord],
        stretches: Sequence[int],
        places: dict[str, set[tuple[int, int]]],
    ) -> set[tuple[int, int]]:
        """Windows of a text that may meet one listed name convincingly."""
        keys = self._keys[name]
        at = sorted({p for key in keys for p, _ in places.get(key, ())})
        found: set[tuple[int, int]] = set()
        for number, first in enumerate(at):
            group = {
                p
                for p in at[number:]
                if p - first < MAX_WINDOW_WORDS and stretches[p] == stretches[first]
            }
            within = {
                key: {slot for slot in places[key] if slot[0] in group}
                for key in keys
                if key in places
            }
            within = {key: slots for key, slots in within.items() if slots}
            if self._may_convince(name, within):
                left_out = len(set(keys)) - len(within)
                found |= _spans(words, stretches, first, max(group), left_out)
        return found

    def _may_convince(self, name: int, within: dict[str, set[tuple[int, int]]]) -> bool:
        """Whether the words of a window (key -> where) may meet a listed name of two words
        or more convincingly: two of its distinctive words at two places, or all its words
        at two places or more, one distinctive."""
        keys = self._keys[name]
        distinctive = [within[key] for key in self._distinctive[name] if key in within]
        if len(distinctive) >= 2 and len(set().union(*distinctive)) >= 2:
            return True
        every = len(within) == len(set(keys)) and len(set().union(*within.values())) >= 2
        return every and bool(distinctive)


def _solid(query: Token, listed: Token) -> bool:
    """Whether a word of a text met a listed word as evidence: as spelled, or, for a word
    long enough that another spelling is a variant or a typo of it, at all."""
    return query.text == listed.text or len(listed.text) >= EVIDENCE_MIN_LETTERS


def _stretch_numbers(words: Iterable[TextWord]) -> Iterator[int]:
    """For each word, the number of the stretch between breaks it stands in."""
    number = 0
    for word in words:
        if word.role is Role.BREAK:
            number += 1
        yield number


def _spans(
    words: Sequence[TextWord], stretches: Sequence[int], first: int, last: int, left_out: int
) -> set[tuple[int, int]]:
    """The window from ``first`` to ``last`` with the particles before it and the legal forms
    after it; and, when ``left_out`` words of the listed name were not met, the same with up
    to that many more words on either side."""

    def fits(position: int, roles: tuple[Role, ...]) -> bool:
        return (
            0 <= position < len(words)
            and stretches[position] == stretches[first]
            and words[position].role in roles
        )

    while fits(first - 1, _OPENING) and last - first + 1 < MAX_WINDOW_WORDS:
        first -= 1
    while fits(last + 1, (Role.TAIL,)) and last - first + 1 < MAX_WINDOW_WORDS:
        last += 1
    found = {(first, last)}
    start, end = first, last
    for _ in range(left_out):
        if fits(start - 1, _EXTRA) and end - start + 1 < MAX_WINDOW_WORDS:
            start -= 1
            found.add((start, last))
    for _ in range(left_out):
        if fits(end + 1, _EXTRA) and end - first + 1 < MAX_WINDOW_WORDS:
            end += 1
            found.add((first, end))
    return found


def _lone_spans(
    words: Sequence[TextWord], stretches: Sequence[int], position: int
) -> set[tuple[int, int]]:
    """Windows of a word that is a listed name on its own: with none, some or all of the
    particles and legal forms around it, and with the words of narratives and legal forms
    after it ("CHONMYONG SHIPPING CO"); none if a
    word that may be part of a name stands right before or after it (it is then a part of
    another name: "PEROTTI KAHANE", "SUCCESS DENTAL CHEMICALS OY")."""
    tight = _spans(words, stretches, position, position, 0)
    first, last = min(tight)[0], max(tight)[1]
    around = (first - 1, last + 1)
    if any(0 <= p < len(words) and words[p].role is Role.NAME for p in around):
        return set()
    found = {(start, last) for start in range(first, position + 1)}
    end = last
    while end + 1 < len(words) and words[end + 1].role in (Role.INNER, Role.TAIL):
        end += 1
        if end - first >= MAX_WINDOW_WORDS:
            break
        found.add((first, end))
    return found


class TextScanner:
    """Finds listed names inside free text through a :class:`Matcher`.

    Building one reads the words of every listed name of the matcher's index once
    (:class:`ListedWords`).
    """

    _CACHE_LIMIT = 100_000
    """Words of texts whose tokens are kept (texts repeat their vocabulary)."""

    def __init__(self, matcher: Matcher, threshold: float = TEXT_THRESHOLD) -> None:
        self.matcher = matcher
        self.threshold = threshold
        self.listed = ListedWords(matcher.index)
        self._words: dict[str, tuple[Role, tuple[Token, ...]]] = {}

    def words(self, text: str) -> list[TextWord]:
        """The words of ``text`` with their role in a name."""
        found = []
        for start, end, word, breaks in text_words(text):
            if breaks:
                found.append(TextWord(start, end, word, Role.BREAK, ()))
                continue
            role, tokens = self._read(word)
            found.append(TextWord(start, end, word, role, tokens))
        return found

    def _read(self, word: str) -> tuple[Role, tuple[Token, ...]]:
        folded = word.casefold()
        known = self._words.get(folded)
        if known is None:
            tokens = tuple(tokenize_name(word))
            known = (word_role(tokens), tokens)
            if len(self._words) >= self._CACHE_LIMIT:
                self._words.clear()
            self._words[folded] = known
        return known

    def windows(self, text: str) -> list[str]:
        """The windows of ``text`` that :meth:`scan` screens, as written."""
        return [text[start:end] for _, start, end in self._queries(self.words(text)).values()]

    def _queries(self, words: Sequence[TextWord]) -> dict[str, tuple[str, int, int]]:
        """Each window's words (case-folded) -> the query made of them and where it first
        stands in the text."""
        queries: dict[str, tuple[str, int, int]] = {}
        for first, last in sorted(self.listed.windows(words)):
            query = " ".join(word.text for word in words[first : last + 1])
            queries.setdefault(query.casefold(), (query, words[first].start, words[last].end))
        return queries

    def scan(self, text: str, limit: int = 10) -> list[TextHit]:
        """Listed names found in ``text``, best first (then by place), at most ``limit``;
        each entity once, with the window that met it best."""
        queries = self._queries(self.words(text))
        if not queries:
            return []
        name_hits = self.matcher.match_names(
            [query for query, _, _ in queries.values()],
            None,
            self.threshold,
            limit * MATCHER_HEADROOM,
            cut=False,  # a window is no field
            ranking=Ranking(by_kind=False),
        )
        found = []
        for name_hit in name_hits:
            if self.convincing(name_hit):
                _, start, end = queries[name_hit.query_name.casefold()]
                found.append(TextHit(start, end, text[start:end], name_hit))
        found.sort(key=lambda hit: (-hit.score, hit.start, hit.entity))
        return found[:limit]

    def convincing(self, hit: NameHit) -> bool:
        """Whether a name hit on a window is evidence enough in a text (module docs)."""
        if hit.score < self.threshold:
            return False
        comparison = hit.comparison
        listed = comparison.candidate.tokens
        identifying = {i for i, token in enumerate(listed) if _is_identifying(token)}
        met: set[int] = set()
        evidence = 0
        """Aligned pairs of solid evidence with a distinctive listed word."""
        pairs = 0
        solid = True
        for query_mask, listed_mask, _, how in comparison.alignment:
            if how in (How.INITIAL, How.ACRONYM):
                continue
            positions = {i for i in identifying if listed_mask >> i & 1}
            if not positions:
                continue
            if len(identifying) == 1:
                return self._lone_name(hit, listed[positions.pop()], how)
            met |= positions
            pairs += 1
            query = comparison.query.tokens[query_mask.bit_length() - 1]
            sound = [i for i in positions if _solid(query, listed[i])]
            solid = solid and bool(sound)
            evidence += any(self.listed.is_distinctive(listed[i]) for i in sound)
        if evidence >= 2:
            return True
        return evidence == 1 and solid and pairs >= 2 and met == identifying

    def _lone_name(self, hit: NameHit, word: Token, how: How) -> bool:
        """Whether a window meets a single-word listed name convincingly."""
        return (
            how is How.EXACT
            and hit.score >= LONE_MIN_SCORE
            and word.text in self.listed.lone_words
            and hit.listed.kind is not NameKind.WEAK_ALIAS
            and self.matcher.index.entity(hit.entity).schema is not Schema.PERSON
        )
