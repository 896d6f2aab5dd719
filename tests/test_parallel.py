"""forked_map: results in task order from forked workers that inherit the shared state, and
what outlives a task frozen out of the garbage collector's sight."""

from __future__ import annotations

import gc
import os

import pytest

from watchkeeper.parallel import forked_map


def _square(offset: int, task: int) -> tuple[int, int]:
    return task * task + offset, os.getpid()


def test_results_come_in_task_order_from_the_workers() -> None:
    found = list(forked_map(_square, 100, range(40), workers=2))
    assert [value for value, _ in found] == [task * task + 100 for task in range(40)]
    assert os.getpid() not in {pid for _, pid in found}


def _keep(kept: list[list[int]], task: int) -> int:
    """Keep a new container (as a cache does), and say how many objects were frozen before
    this task."""
    frozen = gc.get_freeze_count()
    kept.append([task])
    return frozen


@pytest.mark.parametrize("workers", [1, 2])
def test_what_outlives_a_task_is_frozen(workers: int) -> None:
    kept: list[list[int]] = []
    try:
        before = gc.get_freeze_count()
        frozen = list(forked_map(_keep, kept, range(6), workers))
        # Only a worker's first task finds nothing frozen.
        assert sum(count == before for count in frozen) <= workers
        assert all(count >= before for count in frozen)
        if workers == 1:
            assert len(kept) == 6
            collected = {id(item) for item in gc.get_objects()}
            assert not any(id(item) in collected for item in kept)
    finally:
        gc.unfreeze()
