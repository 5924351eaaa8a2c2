"""Use every core for the build's per-item work, with the same result as one process.

Forked workers see everything the parent holds (content, views, compiled
templates) without copying it; only each item's small result comes back, in
the input order, so output never depends on how the work was split.

The workers are plain ``os.fork`` children, started for one step and gone at its end, and
this process works beside them: they take batches from the front of a queue (two numbers in
memory they share, under a lock), it takes them from the back, so the work stays even; each
worker hands its results back at its end through a file in memory (memfd). A
``concurrent.futures`` pool of N workers beside an idle parent did the same for 15-20 ms more
a step (its import, its threads and queues, one more fork): at 1,000 papers, four steps use
workers (benchmarks/README.md, ninth round).
"""
from __future__ import annotations

import fcntl
import gc
import mmap
import os
import pickle
import signal
import struct
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

MIN_ITEMS = 500       # below this, starting workers costs more than it saves (1k papers: 0.88 -> 0.67 s)
# Seconds of work (this process's CPU time) left that pay for starting workers: forking costs
# a few ms, each worker copies the pages of the heap it touches (reference counts) and its
# results must come back pickled. A step with no cost of its own
# declared (``min_items``) starts in this process and goes to workers only once the items it
# has done say that the rest would take longer than this (benchmarks/README.md, eighth round).
WORTH_WORKERS = 0.1
_MEASURE_EVERY = 32   # items between two looks at the clock
_BOUNDS = struct.Struct("=QQ")    # the queue: the first batch not taken, and the end of those not taken

_busy = 0             # > 0 while workers run (and in a worker): map_items then works alone


_libc_loaded = None


def _libc():
    global _libc_loaded
    if _libc_loaded is None:
        import ctypes

        _libc_loaded = ctypes.CDLL("libc.so.6")
    return _libc_loaded


def _release_free_memory() -> None:
    """Hand back to the system the memory earlier stages freed (parsing, pickling), so that
    neither this process nor the workers it forks carry it: at 10k papers, ~100 MB."""
    try:
        _libc().malloc_trim(0)
    except (OSError, AttributeError):     # not glibc: nothing to do
        pass


