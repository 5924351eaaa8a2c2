"""Use every core for the build's per-item work, with the same result as one process.

Forked workers see everything the parent holds (content, views, compiled
templates) without copying it; only each item's small result comes back, in
the input order, so output never depends on how the work was split.
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
import time
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager

MIN_ITEMS = 500       # below this, starting workers costs more than it saves (1k papers: 0.88 -> 0.67 s)
# Seconds of work (this process's CPU time) left that pay for starting workers: a pool costs
# 15-20 ms of forking, each worker copies the pages of the heap it touches (reference counts)
# and its results must come back pickled. A step with no cost of its own
# declared (``min_items``) starts in this process and goes to workers only once the items it
# has done say that the rest would take longer than this (benchmarks/README.md, eighth round).
WORTH_WORKERS = 0.1
_MEASURE_EVERY = 32   # items between two looks at the clock

_task = None          # (function, items) set before the fork, read by the workers


def _release_free_memory() -> None:
    """Hand back to the system the memory earlier stages freed (parsing, pickling), so that
    neither this process nor the workers it forks carry it: at 10k papers, ~100 MB."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):     # not glibc: nothing to do
        pass


def workers(jobs: int) -> int:
    """``jobs`` <= 0 means one worker per core."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def can_fork() -> bool:
    return "fork" in mp.get_all_start_methods()


def _run(bounds: tuple[int, int]) -> list:
    function, items = _task
    return [function(item) for item in items[bounds[0]:bounds[1]]]


@contextmanager
def pool(jobs: int) -> Iterator[Executor]:
    """Forked workers; while they run, ``map_items`` in this process works alone: the cores
    are taken (pages render in workers while this process makes the search index)."""
    global _busy
    gc.freeze()     # workers would otherwise copy every page the collector touches
    _release_free_memory()
    _busy += 1
    try:
        with ProcessPoolExecutor(workers(jobs), mp_context=mp.get_context("fork")) as executor:
            yield executor
    finally:
        _busy -= 1


_busy = 0


def map_items(function, items: list, jobs: int, min_items: int | None = None) -> list:
    """[function(item) for item in items], split over forked workers when that pays.

    ``function`` runs in the workers on the parent's data as it was at this call;
    its results must pickle.
    """
    n = workers(jobs)
    if n <= 1 or len(items) < max(1, MIN_ITEMS if min_items is None else min_items) or not can_fork() or _busy:
        return [function(item) for item in items]
    done = _while_short(function, items) if min_items is None and MIN_ITEMS else []
    if len(done) == len(items):
        return done
    global _task
    _task = (function, items)
    size = -(-(len(items) - len(done)) // (n * 4))
    try:
        with pool(jobs) as executor:
            parts = executor.map(_run, [(i, i + size) for i in range(len(done), len(items), size)])
            return done + [result for part in parts for result in part]
    finally:
        _task = None


def _while_short(function, items: list) -> list:
    """The results of the first items, made here until what is left looks worth the workers'
    cost (``WORTH_WORKERS``): all of them for a cheap step (the citation keys, names, a small
    site's entries), the first few dozen for a costly one. Only when the work is split depends
    on the clock; the results are the same."""
    done = [function(item) for item in items[:_MEASURE_EVERY]]      # the first ones warm up (templates...): not timed
    clock = time.process_time
    started, first = clock(), len(done)
    for start in range(first, len(items), _MEASURE_EVERY):
        done.extend(function(item) for item in items[start:start + _MEASURE_EVERY])
        spent = clock() - started
        if spent * (len(items) - len(done)) >= WORTH_WORKERS * (len(done) - first):
            break
    return done
