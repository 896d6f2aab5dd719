"""Blocking keys: what meeting under a key tells of how alike two words can be."""

from __future__ import annotations

import numpy as np

from watchkeeper.match.blocking import Likeness, LikenessTable, likeness
from watchkeeper.match.tokensim import SimilarityParams


def test_the_likeness_table_gives_what_likeness_computes() -> None:
    params = SimilarityParams()
    table = LikenessTable(params)
    kinds, lengths, listed = np.indices((len(Likeness), 80, 80)).reshape(3, -1)
    kinds = kinds.astype(np.uint8)
    computed = likeness(kinds, lengths, listed, params)
    assert np.array_equal(table(kinds, lengths, listed), computed)  # longer words: computed
    short = (lengths < 40) & (listed < 40)
    assert np.array_equal(table(kinds[short], lengths[short], listed[short]), computed[short])
