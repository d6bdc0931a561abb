"""Pausing Python's cyclic garbage collector while a run builds its data.

A check allocates millions of small objects (claims, tuples, decoded rows) that live to the
end of the run. The cyclic collector is triggered by allocation counts and each full pass
traverses every live object, so on a large corpus it ran again and again over the same
claims: on 10,000 articles it took over half of the time of decoding the claim cache. The
data factlint builds holds no reference cycles that need collecting during a run, so the
collector is paused while it runs and restored afterwards (reference counting still frees
everything else at once).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic collector off inside the block, and back as it was after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
