"""Blocking keys: what meeting under a key tells of how alike two words can be."""

from __future__ import annotations

import random

import numpy as np
from rapidfuzz.distance import OSA

from watchkeeper.match.blocking import (
    Likeness,
    LikenessTable,
    fewest_edits,
    letter_mask,
    likeness,
    spelled_likeness,
)
from watchkeeper.match.tokensim import MAX_EDITS, SimilarityParams, token_similarity
from watchkeeper.model import Entity
from watchkeeper.text.scripts import Script
from watchkeeper.text.tokens import NameStyle, Token, TokenKind, tokenize_name


def test_the_likeness_table_gives_what_likeness_computes() -> None:
    params = SimilarityParams()
    table = LikenessTable(params)
    kinds, lengths, listed = np.indices((len(Likeness), 80, 80)).reshape(3, -1)
    kinds = kinds.astype(np.uint8)
    computed = likeness(kinds, lengths, listed, params)
    assert np.array_equal(table(kinds, lengths, listed), computed)  # longer words: computed
    short = (lengths < 40) & (listed < 40)
    assert np.array_equal(table(kinds[short], lengths[short], listed[short]), computed[short])


def _latin_words(un_entities: dict[str, Entity]) -> list[Token]:
    """The distinct Latin words of the UN list's names."""
    words = {
        token.text: token
        for entity in un_entities.values()
        for name in entity.names
        for token in tokenize_name(name.full, NameStyle.PERSON)
        if token.kind is TokenKind.WORD and token.script is Script.LATIN
    }
    return list(words.values())


def test_letters_and_lengths_never_count_more_edits_than_there_are(
    un_entities: dict[str, Entity],
) -> None:
    words = _latin_words(un_entities)
    rng = random.Random(5)
    pairs = [(rng.choice(words).text, rng.choice(words).text) for _ in range(20_000)]
    pairs += [(text, text[:1] + text[2:]) for text, _ in pairs[:2000]]  # a letter dropped
    first, second = ([pair[side] for pair in pairs] for side in (0, 1))
    fewest = fewest_edits(
        np.array([letter_mask(text) for text in first], dtype=np.uint64),
        np.array([letter_mask(text) for text in second], dtype=np.uint64),
        np.array([len(text) for text in first]),
        np.array([len(text) for text in second]),
    )
    edits = np.array([OSA.distance(a, b) for a, b in pairs])
    assert (fewest <= edits).all()
    assert (fewest == edits).mean() > 0.2, "the bound tells something"


def test_latin_words_with_other_keys_are_never_more_alike_than_their_letters_allow(
    un_entities: dict[str, Entity],
) -> None:
    """What :meth:`Searcher._spelled` relies on: :func:`spelled_likeness` bounds
    :func:`token_similarity` for Latin words whose keys differ, on real listed words paired
    at random and with a letter changed, dropped or swapped."""
    params = SimilarityParams()
    words = _latin_words(un_entities)
    rng = random.Random(3)
    pairs = [(rng.choice(words), rng.choice(words)) for _ in range(20_000)]
    for word in rng.sample(words, 2000):
        text = word.text
        at = rng.randrange(len(text))
        for changed in (
            text[:at] + "k" + text[at + 1 :],
            text[:at] + text[at + 1 :],
            text[:at] + text[at + 1 : at + 2] + text[at : at + 1] + text[at + 2 :],
        ):
            for token in tokenize_name(changed, NameStyle.PERSON):
                pairs.append((word, token))
    pairs = [(a, b) for a, b in pairs if a.key != b.key and b.kind is TokenKind.WORD]
    edits = np.array([min(OSA.distance(a.text, b.text), MAX_EDITS + 1) for a, b in pairs])
    longest = np.array([max(len(a.text), len(b.text)) for a, b in pairs])
    ceilings = spelled_likeness(edits, longest, params)
    similarities = np.array([token_similarity(a, b, params)[0] for a, b in pairs])
    assert (similarities <= ceilings + 1e-12).all()
    assert ((similarities > 0.65) & (ceilings < 1)).sum() > 100, "pairs near the floor"