def workers(jobs: int) -> int:
    """``jobs`` <= 0 means one worker per core."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def can_fork() -> bool:
    return hasattr(os, "fork")


class WorkerError(RuntimeError):
    """A worker stopped without handing back its results (killed, out of memory), or failed with
    an error that cannot be handed back as it is: its traceback is in the message."""


class Workers:
    """``size`` processes for each ``map`` (see ``pool``): forked workers, and this one when it
    joins them."""

    def __init__(self, size: int):
        self.size = size

    def map(self, run: Callable[[int], object], batches: int, here: Callable[[], None] | None = None,
            join: bool = False) -> list:
        """[run(0), ..., run(batches - 1)]: workers forked now (they see this process as it is) take
        batch numbers from the front of a queue until none is left. ``here``: what this process
        does meanwhile; with ``join``, it then takes batches from the back of the queue (its
        results stay together, after the workers') and ``size - 1`` workers are forked (a fork
        of a large process costs a few ms); without, ``size`` are, and this process waits."""
        queue = _Queue(batches)
        children: list[tuple[int, int]] = []
        try:
            parent = os.getpid()
            for _ in range(min(self.size - join, batches)):
                results = _memory_file()
                pid = os.fork()
                if pid == 0:                           # the worker: never returns
                    _work(run, queue, results, parent)
                children.append((pid, results))
            done: dict[int, object] = {}
            if here is not None:
                here()
            if join:
                _take(run, queue, done, front=False)
            while children:
                pid, results = children.pop(0)
                done.update(_collect(pid, results))
            return [done[i] for i in range(batches)]
        finally:
            queue.close()
            for pid, results in children:      # an error here: the workers are not needed any more
                try:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                except OSError:
                    pass
                os.close(results)


class _Queue:
    """The batch numbers not yet taken, ``[first, end)``, in memory the forked processes share;
    a POSIX lock on a file (each process holds it for itself, and the system drops it with a
    killed one) makes taking one atomic."""

    def __init__(self, batches: int):
        self.shared = mmap.mmap(-1, _BOUNDS.size)        # anonymous and shared: seen by the workers
        _BOUNDS.pack_into(self.shared, 0, 0, batches)
        self.lock = _memory_file()

    def take(self, front: bool) -> int | None:
        fcntl.lockf(self.lock, fcntl.LOCK_EX)
        try:
            first, end = _BOUNDS.unpack_from(self.shared)
            if first >= end:
                return None
            if front:
                _BOUNDS.pack_into(self.shared, 0, first + 1, end)
                return first
            _BOUNDS.pack_into(self.shared, 0, first, end - 1)
            return end - 1
        finally:
            fcntl.lockf(self.lock, fcntl.LOCK_UN)

    def close(self) -> None:
        self.shared.close()
        os.close(self.lock)


def _memory_file() -> int:
    try:
        return os.memfd_create("site-builder-results", os.MFD_CLOEXEC)
    except (AttributeError, OSError):       # no memfd: an unnamed temporary file
        import tempfile

        return os.dup(tempfile.TemporaryFile().fileno())


def _take(run, queue: _Queue, done: dict, front: bool = True) -> None:
    while True:
        number = queue.take(front)
        if number is None:
            return
        done[number] = run(number)


def _work(run, queue: _Queue, results: int, parent: int) -> None:
    """A worker's life: batches from the queue until it is empty, then its results, pickled, in
    ``results``; it leaves without running anything of the parent's at exit."""
    global _busy
    status = 0
    try:
        try:
            _libc().prctl(1, signal.SIGKILL)       # PR_SET_PDEATHSIG: a killed build leaves no worker behind
        except (OSError, AttributeError):
            pass
        if os.getppid() != parent:
            os._exit(1)
        _busy += 1
        done: dict[int, object] = {}
        _take(run, queue, done)
        payload = (True, done)
    except BaseException as exc:       # handed to the parent, which raises it
        status, payload = 1, (False, exc)
    try:
        with open(results, "wb", closefd=False) as file:
            try:
                pickle.dump(payload, file, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                import traceback

                file.seek(0)
                file.truncate()
                text = "".join(traceback.format_exception(payload[1])) if not payload[0] else traceback.format_exc()
                pickle.dump((False, WorkerError(f"a worker failed:\n{text}")), file)
                status = 1
    finally:
        os._exit(status)


def _collect(pid: int, results: int) -> dict:
    _, status = os.waitpid(pid, 0)
    try:
        os.lseek(results, 0, os.SEEK_SET)
        with open(results, "rb", closefd=False) as file:
            payload = pickle.load(file)
    except Exception:
        payload = None
    finally:
        os.close(results)
    if payload is None:
        code = os.waitstatus_to_exitcode(status)
        how = f"signal {-code}" if code < 0 else f"exit status {code}"
        raise WorkerError(f"a worker process stopped ({how}) without handing back what it made")
    ok, value = payload
    if not ok:
        raise value
    return value


@contextmanager
def pool(jobs: int) -> Iterator[Workers]:
    """Forked workers; while they run, ``map_items`` in this process works alone: the cores
    are taken (pages render in workers while this process makes the search index)."""
    global _busy
    gc.freeze()     # workers would otherwise copy every page the collector touches
    _release_free_memory()
    _busy += 1
    try:
        yield Workers(workers(jobs))
    finally:
        _busy -= 1


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
    first, size = len(done), -(-(len(items) - len(done)) // (n * 4))
    bounds = [(i, min(i + size, len(items))) for i in range(first, len(items), size)]

    def run(batch: int) -> list:
        start, end = bounds[batch]
        return [function(item) for item in items[start:end]]

    with pool(jobs) as workers_:
        parts = workers_.map(run, len(bounds), join=True)
    return done + [result for part in parts for result in part]


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
