"""Work spread over processes that inherit the parent's loaded match index.

Loading an index takes a fraction of a second but building a second copy of it in every
worker would double the memory; on Linux a forked worker shares the parent's pages until it
writes to them.  ``forked_map`` hands each worker a task at a time and gives the results
back in the order of the tasks, with a bounded number in flight, so a long stream of tasks
(a 50 MB bulk payment file) never piles up in memory.

What outlives a task (the index, the caches of the words and names met so far, what the
worker inherited) lives as long as the process, so after each task it is frozen out of the
cyclic garbage collector's sight (``gc.freeze``): else each full collection walks the
caches again, a tenth of the screening time of a batch of 10,000 names.  Screening leaves no
cyclic garbage behind for the collector to find (none after 10,000 names, nor after 300
payments and a manifest of 200 passengers), and objects frozen are still freed when nothing
refers to them.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar

Shared = TypeVar("Shared")
Task = TypeVar("Task")
Result = TypeVar("Result")

_inherited: tuple[Callable[[Any, Any], Any], Any] | None = None
"""The work function and its shared state, as the forked workers find them."""


def forked_map(
    work: Callable[[Shared, Task], Result],
    shared: Shared,
    tasks: Iterable[Task],
    workers: int,
) -> Iterator[Result]:
    """``work(shared, task)`` for every task, in task order, run by ``workers`` forked
    processes (in this process when ``workers`` is 1).  ``shared`` (the screener with its
    index) is inherited, never pickled; tasks and results are."""
    if workers <= 1:
        yield from (_run(work, shared, task) for task in tasks)
        return
    global _inherited
    _inherited = (work, shared)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pending: deque[AsyncResult[Result]] = deque()
            for task in tasks:
                pending.append(pool.apply_async(_run_inherited, (task,)))
                if len(pending) >= 2 * workers:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
    finally:
        _inherited = None


def _run_inherited(task: Any) -> Any:
    assert _inherited is not None, "forked_map workers must be forked from its caller"
    work, shared = _inherited
    return _run(work, shared, task)


def _run(work: Callable[[Shared, Task], Result], shared: Shared, task: Task) -> Result:
    """``work(shared, task)``, then every object alive frozen (see the module doc)."""
    result = work(shared, task)
    gc.freeze()
    return result
