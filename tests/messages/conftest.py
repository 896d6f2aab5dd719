"""A message screener over the UN consolidated list, for the message tests."""

from __future__ import annotations

import pytest

from watchkeeper.match.index import CandidateIndex
from watchkeeper.message_screening import MessageScreener
from watchkeeper.model import Entity


@pytest.fixture(scope="session")
def un_message_screener(un_entities: dict[str, Entity]) -> MessageScreener:
    """Screens message units against the UN list of 2026-02-27 under the default policy."""
    return MessageScreener(CandidateIndex.build(list(un_entities.values())))
