"""Real list data for the matching tests: word weights over the OFAC SDN primary names, and
the entities of the UN consolidated list."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from watchkeeper.match.weights import TokenWeights
from watchkeeper.model import Entity
from watchkeeper.sources import un


@pytest.fixture(scope="session")
def listed_weights(lists_dir: Path) -> TokenWeights:
    path = lists_dir / "ofac_sdn_2024" / "sdn_2024-05-03.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        names = [row[1] for row in csv.reader(handle) if len(row) > 1]
    return TokenWeights.from_names(names)


@pytest.fixture(scope="session")
def un_entities(lists_dir: Path) -> dict[str, Entity]:
    """The UN Security Council consolidated list of 2026-02-27, by entity id."""
    path = lists_dir / "un" / "un_consolidated_2026-02-27.xml"
    return {entity.id: entity for entity in un.FORMATS[0].parse([path]).entities}
