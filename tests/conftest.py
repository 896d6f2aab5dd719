"""Shared fixtures: where the real reference data lives, and the UN list read from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchkeeper.model import Entity
from watchkeeper.sources import un

SHARED_DATA = (Path(__file__).resolve().parents[1] / ".." / "shared" / "data").resolve()
LISTS = SHARED_DATA / "lists"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` next to the repository (read-only)."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"reference data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def lists_dir(shared_data: Path) -> Path:
    """``../shared/data/lists``: the real sanctions list files."""
    return shared_data / "lists"


@pytest.fixture(scope="session")
def un_entities(lists_dir: Path) -> dict[str, Entity]:
    """The UN Security Council consolidated list of 2026-02-27, by entity id."""
    path = lists_dir / "un" / "un_consolidated_2026-02-27.xml"
    return {entity.id: entity for entity in un.FORMATS[0].parse([path]).entities}
