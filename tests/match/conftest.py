"""Real list data for the matching tests: word weights over the OFAC SDN primary names."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from watchkeeper.match.weights import TokenWeights


@pytest.fixture(scope="session")
def listed_weights(lists_dir: Path) -> TokenWeights:
    path = lists_dir / "ofac_sdn_2024" / "sdn_2024-05-03.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        names = [row[1] for row in csv.reader(handle) if len(row) > 1]
    return TokenWeights.from_names(names)
