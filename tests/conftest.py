"""Shared fixtures: where the real reference data lives."""

from __future__ import annotations

from pathlib import Path

import pytest

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
