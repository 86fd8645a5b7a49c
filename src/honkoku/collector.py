"""Fewer runs of Python's cyclic garbage collector during a build.

A build allocates millions of short-lived objects (spans, nodes, mentions
read back from the cache) and makes few reference cycles, but with the
default threshold (700 allocations) the collector runs thousands of times
and, as the live objects grow, each run of the oldest generation walks all of
them: 2.8 s of 11 s in the site stage of a 10,000-document edition, about 5 %
of a TEI conversion. Objects alive when the work starts (modules, compiled
patterns, templates) are frozen out of collection; the first generation is
collected every 100,000 allocations. Memory stays bounded: collections still
run, and what they free is the few cycles the work makes.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

THRESHOLDS = (100_000, 50, 100)


def relax() -> None:
    """For a process that does one job and exits (a conversion worker)."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)


@contextmanager
def relaxed() -> Iterator[None]:
    """For a stage inside a longer process (the site stage, in ``build`` or ``serve``): put back after."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
