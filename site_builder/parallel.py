"""Use every core for the build's per-item work, with the same result as one process.

Forked workers see everything the parent holds (content, views, compiled
templates) without copying it; only each item's small result comes back, in
the input order, so output never depends on how the work was split.

The workers are plain ``os.fork`` children, started for one step and gone at its end, and
this process works beside them: they take batches from the front of a queue (two numbers in
memory they share, under a lock), it takes them from the back, so the work stays even; each
worker appends each batch's results to a file in memory (memfd), which this process reads
between its own batches. A
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
_LENGTH = struct.Struct("=Q")     # a record's length, before it, in a worker's results
_BATCH, _DONE, _FAILED = range(3)  # what a record holds

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


def core_free() -> bool:
    """Whether a core is free for a process beside this one: fewer processes running right now
    (this one counts) than cores (Linux's /proc/loadavg; elsewhere, the load over the last minute
    below the number of cores). Work done beside the build pays only then: on cores all taken, a
    forked process waits for one and copies the pages it touches, costing more than it saves
    (benchmarks/README.md, eleventh round)."""
    cores = os.cpu_count() or 1
    try:
        with open("/proc/loadavg", "rb") as f:
            return int(f.read().split()[3].split(b"/")[0]) < cores
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.getloadavg()[0] < cores
    except (OSError, AttributeError):
        return False


def busy() -> bool:
    """Whether workers run (or this is one): then this process works alone."""
    return _busy > 0


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
        children: list[_Worker] = []
        try:
            parent = os.getpid()
            for _ in range(min(self.size - join, batches)):
                results = _memory_file()
                pid = os.fork()
                if pid == 0:                           # the worker: never returns
                    _work(run, queue, results, parent)
                children.append(_Worker(pid, results))
            done: dict[int, object] = {}
            if here is not None:
                here()
            if join:
                while (number := queue.take(front=False)) is not None:
                    done[number] = run(number)
                    for child in children:         # what the workers made so far, read meanwhile
                        child.read(done)
            while children:
                children[0].finish(done)
                children.pop(0)
            return [done[i] for i in range(batches)]
        finally:
            queue.close()
            for child in children:      # an error here: the workers are not needed any more
                child.stop()


class Forked:
    """``run()`` worked out by one forked process (a worker of one batch, alone in it) while this
    one goes on: ``result()`` waits for it and gives its result, or raises what stopped it (its
    error, or WorkerError when it was killed); ``stop()`` ends it unasked. Raises OSError when no
    process can be forked."""

    def __init__(self, run: Callable[[], object]):
        self._queue = _Queue(1)
        results = _memory_file()
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:
            os.close(results)
            self._queue.close()
            raise
        if pid == 0:                    # the worker: never returns
            _work(lambda _: run(), self._queue, results, parent)
        self._worker = _Worker(pid, results)

    def result(self):
        done: dict[int, object] = {}
        try:
            self._worker.finish(done)
        finally:
            self.stop()
        return done[0]

    def stop(self) -> None:
        if self._queue is not None:
            self._worker.stop()
            self._queue.close()
            self._queue = None


class _Worker:
    """A forked worker, and what it hands back: a file in memory where it appends a record
    (length, then pickle) for each batch as it makes it, then one that says it is done (or
    the error that stopped it). This process reads the records as they come, between its own
    batches: a large result is not all read back at the end (55,000 fragments at 10k papers)."""

    def __init__(self, pid: int, results: int):
        self.pid, self.results, self.offset, self.ended = pid, results, 0, False

    def read(self, done: dict) -> None:
        size = os.fstat(self.results).st_size
        while not self.ended and size - self.offset >= _LENGTH.size:
            length, = _LENGTH.unpack(os.pread(self.results, _LENGTH.size, self.offset))
            if size - self.offset - _LENGTH.size < length:
                return              # still being written
            try:
                kind, value = pickle.loads(os.pread(self.results, length, self.offset + _LENGTH.size))
            except Exception as exc:       # an error of a kind that does not unpickle
                kind, value = _FAILED, WorkerError(f"a worker failed, and what it said cannot be read back: {exc!r}")
            self.offset += _LENGTH.size + length
            if kind == _BATCH:
                done[value[0]] = value[1]
            elif kind == _FAILED:
                self.ended = True
                raise value
            else:
                self.ended = True

    def finish(self, done: dict) -> None:
        """Wait for the worker to end; its results into ``done``, or its error raised."""
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        try:
            self.read(done)
        finally:
            os.close(self.results)
            self.results = -1
        if not self.ended:
            code = os.waitstatus_to_exitcode(status)
            how = f"signal {-code}" if code < 0 else f"exit status {code}"
            raise WorkerError(f"a worker process stopped ({how}) without handing back what it made")

    def stop(self) -> None:
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = 0
        if self.results >= 0:
            os.close(self.results)
            self.results = -1


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


def _work(run, queue: _Queue, results: int, parent: int) -> None:
    """A worker's life: batches from the front of the queue until it is empty, each one's
    results appended to ``results`` (see ``_Worker``); it leaves without running anything of
    the parent's at exit."""
    global _busy
    status = 0
    try:
        try:
            try:
                _libc().prctl(1, signal.SIGKILL)       # PR_SET_PDEATHSIG: a killed build leaves no worker behind
            except (OSError, AttributeError):
                pass
            if os.getppid() != parent:
                os._exit(1)
            _busy += 1
            while (number := queue.take(front=True)) is not None:
                _append(results, _BATCH, (number, run(number)))
            _append(results, _DONE, None)
        except BaseException as exc:       # handed to the parent, which raises it
            status = 1
            try:
                _append(results, _FAILED, exc)
            except Exception:              # an error that does not pickle: its traceback, as text
                import traceback

                text = "".join(traceback.format_exception(exc))
                _append(results, _FAILED, WorkerError(f"a worker failed:\n{text}"))
    finally:
        os._exit(status)


def _append(results: int, kind: int, value) -> None:
    data = pickle.dumps((kind, value), protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(results, view):]


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
