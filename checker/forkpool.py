"""Work shared by forked processes that inherit what the parent holds.

A forked process starts with a copy of the parent's memory, so a function that reads the
corpus, its claims or a rule context needs nothing sent to it but an index: only its result
comes back (pickled). :func:`fork_map` runs such a function over ``range(count)``; where no
process can be forked (no ``fork`` start method, other threads running) or the pool fails, it
returns ``None`` and the caller computes the same values itself. Results come back in index
order, so the output does not depend on how the work was shared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

T = TypeVar("T")

_TASK: list[Callable[[int], Any]] = []
"""The function of the map in progress, which the forked processes inherit."""


def fork_context() -> BaseContext | None:
    """The ``fork`` start method when it is available and safe (no other thread runs), else ``None``."""
    import multiprocessing
    import threading

    # fork shares the loaded interpreter (compiled patterns); only safe without other threads.
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return None


def _run(index: int) -> Any:
    return _TASK[-1](index)


def fork_map(fn: Callable[[int], T], count: int, jobs: int) -> list[T] | None:
    """``[fn(0), ..., fn(count - 1)]`` computed by up to ``jobs`` forked processes, or ``None``
    when that cannot be done here (``jobs`` below 2, fewer than two items, no fork, a failed
    pool): the caller then computes the values itself."""
    context = fork_context()
    if jobs < 2 or count < 2 or context is None:
        return None
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _TASK.append(fn)
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, count), mp_context=context) as pool:
            return list(pool.map(_run, range(count)))
    except (OSError, BrokenProcessPool, ImportError):
        return None
    finally:
        _TASK.pop()
