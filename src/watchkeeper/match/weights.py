"""How much a word of a name tells: rare words a lot, "Mohammed" or "Trading" little.

A :class:`TokenWeights` table counts, over a corpus of listed names, in how many names each
word occurs (by phonetic key, so that spelling variants share one count; by consonant
skeleton for words written without vowels).  The weight of a word falls with the log of that
count (inverse document frequency, raised to ``steepness``) from 1 for words rarer than
``full_weight_share`` of the names to ``floor`` for the most common ones.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from watchkeeper.text.tokens import NameStyle, Token, TokenKind, tokenize_name


class TokenWeights:
    """Word weights from document frequencies over a corpus of names."""

    def __init__(
        self,
        key_counts: Counter[str],
        skeleton_counts: Counter[str],
        names: int,
        full_weight_share: float = 0.003,
        floor: float = 0.15,
        steepness: float = 1.0,
    ) -> None:
        self._key_counts = key_counts
        self._skeleton_counts = skeleton_counts
        self._names = names
        self._log_names = math.log(names + 1)
        self._full_idf = -math.log(full_weight_share)
        self.full_weight_share = full_weight_share
        self.floor = floor
        self.steepness = steepness

    def with_curve(self, full_weight_share: float, floor: float, steepness: float) -> TokenWeights:
        """The same counts with another weight curve."""
        return TokenWeights(
            self._key_counts,
            self._skeleton_counts,
            self._names,
            full_weight_share,
            floor,
            steepness,
        )

    @classmethod
    def from_names(cls, names: Iterable[str], style: NameStyle = NameStyle.ANY) -> TokenWeights:
        """Count the words of a corpus of names (each word once per name)."""
        return cls.from_tokenized(tokenize_name(name, style) for name in names)

    @classmethod
    def from_tokenized(cls, names: Iterable[Iterable[Token]]) -> TokenWeights:
        """Count the words of a corpus of names already cut into tokens."""
        key_counts: Counter[str] = Counter()
        skeleton_counts: Counter[str] = Counter()
        total = 0
        for tokens in names:
            words = [t for t in tokens if t.kind is TokenKind.WORD]
            key_counts.update({token.key for token in words})
            skeleton_counts.update({token.skeleton for token in words})
            total += 1
        return cls(key_counts, skeleton_counts, total)

    def counts(self) -> tuple[Counter[str], Counter[str], int]:
        """The counts behind the weights: by phonetic key, by skeleton, and the names counted
        (``TokenWeights(*weights.counts())`` rebuilds the table with the default curve)."""
        return self._key_counts, self._skeleton_counts, self._names

    def weight(self, token: Token) -> float:
        """The weight of an ordinary word, in ``floor``..1."""
        if token.vowelless:
            count = self._skeleton_counts.get(token.skeleton, 0)
        else:
            count = self._key_counts.get(token.key, 0)
        idf = self._log_names - math.log(count + 1)
        share: float = max(0.0, min(1.0, idf / self._full_idf))
        return max(self.floor, math.pow(share, self.steepness))
